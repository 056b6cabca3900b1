-- sla__instances: one row per SLA and start instance inside the report window (docs/sla.md).
-- grain: one row per (sla_name, lead_id, start_at) with the start in [$from, $to) and <= $as_of.
-- A start is an entry into the SLA's start stage, or an engagement event of its type. Each entry is
-- its own instance (a lead MQL'd twice is measured twice); an instance runs until the lead's next
-- start (next_start_at), so a touch after a re-MQL belongs to the new instance only.
-- Inputs: sla_definitions (src/sla/definitions.ts), fct_stage_entries, engagement_events,
-- dim_leads, owner_calendars (src/calendar/ownerCalendars.ts), lead_fields for $group_field.
with definitions as (
    select * from sla_definitions
),

entries as (
    select
        lead_id, stage, entered_at, event_number,
        -- a "Recycled MQL": some earlier entry of the lead was a recycle
        coalesce(bool_or(stage = 'recycled') over (
            partition by lead_id order by event_number rows between unbounded preceding and 1 preceding
        ), false) as after_recycle
    from fct_stage_entries
    where entered_at <= $as_of
),

stage_starts as (
    select
        definitions.sla_name,
        definitions.after_recycle as only_after_recycle,
        entries.lead_id,
        entries.entered_at as start_at,
        entries.after_recycle,
        lead(entries.entered_at) over (
            partition by definitions.sla_name, entries.lead_id order by entries.entered_at, entries.event_number
        ) as next_start_at
    from entries
    join definitions on definitions.start_kind = 'stage' and entries.stage = definitions.start_stage
),

event_starts as (
    select
        sla_name, false as only_after_recycle, lead_id, start_at, false as after_recycle,
        lead(start_at) over (partition by sla_name, lead_id order by start_at) as next_start_at
    from (
        select distinct definitions.sla_name, events.lead_id, events.occurred_at as start_at
        from engagement_events as events
        join definitions
          on definitions.start_kind = 'event' and lower(events.event_type) = lower(definitions.start_event)
        where events.occurred_at <= $as_of
    ) as distinct_events
),

starts as (
    select sla_name, lead_id, start_at, next_start_at
    from stage_starts
    where start_at >= $from and start_at < $to and (not only_after_recycle or after_recycle)
    union all
    select sla_name, lead_id, start_at, next_start_at
    from event_starts
    where start_at >= $from and start_at < $to
),

grouped as (
    select lead_fields.lead_id, max(lead_fields.value) as value
    from lead_fields
    where lead_fields.field = $group_field
    group by lead_fields.lead_id
),

final as (
    select
        cast(row_number() over (order by starts.sla_name, starts.lead_id, starts.start_at) as integer) as instance_id,
        starts.sla_name,
        starts.lead_id,
        starts.start_at,
        starts.next_start_at,
        leads.owner_id,
        coalesce(leads.owner_name, leads.owner_id, '(no owner)') as owner,
        coalesce(leads.team, '(no team)') as team,
        coalesce(leads.source, '(none)') as source,
        coalesce(case $group_field
            when '' then null
            when 'owner' then coalesce(leads.owner_name, leads.owner_id)
            when 'team' then leads.team
            when 'source' then leads.source
            when 'source_system' then leads.source_system
            else grouped.value
        end, '(none)') as by_value,
        coalesce(calendars.calendar_key, 'default') as calendar_key
    from starts
    left join dim_leads as leads on leads.lead_id = starts.lead_id
    left join owner_calendars as calendars on calendars.owner_id = leads.owner_id
    left join grouped on grouped.lead_id = starts.lead_id
)

select * from final
