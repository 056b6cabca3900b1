-- sla__starts: every start of an SLA instance inside the report window (docs/sla.md), once,
-- whatever number of SLAs begin with it.
-- grain: one row per start (start_ref) with the start in [$from, $to) and <= $as_of:
--   start_key                the start's kind and stage or event type, as the key the SLAs that
--                            begin with it share (sla_definitions.start_key)
--   start_ref                the start's row in its source table (rowid) times 2, plus 1 for an
--                            event: unique without a row_number() over (), which is a
--                            single-threaded pass costing seconds at 1M starts
--   next_start_at            the lead's next start of the same kind and value, once it has
--                            happened by the as-of: an instance runs until then, so a touch after a
--                            re-MQL belongs to the new instance only
--   after_recycle            some earlier entry of the lead was a recycle (a "Recycled MQL")
--   owner_id, calendar_key   the lead's owner and that owner's business calendar
-- Created as a temp table (src/sla/outcomes.ts). The instances are this table repeated per SLA
-- that begins with the start (sql/sla/sla__instances.sql, a view): three default SLAs start at MQL,
-- and at 10M leads the ends' join builds on 17M starts, not 45M instances.
-- Speed at 1M MQLs: the next start is the mart's next_entry_in_stage_at (no window pass per
-- report); lead attributes are joined once per start; "after a recycle" compares with the lead's
-- first recycle instead of a running window.
-- Inputs: sla_definitions (src/sla/definitions.ts), fct_stage_entries, engagement_events,
-- dim_leads, owner_calendars (src/calendar/ownerCalendars.ts).
-- Of the lead, only what the ends and deadlines need (owner id, calendar): its names, team, source
-- and --by value come from the view sla_lead_attributes, joined by the queries that group or list
-- by them (at 10M leads, 45M instances carrying those strings spilled 32 GB under a 4 GB limit).
with definitions as (
    select * from sla_definitions
),

-- each start's key, shared by the SLAs that begin with it (src/sla/definitions.ts)
start_keys as (
    select distinct start_kind, start_value, start_key
    from definitions
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
        -- the next entry into the stage, once it has happened by the as-of (fct_stage_entries)
        case when next_entry_in_stage_at <= $as_of then next_entry_in_stage_at end as next_start_at
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
        group by lower(events.event_type), events.lead_id, events.occurred_at
    ) as distinct_events
),

-- what every instance of a lead shares, computed once per lead that has a start; the first recycle
-- is joined here, per lead, and not to the starts: a join on the starts holds a hash table of every
-- start while the attributes' join holds another (speed-to-lead ran out of a 100MB limit at 200k leads)
lead_attributes as (
    select
        leads.lead_id,
        leads.owner_id,
        coalesce(calendars.calendar_key, 'default') as calendar_key,
        first_recycles.first_recycle_number
    from dim_leads as leads
    left join owner_calendars as calendars on calendars.owner_id = leads.owner_id
    left join first_recycles on first_recycles.lead_id = leads.lead_id
),

-- every start once, whatever number of SLAs begin with it; start_ref keeps ids of both kinds apart
start_events as (
    select 'stage' as start_kind, stage as start_value, lead_id, start_at, next_start_at,
           start_row * 2 as start_ref, event_number
    from stage_starts
    where start_at < $to
    union all
    select 'event', event_type, lead_id, start_at, next_start_at, start_row * 2 + 1, null
    from event_starts
    where start_at < $to
),

final as (
    select
        start_events.start_ref, start_keys.start_key, start_events.lead_id,
        start_events.start_at, start_events.next_start_at,
        lead_attributes.owner_id, coalesce(lead_attributes.calendar_key, 'default') as calendar_key,
        -- a "Recycled MQL": some earlier entry of the lead was a recycle
        coalesce(start_events.event_number > lead_attributes.first_recycle_number, false) as after_recycle
    from start_events
    join start_keys on start_keys.start_kind = start_events.start_kind and start_keys.start_value = start_events.start_value
    left join lead_attributes on lead_attributes.lead_id = start_events.lead_id
)

select * from final
