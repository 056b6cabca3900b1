-- PostgreSQL's version of sql/routing/routing__abm.sql, the same model: PostgreSQL has no ASOF
-- JOIN. The first touch at or after each MQL is the least touch instant of the lead's touches at
-- or after it (a hash join on the lead and a group by; only the instant is taken, so which of two
-- touches at one instant ASOF would pick does not matter). A LATERAL subquery would scan the
-- activities once per MQL. Keep it in step with the portable model.
-- routing__abm: MQLs of tiered (ABM) accounts and their first touch, the start of each tier's SLA.
-- grain: one row per MQL entry in [$from, $to), at or before $as_of, of a lead whose account has a tier.
-- The tier: the config's account list (account id, else company name, any case), else the lead
-- field $tier_field, whose first digit 1–3 is the tier ("Tier 1", "tier_2", "3").
-- The end: the first call, email, meeting or SMS by a person at or after the MQL (as sla__ends:
-- automated activities and the lead's own incoming emails do not count), up to the as-of.
-- Parameters: $from, $to, $as_of, $tier_field. Inputs: fct_stage_entries, dim_leads, lead_fields,
-- activities, routing_abm_accounts (account_ref lower-case, tier), owner_calendars.
with field_tiers as (
    select lead_id, min(cast(nullif(regexp_extract(value, '[123]'), '') as integer)) as tier
    from lead_fields
    where field = $tier_field
    group by lead_id
),

tiered as (
    select
        leads.lead_id, leads.owner_id, leads.company, leads.account_id,
        coalesce(by_id.tier, by_company.tier, field_tiers.tier) as tier,
        case when by_id.tier is not null or by_company.tier is not null then 'config' else 'field' end as tier_source
    from dim_leads as leads
    left join routing_abm_accounts as by_id on by_id.account_ref = lower(trim(leads.account_id))
    left join routing_abm_accounts as by_company on by_company.account_ref = lower(trim(leads.company))
    left join field_tiers on field_tiers.lead_id = leads.lead_id
),

starts as (
    select entries.lead_id, entries.entered_at as start_at, tiered.tier, tiered.tier_source, tiered.owner_id, tiered.company, tiered.account_id
    from fct_stage_entries as entries
    join tiered on tiered.lead_id = entries.lead_id
    where entries.stage = 'mql' and tiered.tier is not null
      and entries.entered_at >= $from and entries.entered_at < $to and entries.entered_at <= $as_of
),

touches as (
    select lead_id, occurred_at
    from activities
    where not automated and lead_id is not null and occurred_at <= $as_of
      and type in ('call', 'email', 'meeting', 'sms')
      and not (type = 'email' and direction is not distinct from 'inbound')
),

first_touches as (
    select starts.lead_id, starts.start_at, min(touches.occurred_at) as occurred_at
    from starts
    join touches on touches.lead_id = starts.lead_id and starts.start_at <= touches.occurred_at
    group by starts.lead_id, starts.start_at
),

final as (
    select
        cast(row_number() over (order by starts.lead_id collate "C", starts.start_at) as bigint) as request_id,
        starts.*,
        touch.occurred_at as end_at,
        coalesce(calendars.calendar_key, 'default') as calendar_key
    from starts
    left join first_touches as touch on touch.lead_id = starts.lead_id and touch.start_at = starts.start_at
    left join owner_calendars as calendars on calendars.owner_id = starts.owner_id
)

select * from final
