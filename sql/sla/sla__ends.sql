-- sla__ends: what stopped each instance's clock, if anything did by $as_of.
-- grain: one row per instance of sla_instances (sql/sla/sla__instances.sql).
-- The end is the first qualifying event at or after the start and before the lead's next start:
--   touch           an activity of the SLA's types by a person (automated = false), optionally by
--                   the lead's owner only;
--   stage           an entry into one of the SLA's end stages (its reason is kept for required fields);
--   owner_assigned  a field-history change of owner_id to a person (not empty, not a Salesforce
--                   queue: ids starting 00G).
-- Each is found with an ASOF join (the earliest candidate at or after start_at), which keeps
-- 10M activities against 1M instances a merge rather than a range join.
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
        -- touch ends may require the lead's owner: the owner is then part of the join key
        case when definitions.by_lead_owner then coalesce(sla_instances.owner_id, '(no owner)') else '' end as match_owner
    from sla_instances
    join definitions on definitions.sla_name = sla_instances.sla_name
),

touches as (
    select
        definitions.sla_name,
        activities.lead_id,
        case when definitions.by_lead_owner then activities.owner_id else '' end as match_owner,
        activities.occurred_at,
        activities.owner_id,
        activities.type
    from activities
    join definitions on definitions.end_kind = 'touch' and list_contains(definitions.touch_types, activities.type)
    where not activities.automated and activities.lead_id is not null and activities.occurred_at <= $as_of
),

stage_ends as (
    select definitions.sla_name, entries.lead_id, entries.entered_at, entries.stage, entries.reason
    from fct_stage_entries as entries
    join definitions on definitions.end_kind = 'stage' and list_contains(definitions.end_stages, entries.stage)
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

-- each instance goes through the one ASOF join of its end kind (chaining all three triples the work)
matched as (
    select instances.*, touches.occurred_at as candidate_at, touches.type as end_detail,
           touches.owner_id as touch_owner_id, cast(null as varchar) as end_reason
    from (select * from instances where end_kind = 'touch') as instances
    asof left join touches
      on touches.sla_name = instances.sla_name and touches.lead_id = instances.lead_id
     and touches.match_owner = instances.match_owner and touches.occurred_at >= instances.start_at
    union all
    select instances.*, stage_ends.entered_at, stage_ends.stage, null, stage_ends.reason
    from (select * from instances where end_kind = 'stage') as instances
    asof left join stage_ends
      on stage_ends.sla_name = instances.sla_name and stage_ends.lead_id = instances.lead_id
     and stage_ends.entered_at >= instances.start_at
    union all
    select instances.*, owner_assignments.changed_at, 'owner', null, null
    from (select * from instances where end_kind = 'owner_assigned') as instances
    asof left join owner_assignments
      on owner_assignments.sla_name = instances.sla_name and owner_assignments.lead_id = instances.lead_id
     and owner_assignments.changed_at >= instances.start_at
),

bounded as (
    select *, candidate_at is not null and (next_start_at is null or candidate_at < next_start_at) as within_instance
    from matched
),

final as (
    select
        instance_id, sla_name, lead_id, start_at, next_start_at, owner_id, owner, team, source, by_value,
        calendar_key, end_kind, target_minutes, business_clock, require_reason,
        -- an end after the lead's next start belongs to that instance, not this one
        case when within_instance then candidate_at end as end_at,
        case when within_instance then end_detail end as end_detail,
        case when within_instance then touch_owner_id end as touch_owner_id,
        case when within_instance then end_reason end as end_reason
    from bounded
)

select * from final
