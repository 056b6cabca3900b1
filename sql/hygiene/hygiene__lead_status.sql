-- hygiene__lead_status: one row per lead (dim_leads, reads hygiene__stage_medians) with what the stuck, stale, unknown-stage and
-- unowned lists and the stage distribution read. Parameters: $as_of, $stuck_multiple,
-- $excluded_stages (stages a lead is meant to stay in: never stuck), $stale_months.
--   stuck:   in a configured stage (not an exit state, not excluded) for longer than
--            $stuck_multiple × the median days of the completed stays in that stage (the lead
--            left it by the as-of); a stage with no completed stay has no median and flags nobody
--   stale:   no activity (activities) and no engagement event for $stale_months months before the
--            as-of, and created before that too (a new lead has had no time to act)
--   unknown: the current stage maps to no configured stage ('unknown'), or the lead has none
--   unowned: no owner id
with entries as (
    select * from fct_stage_entries where entered_at <= $as_of
),

medians as (
    select * from hygiene__stage_medians
),

current_entries as (
    -- the stay the lead is in at the as-of: its last entry up to then
    select lead_id, stage, stage_kind, stage_raw, entered_at
    from (select *, row_number() over (partition by lead_id order by event_number desc) as nth from entries) numbered
    where nth = 1
),

last_activity as (
    select lead_id, max(occurred_at) as last_at
    from (
        select lead_id, occurred_at from activities where lead_id is not null and occurred_at <= $as_of
        union all
        select lead_id, occurred_at from engagement_events where occurred_at <= $as_of
    ) touches
    group by lead_id
),

measured as (
    select
        dim_leads.lead_id,
        dim_leads.owner_id,
        dim_leads.created_at,
        current_entries.stage,
        coalesce(current_entries.stage_kind, 'unknown') as stage_kind,
        coalesce(current_entries.stage_raw, leads.stage_raw) as stage_raw,
        current_entries.entered_at,
        (epoch($as_of) - epoch(current_entries.entered_at)) / 86400.0 as days_in_stage,
        medians.median_days,
        last_activity.last_at as last_activity_at
    from dim_leads
    left join leads on leads.lead_id = dim_leads.lead_id
    left join current_entries on current_entries.lead_id = dim_leads.lead_id
    left join medians on medians.stage = current_entries.stage
    left join last_activity on last_activity.lead_id = dim_leads.lead_id
    where dim_leads.created_at is null or dim_leads.created_at <= $as_of
),

final as (
    select
        *,
        coalesce(
            stage_kind = 'stage' and not list_contains($excluded_stages, stage) and median_days > 0
            and days_in_stage > $stuck_multiple * median_days,
            false
        ) as is_stuck,
        coalesce(greatest(last_activity_at, created_at) < $as_of - to_months(cast($stale_months as integer)), false) as is_stale,
        stage_kind = 'unknown' as is_unknown_stage,
        nullif(trim(owner_id), '') is null as is_unowned,
        case
            when entered_at is null then null
            when days_in_stage < 7 then '< 7 d'
            when days_in_stage < 30 then '7–30 d'
            when days_in_stage < 90 then '30–90 d'
            when days_in_stage < 180 then '90–180 d'
            else '≥ 180 d'
        end as age_bucket
    from measured
)

select * from final
