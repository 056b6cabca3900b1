-- routing__events: the routing decisions the distribution counts: each new lead and each MQL
-- entry in the window, with the person it went to.
-- grain: one row per (kind 'lead', lead_id) created in [$from, $to), and per (kind 'mql', lead_id,
-- at) MQL entry in the window; all at or before $as_of.
-- The owner it went to: for a new lead the first person it was assigned to; for an MQL the person
-- holding it at the entry, else the first person assigned after it. A lead without any owner
-- history counts for its current owner (a person, not a queue). owner_id null: not routed to a person.
-- day / week: the local date (and its ISO week's Monday) in $timezone, the default calendar's zone:
-- PTO periods are dates there.
-- Parameters: $timezone. Inputs: routing_assign_starts (held_owner_id: the holder at an MQL entry), routing_owner_keys.
with events as (
    select
        case starts.start_kind when 'created' then 'lead' else 'mql' end as kind,
        starts.lead_id,
        starts.start_at as at,
        case
            when starts.status = 'owned_at_start' then starts.held_owner_id
            when starts.status in ('assigned', 'assigned_untimed', 'no_history') then starts.owner_id
        end as routed_to,
        -- one ICU conversion per decision: the local date, its week worked out from it
        cast(timezone($timezone, starts.start_at) as date) as day
    from routing_assign_starts as starts
),

final as (
    select
        events.kind,
        events.lead_id,
        events.at,
        coalesce(keys.owner_id, events.routed_to) as owner_id,
        coalesce(keys.name, events.routed_to) as owner,
        events.day,
        cast(date_trunc('week', events.day) as date) as week
    from events
    left join routing_owner_keys as keys on keys.owner_key = events.routed_to
)

select * from final
