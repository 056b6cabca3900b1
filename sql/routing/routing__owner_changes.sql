-- routing__owner_changes: every owner change of a lead up to the as-of, its value resolved to an owner.
-- grain: one row per (lead_id, changed_at).
-- Sources (field_history, docs/data-model.md): owner_id rows (HubSpot hubspot_owner_id history,
-- Salesforce LeadHistory Owner id rows, canonical), owner_name rows (Salesforce's Text twin of an
-- Owner change: used only when no id row has the same instant), and HubSpot's "Owner assigned
-- date" (owner_assigned_at: the latest assignment, used only for leads with no other owner history).
-- A person is any non-empty value that is not a Salesforce queue (ids starting 00G); a value no
-- owner export names is still a person (HubSpot owner ids have no owners export).
-- Parameters: $as_of. Inputs: field_history, routing_owner_keys.
with history as (
    select lead_id, field, trim(value) as value, changed_at,
           case field when 'owner_id' then 1 when 'owner_name' then 2 else 3 end as preference
    from field_history
    where field in ('owner_id', 'owner_name', 'owner_assigned_at') and changed_at <= $as_of
),

-- HubSpot's "Owner assigned date" of a lead that has no owner id or name history: only leads with
-- such a row are looked up (a mark join of every history row against every lead with history was
-- a third of this model's time)
assigned as (
    select * from history where field = 'owner_assigned_at'
),

assigned_with_changes as (
    select distinct history.lead_id
    from history
    where history.field <> 'owner_assigned_at' and history.lead_id in (select lead_id from assigned)
),

used as (
    select * from history where field <> 'owner_assigned_at'
    union all
    -- the leads nothing matched in a left join: one hash join, as an anti join would be (NOT EXISTS
    -- is planned as a delim join, NOT IN as a mark join)
    select assigned.* from assigned
    left join assigned_with_changes on assigned_with_changes.lead_id = assigned.lead_id
    where assigned_with_changes.lead_id is null
),

kept as (
    select lead_id, changed_at, arg_min(value, preference) as value, arg_min(field, preference) as source_field
    from used
    group by lead_id, changed_at
),

final as (
    select
        kept.lead_id,
        kept.changed_at,
        kept.source_field,
        nullif(nullif(lower(kept.value), ''), 'null') is not null as has_value,
        coalesce(keys.owner_id, nullif(kept.value, '')) as owner_id,
        coalesce(keys.name, nullif(kept.value, '')) as owner,
        kept.value like '00G%' as is_queue,
        nullif(nullif(lower(kept.value), ''), 'null') is not null and not kept.value like '00G%' as is_person
    from kept
    left join routing_owner_keys as keys on keys.owner_key = kept.value
)

select * from final
