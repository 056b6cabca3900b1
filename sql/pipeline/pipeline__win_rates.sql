-- pipeline__win_rates: win rate, cycle and open pipeline overall (group_key null) and per group.
-- Win rate counts the deals closed in the window (won ÷ (won + lost); open deals are neither);
-- the amount-weighted rate reads the valued closed deals. The trailing_* columns are the same
-- over the deals closed in the trailing window ($trailing_from to $as_of), which velocity reads.
-- Open counts read every deal open at $as_of; a deal without an amount is counted apart, not as 0.
-- Amounts are summed as decimals and cycles in whole microseconds: a sum of doubles depends on the
-- order the threads add them in, and the same data gave totals differing in the last digits.
with deals as (
    select * from pipeline_deals
),

final as (
    select
        case when grouping(group_key) = 0 then group_key end as group_key,
        cast(count(*) filter (where closed_in_window and kind = 'won') as integer) as won,
        cast(count(*) filter (where closed_in_window and kind = 'lost') as integer) as lost,
        cast(sum(cast(amount as decimal(38, 6))) filter (where closed_in_window and kind = 'won') as double) as won_amount,
        cast(sum(cast(amount as decimal(38, 6))) filter (where closed_in_window and kind = 'lost') as double) as lost_amount,
        quantile_cont(cycle_days, 0.5) filter (where closed_in_window and kind = 'won') as median_cycle_days,
        quantile_cont(cycle_days, 0.9) filter (where closed_in_window and kind = 'won') as p90_cycle_days,
        cast(count(*) filter (where is_open) as integer) as open,
        cast(sum(cast(amount as decimal(38, 6))) filter (where is_open) as double) as open_amount,
        cast(count(*) filter (where is_open and amount is null) as integer) as open_without_amount,
        cast(count(*) filter (where closed_in_trailing and kind = 'won') as integer) as trailing_won,
        cast(count(*) filter (where closed_in_trailing and kind = 'lost') as integer) as trailing_lost,
        cast(avg(cast(amount as decimal(38, 6))) filter (where closed_in_trailing and kind = 'won') as double) as trailing_average_won_amount,
        cast(avg(epoch_us(closed_at) - epoch_us(created_at)) filter (where closed_in_trailing and kind = 'won') as double) / cast(86400e6 as double) as trailing_average_cycle_days
    from deals
    group by grouping sets ((), (group_key))
)

select * from final
order by group_key collate "C" nulls first
