-- pipeline__deal_state: one row per deal of the pipeline that exists at $at (created by then),
-- with the stage, amount and close date it had at that instant (fct_deal_field_values).
-- Params: $at, $pipeline ('' = every pipeline). amount_cents is the amount in whole cents, so
-- sums of it reconcile exactly. last_changed_at: when the latest of the three took the value it
-- holds (each value row starts at a real change, stg_deal_changes), for the no-change stale rule.
with deals as (
    select opportunity_id
    from dim_deals
    where created_at <= $at and ($pipeline = '' or pipeline = $pipeline)
),

values_at as (
    select *
    from fct_deal_field_values
    where (valid_from is null or valid_from <= $at) and (valid_to is null or valid_to > $at)
),

final as (
    select
        deals.opportunity_id,
        max(values_at.stage) filter (where values_at.field = 'stage') as stage,
        max(values_at.stage_order) filter (where values_at.field = 'stage') as stage_order,
        max(values_at.label) filter (where values_at.field = 'stage') as stage_label,
        coalesce(max(values_at.kind) filter (where values_at.field = 'stage'), 'open') as kind,
        max(values_at.changed_at) filter (where values_at.field = 'stage') as stage_entered_at,
        max(values_at.amount) filter (where values_at.field = 'amount') as amount,
        cast(round(max(values_at.amount) filter (where values_at.field = 'amount') * 100) as bigint) as amount_cents,
        max(values_at.close_date) filter (where values_at.field = 'close_date') as close_date,
        max(values_at.changed_at) as last_changed_at
    from deals
    left join values_at on values_at.opportunity_id = deals.opportunity_id
    group by deals.opportunity_id
)

select * from final
