-- routing__lead_owners: each lead's owner path: the people it was assigned to in order, with the
-- reassignments and ping-pong (A → B → A) counted.
-- grain: one row per lead with at least one owner change (routing_owner_changes).
-- A step is a change to a person other than the previous person; a queue in between is no step,
-- so A → queue → A is one owner. Reassignments = steps - 1. The path as people read it is built
-- only for the leads the report lists (routing__reassigned.sql): an ordered string_agg over every
-- lead was most of this model's time.
-- Inputs: routing_owner_changes.
with person_changes as (
    select lead_id, changed_at, owner_id, owner,
           lag(owner_id) over (partition by lead_id order by changed_at) as previous_owner_id
    from routing_owner_changes
    where is_person
),

steps as (
    select *, lag(owner_id, 2) over (partition by lead_id order by changed_at) as owner_two_back
    from person_changes
    where previous_owner_id is distinct from owner_id
),

final as (
    select
        lead_id,
        min(changed_at) as first_assigned_at,
        arg_min(owner_id, changed_at) as first_owner_id,
        arg_min(owner, changed_at) as first_owner,
        max(changed_at) as last_assigned_at,
        cast(count(*) as integer) as steps,
        cast(count(*) - 1 as integer) as reassignments,
        cast(count(*) filter (where owner_two_back = owner_id) as integer) as ping_pongs
    from steps
    group by lead_id
)

select * from final
