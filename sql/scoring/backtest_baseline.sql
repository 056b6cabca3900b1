-- backtest_baseline: the routing that actually happened (leads that really became MQL before
-- their outcome was known) on exactly the population each model is judged on.
-- Grain: one row per partition with resolved leads.
with judged as (
    select partition, won, routed from backtest_split where status = 'resolved'
),

final as (
    select partition,
           count(*)::integer as resolved,
           count(*) filter (where won)::integer as positives,
           count(*) filter (where routed)::integer as flagged,
           count(*) filter (where routed and won)::integer as true_positives
    from judged
    group by partition
)

select * from final order by partition
