-- sla__ends: what stopped an instance's clock, for each instance (sql/sla/sla__instances.sql, a
-- view of the sla_starts table repeated per SLA) that something stopped by $as_of.
-- grain: one row per instance with an end; an instance without one has no row (src/sla/outcomes.ts
-- joins the instances to their ends in the table sla_instance_ends).
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

-- The starts, as sla__starts.sql gives them, with only the columns the join needs. The join meets
-- a start once per SLA that begins with it, through the candidate's SLA: the build side is 17M
-- starts at 10M leads, not the 45M instances.
starts as (
    select start_ref, start_key, lead_id, start_at, next_start_at, owner_id, after_recycle
    from sla_starts
),

-- the end lists as rows, so activities and entries meet them in a hash join (a list_contains
-- join is a nested loop), each with its SLA's start and the SLA's two filters
end_values as (
    select
        position as sla_position, end_kind, start_key, after_recycle, by_lead_owner,
        unnest(coalesce(touch_types, end_stages)) as end_value
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
        end_values.start_key,
        end_values.after_recycle,
        end_values.by_lead_owner,
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
    select end_values.sla_position, end_values.start_key, end_values.after_recycle, false, entries.lead_id, cast(null as varchar), entries.entered_at, nullif(trim(entries.reason), '') is null, entries.event_number
    from fct_stage_entries as entries
    join end_values on end_values.end_kind = 'stage' and end_values.end_value = entries.stage
    where entries.entered_at <= $as_of
    union all
    select distinct definitions.position, definitions.start_key, definitions.after_recycle, false, history.lead_id, cast(null as varchar), history.changed_at, true, 0
    from field_history as history
    join definitions on definitions.end_kind = 'owner_assigned'
    where history.field = 'owner_id'
      and nullif(nullif(lower(trim(history.value)), ''), 'null') is not null
      and history.value not like '00G%'
      and history.changed_at <= $as_of
),

-- The first candidate in [start_at, next_start_at): an equality hash join on the lead and the
-- SLA's start (the starts are the build side) filtered to the start's span, for a by-lead-owner
-- SLA to the owner (a filter on the lead's few candidates, not a key concatenated of lead and
-- owner: that was a string per activity and per instance, 80M at 10M leads) and for an SLA counted
-- after a recycle to the starts after one, then the earliest per instance, with the reason of that
-- earliest entry. At 10M activities against 1.5M instances this is ~1.6x faster than an ASOF join
-- on the same keys, whose partitioned sort moves every activity; a lead's candidates meet only
-- that lead's starts. An end after the lead's next start belongs to that next instance. The
-- instance id is sla__instances.sql's: the start's reference times 1024 plus the SLA's position.
ends as (
    select
        cast(starts.start_ref * 1024 + end_candidates.sla_position as bigint) as instance_id,
        min(end_candidates.end_at) as end_at,
        -- whether the earliest entry's reason is blank: a flag, never null, so arg_min cannot skip
        -- an entry without a reason for a later one with one (it skips null values)
        arg_min(end_candidates.end_reason_blank, end_candidates.entry_order) as end_reason_blank
    from starts
    join end_candidates
      on end_candidates.lead_id = starts.lead_id
     and end_candidates.start_key = starts.start_key
     and end_candidates.end_at >= starts.start_at
     and (starts.next_start_at is null or end_candidates.end_at < starts.next_start_at)
     -- the lead's owner only, for a by-lead-owner touch SLA (a lead without one: '(no owner)')
     and (not end_candidates.by_lead_owner or end_candidates.owner_id = coalesce(starts.owner_id, '(no owner)'))
     and (not end_candidates.after_recycle or starts.after_recycle)
    group by cast(starts.start_ref * 1024 + end_candidates.sla_position as bigint)
)

select * from ends
