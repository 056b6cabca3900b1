-- stg_stage_events: one row per loaded stage event, with the canonical stage its raw value means.
-- Raw values are matched to the config's stages and aliases (cfg_stage_aliases) after
-- normalisation (lowercase, letters and digits only). A value nothing names is kept as 'unknown'.
with events as (
    select * from stage_events
),

aliases as (
    select * from cfg_stage_aliases
),

final as (
    select
        events.lead_id,
        events.stage_raw,
        coalesce(aliases.stage, 'unknown') as stage,
        coalesce(aliases.kind, 'unknown') as stage_kind,
        aliases.stage_order,
        events.entered_at,
        events.exited_at,
        events.reason,
        events.origin,
        events.inferred,
        events.load_id,
        events.source_row
    from events
    left join aliases
        on aliases.alias_key = regexp_replace(lower(events.stage_raw), '[^\p{L}\p{N}]+', '', 'g')
)

select * from final
