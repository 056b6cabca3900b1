-- sla__compliance_by: verdict counts per SLA and --by value (sla_lead_attributes.by_value), the
-- --by dimension of sql/sla/sla__compliance.sql, in its columns. Run only with --by: it joins
-- every instance to its lead.
-- grain: one row per SLA and --by value.
with described as (
    select outcomes.sla_name, outcomes.status, outcomes.unmeasured, coalesce(leads.by_value, '(none)') as by_value
    from sla_outcomes as outcomes
    left join sla_lead_attributes as leads on leads.lead_id = outcomes.lead_id
),

groups as (
    select
        sla_name,
        'by' as dimension,
        by_value as key,
        cast(count(status) as integer) as eligible,
        cast(count(*) filter (where status = 'met') as integer) as met,
        cast(count(*) filter (where status = 'breached') as integer) as breached,
        cast(count(*) filter (where status = 'pending') as integer) as pending,
        cast(count(*) filter (where unmeasured) as integer) as unmeasured,
        cast(count(*) as integer) as instances
    from described
    group by sla_name, by_value
)

select * from groups
order by sla_name collate "C", key collate "C"
