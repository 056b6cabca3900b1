-- stg_opportunities: one row per opportunity / deal, with the lead it came from when known
-- (the deal's associated contact, or the Salesforce lead converted into it), and its outcome.
-- The outcome is the export's own IsWon / IsClosed where it has them; else the stage name
-- against the config's closed-won and closed-lost stages (cfg_deal_outcomes, matched after
-- normalisation: lowercase, letters and digits only). A stage in neither list is open: not closed,
-- not won. A won flag closes the deal; a lost flag without a stage does too (canonical files).
with opportunities as (
    select * from opportunities
),

converted_from as (
    select value as opportunity_id, min(lead_id) as lead_id
    from lead_fields
    where field = 'converted_opportunity_id'
    group by value
),

-- the normalisation runs once per distinct stage value, not once per deal
stage_outcomes as (
    select stages.stage_raw, coalesce(cfg_deal_outcomes.outcome, 'open') as outcome
    from (select distinct stage_raw from opportunities where stage_raw is not null) stages
    left join cfg_deal_outcomes
        on cfg_deal_outcomes.stage_key = regexp_replace(lower(stages.stage_raw), '[^\p{L}\p{N}]+', '', 'g')
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
        coalesce(
            opportunities.is_closed,
            case when opportunities.is_won then true end,
            stage_outcomes.outcome <> 'open',
            case when opportunities.is_won is not null then true end
        ) as is_closed,
        coalesce(opportunities.is_won, stage_outcomes.outcome = 'won') as is_won,
        opportunities.loss_reason
    from opportunities
    left join converted_from on converted_from.opportunity_id = opportunities.opportunity_id
    left join stage_outcomes on stage_outcomes.stage_raw = opportunities.stage_raw
)

select * from final
