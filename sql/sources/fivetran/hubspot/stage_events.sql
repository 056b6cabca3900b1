-- stage_events from Fivetran's HubSpot tables, as the loader reads their dumps:
-- * `contact`'s lifecycle date columns (origin export_column): property_hs_v2_date_entered_<stage>
--   with its property_hs_v2_date_exited_<stage>, and the legacy property_hs_lifecyclestage_<stage>_date
--   when no v2 column names the same stage;
-- * `contact_property_history` (origin property_history): each lifecyclestage value, and each
--   hs_lead_status value that is a sales rejection, with the reason a '%reason%' property was set
--   to at the same instant.
-- Contacts Fivetran marks deleted give none. One row per (lead, stage, instant), the contact
-- column's first, as a load of both tables keeps the first file's (contact sorts first).
with live_contacts as (
    select contact.id::text as lead_id, to_jsonb(contact) as r
    from contact
    where not fivetran_deleted(to_jsonb(contact) ->> '_fivetran_deleted')
),

date_columns as (
    select
        live_contacts.lead_id,
        substring(property.key from '^property_hs_v2_date_entered_(.+)$') as entered_stage,
        substring(property.key from '^property_hs_v2_date_exited_(.+)$') as exited_stage,
        substring(property.key from '^property_hs_lifecyclestage_(.+)_date$') as legacy_stage,
        fivetran_instant(property.value) as at
    from live_contacts
    cross join lateral jsonb_each_text(live_contacts.r) property
    where property.key ~ '^property_(hs_v2_date_(entered|exited)_.+|hs_lifecyclestage_.+_date)$'
),

from_columns as (
    select entered.lead_id, entered.entered_stage as stage_raw, entered.at as entered_at, exited.at as exited_at, null::text as reason
    from date_columns entered
    left join date_columns exited on exited.lead_id = entered.lead_id and exited.exited_stage = entered.entered_stage
    where entered.entered_stage is not null and entered.at is not null
    union all
    select legacy.lead_id, legacy.legacy_stage, legacy.at, null, null
    from date_columns legacy
    where legacy.legacy_stage is not null and legacy.at is not null
      and not exists (select 1 from date_columns v2 where v2.lead_id = legacy.lead_id and v2.entered_stage = legacy.legacy_stage)
),

history as (
    select
        contact_property_history.contact_id::text as lead_id,
        lower(contact_property_history.name::text) as name,
        contact_property_history.value::text as value,
        fivetran_instant(contact_property_history."timestamp") as changed_at
    from contact_property_history
    where not exists (
        select 1 from contact
        where contact.id = contact_property_history.contact_id and fivetran_deleted(to_jsonb(contact) ->> '_fivetran_deleted')
    )
),

from_history as (
    select
        history.lead_id,
        history.value as stage_raw,
        history.changed_at as entered_at,
        null::timestamptz as exited_at,
        (select min(r.value) from history r where r.lead_id = history.lead_id and r.changed_at = history.changed_at and r.name like '%reason%') as reason
    from history
    where (history.name = 'lifecyclestage' or (history.name = 'hs_lead_status' and lower(history.value) in ('unqualified', 'bad_timing', 'disqualified')))
      and history.value is not null and history.changed_at is not null
),

events as (
    select *, 'export_column'::text as origin, 1 as load_id, 1 as preference from from_columns
    union all
    select *, 'property_history', 2, 2 from from_history
)

select distinct on (lead_id, stage_raw, entered_at)
    lead_id,
    stage_raw,
    entered_at,
    exited_at,
    reason,
    origin,
    false as inferred,
    load_id,
    null::integer as source_row
from events
order by lead_id, stage_raw, entered_at, preference
