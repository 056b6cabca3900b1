-- pipeline__coverage: one row per quota line: the open qualified pipeline at $as_of with a close
-- date in the line's period (open deals in a stage of the config; unmapped stages are not
-- qualified), the amount won in the period by then, and the quota still to close.
-- Amounts are summed as decimals (the same total whatever order the threads add them in).
-- $scope is 'owner' (the line names an owner id or name), 'team' or 'all'.
with quota as (
    select * from pipeline_quota
),

deals as (
    select * from pipeline_deals
),

final as (
    select
        quota.line_number,
        quota.period,
        coalesce(quota.scope_key, '(all)') as scope_key,
        quota.amount as quota,
        quota.period_from,
        quota.period_to,
        cast(coalesce(sum(cast(deals.amount as decimal(38, 6))) filter (where deals.kind = 'won' and deals.closed_at >= quota.period_from and deals.closed_at < quota.period_to), 0) as double) as won,
        cast(coalesce(sum(cast(deals.amount as decimal(38, 6))) filter (where deals.is_open and deals.stage is not null
                                             and deals.close_date >= quota.period_from and deals.close_date < quota.period_to), 0) as double) as pipeline,
        cast(count(deals.opportunity_id) filter (where deals.is_open and deals.stage is not null
                                                  and deals.close_date >= quota.period_from and deals.close_date < quota.period_to) as integer) as pipeline_deals
    from quota
    left join deals on $scope = 'all'
        or ($scope = 'owner' and (deals.owner_id = quota.scope_key or deals.owner = quota.scope_key))
        or ($scope = 'team' and deals.team = quota.scope_key)
    group by quota.line_number, quota.period, quota.scope_key, quota.amount, quota.period_from, quota.period_to
)

select * from final
order by line_number
