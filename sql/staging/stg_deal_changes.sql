-- stg_deal_changes: one row per change of one deal field (stage, amount or close date), in time order.
-- Grain: opportunity_id × field × changed_at. Two kinds of history feed it:
-- * opportunity_stage_events: a row per change carrying the deal's stage, amount and close date
--   after it (Salesforce OpportunityHistory, Fivetran opportunity_history) or only the stage
--   (HubSpot's "Date entered" columns, Fivetran deal_stage);
-- * opportunity_events: a row per change of one field (OpportunityFieldHistory, HubSpot deal
--   property history, canonical opportunity_events.csv), and the changes inferred from two
--   opportunity snapshots (inferred = true). The loader names the fields stage, amount and
--   close_date whatever the CRM calls them, and has already parsed amount and close-date values.
-- Every source is unpivoted into one stream per deal and field; a row is kept when its value
-- differs from the same stream's previous row, so the first row of a deal states its starting
-- value and later rows only what moved, and two exports of the same history add nothing. Stages
-- compare after normalisation (lowercase, letters and digits only: `Closed Won` = `closedwon`).
-- A missing value never counts as a change (a source without amounts yields no amount rows).
-- At one instant a field has one value: see `instants` below.
-- Columns after source_row: origin (which history the row comes from) and pipeline (the stage's
-- pipeline where the export names it: HubSpot's "Date entered" columns; else NULL).
with stage_history as (
    select opportunity_id, entered_at as changed_at, stage_raw, amount, close_date, pipeline, load_id, source_row
    from opportunity_stage_events
),

field_events as (
    select opportunity_id, changed_at, field, value, old_value, origin, inferred, load_id, source_row
    from opportunity_events
    where field in ('stage', 'amount', 'close_date')
),

-- A field history records changes, not the value a deal was created with: the first change's old
-- value is that, held from the deal's creation (its history's `created` row, else the deal's
-- created_at) until the change. Without a creation time before the change it is left out.
creations as (
    select opportunity_id, min(changed_at) as created_at
    from opportunity_events
    where field in ('created', 'opportunitycreatedfromlead')
    group by opportunity_id
),

first_changes as (
    select opportunity_id, changed_at, field, value, old_value, origin, inferred, load_id, source_row
    from (
        select *, row_number() over (partition by opportunity_id, field order by changed_at, load_id, source_row) as change_number
        from field_events
        where not inferred
    ) numbered
    where change_number = 1
),

starting_values as (
    select
        first_changes.opportunity_id,
        coalesce(creations.created_at, opportunities.created_at) as changed_at,
        first_changes.field,
        first_changes.old_value as value,
        'old_value' as origin,
        false as inferred,
        first_changes.load_id,
        first_changes.source_row
    from first_changes
    left join creations on creations.opportunity_id = first_changes.opportunity_id
    left join opportunities on opportunities.opportunity_id = first_changes.opportunity_id
    where first_changes.old_value is not null
        and coalesce(creations.created_at, opportunities.created_at) < first_changes.changed_at
),

field_values as (
    select opportunity_id, changed_at, field, value, origin, inferred, load_id, source_row from field_events
    union all
    select * from starting_values
),

-- every source as (deal, field, time, typed value), one stream per deal and field
stream as (
    select opportunity_id, changed_at, 'stage' as field, stage_raw, null::double as amount, null::date as close_date,
           pipeline, 'stage_history' as origin, false as inferred, load_id, source_row
    from stage_history
    union all
    select opportunity_id, changed_at, 'amount', null, amount, null, null, 'stage_history', false, load_id, source_row
    from stage_history
    where amount is not null
    union all
    select opportunity_id, changed_at, 'close_date', null, null, close_date, null, 'stage_history', false, load_id, source_row
    from stage_history
    where close_date is not null
    union all
    select
        opportunity_id, changed_at, field,
        case when field = 'stage' then value end,
        case when field = 'amount' then try_double(value) end,
        case when field = 'close_date' then try_date(value) end,
        null, origin, inferred, load_id, source_row
    from field_values
    where value is not null
),

-- One value per deal, field and instant: a save that changes two fields can be two history rows
-- at one instant, the first still carrying the field's old value, so the last row of the instant
-- is its value; an exported row wins over an inferred one, and the first load over a later one.
instants as (
    select opportunity_id, changed_at, field, stage_raw, amount, close_date, pipeline, origin, inferred, load_id, source_row
    from (
        select *, row_number() over (
            partition by opportunity_id, field, changed_at order by inferred, load_id, source_row desc
        ) as row_in_instant
        from stream
    ) numbered
    where row_in_instant = 1
),

compared as (
    select
        *,
        case field
            when 'stage' then regexp_replace(lower(stage_raw), '[^\p{L}\p{N}]+', '', 'g')
            when 'amount' then amount::varchar
            else close_date::varchar
        end as compare_key
    from instants
),

ordered as (
    select
        *,
        lag(compare_key) over (partition by opportunity_id, field order by changed_at) as previous_key
    from compared
),

final as (
    select opportunity_id, changed_at, field, stage_raw, amount, close_date, inferred, load_id, source_row, origin, pipeline
    from ordered
    where previous_key is null or compare_key <> previous_key
)

select * from final
