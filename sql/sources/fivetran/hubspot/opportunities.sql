-- opportunities from Fivetran's HubSpot `deal` (dbt_hubspot_source get_deal_columns), with its
-- stage from `deal_pipeline_stage` and its lead from `deal_contact` (the lowest contact id, as a
-- deals export's first Associated Contact ID). The stage is HubSpot's internal id
-- (deal_pipeline_stage_id: `closedwon`, `appointmentscheduled`, or a custom stage's number), as
-- `deal_stage` and `deal_property_history` give it, so one deal's stages read alike; the pipeline
-- is its id. A stage HubSpot marks closed_won makes the deal won (and closed); any other stage's
-- outcome is read from its id against the config's dealStages (docs/data-model.md). Deals HubSpot
-- (is_deleted) or Fivetran (_fivetran_deleted) marks deleted are left out.
select
    deal.deal_id::text as opportunity_id,
    'hubspot'::text as source_system,
    row_json.r ->> 'property_dealname' as name,
    (select min(deal_contact.contact_id::text) from deal_contact where deal_contact.deal_id = deal.deal_id) as lead_id,
    null::text as account_id,
    (row_json.r ->> 'property_amount')::float8 as amount,
    row_json.r ->> 'property_deal_currency_code' as currency,
    coalesce(row_json.r ->> 'property_hubspot_owner_id', row_json.r ->> 'owner_id') as owner_id,
    deal.deal_pipeline_id::text as pipeline,
    deal.deal_pipeline_stage_id::text as stage_raw,
    fivetran_instant(row_json.r ->> 'property_createdate') as created_at,
    (fivetran_instant(row_json.r ->> 'property_closedate') at time zone 'UTC')::date as close_date,
    case when stages.closed_won then true end as is_closed,
    case when stages.closed_won then true end as is_won,
    row_json.r ->> 'property_closed_lost_reason' as loss_reason,
    fivetran_instant(deal._fivetran_synced) as snapshot_at,
    6 as load_id,
    null::integer as source_row
from deal
cross join lateral (select to_jsonb(deal) as r) row_json
left join deal_pipeline_stage stages
    on stages.stage_id::text = deal.deal_pipeline_stage_id::text
   and not fivetran_deleted(to_jsonb(stages) ->> '_fivetran_deleted')
where not fivetran_deleted(row_json.r ->> 'is_deleted')
  and not fivetran_deleted(row_json.r ->> '_fivetran_deleted')
