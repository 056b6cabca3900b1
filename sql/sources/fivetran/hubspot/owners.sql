-- owners from Fivetran's HubSpot `owner` (dbt_hubspot_source get_owner_columns): the id the
-- contacts' property_hubspot_owner_id and the engagements' owner_id name, the name from first and
-- last name. HubSpot keeps no team, role or time zone here; is_active where the table has it.
select
    owner.owner_id::text as owner_id,
    nullif(concat_ws(' ', nullif(owner.first_name::text, ''), nullif(owner.last_name::text, '')), '') as name,
    owner.email::text as email,
    null::text as team,
    null::text as role,
    null::text as timezone,
    3 as load_id,
    null::integer as source_row,
    (row_json.r ->> 'is_active')::boolean as active
from owner
cross join lateral (select to_jsonb(owner) as r) row_json
where not fivetran_deleted(row_json.r ->> '_fivetran_deleted')
