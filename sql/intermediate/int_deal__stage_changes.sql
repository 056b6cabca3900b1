-- int_deal__stage_changes: one row per change of a deal's stage, in time order, mapped to the
-- config's deal stages (cfg_deal_stages, matched after normalisation: lowercase, letters and digits).
-- Grain: opportunity_id × changed_at. Two CRM values of the same stage in a row are one stay, so a
-- row is kept only when the mapped stage differs from the deal's previous row.
-- A value no stage names keeps its raw value and stage null (an open stay in an unknown stage),
-- unless it is the deal's current stage and the export's IsClosed / IsWon flags close it.
-- A deal the history does not cover starts in its current stage when created (a closed one in an
-- unknown stage, then closes at its close date); a deal the export says is closed while its
-- history ends open closes at its close date (or its last change, whichever is later).
with opportunities as (
    select opportunity_id, stage_raw, created_at, close_date, is_closed, is_won
    from stg_opportunities
),

recorded as (
    select opportunity_id, changed_at, stage_raw, inferred, source_row
    from stg_deal_changes
    where field = 'stage' and stage_raw is not null
),

recorded_deals as (
    select opportunity_id, max(changed_at) as last_changed_at
    from recorded
    group by opportunity_id
),

unrecorded as (
    select opportunities.opportunity_id, opportunities.created_at as changed_at,
           case when opportunities.is_closed then null else opportunities.stage_raw end as stage_raw,
           false as inferred, -2 as source_row
    from opportunities
    where opportunities.created_at is not null
      and opportunities.opportunity_id not in (select opportunity_id from recorded_deals)
),

stage_keys as (
    select distinct stage_raw, regexp_replace(lower(stage_raw), '[^\p{L}\p{N}]+', '', 'g') as stage_key
    from (select stage_raw from recorded union select stage_raw from opportunities) as raw_values
    where stage_raw is not null
),

recorded_kinds as (
    select recorded.opportunity_id, bool_or(cfg_deal_stages.kind in ('won', 'lost')) as closes
    from recorded
    join stage_keys on stage_keys.stage_raw = recorded.stage_raw
    join cfg_deal_stages on cfg_deal_stages.alias_key = stage_keys.stage_key
    group by recorded.opportunity_id
),

-- closed now, by the export's flags or stage, with no closing change in the history
closings as (
    select opportunities.opportunity_id,
           coalesce(greatest(cast(opportunities.close_date as timestamptz), recorded_deals.last_changed_at),
                    cast(opportunities.close_date as timestamptz), recorded_deals.last_changed_at, opportunities.created_at) as changed_at,
           opportunities.stage_raw, false as inferred, 2147483647 as source_row
    from opportunities
    left join recorded_deals on recorded_deals.opportunity_id = opportunities.opportunity_id
    left join recorded_kinds on recorded_kinds.opportunity_id = opportunities.opportunity_id
    where opportunities.is_closed and not coalesce(recorded_kinds.closes, false)
      and (opportunities.close_date is not null or recorded_deals.last_changed_at is not null or opportunities.created_at is not null)
),

changes as (
    select * from recorded
    union all
    select * from unrecorded
    union all
    select * from closings
),

won_order as (
    select max(stage_order) as stage_order from cfg_deal_stages where kind = 'won'
),

mapped as (
    select
        changes.opportunity_id,
        changes.changed_at,
        changes.stage_raw,
        changes.inferred,
        changes.source_row,
        coalesce(
            cfg_deal_stages.kind,
            case when changes.stage_raw = opportunities.stage_raw and opportunities.is_closed then case when opportunities.is_won then 'won' else 'lost' end end,
            'open'
        ) as kind,
        cfg_deal_stages.stage,
        cfg_deal_stages.stage_order,
        cfg_deal_stages.label
    from changes
    left join stage_keys on stage_keys.stage_raw = changes.stage_raw
    left join cfg_deal_stages on cfg_deal_stages.alias_key = stage_keys.stage_key
    left join opportunities on opportunities.opportunity_id = changes.opportunity_id
),

named as (
    select
        opportunity_id, changed_at, stage_raw, inferred, source_row, kind,
        coalesce(stage, case kind when 'won' then 'closed_won' when 'lost' then 'closed_lost' end) as stage,
        coalesce(stage_order, case when kind = 'won' then (select stage_order from won_order) end) as stage_order,
        coalesce(label, case kind when 'won' then 'Closed Won' when 'lost' then 'Closed Lost' end) as label
    from mapped
),

ordered as (
    select
        named.*,
        coalesce(stage, 'raw:' || stage_raw, '(unknown)') as stay_key,
        lag(coalesce(stage, 'raw:' || stage_raw, '(unknown)')) over (partition by opportunity_id order by changed_at, source_row) as previous_stay_key
    from named
),

final as (
    select opportunity_id, changed_at, stage_raw, stage, stage_order, label, kind, inferred, source_row
    from ordered
    where previous_stay_key is null or previous_stay_key <> stay_key
)

select * from final
