-- speed_to_lead__stats: response statistics overall and per owner, team, source and --by value.
-- grain: one row per grouping set (dimension '' = overall) and key, from speed_to_lead_instances.
-- Medians and p90 cover touched instances only; within-target counts leave pending ones out.
-- Owner, team, source and --by value are the lead's (sla_lead_attributes).
-- text keys in byte order, as DuckDB sorts them, whatever the database collation (docs/engines.md)
with groups as (
    select
        case
            when grouping(owner) = 0 then 'owner'
            when grouping(team) = 0 then 'team'
            when grouping(source) = 0 then 'source'
            when grouping(by_value) = 0 then 'by'
            else ''
        end as dimension,
        coalesce(
            case when grouping(owner) = 0 then owner end,
            case when grouping(team) = 0 then team end,
            case when grouping(source) = 0 then source end,
            case when grouping(by_value) = 0 then by_value end,
            ''
        ) as key,
        cast(count(*) as integer) as n,
        cast(count(end_at) as integer) as touched,
        quantile_cont(wall_minutes, 0.5) as median_minutes,
        quantile_cont(business_minutes, 0.5) as median_business_minutes,
        quantile_cont(business_minutes, 0.9) as p90_business_minutes,
        cast(count(*) filter (where status = 'met') as integer) as met,
        cast(count(*) filter (where status = 'breached') as integer) as breached
    from (
        select
            instances.end_at, instances.wall_minutes, instances.business_minutes, instances.status,
            coalesce(leads.owner, '(no owner)') as owner,
            coalesce(leads.team, '(no team)') as team,
            coalesce(leads.source, '(none)') as source,
            coalesce(leads.by_value, '(none)') as by_value
        from speed_to_lead_instances as instances
        left join sla_lead_attributes as leads on leads.lead_id = instances.lead_id
    ) as described
    group by grouping sets ((), (owner), (team), (source), (by_value))
)

select * from groups
order by dimension collate "C", n desc, key collate "C"
