-- sla__instances: one row per SLA and start instance inside the report window (docs/sla.md).
-- grain: one row per (sla_name, lead_id, start_at) with the start in [$from, $to) and <= $as_of.
-- A start is an entry into the SLA's start stage, or an engagement event of its type. Each entry is
-- its own instance (a lead MQL'd twice is measured twice); an instance runs until the lead's next
-- start (next_start_at), so a touch after a re-MQL belongs to the new instance only.
-- Created as a view (src/sla/outcomes.ts): sla__ends.sql reads it once and materialises the result.
-- Speed at 1M MQLs: starts are computed once per start stage, not once per SLA (three default SLAs
-- start at MQL); entries before $from are dropped before the window (lead() only looks forward);
-- "after a recycle" compares with the lead's first recycle instead of a running window.
-- instance_id comes from the start's row in its source table (rowid) and the SLA's position: unique
-- without a row_number() over (), which is a single-threaded pass costing seconds at 1M instances.
-- (Up to 1024 SLAs; src/sla/definitions.ts checks.)
-- Inputs: sla_definitions (src/sla/definitions.ts), fct_stage_entries, engagement_events,
-- dim_leads, owner_calendars (src/calendar/ownerCalendars.ts), lead_fields for $group_field.
with definitions as (
    select * from sla_definitions
),

first_recycles as (
    select lead_id, min(event_number) as first_recycle_number
    from fct_stage_entries
    where stage = 'recycled' and entered_at <= $as_of
      and exists (select 1 from definitions where after_recycle)
    group by lead_id
),

stage_starts as (
    select
        stage, lead_id, entered_at as start_at, event_number, rowid as start_row,
        lead(entered_at) over (partition by stage, lead_id order by entered_at, event_number) as next_start_at
    from fct_stage_entries
    where entered_at >= $from and entered_at <= $as_of
      and stage in (select start_stage from definitions where start_kind = 'stage')
),

event_starts as (
    select event_type, lead_id, start_at, start_row, lead(start_at) over (partition by event_type, lead_id order by start_at) as next_start_at
    from (
        -- the same event exported twice is one start
        select lower(events.event_type) as event_type, events.lead_id, events.occurred_at as start_at, min(events.rowid) as start_row
        from engagement_events as events
        where events.occurred_at >= $from and events.occurred_at <= $as_of
          and lower(events.event_type) in (select lower(start_event) from definitions where start_kind = 'event')
        group by all
    ) as distinct_events
),

starts as (
    select
        cast(stage_starts.start_row * 2 * 1024 + definitions.position as bigint) as instance_id,
        definitions.sla_name, stage_starts.lead_id, stage_starts.start_at, stage_starts.next_start_at
    from stage_starts
    join definitions on definitions.start_kind = 'stage' and definitions.start_stage = stage_starts.stage
    left join first_recycles on first_recycles.lead_id = stage_starts.lead_id
    where stage_starts.start_at < $to
      -- a "Recycled MQL": some earlier entry of the lead was a recycle
      and (not definitions.after_recycle or stage_starts.event_number > first_recycles.first_recycle_number)
    union all
    select
        cast((event_starts.start_row * 2 + 1) * 1024 + definitions.position as bigint),
        definitions.sla_name, event_starts.lead_id, event_starts.start_at, event_starts.next_start_at
    from event_starts
    join definitions on definitions.start_kind = 'event' and lower(definitions.start_event) = event_starts.event_type
    where event_starts.start_at < $to
),

grouped as (
    select lead_fields.lead_id, max(lead_fields.value) as value
    from lead_fields
    where lead_fields.field = $group_field and $group_field <> ''
    group by lead_fields.lead_id
),

final as (
    select
        starts.instance_id,
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
