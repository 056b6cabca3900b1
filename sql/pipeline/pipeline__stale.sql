-- pipeline__stale: one row per open deal at $as_of flagged by either stale rule, with the rules
-- that flag it (reason):
-- * slow-stage: its time in its current stage exceeds the stage's multiplier × the median time
--   won deals spent in that stage. "Won deals" are those closed won in the trailing window
--   ($trailing_from to $as_of); a deal's time in a stage is the sum of its stays there. A stage no
--   won deal passed through has no threshold: this rule flags nothing there.
-- * no-change: in a mid or late stage ($no_change_stages), no stage, amount or close-date change
--   for more than $no_change_days days.
-- A snoozed deal (a resume date after the as-of, pipeline__deals) is flagged by neither.
with won_deals as (
    select opportunity_id from pipeline_deals where kind = 'won' and closed_in_trailing
),

won_time as (
    select stays.opportunity_id, stays.stage,
           -- in whole microseconds: a sum of doubles depends on the order the threads add them in
           cast(sum(epoch_us(stays.exited_at) - epoch_us(stays.entered_at)) as double) / cast(86400e6 as double) as days
    from fct_deal_stage_stays as stays
    join won_deals on won_deals.opportunity_id = stays.opportunity_id
    where stays.kind = 'open' and stays.stage is not null and stays.exited_at is not null and stays.exited_at <= $as_of
    group by stays.opportunity_id, stays.stage
),

thresholds as (
    select won_time.stage, quantile_cont(won_time.days, 0.5) as median_won_days
    from won_time
    group by won_time.stage
),

multipliers as (
    select stage, max(stale_multiplier) as stale_multiplier from cfg_deal_stages where kind = 'open' group by stage
),

checked as (
    select
        deals.*,
        thresholds.median_won_days,
        multipliers.stale_multiplier,
        multipliers.stale_multiplier * thresholds.median_won_days as threshold_days,
        case when deals.stage in (select unnest(cast($no_change_stages as varchar[]))) then cast($no_change_days as double) end as no_change_days
    from pipeline_deals as deals
    left join thresholds on thresholds.stage = deals.stage
    left join multipliers on multipliers.stage = deals.stage
    where deals.is_open and not deals.is_snoozed
),

flagged as (
    select
        *,
        coalesce(days_in_stage > threshold_days, false) as slow_stage,
        coalesce(days_since_change > no_change_days, false) as no_change
    from checked
),

final as (
    select
        opportunity_id,
        name,
        owner,
        team,
        stage,
        stage_label,
        days_in_stage,
        median_won_days,
        stale_multiplier,
        threshold_days,
        days_since_change,
        no_change_days,
        -- the rules in this order; a list literal both engines read (no list_filter lambda on PostgreSQL)
        case when slow_stage and no_change then array['slow-stage', 'no-change']
             when slow_stage then array['slow-stage']
             else array['no-change'] end as reason,
        greatest(coalesce(days_in_stage / threshold_days, 0), coalesce(days_since_change / no_change_days, 0)) as overdue_ratio,
        amount,
        close_date
    from flagged
    where slow_stage or no_change
)

select * from final
order by overdue_ratio desc, opportunity_id collate "C"
