-- stg_opportunities: one row per opportunity / deal, with the lead it came from when known
-- (the deal's associated contact, or the Salesforce lead converted into it).
with opportunities as (
    select * from opportunities
),

converted_from as (
    select value as opportunity_id, min(lead_id) as lead_id
    from lead_fields
    where field = 'converted_opportunity_id'
    group by value
),

final as (
    select
        opportunities.opportunity_id,
        opportunities.source_system,
        opportunities.name,
        coalesce(opportunities.lead_id, converted_from.lead_id) as lead_id,
        opportunities.account_id,
        opportunities.amount,
        opportunities.currency,
        opportunities.owner_id,
        opportunities.pipeline,
        opportunities.stage_raw,
        opportunities.created_at,
        opportunities.close_date,
        opportunities.is_closed,
        opportunities.is_won,
        opportunities.loss_reason
    from opportunities
    left join converted_from on converted_from.opportunity_id = opportunities.opportunity_id
)

select * from final
