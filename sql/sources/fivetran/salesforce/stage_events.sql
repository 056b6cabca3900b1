-- stage_events from Fivetran's Salesforce tables, as the loader reads their dumps: a lead is a
-- Lead from its created_date (origin created); converted_date is Converted, and Opportunity too
-- when the conversion made one (origin conversion; a date, read as midnight UTC); and each
-- `lead_history` Status change is the new status (origin status_history), with the reason a
-- '%reason%' field took at the same instant. One row per (lead, stage, instant).
with leads as (
    select
        lead.id::text as lead_id,
        fivetran_instant(lead.created_date) as created_at,
        fivetran_instant(row_json.r ->> 'converted_date') as converted_at,
        nullif(row_json.r ->> 'converted_opportunity_id', '') as converted_opportunity_id
    from lead
    cross join lateral (select to_jsonb(lead) as r) row_json
    where not fivetran_deleted(row_json.r ->> 'is_deleted')
      and not fivetran_deleted(row_json.r ->> '_fivetran_deleted')
      and coalesce(row_json.r ->> '_fivetran_active', 'true') <> 'false'
      and lead.created_date is not null
),

history as (
    select
        lead_history.lead_id::text as lead_id,
        lower(lead_history.field::text) as field,
        lead_history.new_value::text as new_value,
        fivetran_instant(lead_history.created_date) as changed_at
    from lead_history
    cross join lateral (select to_jsonb(lead_history) as r) row_json
    where not fivetran_deleted(row_json.r ->> 'is_deleted')
      and not fivetran_deleted(row_json.r ->> '_fivetran_deleted')
),

events as (
    select lead_id, 'Lead'::text as stage_raw, created_at as entered_at, null::text as reason, 'created'::text as origin, 1 as load_id from leads
    union all
    select lead_id, 'Converted', converted_at, null, 'conversion', 1 from leads where converted_at is not null
    union all
    select lead_id, 'Opportunity', converted_at, null, 'conversion', 1 from leads where converted_at is not null and converted_opportunity_id is not null
    union all
    select
        history.lead_id,
        history.new_value,
        history.changed_at,
        (select min(r.new_value) from history r where r.lead_id = history.lead_id and r.changed_at = history.changed_at and r.field like '%reason%'),
        'status_history',
        2
    from history
    where history.field in ('status', 'lead status') and history.new_value is not null and history.changed_at is not null
)

select distinct on (lead_id, stage_raw, entered_at)
    lead_id,
    stage_raw,
    entered_at,
    null::timestamptz as exited_at,
    reason,
    origin,
    false as inferred,
    load_id,
    null::integer as source_row
from events
order by lead_id, stage_raw, entered_at, load_id
