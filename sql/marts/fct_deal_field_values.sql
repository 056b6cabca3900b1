-- fct_deal_field_values: one row per value a deal's stage, amount or close date held, with the
-- interval it held it: [valid_from, valid_to). Grain: opportunity_id × field × valid_from.
-- A deal's first history row states its starting values: they hold since its creation (valid_from
-- null). A field first stated later (an amount set after creation) was unknown before (no row).
-- A field the history never states holds the export's current value for the deal's whole life. The deal's state at any instant (pipeline__deal_state.sql) reads this.
with recorded as (
    select opportunity_id, field, changed_at, amount, close_date, source_row
    from stg_deal_changes
    where field in ('amount', 'close_date')
),

recorded_fields as (
    select distinct opportunity_id, field from recorded
),

current_values as (
    select opportunity_id, 'amount' as field, cast(null as timestamptz) as changed_at, amount, cast(null as date) as close_date, 0 as source_row
    from stg_opportunities
    where amount is not null
      and opportunity_id not in (select opportunity_id from recorded_fields where field = 'amount')
    union all
    select opportunity_id, 'close_date', cast(null as timestamptz), cast(null as double), close_date, 0
    from stg_opportunities
    where close_date is not null
      and opportunity_id not in (select opportunity_id from recorded_fields where field = 'close_date')
),

amounts_and_dates as (
    select opportunity_id, field, changed_at, amount, close_date,
           cast(null as varchar) as stage, cast(null as integer) as stage_order, cast(null as varchar) as label, cast(null as varchar) as kind, source_row
    from recorded
    union all
    select opportunity_id, field, changed_at, amount, close_date, null, null, null, null, source_row
    from current_values
),

stages as (
    select opportunity_id, 'stage' as field, entered_at as changed_at, cast(null as double) as amount, cast(null as date) as close_date,
           stage, stage_order, label, kind, source_row
    from fct_deal_stage_stays
),

all_values as (
    select * from amounts_and_dates
    union all
    select * from stages
),

first_rows as (
    select opportunity_id, min(changed_at) as first_changed_at
    from all_values
    group by opportunity_id
),

final as (
    select
        all_values.opportunity_id,
        all_values.field,
        case when row_number() over deal_field = 1 and (all_values.changed_at is null or all_values.changed_at <= first_rows.first_changed_at)
            then null else all_values.changed_at end as valid_from,
        lead(all_values.changed_at) over deal_field as valid_to,
        all_values.changed_at,
        all_values.amount,
        all_values.close_date,
        all_values.stage,
        all_values.stage_order,
        all_values.label,
        all_values.kind
    from all_values
    left join first_rows on first_rows.opportunity_id = all_values.opportunity_id
    window deal_field as (partition by all_values.opportunity_id, all_values.field order by all_values.changed_at nulls first, all_values.source_row)
)

select * from final
