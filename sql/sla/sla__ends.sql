-- sla__ends: what stopped each instance's clock, if anything did by $as_of.
-- grain: one row per instance of the sla_instances view (sql/sla/sla__instances.sql); this is the
-- one materialisation of the instances (instance_id, from sla__instances.sql, keys the business-time tables).
-- The end is the first qualifying event at or after the start and before the lead's next start:
--   touch           an activity of the SLA's types by a person (automated = false, and not an
--                   incoming email), optionally by the lead's owner only;
--   stage           an entry into one of the SLA's end stages (its reason is kept for required fields);
--   owner_assigned  a field-history change of owner_id to a person (not empty, not a Salesforce
--                   queue: ids starting 00G).
-- Each is the earliest candidate in [start_at, next_start_at), found per end kind below.
-- sla_instances is not a table: src/sla/outcomes.ts puts sql/sla/sla__instances.sql in front of
-- this query as a CTE of that name, so the instances are materialised only here.
with definitions as (
    select * from sla_definitions
),

instances as (
    select
        sla_instances.*,
        definitions.end_kind,
        definitions.target_minutes,
        definitions.business_clock,
        definitions.require_reason,
        -- touch ends may require the lead's owner: the owner then joins the lead in the one match key
        -- (one key fewer for the ASOF join to sort; chr(31), the unit separator, never occurs in ids)
        case when definitions.by_lead_owner then sla_instances.lead_id || chr(31) || coalesce(sla_instances.owner_id, '(no owner)')
             else sla_instances.lead_id end as match_key
    from sla_instances
    join definitions on definitions.sla_name = sla_instances.sla_name
),

-- the end lists as rows, so activities and entries meet them in a hash join: a list_contains
-- join is a nested loop whose guessed size leaves the ASOF join below ~5x slower at 10M activities
end_values as (
    select sla_name, by_lead_owner, end_kind, unnest(coalesce(touch_types, end_stages)) as end_value
    from definitions
    where end_kind in ('touch', 'stage')
),

touches as (
    select
        end_values.sla_name,
        activities.lead_id,
        case when end_values.by_lead_owner then activities.lead_id || chr(31) || activities.owner_id else activities.lead_id end as match_key,
        activities.occurred_at
    from activities
    join end_values on end_values.end_kind = 'touch' and end_values.end_value = activities.type
    where not activities.automated and activities.lead_id is not null and activities.occurred_at <= $as_of
      -- an incoming email is the lead writing, not a rep's attempt
      and not (activities.type = 'email' and activities.direction is not distinct from 'inbound')
),

stage_ends as (
    select end_values.sla_name, entries.lead_id, entries.entered_at, entries.event_number, entries.reason
    from fct_stage_entries as entries
    join end_values on end_values.end_kind = 'stage' and end_values.end_value = entries.stage
    where entries.entered_at <= $as_of
),

owner_assignments as (
    select distinct definitions.sla_name, history.lead_id, history.changed_at
    from field_history as history
    join definitions on definitions.end_kind = 'owner_assigned'
    where history.field = 'owner_id'
      and nullif(nullif(lower(trim(history.value)), ''), 'null') is not null
      and history.value not like '00G%'
      and history.changed_at <= $as_of
),

-- The first candidate in [start_at, next_start_at): an equality hash join on the lead (instances are
-- the build side) filtered to the instance's span, then the earliest per instance. At 10M
-- activities against 1.5M instances this is ~1.6x faster than an ASOF join on the same keys, whose
-- partitioned sort moves every activity; a lead's activities meet only that lead's instances.
touch_ends as (
    select instances.instance_id, min(touches.occurred_at) as end_at, cast(null as varchar) as end_reason
    from instances
    join touches
      on touches.match_key = instances.match_key and touches.sla_name = instances.sla_name
     and touches.occurred_at >= instances.start_at
     and (instances.next_start_at is null or touches.occurred_at < instances.next_start_at)
    where instances.end_kind = 'touch'
    group by instances.instance_id
),

-- the reason of the earliest end entry (event_number breaks a tie of equal times)
stage_decisions as (
    select instances.instance_id, min(stage_ends.entered_at) as end_at, arg_min(stage_ends.reason, stage_ends.event_number) as end_reason
    from instances
    join stage_ends
      on stage_ends.lead_id = instances.lead_id and stage_ends.sla_name = instances.sla_name
     and stage_ends.entered_at >= instances.start_at
     and (instances.next_start_at is null or stage_ends.entered_at < instances.next_start_at)
    where instances.end_kind = 'stage'
    group by instances.instance_id
),

assignment_ends as (
    select instances.instance_id, min(owner_assignments.changed_at) as end_at, cast(null as varchar) as end_reason
    from instances
    join owner_assignments
      on owner_assignments.lead_id = instances.lead_id and owner_assignments.sla_name = instances.sla_name
     and owner_assignments.changed_at >= instances.start_at
     and (instances.next_start_at is null or owner_assignments.changed_at < instances.next_start_at)
    where instances.end_kind = 'owner_assigned'
    group by instances.instance_id
),

-- an instance has one end kind, so at most one of these rows
ends as (
    select * from touch_ends
    union all select * from stage_decisions
    union all select * from assignment_ends
),

final as (
    select
        instances.instance_id, instances.sla_name, instances.lead_id, instances.start_at, instances.next_start_at,
        instances.owner_id, instances.owner, instances.team, instances.source, instances.by_value,
        instances.calendar_key, instances.end_kind, instances.target_minutes, instances.business_clock,
        instances.require_reason,
        -- an end after the lead's next start belongs to that instance, not this one (the joins above)
        ends.end_at,
        ends.end_reason
    from instances
    left join ends on ends.instance_id = instances.instance_id
)

select * from final
