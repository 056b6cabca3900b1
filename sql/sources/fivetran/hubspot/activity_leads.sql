-- activity_leads from Fivetran's HubSpot `engagement_contact`: the contacts each engagement was with.
select distinct
    engagement_contact.engagement_id::text as activity_id,
    engagement_contact.contact_id::text as lead_id,
    5 as load_id,
    null::integer as source_row
from engagement_contact
where not fivetran_deleted(to_jsonb(engagement_contact) ->> '_fivetran_deleted')
