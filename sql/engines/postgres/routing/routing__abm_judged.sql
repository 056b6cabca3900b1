-- PostgreSQL's version of sql/routing/routing__abm_judged.sql, the same model: PostgreSQL has no
-- ASOF JOIN, so the interval open at a same-day request's clock start is a LATERAL subquery (the
-- last opening at or before it, as sql/engines/postgres/calendar/business_minutes.sql; the
-- calendar's intervals are few), and no `* exclude` (the columns are listed). Keep it in step with
-- the portable model.
-- routing__abm_judged: each tiered MQL with its deadline and verdict.
-- grain: one row per row of routing_abm.
-- Deadline: the tier's business-hour target on the owner's calendar (sql/calendar/business_deadlines.sql),
-- or for "same business day" the close of the working day the clock starts on (a lead arriving at
-- night is due by the close of the next working day). Verdict: met (touched by the deadline),
-- breached (touched later, or untouched past it), pending (untouched, deadline after the as-of),
-- unmeasured (the start lies outside the built calendar).
-- Inputs: routing_abm, routing_abm_targets (tier, target_minutes, same_day), routing_abm_deadlines,
-- business_intervals, routing_as_of (one row: as_of).
with requests as (
    select abm.*, targets.same_day, deadlines.clock_start_at, deadlines.deadline_at as hours_deadline_at
    from routing_abm as abm
    join routing_abm_targets as targets on targets.tier = abm.tier
    left join routing_abm_deadlines as deadlines on deadlines.request_id = abm.request_id
),

-- the working day the clock starts in: the interval open at clock_start_at
start_days as (
    select requests.request_id, opened.day
    from requests
    join lateral (
        select intervals.day from business_intervals as intervals
        where intervals.calendar_key = requests.calendar_key and requests.clock_start_at >= intervals.open_at
        order by intervals.open_at desc
        limit 1
    ) as opened on true
    where requests.same_day
),

day_closes as (
    select start_days.request_id, max(intervals.close_at) as close_at
    from start_days
    join requests on requests.request_id = start_days.request_id
    join business_intervals as intervals on intervals.calendar_key = requests.calendar_key and intervals.day = start_days.day
    group by start_days.request_id
),

dated as (
    select requests.*, case when requests.same_day then day_closes.close_at else requests.hours_deadline_at end as deadline_at
    from requests
    left join day_closes on day_closes.request_id = requests.request_id
),

final as (
    select
        dated.request_id, dated.lead_id, dated.start_at, dated.tier, dated.tier_source, dated.owner_id, dated.company,
        dated.account_id, dated.end_at, dated.calendar_key, dated.same_day, dated.clock_start_at, dated.deadline_at,
        case
            when dated.deadline_at is null then 'unmeasured'
            when dated.end_at is not null and dated.end_at <= dated.deadline_at then 'met'
            when dated.end_at is not null or as_of.as_of > dated.deadline_at then 'breached'
            else 'pending'
        end as status
    from dated
    cross join routing_as_of as as_of
)

select * from final
