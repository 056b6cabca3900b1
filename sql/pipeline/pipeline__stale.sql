-- pipeline__stale: one row per open deal at $as_of whose time in its current stage exceeds the
-- stage's multiplier × the median time won deals spent in that stage. "Won deals" are those
-- closed won in the trailing window ($trailing_from to $as_of); a deal's time in a stage is the
-- sum of its stays there. A stage no won deal passed through has no threshold: nothing is stale.
with won_deals as (
    select opportunity_id from pipeline_deals where kind = 'won' and closed_in_trailing
),

won_time as (
    select stays.opportunity_id, stays.stage,
           sum((extract(epoch from stays.exited_at) - extract(epoch from stays.entered_at)) / 86400.0) as days
    from fct_deal_stage_stays as stays
    join won_deals on won_deals.opportunity_id = stays.opportunity_id
    where stays.kind = 'open' and stays.stage is not null and stays.exited_at is not null and stays.exited_at <= $as_of
    group by stays.opportunity_id, stays.stage
),

thresholds as (
    select won_time.stage, percentile_cont(0.5) within group (order by won_time.days) as median_won_days
    from won_time
    group by won_time.stage
),

multipliers as (
    select stage, max(stale_multiplier) as stale_multiplier from cfg_deal_stages where kind = 'open' group by stage
),

final as (
    select
        deals.opportunity_id,
        deals.name,
        deals.owner,
        deals.team,
        deals.stage,
        deals.stage_label,
        deals.days_in_stage,
        thresholds.median_won_days,
        multipliers.stale_multiplier,
        multipliers.stale_multiplier * thresholds.median_won_days as threshold_days,
        deals.amount,
        deals.close_date
    from pipeline_deals as deals
    join thresholds on thresholds.stage = deals.stage
    join multipliers on multipliers.stage = deals.stage
    where deals.is_open and deals.days_in_stage > multipliers.stale_multiplier * thresholds.median_won_days
)

select * from final
order by days_in_stage / threshold_days desc, opportunity_id
