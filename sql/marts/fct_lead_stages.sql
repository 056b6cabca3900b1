-- fct_lead_stages: one row per lead and configured stage the lead reached or passed.
-- A stage between the lowest and highest stage a lead entered that it has no entry for was
-- skipped: it appears here with implied_by_skip = true and no entry time.
with entries as (
    select * from fct_stage_entries where stage_kind = 'stage'
),

stages as (
    select * from cfg_stages
),

entered as (
    select
        lead_id,
        stage,
        min(stage_order) as stage_order,
        min(entered_at) as first_entered_at,
        max(entered_at) as latest_entered_at,
        count(*) as entries,
        bool_or(is_out_of_order) as is_out_of_order
    from entries
    group by lead_id, stage
),

span as (
    select lead_id, min(stage_order) as lowest_order, max(stage_order) as highest_order
    from entered
    group by lead_id
),

grid as (
    select span.lead_id, stages.stage, stages.stage_order
    from span
    join stages on stages.stage_order between span.lowest_order and span.highest_order
),

final as (
    select
        grid.lead_id,
        grid.stage,
        grid.stage_order,
        entered.first_entered_at,
        entered.latest_entered_at,
        cast(coalesce(entered.entries, 0) as integer) as entries,
        entered.lead_id is null as implied_by_skip,
        coalesce(entered.is_out_of_order, false) as is_out_of_order
    from grid
    left join entered on entered.lead_id = grid.lead_id and entered.stage = grid.stage
)

select * from final
