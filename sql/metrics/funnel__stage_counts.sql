-- funnel__stage_counts: the funnel's numbers per listed stage, overall, per --by group (is_group)
-- and per cohort period (is_period), from funnel_lead_stages (sql/metrics/funnel__lead_stages.sql).
-- The stage_rows relation is written by src/metrics/funnelSql.ts: one select per listed stage, giving each
-- cohort lead's row for that stage and the stage before it (union all), so one aggregation counts
-- every stage with no join.
-- Parameters: $stages (the listed stage ids, for their names), $matured_before (as-of minus the
-- --window; entries into the previous stage after it are immature), $window_seconds (0 when no
-- --window).
with stage_rows as (
    {{stage_rows}}
),

lead_stages as (
    select
        *,
        -- time between stages uses real entries only, in order, and none flagged out of order
        case when entered_at >= previous_entered_at and not out_of_order and not coalesce(previous_out_of_order, false)
             then (epoch(entered_at) - epoch(previous_entered_at)) / 86400.0 end as days_from_previous
    from stage_rows
),

counts as (
    select
        grouping(group_key) = 0 as is_group,
        grouping(period) = 0 as is_period,
        group_key,
        period,
        position,
        cast(count(*) filter (where reached_at is not null) as integer) as reached,
        cast(count(*) filter (where previous_reached_at is not null) as integer) as previous_reached,
        cast(count(*) filter (where reached_at is not null and entered_at is null) as integer) as implied_by_skip,
        cast(count(*) filter (where entry_count > 1) as integer) as reentries,
        cast(count(*) filter (where previous_reached_at is not null and reached_at is null
                                and at_previous_stage) as integer) as open,
        cast(count(*) filter (where reached_at is not null and previous_entered_at is not null and entered_at is not null
                                and days_from_previous is null) as integer) as out_of_order,
        quantile_cont(days_from_previous, 0.5) as median_days_from_previous,
        quantile_cont(days_from_previous, 0.9) as p90_days_from_previous,
        cast(count(*) filter (where $window_seconds > 0 and previous_reached_at <= $matured_before) as integer) as matured_eligible,
        cast(count(*) filter (where $window_seconds > 0 and previous_reached_at <= $matured_before and reached_at is not null
                                and epoch(reached_at) - epoch(previous_reached_at) <= $window_seconds) as integer) as matured_converted
    from lead_stages
    group by grouping sets ((position), (group_key, position), (period, position))
),

listed as (
    select stage, cast(row_number() over (order by stage_order) as integer) as position
    from cfg_stages
    where stage in (select unnest($stages))
),

final as (
    select counts.is_group, counts.is_period, counts.group_key, counts.period, listed.stage, counts.position,
           counts.reached, counts.previous_reached, counts.implied_by_skip, counts.reentries, counts.open,
           counts.out_of_order, counts.median_days_from_previous, counts.p90_days_from_previous,
           counts.matured_eligible, counts.matured_converted
    from counts
    join listed on listed.position = counts.position
)

select * from final
order by is_group, is_period, group_key, period, position
