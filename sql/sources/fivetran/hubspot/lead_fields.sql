-- lead_fields from Fivetran's HubSpot `contact`: every property column the leads view does not
-- map (and that is not a lifecycle date, which become stage events), keyed as the loader keys a
-- contact dump's extra columns (property_jobtitle → title, property_industry → industry). Values
-- are the column's text (a timestamp as PostgreSQL renders it in jsonb); empty values are left out.
select
    contact.id::text as lead_id,
    fivetran_hubspot_field(property.key) as field,
    property.value as value,
    1 as load_id
from contact
cross join lateral (select to_jsonb(contact) as r) row_json
cross join lateral jsonb_each_text(row_json.r) property
where not fivetran_deleted(row_json.r ->> '_fivetran_deleted')
  and property.key like 'property\_%'
  and property.key not in (
      'property_email', 'property_firstname', 'property_lastname', 'property_company', 'property_associatedcompanyid',
      'property_createdate', 'property_hs_analytics_source', 'property_hubspot_owner_id', 'property_lifecyclestage',
      'property_hs_lead_status', 'property_hubspot_owner_assigneddate'
  )
  and property.key !~ '^property_(hs_lifecyclestage_.+_date|hs_v2_date_(entered|exited)_.+)$'
  and nullif(property.value, '') is not null
