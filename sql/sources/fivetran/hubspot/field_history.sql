-- field_history from Fivetran's HubSpot tables, as the loader reads their dumps: every
-- `contact_property_history` row (lifecyclestage → lifecycle_stage, hs_lead_status → lead_status,
-- hubspot_owner_id → owner_id, other properties by the shared field keys), and a contact's
-- property_hubspot_owner_assigneddate as one owner_assigned_at row (its current owner, assigned
-- then). Contacts Fivetran marks deleted give none. One row per (lead, field, instant).
with history as (
    select
        contact_property_history.contact_id::text as lead_id,
        fivetran_hubspot_field(contact_property_history.name::text) as field,
        contact_property_history.value::text as value,
        fivetran_instant(contact_property_history."timestamp") as changed_at,
        to_jsonb(contact_property_history) ->> 'source' as source,
        2 as load_id
    from contact_property_history
    where not exists (
        select 1 from contact
        where contact.id = contact_property_history.contact_id and fivetran_deleted(to_jsonb(contact) ->> '_fivetran_deleted')
    )
),

assigned as (
    select
        contact.id::text as lead_id,
        'owner_assigned_at'::text as field,
        row_json.r ->> 'property_hubspot_owner_id' as value,
        fivetran_instant(row_json.r ->> 'property_hubspot_owner_assigneddate') as changed_at,
        'owner_assigned_date'::text as source,
        1 as load_id
    from contact
    cross join lateral (select to_jsonb(contact) as r) row_json
    where not fivetran_deleted(row_json.r ->> '_fivetran_deleted')
      and nullif(row_json.r ->> 'property_hubspot_owner_assigneddate', '') is not null
)

select distinct on (lead_id, field, changed_at)
    lead_id, field, value, changed_at, source, load_id, null::integer as source_row
from (select * from assigned union all select * from history) changes
where changed_at is not null
order by lead_id, field, changed_at, load_id
