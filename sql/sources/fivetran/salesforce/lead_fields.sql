-- lead_fields from Fivetran's Salesforce `lead`: every column the leads and stage_events views do
-- not read, keyed as the loader keys a lead export's extra columns (number_of_employees →
-- employees, annual_revenue → revenue; the rest by their name), and converted_opportunity_id,
-- which links an opportunity to its lead. Values are the column's text; empty ones are left out.
select
    lead.id::text as lead_id,
    case column_value.key when 'number_of_employees' then 'employees' when 'annual_revenue' then 'revenue' else column_value.key end as field,
    column_value.value as value,
    1 as load_id
from lead
cross join lateral (select to_jsonb(lead) as r) row_json
cross join lateral jsonb_each_text(row_json.r) column_value
where not fivetran_deleted(row_json.r ->> 'is_deleted')
  and not fivetran_deleted(row_json.r ->> '_fivetran_deleted')
  and coalesce(row_json.r ->> '_fivetran_active', 'true') <> 'false'
  and lead.created_date is not null
  and column_value.key not like '\_fivetran\_%'
  and column_value.key not in (
      'id', 'is_deleted', 'email', 'first_name', 'last_name', 'company', 'converted_account_id', 'created_date',
      'lead_source', 'owner_id', 'status', 'is_converted', 'converted_date'
  )
  and nullif(column_value.value, '') is not null
