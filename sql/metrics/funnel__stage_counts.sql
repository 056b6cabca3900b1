-- funnel__stage_counts: the funnel's numbers per listed stage, overall (is_overall), per --by
-- group and per cohort period, from funnel_lead_stages (sql/metrics/funnel__lead_stages.sql).
-- Parameters: $matured_before (as-of minus the --window; entries into the previous stage after it
-- are immature), $window_seconds (0 when no --window).
with lead_stages as (
    select
        *,
        -- time between stages uses real entries only, in order, and none flagged out of order
        case when entered_at >= previous_entered_at and not out_of_order and not coalesce(previous_out_of_order, false)
             then (epoch(entered_at) - epoch(previous_entered_at)) / 86400.0 end as days_from_previous
    from funnel_lead_stages
),

final as (
    select
        grouping(group_key) = 0 as is_group,
        grouping(period) = 0 as is_period,
        group_key,
        period,
        stage,
        position,
        cast(count(*) filter (where reached_at is not null) as integer) as reached,
        cast(count(*) filter (where previous_reached_at is not null) as integer) as previous_reached,
        cast(count(*) filter (where reached_at is not null and entered_at is null) as integer) as implied_by_skip,
        cast(count(*) filter (where entry_count > 1) as integer) as reentries,
        cast(count(*) filter (where previous_reached_at is not null and reached_at is null
                                and current_stage = previous_stage) as integer) as open,
        cast(count(*) filter (where reached_at is not null and previous_entered_at is not null and entered_at is not null
                                and days_from_previous is null) as integer) as out_of_order,
        quantile_cont(days_from_previous, 0.5) as median_days_from_previous,
        quantile_cont(days_from_previous, 0.9) as p90_days_from_previous,
        cast(count(*) filter (where previous_reached_at <= $matured_before) as integer) as matured_eligible,
        cast(count(*) filter (where previous_reached_at <= $matured_before and reached_at is not null
                                and epoch(reached_at) - epoch(previous_reached_at) <= $window_seconds) as integer) as matured_converted
    from lead_stages
    group by grouping sets ((stage, position), (group_key, stage, position), (period, stage, position))
)

select * from final
order by is_group, is_period, group_key, period, position
