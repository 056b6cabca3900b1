-- opportunities from Fivetran's Salesforce `opportunity`, as the loader reads Opportunity: the
-- stage name, close date, amount, currency, IsClosed / IsWon as Salesforce states them (the
-- models read the stage when they are NULL), Loss_Reason__c when the org has it. The lead is
-- linked through the lead's converted_opportunity_id field, as for exports.
select
    opportunity.id::text as opportunity_id,
    'salesforce'::text as source_system,
    opportunity.name::text as name,
    null::text as lead_id,
    row_json.r ->> 'account_id' as account_id,
    (row_json.r ->> 'amount')::float8 as amount,
    row_json.r ->> 'currency_iso_code' as currency,
    row_json.r ->> 'owner_id' as owner_id,
    null::text as pipeline,
    opportunity.stage_name::text as stage_raw,
    fivetran_instant(row_json.r ->> 'created_date') as created_at,
    opportunity.close_date::date as close_date,
    (row_json.r ->> 'is_closed')::boolean as is_closed,
    (row_json.r ->> 'is_won')::boolean as is_won,
    row_json.r ->> 'loss_reason_c' as loss_reason,
    fivetran_instant(opportunity._fivetran_synced) as snapshot_at,
    5 as load_id,
    null::integer as source_row
from opportunity
cross join lateral (select to_jsonb(opportunity) as r) row_json
where not fivetran_deleted(row_json.r ->> 'is_deleted')
  and not fivetran_deleted(row_json.r ->> '_fivetran_deleted')
  and coalesce(row_json.r ->> '_fivetran_active', 'true') <> 'false'
