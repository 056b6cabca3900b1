-- opportunity_stage_events from Fivetran's Salesforce `opportunity_history` (the native
-- OpportunityHistory object: a row per change of stage, amount or close date), as the loader reads
-- it. One row per (opportunity, stage, instant, amount, close date).
select distinct
    opportunity_history.opportunity_id::text as opportunity_id,
    opportunity_history.stage_name::text as stage_raw,
    fivetran_instant(opportunity_history.created_date) as entered_at,
    (row_json.r ->> 'amount')::float8 as amount,
    (row_json.r ->> 'close_date')::date as close_date,
    6 as load_id,
    null::integer as source_row,
    null::text as pipeline,
    null::timestamptz as exited_at
from opportunity_history
cross join lateral (select to_jsonb(opportunity_history) as r) row_json
where not fivetran_deleted(row_json.r ->> 'is_deleted')
  and not fivetran_deleted(row_json.r ->> '_fivetran_deleted')
  and opportunity_history.stage_name is not null
  and opportunity_history.created_date is not null
