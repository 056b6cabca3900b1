-- routing__pool: the owners decisions are shared among, with their weights.
-- grain: one row per pool owner.
-- The config's pool (owners named by id or name) when $configured, else every owner who received a
-- routing decision in the window. Weight: the config's weight for the owner (by id or name), else 1.
-- Parameters: $configured. Inputs: routing_config_owners (ref, role 'pool' | 'weight', weight),
-- routing_owner_keys, routing_events.
with refs as (
    select config.role, config.weight, coalesce(keys.owner_id, config.ref) as owner_id, coalesce(keys.name, config.ref) as owner
    from routing_config_owners as config
    left join routing_owner_keys as keys on keys.owner_key = config.ref
),

members as (
    select distinct owner_id, owner from refs where role = 'pool' and $configured
    union
    select owner_id, any_value(owner) from routing_events where owner_id is not null and not $configured group by owner_id
),

final as (
    select members.owner_id, members.owner, coalesce(max(weights.weight), 1.0) as weight
    from members
    left join refs as weights on weights.role = 'weight' and weights.owner_id = members.owner_id
    group by members.owner_id, members.owner
)

select * from final
