-- leads from Fivetran's Salesforce `lead`: one row per lead neither Salesforce (is_deleted) nor
-- Fivetran (_fivetran_deleted) marks deleted, and only the active version of a history-mode
-- table (_fivetran_active). As the loader reads a Fivetran lead dump (salesforceLead). A lead
-- without a created_date is left out, as the loader rejects it.
select
    lead.id::text as lead_id,
    'salesforce'::text as source_system,
    row_json.r ->> 'email' as email,
    row_json.r ->> 'first_name' as first_name,
    row_json.r ->> 'last_name' as last_name,
    lead.company::text as company,
    row_json.r ->> 'converted_account_id' as account_id,
    fivetran_instant(lead.created_date) as created_at,
    row_json.r ->> 'lead_source' as source,
    row_json.r ->> 'owner_id' as owner_id,
    lead.status::text as stage_raw,
    lead.status::text as lead_status,
    fivetran_instant(lead._fivetran_synced) as snapshot_at,
    1 as load_id,
    null::integer as source_row
from lead
cross join lateral (select to_jsonb(lead) as r) row_json
where not fivetran_deleted(row_json.r ->> 'is_deleted')
  and not fivetran_deleted(row_json.r ->> '_fivetran_deleted')
  and coalesce(row_json.r ->> '_fivetran_active', 'true') <> 'false'
  and lead.created_date is not null
