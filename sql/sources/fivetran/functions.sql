-- Helpers the Fivetran views call (src/sources/fivetran.ts installs them into the warehouse's
-- schema with the views). Fivetran writes an instant as timestamptz or as a naive timestamp in
-- UTC depending on the column, and an optional column read through the row's jsonb (so a view
-- works whether the portal has it or not) arrives as text: each becomes the same timestamptz,
-- whatever the querying session's time zone.
create or replace function fivetran_instant(t timestamptz) returns timestamptz
  language sql immutable parallel safe as $$ select t $$;
create or replace function fivetran_instant(t timestamp) returns timestamptz
  language sql immutable parallel safe as $$ select t at time zone 'UTC' $$;
create or replace function fivetran_instant(d date) returns timestamptz
  language sql immutable parallel safe as $$ select d::timestamp at time zone 'UTC' $$;
-- text with an offset (jsonb renders timestamptz so) is exact; without one it is UTC, as Fivetran writes it
create or replace function fivetran_instant(s text) returns timestamptz
  language sql immutable parallel safe as $$
  select case
    when nullif(trim(s), '') is null then null
    when trim(s) ~ '(Z|[+-][0-9]{2}(:?[0-9]{2})?)$' then trim(s)::timestamptz
    else trim(s)::timestamp at time zone 'UTC'
  end
$$;

-- Fivetran's deleted marks: true only when stated (a missing column or NULL is not deleted)
create or replace function fivetran_deleted(s text) returns boolean
  language sql immutable parallel safe as $$ select coalesce(lower(trim(s)) in ('true', 't', '1'), false) $$;

-- A HubSpot property column as a lead or deal field key: property_jobtitle → jobtitle, with the
-- shared keys the loader gives well-known properties (docs/data-model.md, lead_fields)
create or replace function fivetran_hubspot_field(column_name text) returns text
  language sql immutable parallel safe as $$
  select case lower(k)
    when 'jobtitle' then 'title' when 'numemployees' then 'employees' when 'annualrevenue' then 'revenue'
    when 'country' then 'country' when 'industry' then 'industry' when 'lifecyclestage' then 'lifecycle_stage'
    when 'hs_lead_status' then 'lead_status' when 'hubspot_owner_id' then 'owner_id'
    else lower(k) end
  from (select regexp_replace(column_name, '^property_', '') as k) named
$$;
