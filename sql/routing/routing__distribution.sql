-- routing__distribution: routing decisions per owner and week against the share each owner should
-- have had.
-- grain: one row per (kind, week, owner_id) of the pool, for weeks with at least one decision.
-- The pool: routing_pool (the config's pool, else everyone who received a decision). Expected: each
-- decision to the pool is shared among the pool owners not away that day, by weight:
--   expected(owner, week) = Σ over its decisions' days of n(day) × weight(owner) ÷ Σ weight(available)
-- so an owner on PTO for two days of a week is expected to get none of those two days' leads.
-- A day when every pool owner is away shares its decisions with nobody (counted in unshared).
-- Inputs: routing_events, routing_pool (owner_id, owner, weight), routing_pto (owner_id, from_day, to_day).
with pooled as (
    select events.*
    from routing_events as events
    join routing_pool as pool on pool.owner_id = events.owner_id
),

days as (
    select kind, week, day, count(*) as n
    from pooled
    group by kind, week, day
),

available as (
    select
        days.kind, days.week, days.day, days.n, pool.owner_id,
        case when exists (
            select 1 from routing_pto as pto
            where pto.owner_id = pool.owner_id and days.day between pto.from_day and pto.to_day
        ) then 0 else pool.weight end as weight
    from days
    cross join routing_pool as pool
),

-- sums of doubles in a fixed order: a parallel sum's last bits would differ between runs
day_weights as (
    select kind, day, sum(weight order by owner_id) as total_weight
    from available
    group by kind, day
),

shared as (
    select available.*, available.weight / nullif(day_weights.total_weight, 0) as share
    from available
    join day_weights on day_weights.kind = available.kind and day_weights.day = available.day
),

expected as (
    select kind, week, owner_id,
           sum(n * coalesce(share, 0) order by day) as expected,
           cast(sum(case when share is null then n else 0 end) as integer) as unshared
    from shared
    group by kind, week, owner_id
),

actual as (
    select kind, week, owner_id, cast(count(*) as integer) as actual
    from pooled
    group by kind, week, owner_id
),

final as (
    select
        expected.kind,
        expected.week,
        expected.owner_id,
        pool.owner,
        coalesce(actual.actual, 0) as actual,
        expected.expected,
        expected.unshared
    from expected
    join routing_pool as pool on pool.owner_id = expected.owner_id
    left join actual on actual.kind = expected.kind and actual.week = expected.week and actual.owner_id = expected.owner_id
)

select * from final
order by kind, week, owner
