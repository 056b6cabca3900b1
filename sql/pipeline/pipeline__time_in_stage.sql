-- pipeline__time_in_stage: one row per open stage: time in stage over the stays entered in the
-- window, with stays still open at $as_of counted as censored (Kaplan–Meier). A stay that ends,
-- whichever way the deal goes, is an event at its duration; an open one is at risk up to its age
-- so far and then leaves the risk set. The median is the first duration at which the estimated
-- share still in the stage is at most one half (p90: one tenth); null when the open stays keep it
-- above (not yet known). The closed-only median and the open-so-far median are given beside it.
with stays as (
    select
        stays.stage,
        (epoch(least(coalesce(stays.exited_at, cast($as_of as timestamptz)), cast($as_of as timestamptz)))
            - epoch(stays.entered_at)) / 86400.0 as days,
        stays.exited_at is not null and stays.exited_at <= $as_of as ended
    from fct_deal_stage_stays as stays
    join pipeline_deals on pipeline_deals.opportunity_id = stays.opportunity_id
    where stays.kind = 'open' and stays.stage is not null
      and stays.entered_at >= $from and stays.entered_at < $to and stays.entered_at <= $as_of
),

durations as (
    select stage, days, count(*) filter (where ended) as ended, count(*) as leaving
    from stays
    group by stage, days
),

at_risk as (
    select *, sum(leaving) over (partition by stage order by days desc rows between unbounded preceding and current row) as at_risk
    from durations
),

survival as (
    select
        stage,
        days,
        case
            when max(case when ended = at_risk then 1 else 0 end) over running = 1 then 0.0
            else exp(coalesce(sum(case when ended > 0 and ended < at_risk then ln(1.0 - cast(ended as double) / at_risk) end) over running, 0.0))
        end as survival
    from at_risk
    window running as (partition by stage order by days rows between unbounded preceding and current row)
),

estimates as (
    select stage, min(days) filter (where survival <= 0.5) as median_days, min(days) filter (where survival <= 0.1) as p90_days
    from survival
    group by stage
),

counts as (
    select
        stage,
        cast(count(*) filter (where ended) as integer) as ended_stays,
        cast(count(*) filter (where not ended) as integer) as open_stays,
        quantile_cont(days, 0.5) filter (where ended) as median_ended_days,
        quantile_cont(days, 0.5) filter (where not ended) as median_open_days,
        max(days) filter (where not ended) as longest_open_days
    from stays
    group by stage
),

final as (
    select counts.*, estimates.median_days, estimates.p90_days
    from counts
    left join estimates on estimates.stage = counts.stage
)

select * from final
