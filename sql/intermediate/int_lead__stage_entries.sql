-- int_lead__stage_entries: one row per time a lead entered a stage or exit state, in time order.
-- Sources: the loaded stage events, plus Opportunity at an opportunity's creation and Customer at
-- a won opportunity's close date for leads linked to one. Entries known to the day only (a
-- conversion date, a close date) are placed among that day's timed entries (day_placed).
-- Consecutive events of the same stage (a snapshot history repeating the current status, or the
-- same entry in two exports) are one entry: the earliest. Ordered per lead by time, then stage order, then raw value (fct_stage_entries
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
    select *, origin = 'conversion' or stage_raw = 'opportunity won' as known_to_the_day from loaded
    union all
    select *, stage_raw = 'opportunity won' from from_opportunities where stage_order is not null
),

-- Salesforce's ConvertedDate and an opportunity's close date have no time: they land at midnight
-- but are known to the day only, so midnight would order them before the same day's timed entries
-- of earlier stages. Such an entry takes the time of the day's first timed entry of its stage or a
-- later one (it sorts before that by stage order, or is the same entry), else of the day's last
-- timed entry of an earlier stage (it sorts after it); with no timed entry that day it keeps
-- midnight. Only these few entries are joined, to their lead's timed entries of that day; the
-- rest pass through untouched (grouping by every column of an entry keeps each one: its source
-- row and raw value tell it apart).
day_entries as (
    select lead_id, stage_raw, stage, stage_kind, stage_order, entered_at, exited_at, reason, origin, inferred, load_id, source_row
    from unioned where known_to_the_day
),

day_placed as (
    select
        day_entries.lead_id, day_entries.stage_raw, day_entries.stage, day_entries.stage_kind, day_entries.stage_order,
        coalesce(
            min(timed.entered_at) filter (where timed.stage_order >= day_entries.stage_order),
            max(timed.entered_at) filter (where timed.stage_order < day_entries.stage_order),
            any_value(day_entries.entered_at)
        ) as entered_at,
        day_entries.exited_at, day_entries.reason, day_entries.origin, day_entries.inferred, day_entries.load_id, day_entries.source_row
    from day_entries
    left join unioned as timed
        on timed.lead_id = day_entries.lead_id
        and not timed.known_to_the_day
        and timed.entered_at >= day_entries.entered_at
        and timed.entered_at < day_entries.entered_at + interval '1 day'
    group by
        day_entries.lead_id, day_entries.stage_raw, day_entries.stage, day_entries.stage_kind, day_entries.stage_order,
        day_entries.exited_at, day_entries.reason, day_entries.origin, day_entries.inferred, day_entries.load_id, day_entries.source_row
),

placed as (
    select lead_id, stage_raw, stage, stage_kind, stage_order, entered_at, exited_at, reason, origin, inferred, load_id, source_row
    from unioned where not known_to_the_day
    union all
    select * from day_placed
),

ordered as (
    select
        *,
        -- stage_raw in byte order (collate "C"), as DuckDB sorts text and fct_stage_entries orders entries
        lag(stage) over (partition by lead_id order by entered_at, coalesce(stage_order, 0), stage_raw collate "C") as previous_stage
    from placed
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
