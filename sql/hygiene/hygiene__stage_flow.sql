-- hygiene__stage_flow: one row per configured stage, with its flow over the window [$from, $to)
-- and its count at the as-of. Parameters: $from, $to, $as_of.
--   entered: entries into the stage in the window
--   exited:  stays in the stage that ended (the lead's next entry) in the window
--   growth:  entered − exited, how much the stage's count grew over the window
--   growth_per_exit: growth ÷ exited (NULL when nothing left the stage)
-- The bottleneck (src/hygiene/leadStatus.ts) is the stage with the largest growth_per_exit among
-- those that grew; a stage that grew with nothing leaving ranks above every ratio.
with entries as (
    select * from fct_stage_entries where stage_kind = 'stage'
),

flow as (
    select
        stage,
        cast(count(*) filter (where entered_at >= $from and entered_at < $to) as integer) as entered,
        cast(count(*) filter (where exited_at >= $from and exited_at < $to) as integer) as exited,
        cast(count(*) filter (where entered_at <= $as_of and (exited_at is null or exited_at > $as_of)) as integer) as current_leads
    from entries
    group by stage
),

final as (
    select
        cfg_stages.stage,
        cfg_stages.stage_order,
        coalesce(flow.entered, 0) as entered,
        coalesce(flow.exited, 0) as exited,
        coalesce(flow.entered, 0) - coalesce(flow.exited, 0) as growth,
        -- a double divided (PostgreSQL's integer / integer is an integer; DuckDB's is a double)
        case when coalesce(flow.exited, 0) > 0 then cast(flow.entered - flow.exited as double) / flow.exited end as growth_per_exit,
        coalesce(flow.current_leads, 0) as current_leads
    from cfg_stages
    left join flow on flow.stage = cfg_stages.stage
)

select * from final order by stage_order
