-- fct_deal_amount_changes: one row per change of a deal's amount (not its first value).
-- Grain: opportunity_id × changed_at; delta = new amount − previous amount.
with changes as (
    select
        opportunity_id,
        changed_at,
        amount,
        inferred,
        lag(amount) over (partition by opportunity_id order by changed_at, source_row) as previous_amount
    from stg_deal_changes
    where field = 'amount' and amount is not null
),

final as (
    select opportunity_id, changed_at, previous_amount, amount, amount - previous_amount as delta, inferred
    from changes
    where previous_amount is not null
)

select * from final
