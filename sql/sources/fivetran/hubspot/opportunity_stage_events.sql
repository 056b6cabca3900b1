-- opportunity_stage_events from Fivetran's HubSpot `deal_stage` (a row per stage a deal entered),
-- as the loader reads its dump: entered at date_entered, exited at _fivetran_end as dbt_hubspot
-- reads it, except on the active row (_fivetran_active, or the far-future end), which has not.
select distinct
    deal_stage.deal_id::text as opportunity_id,
    deal_stage.value::text as stage_raw,
    fivetran_instant(deal_stage.date_entered) as entered_at,
    null::float8 as amount,
    null::date as close_date,
    7 as load_id,
    null::integer as source_row,
    null::text as pipeline,
    case
        when coalesce((row_json.r ->> '_fivetran_active')::boolean, false) then null
        when fivetran_instant(row_json.r ->> '_fivetran_end') >= timestamptz '9999-01-01 00:00:00+00' then null
        else fivetran_instant(row_json.r ->> '_fivetran_end')
    end as exited_at
from deal_stage
cross join lateral (select to_jsonb(deal_stage) as r) row_json
where deal_stage.value is not null and deal_stage.date_entered is not null
