-- sla__ends: what stopped an instance's clock, for each instance of the sla_instances table
-- (sql/sla/sla__instances.sql) that something stopped by $as_of.
-- grain: one row per instance with an end; an instance without one has no row (src/sla/outcomes.ts
-- joins the instances to their ends in the view sla_deadline_requests, read once by sla_outcomes).
-- The end is the first qualifying event at or after the start and before the lead's next start:
--   touch           an activity of the SLA's types by a person (automated = false, and not an
--                   incoming email), optionally by the lead's owner only;
--   stage           an entry into one of the SLA's end stages (whether its reason is blank is kept, for required fields);
--   owner_assigned  a field-history change of owner_id to a person (not empty, not a Salesforce
--                   queue: ids starting 00G).
-- Each is the earliest candidate in [start_at, next_start_at), found per end kind below.
-- Only the ends, not every instance with its end: at 10M leads a table of the 45M instances again
-- (a second read of sla_instances and a join back on instance_id) took half of this step's 64 s.
with definitions as (
    select * from sla_definitions
),

-- The instances as sla__instances.sql gives them, with only the columns the join needs: the SLA
-- by its position, an integer, so the join key below is a string and an integer.
instances as (
    select
        sla_instances.instance_id, sla_instances.sla_position, sla_instances.lead_id, sla_instances.start_at,
        sla_instances.next_start_at, sla_instances.owner_id, definitions.by_lead_owner
    from sla_instances
    join definitions on definitions.position = sla_instances.sla_position
),

-- the end lists as rows, so activities and entries meet them in a hash join: a list_contains
-- join is a nested loop whose guessed size leaves the ASOF join below ~5x slower at 10M activities
end_values as (
    select position as sla_position, end_kind, unnest(coalesce(touch_types, end_stages)) as end_value
    from definitions
    where end_kind in ('touch', 'stage')
),

-- every event that can end an instance, in one shape: the lead, and for a touch the touching owner
-- (a by-lead-owner touch SLA counts only the lead owner's); entry_order is a stage entry's
-- event_number, which orders a lead's entries by time (ties included), so the earliest entry's
-- reason is the one kept. Of the reason, only whether it is blank: a boolean through the join, not
-- a string (at 10M leads, 50M candidates spilled).
end_candidates as (
    select
        end_values.sla_position,
        activities.lead_id,
        activities.owner_id,
        activities.occurred_at as end_at,
        true as end_reason_blank,
        0 as entry_order
    from activities
    join end_values on end_values.end_kind = 'touch' and end_values.end_value = activities.type
    where not activities.automated and activities.lead_id is not null and activities.occurred_at <= $as_of
      -- an incoming email is the lead writing, not a rep's attempt
      and not (activities.type = 'email' and activities.direction is not distinct from 'inbound')
    union all
    select end_values.sla_position, entries.lead_id, cast(null as varchar), entries.entered_at, nullif(trim(entries.reason), '') is null, entries.event_number
    from fct_stage_entries as entries
    join end_values on end_values.end_kind = 'stage' and end_values.end_value = entries.stage
    where entries.entered_at <= $as_of
    union all
    select distinct definitions.position, history.lead_id, cast(null as varchar), history.changed_at, true, 0
    from field_history as history
    join definitions on definitions.end_kind = 'owner_assigned'
    where history.field = 'owner_id'
      and nullif(nullif(lower(trim(history.value)), ''), 'null') is not null
      and history.value not like '00G%'
      and history.changed_at <= $as_of
),

-- The first candidate in [start_at, next_start_at): an equality hash join on the lead and SLA
-- (instances are the build side) filtered to the instance's span and, for a by-lead-owner SLA, to
-- the owner (a filter on the lead's few candidates, not a key concatenated of lead and owner: that
-- was a string per activity and per instance, 80M at 10M leads), then the earliest per instance,
-- with the reason of that earliest entry. At 10M activities against 1.5M instances this is ~1.6x
-- faster than an ASOF join on the same keys, whose partitioned sort moves every activity; a lead's
-- candidates meet only that lead's instances. An end after the lead's next start belongs to that next instance.
ends as (
    select
        instances.instance_id,
        min(end_candidates.end_at) as end_at,
        -- whether the earliest entry's reason is blank: a flag, never null, so arg_min cannot skip
        -- an entry without a reason for a later one with one (it skips null values)
        arg_min(end_candidates.end_reason_blank, end_candidates.entry_order) as end_reason_blank
    from instances
    join end_candidates
      on end_candidates.lead_id = instances.lead_id and end_candidates.sla_position = instances.sla_position
     and end_candidates.end_at >= instances.start_at
     and (instances.next_start_at is null or end_candidates.end_at < instances.next_start_at)
     -- the lead's owner only, for a by-lead-owner touch SLA (a lead without one: '(no owner)')
     and (not instances.by_lead_owner or end_candidates.owner_id = coalesce(instances.owner_id, '(no owner)'))
    group by instances.instance_id
)

select * from ends
