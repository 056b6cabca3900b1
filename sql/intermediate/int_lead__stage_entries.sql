-- int_lead__stage_entries: one row per time a lead entered a stage or exit state, in time order.
-- Sources: the loaded stage events, plus Opportunity at an opportunity's creation and Customer at
-- a won opportunity's close date for leads linked to one. Consecutive events of the same stage
-- (a snapshot history repeating the current status, or the same entry in two exports) are one
-- entry: the earliest. Ordered per lead by time, then stage order, then raw value (fct_stage_entries
-- numbers them in that order).
with loaded as (
    select lead_id, stage_raw, stage, stage_kind, stage_order, entered_at, exited_at, reason,
           origin, inferred, load_id, source_row
    from stg_stage_events
),

from_opportunities as (
    select lead_id, 'opportunity created' as stage_raw, 'opportunity' as stage, 'stage' as stage_kind,
           (select stage_order from cfg_stages where stage = 'opportunity') as stage_order,
           created_at as entered_at, cast(null as timestamptz) as exited_at, cast(null as varchar) as reason,
           'opportunity' as origin, true as inferred, cast(null as integer) as load_id, cast(null as integer) as source_row
    from stg_opportunities
    where lead_id is not null and created_at is not null
    union all
    select lead_id, 'opportunity won', 'customer', 'stage',
           (select stage_order from cfg_stages where stage = 'customer'),
           cast(close_date as timestamptz), null, null, 'opportunity', true, null, null
    from stg_opportunities
    where lead_id is not null and is_won and close_date is not null
),

unioned as (
    select * from loaded
    union all
    select * from from_opportunities where stage_order is not null
),

ordered as (
    select
        *,
        lag(stage) over (partition by lead_id order by entered_at, coalesce(stage_order, 0), stage_raw) as previous_stage
    from unioned
),

-- event_number is given by fct_stage_entries, in the same window pass as the next entry
final as (
    select
        lead_id, stage_raw, stage, stage_kind, stage_order, entered_at, exited_at, reason, origin,
        inferred, load_id, source_row
    from ordered
    where previous_stage is null or previous_stage <> stage
)

select * from final
