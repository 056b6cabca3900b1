-- stg_deal_changes: one row per change of one deal field (stage, amount or close date), in time order.
-- Grain: opportunity_id × field × changed_at. The history exports give a row per change carrying the
-- deal's stage, amount and close date after it (Salesforce OpportunityHistory, Fivetran
-- opportunity_history) or only the stage (HubSpot's "Date entered" columns): a field's row is kept
-- when its value differs from the same deal's previous row that had the field, so the first row of
-- a deal states its starting values and later rows only what moved. A missing value never counts
-- as a change (a source without amounts yields no amount rows). `inferred` marks changes worked
-- out from two snapshots rather than read from a history export.
with snapshots as (
    select
        opportunity_id,
        entered_at as changed_at,
        stage_raw,
        amount,
        close_date,
        false as inferred,
        load_id,
        source_row
    from opportunity_stage_events
),

-- each field is compared with the same deal's previous row that had it (portable: no IGNORE NULLS)
stages as (
    select *, lag(stage_raw) over (partition by opportunity_id order by changed_at, source_row) as previous_value
    from snapshots
),

amounts as (
    select *, lag(amount) over (partition by opportunity_id order by changed_at, source_row) as previous_value
    from snapshots
    where amount is not null
),

close_dates as (
    select *, lag(close_date) over (partition by opportunity_id order by changed_at, source_row) as previous_value
    from snapshots
    where close_date is not null
),

stage_changes as (
    select opportunity_id, changed_at, 'stage' as field, stage_raw, null::double as amount, null::date as close_date, inferred, load_id, source_row
    from stages
    where previous_value is null or stage_raw <> previous_value
),

amount_changes as (
    select opportunity_id, changed_at, 'amount' as field, null::varchar as stage_raw, amount, null::date as close_date, inferred, load_id, source_row
    from amounts
    where previous_value is null or amount <> previous_value
),

close_date_changes as (
    select opportunity_id, changed_at, 'close_date' as field, null::varchar as stage_raw, null::double as amount, close_date, inferred, load_id, source_row
    from close_dates
    where previous_value is null or close_date <> previous_value
),

final as (
    select * from stage_changes
    union all
    select * from amount_changes
    union all
    select * from close_date_changes
)

select * from final
