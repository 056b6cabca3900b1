-- field_history from Fivetran's Salesforce `lead_history` (the native LeadHistory object), as the
-- loader reads LeadHistory: Status → lead_status; an Owner change is owner_id for the id row and
-- owner_name for its Text twin (data_type Text); ownerAssignment and ownerAccepted rows that name
-- the new owner likewise; Title, NumberOfEmployees, AnnualRevenue by the shared keys; any other
-- field lowercased. One row per (lead, field, instant).
with history as (
    select
        lead_history.lead_id::text as lead_id,
        lower(lead_history.field::text) as field,
        lower(coalesce(row_json.r ->> 'data_type', '')) as data_type,
        lead_history.new_value::text as value,
        fivetran_instant(lead_history.created_date) as changed_at
    from lead_history
    cross join lateral (select to_jsonb(lead_history) as r) row_json
    where not fivetran_deleted(row_json.r ->> 'is_deleted')
      and not fivetran_deleted(row_json.r ->> '_fivetran_deleted')
)

select distinct on (lead_id, field, changed_at)
    lead_id, field, value, changed_at, 'salesforce_history'::text as source, 2 as load_id, null::integer as source_row
from (
    select
        history.lead_id,
        case
            when history.field = 'status' then 'lead_status'
            when history.field = 'owner'
              or (history.field in ('ownerassignment', 'owneraccepted') and nullif(trim(history.value), '') is not null)
                then case when history.data_type = 'text' then 'owner_name' else 'owner_id' end
            when history.field = 'title' then 'title'
            when history.field in ('numberofemployees', 'number_of_employees') then 'employees'
            when history.field in ('annualrevenue', 'annual_revenue') then 'revenue'
            else history.field
        end as field,
        history.value,
        history.changed_at
    from history
    where history.changed_at is not null
) changes
order by lead_id, field, changed_at
