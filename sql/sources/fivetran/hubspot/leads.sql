-- leads from Fivetran's HubSpot `contact`: one row per contact Fivetran has not marked deleted
-- (_fivetran_deleted). Properties a portal may lack are read from the row's jsonb, NULL when absent.
-- As the loader reads a Fivetran contact dump (src/ingest/formats/hubspot.ts, hubspotContacts).
select
    contact.id::text as lead_id,
    'hubspot'::text as source_system,
    contact.property_email::text as email,
    row_json.r ->> 'property_firstname' as first_name,
    row_json.r ->> 'property_lastname' as last_name,
    row_json.r ->> 'property_company' as company,
    row_json.r ->> 'property_associatedcompanyid' as account_id,
    fivetran_instant(row_json.r ->> 'property_createdate') as created_at,
    row_json.r ->> 'property_hs_analytics_source' as source,
    row_json.r ->> 'property_hubspot_owner_id' as owner_id,
    row_json.r ->> 'property_lifecyclestage' as stage_raw,
    row_json.r ->> 'property_hs_lead_status' as lead_status,
    fivetran_instant(contact._fivetran_synced) as snapshot_at,
    1 as load_id,
    null::integer as source_row
from contact
cross join lateral (select to_jsonb(contact) as r) row_json
where not fivetran_deleted(row_json.r ->> '_fivetran_deleted')
