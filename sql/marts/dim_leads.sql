-- dim_leads: one row per lead (from lead exports, or seen only in stage events), with its owner,
-- team, current stage and the lifecycle flags an analyst filters on.
with lead_ids as (
    select lead_id from leads
    union
    select lead_id from stage_events
),

entries as (
    select * from fct_stage_entries
),

-- HubSpot UI exports name the owner instead of giving an id: resolve unique names too
owner_keys as (
    select owner_id as owner_key, owner_id, name, team, timezone from owners
    union all
    select name, min(owner_id), name, min(team), min(timezone)
    from owners
    where name is not null and name not in (select owner_id from owners)
    group by name
    having count(*) = 1
),

current_stage as (
    select lead_id, stage as current_stage, stage_raw as current_stage_raw, entered_at as current_stage_entered_at
    from entries
    where is_current
),

flags as (
    select
        lead_id,
        max(stage_order) as highest_stage_order,
        bool_or(is_recycle) as has_recycle,
        bool_or(is_reentry and stage_kind = 'stage') as has_reentry,
        bool_or(is_out_of_order) as has_out_of_order,
        bool_or(is_regression) as has_regression,
        bool_or(stage_kind = 'unknown') as has_unknown_stage,
        min(entered_at) as first_event_at
    from entries
    group by lead_id
),

skips as (
    select lead_id, bool_or(implied_by_skip) as has_skip
    from fct_lead_stages
    group by lead_id
),

final as (
    select
        lead_ids.lead_id,
        leads.source_system,
        leads.email,
        leads.company,
        leads.account_id,
        coalesce(leads.created_at, flags.first_event_at) as created_at,
        leads.source,
        coalesce(owners.owner_id, leads.owner_id) as owner_id,
        owners.name as owner_name,
        owners.team,
        owners.timezone as owner_timezone,
        current_stage.current_stage,
        current_stage.current_stage_raw,
        current_stage.current_stage_entered_at,
        (select stage from cfg_stages where stage_order = flags.highest_stage_order) as highest_stage,
        coalesce(skips.has_skip, false) as has_skip,
        coalesce(flags.has_recycle, false) as has_recycle,
        coalesce(flags.has_reentry, false) as has_reentry,
        coalesce(flags.has_regression, false) as has_regression,
        coalesce(flags.has_out_of_order, false) as has_out_of_order,
        coalesce(flags.has_unknown_stage, false) as has_unknown_stage
    from lead_ids
    left join leads on leads.lead_id = lead_ids.lead_id
    left join owner_keys as owners on owners.owner_key = leads.owner_id
    left join current_stage on current_stage.lead_id = lead_ids.lead_id
    left join flags on flags.lead_id = lead_ids.lead_id
    left join skips on skips.lead_id = lead_ids.lead_id
)

select * from final
