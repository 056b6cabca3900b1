-- routing__lead_owners: each lead's owner path: the people it was assigned to in order, with the
-- reassignments and ping-pong (A → B → A) counted.
-- grain: one row per lead with at least one owner change (routing_owner_changes).
-- A step is a change to a person other than the previous person; a queue in between is no step,
-- so A → queue → A is one owner. Reassignments = steps - 1.
-- Inputs: routing_owner_changes.
with person_changes as (
    select lead_id, changed_at, owner_id, owner,
           lag(owner_id) over (partition by lead_id order by changed_at) as previous_owner_id
    from routing_owner_changes
    where is_person
),

steps as (
    select *,
           row_number() over (partition by lead_id order by changed_at) as step,
           lag(owner_id, 2) over (partition by lead_id order by changed_at) as owner_two_back,
           count(*) over (partition by lead_id) as lead_steps
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
),

-- the path as people read it, the first 20 steps; built only for leads with more than one step:
-- an ordered string_agg over every lead was most of this model's time, and one step is one name
paths as (
    select lead_id, string_agg(owner, ' → ' order by changed_at) as path
    from steps
    where lead_steps > 1 and step <= 20
    group by lead_id
)

select final.*, coalesce(paths.path, final.first_owner) as path
from final
left join paths on paths.lead_id = final.lead_id
