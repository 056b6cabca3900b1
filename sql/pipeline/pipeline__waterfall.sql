-- pipeline__waterfall: one row per deal that is in the period's pipeline at either instant or
-- closes in it between: pipeline_state_start (at $start_at) and pipeline_state_end (at $end_at).
-- The period is close dates in [$close_from, $close_to). Each deal has one entry bucket and one
-- exit bucket, and its amount change between goes to increased or decreased, so per deal
-- entry + change − exit = 0 in whole cents and the buckets reconcile exactly:
--   start + new + pulled in + increased − won − lost − pushed out − pulled out − decreased = end.
-- Entry: start (open with a close date in the period at $start_at); pulled in (open then, close
-- date outside the period); new (created after $start_at, or not open then). Exit: end (open
-- with a close date in the period at $end_at); won / lost (closed since $start_at); pushed out
-- (open, close date after the period); pulled out (open, close date before it or none).
-- A deal entering as new enters at its end amount (no change). Amounts without a value are 0 cents.
with states as (
    select
        state_end.opportunity_id,
        state_start.opportunity_id is not null and state_start.kind = 'open' as open_at_start,
        state_start.opportunity_id is not null and state_start.kind = 'open'
            and state_start.close_date >= $close_from and state_start.close_date < $close_to as in_start,
        state_end.kind = 'open' and state_end.close_date >= $close_from and state_end.close_date < $close_to as in_end,
        state_end.kind in ('won', 'lost') and state_end.stage_entered_at > $start_at as closed_between,
        state_end.close_date >= $close_from and state_end.close_date < $close_to as end_date_in_period,
        state_end.kind as end_kind,
        state_end.close_date as end_close_date,
        state_start.close_date as start_close_date,
        state_start.stage as start_stage,
        state_end.stage as end_stage,
        state_start.amount as start_amount,
        state_end.amount as end_amount,
        coalesce(state_start.amount_cents, 0) as start_cents,
        coalesce(state_end.amount_cents, 0) as end_cents
    from pipeline_state_end as state_end
    left join pipeline_state_start as state_start on state_start.opportunity_id = state_end.opportunity_id
),

entries as (
    select
        *,
        case
            when in_start then 'start'
            when (in_end or (closed_between and end_date_in_period)) and open_at_start then 'pulled_in'
            when in_end or (closed_between and end_date_in_period) then 'new'
        end as entry
    from states
),

classified as (
    select
        *,
        case
            when entry is null then null
            when in_end then 'end'
            when end_kind = 'won' then 'won'
            when end_kind = 'lost' then 'lost'
            when end_close_date >= $close_to then 'pushed_out'
            else 'pulled_out'
        end as exit,
        case when entry = 'new' then end_cents else start_cents end as entry_cents
    from entries
),

final as (
    select
        classified.*,
        end_cents - entry_cents as change_cents,
        coalesce(start_stage, '') <> coalesce(end_stage, '') and entry in ('start', 'pulled_in') as stage_moved
    from classified
    where entry is not null
)

select final.*, dim_deals.name, coalesce(dim_deals.owner, '(no owner)') as owner
from final
join dim_deals on dim_deals.opportunity_id = final.opportunity_id
order by final.opportunity_id collate "C"
