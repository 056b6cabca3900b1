-- sla__ends: what stopped each instance's clock, if anything did by $as_of.
-- grain: one row per instance of the sla_instances view (sql/sla/sla__instances.sql); this is the
-- one materialisation of the instances (instance_id, from sla__instances.sql, keys the business-time tables).
-- The end is the first qualifying event at or after the start and before the lead's next start:
--   touch           an activity of the SLA's types by a person (automated = false), optionally by
--                   the lead's owner only;
--   stage           an entry into one of the SLA's end stages (its reason is kept for required fields);
--   owner_assigned  a field-history change of owner_id to a person (not empty, not a Salesforce
--                   queue: ids starting 00G).
-- Each is found with an ASOF join (the earliest candidate at or after start_at), which keeps
-- 10M activities against 1M instances a merge rather than a range join.
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
        activities.occurred_at,
        activities.owner_id,
        activities.type
    from activities
    join end_values on end_values.end_kind = 'touch' and end_values.end_value = activities.type
    where not activities.automated and activities.lead_id is not null and activities.occurred_at <= $as_of
),

stage_ends as (
    select end_values.sla_name, entries.lead_id, entries.entered_at, entries.stage, entries.reason
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

-- each instance goes through the one ASOF join of its end kind (chaining all three triples the work)
matched as (
    select instances.*, touches.occurred_at as candidate_at, touches.type as end_detail,
           touches.owner_id as touch_owner_id, cast(null as varchar) as end_reason
    from (select * from instances where end_kind = 'touch') as instances
    asof left join touches
      on touches.match_key = instances.match_key and touches.sla_name = instances.sla_name
     and touches.occurred_at >= instances.start_at
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
