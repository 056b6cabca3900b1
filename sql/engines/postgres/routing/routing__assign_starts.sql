-- PostgreSQL's version of sql/routing/routing__assign_starts.sql, the same model: PostgreSQL has
-- no ASOF JOIN. The owner change in force at an MQL entry (the last at or before it) and the first
-- person assignment at or after it are each a join on the lead with the inequality, keeping one row
-- per entry (DISTINCT ON the lead and its entry's event_number, nearest change first): a hash join
-- on the lead, where a LATERAL subquery would scan the unindexed temp table once per entry.
-- routing_owner_changes has one row per (lead_id, changed_at), so the nearest change is one row,
-- as ASOF finds it. Keep it in step with the portable model.
-- routing__assign_starts: each start of the time-to-assign clock with the first assignment to a
-- person that ends it.
-- grain: one row per start: (start_kind 'created', lead_id) for leads created in [$from, $to), and
-- (start_kind 'mql', lead_id, start_at) for each MQL entry in the window; all at or before $as_of.
-- status:
--   assigned        the first person assignment at or after the start (for a creation, the first
--                   ever: an owner set before the create date counts as assigned at creation);
--   owned_at_start  (MQL only) a person already owned the lead when it became MQL: nothing to route;
--   no_history      a person owns the lead but no owner history was exported: not measurable;
--   unassigned      no person owns it by the as-of.
-- calendar_key: the business calendar of the owner assigned (else the current owner, else default).
-- No id column: the table's rowid names a start (routing_assign_pairs); a row_number() over a
-- global sort was the model's largest cost.
-- Parameters: $from, $to, $as_of. Inputs: dim_leads, fct_stage_entries, routing_owner_changes,
-- routing_lead_owners, routing_owner_keys, owner_calendars.
with person_changes as (
    select lead_id, changed_at, owner_id from routing_owner_changes where is_person
),

owned_leads as (
    select leads.lead_id, leads.created_at,
           leads.owner_id is not null and leads.owner_id <> '' and not leads.owner_id like '00G%' as has_person_owner,
           leads.owner_id as current_owner_id,
           -- a mark join on the set of leads with history: a correlated exists decorrelated into a
           -- delim join cost three times as much
           leads.lead_id in (select lead_id from routing_owner_changes) as has_history
    from dim_leads as leads
    -- a lead known only from stage history has no exported owner: nothing to say about its routing
    where leads.source_system is not null
),

created_starts as (
    select 'created' as start_kind, owned.lead_id, owned.created_at as start_at,
           cast(null as boolean) as owned_at_start, cast(null as varchar) as held_owner_id,
           case when paths.first_assigned_at is not null then greatest(paths.first_assigned_at, owned.created_at) end as end_at,
           paths.first_owner_id as end_owner_id,
           owned.has_person_owner, owned.has_history, owned.current_owner_id
    from owned_leads as owned
    left join routing_lead_owners as paths on paths.lead_id = owned.lead_id
    where owned.created_at >= $from and owned.created_at < $to and owned.created_at <= $as_of
),

mql_entries as (
    select entries.lead_id, entries.event_number, entries.entered_at as start_at, owned.has_person_owner, owned.has_history, owned.current_owner_id
    from fct_stage_entries as entries
    join owned_leads as owned on owned.lead_id = entries.lead_id
    where entries.stage = 'mql' and entries.entered_at >= $from and entries.entered_at < $to and entries.entered_at <= $as_of
),

-- who held the lead at the MQL entry: the last change at or before it (a queue or an empty value
-- means nobody did)
held as (
    select distinct on (mql_entries.lead_id, mql_entries.event_number)
           mql_entries.*, before.is_person as owned_at_start, before.owner_id as held_owner_id
    from mql_entries
    left join routing_owner_changes as before
      on before.lead_id = mql_entries.lead_id and mql_entries.start_at >= before.changed_at
    order by mql_entries.lead_id, mql_entries.event_number, before.changed_at desc nulls last
),

-- the first person assignment at or after the entry
mql_starts as (
    select distinct on (held.lead_id, held.event_number)
           'mql' as start_kind, held.lead_id, held.start_at, coalesce(held.owned_at_start, false) as owned_at_start, held.held_owner_id,
           after.changed_at as end_at, after.owner_id as end_owner_id,
           held.has_person_owner, held.has_history, held.current_owner_id
    from held
    left join person_changes as after
      on after.lead_id = held.lead_id and held.start_at <= after.changed_at
    order by held.lead_id, held.event_number, after.changed_at nulls last
),

starts as (
    select * from created_starts
    union all
    select * from mql_starts
),

final as (
    select
        starts.start_kind,
        starts.lead_id,
        starts.start_at,
        case when starts.start_kind = 'mql' and starts.owned_at_start then null else starts.end_at end as end_at,
        coalesce(keys.owner_id, starts.end_owner_id, starts.current_owner_id) as owner_id,
        coalesce(keys.name, starts.end_owner_id, starts.current_owner_id) as owner,
        -- who held the lead at an MQL entry owned at the start (routing_events routes it there)
        starts.held_owner_id,
        case
            when starts.start_kind = 'mql' and starts.owned_at_start then 'owned_at_start'
            when starts.end_at is not null then 'assigned'
            when starts.has_person_owner and not starts.has_history then 'no_history'
            when starts.has_person_owner then 'assigned_untimed'
            else 'unassigned'
        end as status,
        coalesce(calendars.calendar_key, current_calendars.calendar_key, 'default') as calendar_key
    from starts
    left join routing_owner_keys as keys on keys.owner_key = starts.end_owner_id
    left join owner_calendars as calendars on calendars.owner_id = coalesce(keys.owner_id, starts.end_owner_id)
    left join owner_calendars as current_calendars on current_calendars.owner_id = starts.current_owner_id
)

select * from final
