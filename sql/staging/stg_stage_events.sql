-- stg_stage_events: one row per loaded stage event, with the canonical stage its raw value means.
-- Raw values are matched to the config's stages and aliases (cfg_stage_aliases) after
-- normalisation (lowercase, letters and digits only). A value nothing names is kept as 'unknown'.
with events as (
    select * from stage_events
),

aliases as (
    select * from cfg_stage_aliases
),

-- the normalisation runs once per distinct raw value, not once per event
raw_values as (
    select
        stage_raw,
        regexp_replace(lower(stage_raw), '[^\p{L}\p{N}]+', '', 'g') as alias_key
    from (select distinct stage_raw from events) distinct_values
),

mapped as (
    select raw_values.stage_raw, aliases.stage, aliases.kind, aliases.stage_order
    from raw_values
    left join aliases on aliases.alias_key = raw_values.alias_key
),

final as (
    select
        events.lead_id,
        events.stage_raw,
        coalesce(mapped.stage, 'unknown') as stage,
        coalesce(mapped.kind, 'unknown') as stage_kind,
        mapped.stage_order,
        events.entered_at,
        events.exited_at,
        events.reason,
        events.origin,
        events.inferred,
        events.load_id,
        events.source_row
    from events
    left join mapped on mapped.stage_raw = events.stage_raw
)

select * from final
