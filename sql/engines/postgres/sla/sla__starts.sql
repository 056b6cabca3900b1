-- PostgreSQL's version of sql/sla/sla__starts.sql, the same model: PostgreSQL tables have no
-- rowid; a row's physical place (ctid, as a number by revops_row_number in compat.sql) is as
-- unique, and start references only need to be unique. Keep it in step with the portable model,
-- whose header says what each column is.
-- grain: one row per start with the start in [$from, $to) and <= $as_of.
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
        stage, lead_id, entered_at as start_at, event_number, revops_row_number(ctid) as start_row,
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
        select lower(events.event_type) as event_type, events.lead_id, events.occurred_at as start_at, min(revops_row_number(events.ctid)) as start_row
        from engagement_events as events
        where events.occurred_at >= $from and events.occurred_at <= $as_of
          and lower(events.event_type) in (select lower(start_event) from definitions where start_kind = 'event')
        group by lower(events.event_type), events.lead_id, events.occurred_at
    ) as distinct_events
),

-- lead attributes and the first recycle are joined once per start, before a start is repeated
-- for each SLA that begins with it (three default SLAs start at MQL)
stage_starts_described as (
    select stage_starts.*, first_recycles.first_recycle_number
    from stage_starts
    left join first_recycles on first_recycles.lead_id = stage_starts.lead_id
    where stage_starts.start_at < $to
),

-- what every instance of a lead shares, computed once per lead that has a start
lead_attributes as (
    select
        leads.lead_id,
        leads.owner_id,
        coalesce(calendars.calendar_key, 'default') as calendar_key
    from dim_leads as leads
    left join owner_calendars as calendars on calendars.owner_id = leads.owner_id
),

-- every start once, whatever number of SLAs begin with it; start_ref keeps ids of both kinds apart
start_events as (
    select 'stage' as start_kind, stage as start_value, lead_id, start_at, next_start_at,
           start_row * 2 as start_ref, event_number, first_recycle_number
    from stage_starts_described
    union all
    select 'event', event_type, lead_id, start_at, next_start_at, start_row * 2 + 1, null, null
    from event_starts
    where start_at < $to
),

final as (
    select
        start_events.start_ref, start_keys.start_key, start_events.lead_id,
        start_events.start_at, start_events.next_start_at,
        lead_attributes.owner_id, coalesce(lead_attributes.calendar_key, 'default') as calendar_key,
        -- a "Recycled MQL": some earlier entry of the lead was a recycle
        coalesce(start_events.event_number > start_events.first_recycle_number, false) as after_recycle
    from start_events
    join start_keys on start_keys.start_kind = start_events.start_kind and start_keys.start_value = start_events.start_value
    left join lead_attributes on lead_attributes.lead_id = start_events.lead_id
)

select * from final
