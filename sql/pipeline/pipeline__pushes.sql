-- pipeline__pushes: one row per deal of the pipeline whose close date moved in the window
-- ($from to $to, up to $as_of). Every move to a later date is a push; those crossing into a later
-- month or quarter are counted apart (Salesforce's PushCount counts only the month ones).
with moves as (
    select moves.*
    from fct_deal_close_date_changes as moves
    join pipeline_deals on pipeline_deals.opportunity_id = moves.opportunity_id
    where moves.changed_at >= $from and moves.changed_at < $to and moves.changed_at <= $as_of
),

per_deal as (
    select
        opportunity_id,
        cast(count(*) filter (where is_push) as integer) as pushes,
        cast(count(*) filter (where is_push and crosses_month) as integer) as month_pushes,
        cast(count(*) filter (where is_push and crosses_quarter) as integer) as quarter_pushes,
        cast(count(*) filter (where is_pull_in) as integer) as pull_ins,
        cast(coalesce(sum(days_moved) filter (where is_push), 0) as integer) as days_pushed,
        min(changed_at) as first_moved_at,
        max(changed_at) as last_moved_at
    from moves
    group by opportunity_id
),

first_dates as (
    select opportunity_id, previous_close_date as close_date_before
    from (select *, row_number() over (partition by opportunity_id order by changed_at) as n from moves) as ordered
    where n = 1
),

final as (
    select
        per_deal.*,
        first_dates.close_date_before,
        deals.close_date,
        deals.name,
        deals.owner,
        deals.team,
        deals.stage,
        deals.stage_label,
        deals.kind,
        deals.amount
    from per_deal
    join first_dates on first_dates.opportunity_id = per_deal.opportunity_id
    join pipeline_deals as deals on deals.opportunity_id = per_deal.opportunity_id
)

select * from final
order by pushes desc, days_pushed desc, opportunity_id collate "C"
