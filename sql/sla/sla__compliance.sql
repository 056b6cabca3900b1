-- sla__compliance: verdict counts per SLA, overall and per owner, team, ISO week of the start and
-- --by value. grain: one row per SLA, grouping set (dimension '' = overall) and key.
-- eligible counts judged and pending instances; unmeasured ones (deadline outside the calendar)
-- are counted apart for a warning. Owner, team and --by value are the lead's (sla_lead_attributes).
-- text keys in byte order, as DuckDB sorts them, whatever the database collation (docs/engines.md)
-- ISO week of the start (UTC), formatted once per distinct day rather than once per instance
with weeks as (
    select start_day, strftime(make_timestamp(start_day * 86400000000), '%G-W%V') as week
    from (select distinct start_day from sla_outcomes) as days
),

groups as (
    select
        sla_name,
        case
            when grouping(owner) = 0 then 'owner'
            when grouping(team) = 0 then 'team'
            when grouping(week) = 0 then 'week'
            when grouping(by_value) = 0 then 'by'
            else ''
        end as dimension,
        coalesce(
            case when grouping(owner) = 0 then owner end,
            case when grouping(team) = 0 then team end,
            case when grouping(week) = 0 then week end,
            case when grouping(by_value) = 0 then by_value end,
            ''
        ) as key,
        cast(count(status) as integer) as eligible,
        cast(count(*) filter (where status = 'met') as integer) as met,
        cast(count(*) filter (where status = 'breached') as integer) as breached,
        cast(count(*) filter (where status = 'pending') as integer) as pending,
        cast(count(*) filter (where unmeasured) as integer) as unmeasured
    from (
        select
            outcomes.sla_name, weeks.week, outcomes.status, outcomes.unmeasured,
            coalesce(leads.owner, '(no owner)') as owner,
            coalesce(leads.team, '(no team)') as team,
            coalesce(leads.by_value, '(none)') as by_value
        from sla_outcomes as outcomes
        left join sla_lead_attributes as leads on leads.lead_id = outcomes.lead_id
        left join weeks on weeks.start_day = outcomes.start_day
    ) as described
    group by grouping sets ((sla_name), (sla_name, owner), (sla_name, team), (sla_name, week), (sla_name, by_value))
)

select * from groups
order by sla_name collate "C", dimension collate "C", key collate "C"
