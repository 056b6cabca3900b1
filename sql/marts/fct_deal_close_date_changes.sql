-- fct_deal_close_date_changes: one row per move of a deal's close date (not its first value).
-- Grain: opportunity_id × changed_at. A push is any move to a later date (Salesforce's PushCount
-- counts only moves into a later calendar month); moves crossing a month or quarter are flagged.
with changes as (
    select
        opportunity_id,
        changed_at,
        close_date,
        inferred,
        lag(close_date) over (partition by opportunity_id order by changed_at, source_row) as previous_close_date
    from stg_deal_changes
    where field = 'close_date' and close_date is not null
),

final as (
    select
        opportunity_id,
        changed_at,
        previous_close_date,
        close_date,
        inferred,
        close_date > previous_close_date as is_push,
        close_date < previous_close_date as is_pull_in,
        date_trunc('month', close_date) <> date_trunc('month', previous_close_date) as crosses_month,
        date_trunc('quarter', close_date) <> date_trunc('quarter', previous_close_date) as crosses_quarter,
        cast(close_date - previous_close_date as integer) as days_moved
    from changes
    where previous_close_date is not null
)

select * from final
