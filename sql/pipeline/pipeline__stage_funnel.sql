-- pipeline__stage_funnel: one row per open stage and Closed Won, in order, for the cohort of deals
-- created in the window (pipeline_deals.in_cohort): how many reached it (a later stage implies the
-- skipped ones), how many of those never had a stay in it (implied by a skip), how many were lost
-- with it as the furthest stage reached (where deals die), and how many are open in it now (every deal).
with stages as (
    select distinct stage, stage_order, label
    from cfg_deal_stages
    where kind in ('open', 'won')
),

cohort as (
    select * from pipeline_deals where in_cohort
),

entered as (
    select distinct fct_deal_stage_stays.opportunity_id, fct_deal_stage_stays.stage
    from fct_deal_stage_stays
    join cohort on cohort.opportunity_id = fct_deal_stage_stays.opportunity_id
    where fct_deal_stage_stays.entered_at <= $as_of
),

final as (
    select
        stages.stage,
        stages.stage_order,
        stages.label,
        cast(count(cohort.opportunity_id) filter (where cohort.reached_order >= stages.stage_order) as integer) as reached,
        cast(count(cohort.opportunity_id) filter (where cohort.reached_order >= stages.stage_order and entered.opportunity_id is null) as integer) as implied_by_skip,
        cast(count(cohort.opportunity_id) filter (where cohort.kind = 'lost' and cohort.last_open_order = stages.stage_order) as integer) as lost_here,
        (select cast(count(*) as integer) from pipeline_deals where is_open and pipeline_deals.stage = stages.stage) as open_now
    from stages
    left join cohort on true
    left join entered on entered.opportunity_id = cohort.opportunity_id and entered.stage = stages.stage
    group by stages.stage, stages.stage_order, stages.label
    order by stages.stage_order
)

select * from final
