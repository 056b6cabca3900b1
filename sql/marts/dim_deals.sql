-- dim_deals: one row per deal, in the opportunities export or only in its history, with what the
-- pipeline report groups by: owner (name when the owners export has it), team, source (the lead
-- it came from, else the deal's own lead source field, as Salesforce's Opportunity.LeadSource), pipeline. created_at is the export's, else the deal's first recorded change.
with ids as (
    select opportunity_id from stg_opportunities
    union
    select opportunity_id from stg_deal_changes
),

first_changes as (
    select opportunity_id, min(changed_at) as first_changed_at
    from stg_deal_changes
    group by opportunity_id
),

owner_names as (
    select owner_id, max(name) as name, max(team) as team
    from owners
    group by owner_id
),

lead_sources as (
    select lead_id, max(source) as source
    from leads
    group by lead_id
),

deal_sources as (
    select opportunity_id, max(value) as source
    from opportunity_fields
    where field in ('leadsource', 'lead_source', 'source')
    group by opportunity_id
),

final as (
    select
        ids.opportunity_id,
        opportunities.name,
        opportunities.owner_id,
        coalesce(owner_names.name, opportunities.owner_id) as owner,
        owner_names.team,
        opportunities.pipeline,
        coalesce(lead_sources.source, deal_sources.source) as source,
        opportunities.lead_id,
        opportunities.currency,
        opportunities.loss_reason,
        coalesce(opportunities.created_at, first_changes.first_changed_at) as created_at
    from ids
    left join stg_opportunities as opportunities on opportunities.opportunity_id = ids.opportunity_id
    left join first_changes on first_changes.opportunity_id = ids.opportunity_id
    left join owner_names on owner_names.owner_id = opportunities.owner_id
    left join lead_sources on lead_sources.lead_id = opportunities.lead_id
    left join deal_sources on deal_sources.opportunity_id = ids.opportunity_id
)

select * from final
