-- int_deal__stage_stays: one row per stay of a deal in a stage, from entering it to the next change.
-- Grain: opportunity_id × entered_at. exited_at is null while the deal is still there (the stay is
-- open; the metrics censor it at the as-of). A closed deal's won or lost stay is a stay too: a
-- reopened deal leaves it.
with changes as (
    select * from int_deal__stage_changes
),

final as (
    select
        opportunity_id,
        stage,
        stage_order,
        label,
        kind,
        stage_raw,
        inferred,
        changed_at as entered_at,
        lead(changed_at) over deal_changes as exited_at,
        lead(stage) over deal_changes as next_stage,
        lead(kind) over deal_changes as next_kind,
        row_number() over deal_changes as stay_number,
        source_row
    from changes
    window deal_changes as (partition by opportunity_id order by changed_at, source_row)
)

select * from final
