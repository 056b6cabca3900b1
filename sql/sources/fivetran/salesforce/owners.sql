-- owners from Fivetran's Salesforce `user`: department is the team, title the role,
-- time_zone_sid_key the time zone, is_active whether the user can still own records.
select
    "user".id::text as owner_id,
    coalesce(row_json.r ->> 'name', nullif(concat_ws(' ', row_json.r ->> 'first_name', row_json.r ->> 'last_name'), '')) as name,
    row_json.r ->> 'email' as email,
    row_json.r ->> 'department' as team,
    row_json.r ->> 'title' as role,
    "user".time_zone_sid_key::text as timezone,
    3 as load_id,
    null::integer as source_row,
    (row_json.r ->> 'is_active')::boolean as active
from "user"
cross join lateral (select to_jsonb("user") as r) row_json
where not fivetran_deleted(row_json.r ->> '_fivetran_deleted')
  and coalesce(row_json.r ->> '_fivetran_active', 'true') <> 'false'
