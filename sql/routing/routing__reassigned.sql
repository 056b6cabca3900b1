-- routing__reassigned: the reassigned leads the report lists, with their owner path.
-- grain: one row per lead of routing_lead_owners whose owner changed in the window (its last
-- assignment at or after $from) and that was reassigned, the first $limit by ping-pongs, then
-- reassignments, then lead id (the report's order).
-- path: the people in order, "A → B → A", the first 20 steps (steps as routing__lead_owners.sql:
-- a change to a person other than the previous one). Worked out for the listed leads only.
-- Parameters: $from, $limit. Inputs: routing_lead_owners, routing_owner_changes.
with listed as (
    select lead_id, reassignments, ping_pongs, first_assigned_at, last_assigned_at
    from routing_lead_owners
    where last_assigned_at >= $from and reassignments > 0
    order by ping_pongs desc, reassignments desc, lead_id
    limit $limit
),

person_changes as (
    select changes.lead_id, changes.changed_at, changes.owner_id, changes.owner,
           lag(changes.owner_id) over (partition by changes.lead_id order by changes.changed_at) as previous_owner_id
    from routing_owner_changes as changes
    where changes.is_person and changes.lead_id in (select lead_id from listed)
),

steps as (
    select *, row_number() over (partition by lead_id order by changed_at) as step
    from person_changes
    where previous_owner_id is distinct from owner_id
),

paths as (
    select lead_id, string_agg(owner, ' → ' order by changed_at) as path
    from steps
    where step <= 20
    group by lead_id
)

select listed.*, paths.path
from listed
join paths on paths.lead_id = listed.lead_id
order by listed.ping_pongs desc, listed.reassignments desc, listed.lead_id
