-- The canonical warehouse: what `revops-report load` writes. Every format (HubSpot, Salesforce,
-- Fivetran, canonical CSV) lands in these tables; the models in staging/ read only these.
-- Keys are kept by the loader's merges (no index constraints: they slow bulk loads and
-- DuckDB checks them eagerly inside a transaction). Every loaded row remembers its load, file and row so an analyst can trace a number back.
-- docs/data-model.md documents each column.

create sequence if not exists load_id_seq start 1;

-- one row per file loaded (a file skipped as already loaded gets no new row)
create table if not exists load_runs (
  load_id        integer primary key,
  path           varchar not null,
  file_name      varchar not null,
  detected_crm   varchar not null,   -- hubspot | salesforce | fivetran | canonical | mapping
  object         varchar not null,   -- leads | stage_events | activities | owners | ...
  variant        varchar,            -- the export shape recognised, e.g. 'hubspot_contacts_ui'
  checksum       varchar not null,   -- sha256 of the file bytes
  encoding       varchar not null,
  delimiter      varchar not null,
  snapshot_at    timestamptz,        -- the export time the file speaks for
  rows_read      integer not null,
  rows_loaded    integer not null,
  rows_rejected  integer not null,
  rows_duplicate integer not null,
  started_at     timestamptz not null,
  finished_at    timestamptz not null,
  naive_timestamps integer,          -- values without an offset or zone word, read in zone_assumed
  zone_assumed   varchar,            -- the IANA zone they were read in (NULL: none were naive)
  zone_source    varchar             -- option | config | file | default (default = UTC assumed)
);
-- warehouses made before the zone columns existed get them
alter table load_runs add column if not exists naive_timestamps integer;
alter table load_runs add column if not exists zone_assumed varchar;
alter table load_runs add column if not exists zone_source varchar;

-- one row per input row that could not be used, with why
create table if not exists rejected_rows (
  load_id     integer not null,
  path        varchar not null,
  line_number integer,               -- physical line in the file (1 = header), when known
  row_number  integer,               -- data record number (1 = first record after the header)
  raw_line    varchar,
  reason      varchar not null
);

-- one row per lead or contact, latest export wins
create table if not exists leads (
  lead_id        varchar not null,
  source_system  varchar not null,
  email          varchar,
  first_name     varchar,
  last_name      varchar,
  company        varchar,
  account_id     varchar,
  created_at     timestamptz,
  source         varchar,
  owner_id       varchar,
  stage_raw      varchar,            -- current lifecycle stage / lead status as exported
  lead_status    varchar,
  snapshot_at    timestamptz,        -- export time of the row kept
  load_id        integer not null,
  source_row     integer
);

-- every other column of a lead export, kept as (field, value): `--by industry` reads these
create table if not exists lead_fields (
  lead_id varchar not null,
  field   varchar not null,
  value   varchar,
  load_id integer not null
);

-- one row per stage entry; stage_raw is mapped to a canonical stage by the models (config aliases)
create table if not exists stage_events (
  lead_id    varchar not null,
  stage_raw  varchar not null,
  entered_at timestamptz not null,
  exited_at  timestamptz,            -- when the export states it (HubSpot "Date exited")
  reason     varchar,                -- reason code, for rejections and recycles
  origin     varchar not null,       -- export_column | property_history | status_history | snapshot | conversion | canonical
  inferred   boolean not null default false,
  load_id    integer not null,
  source_row integer
);

create table if not exists owners (
  owner_id varchar not null,
  name     varchar,
  email    varchar,
  team     varchar,
  role     varchar,
  timezone varchar,                  -- IANA zone
  load_id  integer not null,
  source_row integer,
  active   boolean                   -- the user can still own records (Salesforce IsActive); NULL: not exported
);
alter table owners add column if not exists active boolean;

create table if not exists activities (
  activity_id varchar not null,
  lead_id     varchar,
  owner_id    varchar,
  type        varchar not null,      -- call | email | meeting | sms | other
  direction   varchar,               -- outbound | inbound
  occurred_at timestamptz not null,
  automated   boolean not null default false,
  subject     varchar,
  load_id     integer not null,
  source_row  integer
);

-- the leads an activity was with, when the export keeps that in an association table (Fivetran's
-- HubSpot engagement_contact); after every load an activity without a lead takes its associated
-- lead (the lowest id when there are several), whichever file came first
create table if not exists activity_leads (
  activity_id varchar not null,
  lead_id     varchar not null,
  load_id     integer not null,
  source_row  integer
);

create table if not exists engagement_events (
  lead_id     varchar not null,
  event_type  varchar not null,
  occurred_at timestamptz not null,
  detail      varchar,
  load_id     integer not null,
  source_row  integer
);

create table if not exists field_history (
  lead_id    varchar not null,
  field      varchar not null,
  value      varchar,
  changed_at timestamptz not null,
  source     varchar,
  load_id    integer not null,
  source_row integer
);

create table if not exists opportunities (
  opportunity_id varchar not null,
  source_system  varchar not null,
  name           varchar,
  lead_id        varchar,            -- the converted lead or associated contact, when known
  account_id     varchar,
  amount         double,
  currency       varchar,
  owner_id       varchar,
  pipeline       varchar,
  stage_raw      varchar,
  created_at     timestamptz,
  close_date     date,
  is_closed      boolean,
  is_won         boolean,
  loss_reason    varchar,
  snapshot_at    timestamptz,
  load_id        integer not null,
  source_row     integer
);

-- every other column of an opportunity export, kept as (field, value): `--by product` reads these
create table if not exists opportunity_fields (
  opportunity_id varchar not null,
  field          varchar not null,
  value          varchar,
  load_id        integer not null
);

-- a deal's stage entered at a time, with its amount and close date then when the export states
-- them (OpportunityHistory, Fivetran history mode); HubSpot's Date entered / Date exited columns
-- give the stage's pipeline and when the deal left it
create table if not exists opportunity_stage_events (
  opportunity_id varchar not null,
  stage_raw      varchar not null,
  entered_at     timestamptz not null,
  amount         double,
  close_date     date,
  load_id        integer not null,
  source_row     integer,
  pipeline       varchar,            -- HubSpot: the "(<pipeline>)" of the Date entered column
  exited_at      timestamptz         -- HubSpot: the stage's Date exited column
);
-- warehouses made before these columns existed get them
alter table opportunity_stage_events add column if not exists pipeline varchar;
alter table opportunity_stage_events add column if not exists exited_at timestamptz;

-- one row per change of one deal field (OpportunityFieldHistory, HubSpot deal property history,
-- canonical opportunity_events.csv), and the changes inferred from two opportunity snapshots.
-- The value is text as exported, except amount and close-date fields: the loader's parse,
-- written canonically (a number as DuckDB writes a DOUBLE, a date as YYYY-MM-DD)
create table if not exists opportunity_events (
  opportunity_id varchar not null,
  field          varchar not null,   -- stage | amount | close_date for those fields; others lowercased as exported
  value          varchar,
  old_value      varchar,            -- the value before the change, when the export states it
  changed_at     timestamptz not null,
  origin         varchar not null,   -- field_history | property_history | canonical | snapshot
  inferred       boolean not null default false,
  load_id        integer not null,
  source_row     integer
);
