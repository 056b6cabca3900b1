-- sla__compliance: verdict counts per SLA, overall and per owner, team and ISO week of the start.
-- grain: one row per SLA, grouping set (dimension '' = overall) and key.
-- eligible counts judged and pending instances; unmeasured ones (deadline outside the calendar)
-- are counted apart for a warning. Owner and team are the lead's; the --by
-- value's counts are sql/sla/sla__compliance_by.sql, run only with --by.
-- The instances are counted per owner id, start day and verdict first (a few thousand groups), and
-- named after: a lead's owner name and team are its owner id's (dim_leads takes both from the
-- owner row that id resolves to), so no join of every instance to its lead is needed; at 10M
-- leads that join was 45M instances against 10M leads, spilled.
-- text keys in byte order, as DuckDB sorts them, whatever the database collation (docs/engines.md)
with counted as (
    select sla_name, owner_id, start_day, status, unmeasured, count(*) as instances
    from sla_outcomes
    group by sla_name, owner_id, start_day, status, unmeasured
),

-- ISO week of the start (UTC), formatted once per distinct day rather than once per instance
weeks as (
    select start_day, strftime(make_timestamp(start_day * 86400000000), '%G-W%V') as week
    from (select distinct start_day from counted) as days
),

-- named as sla_lead_attributes names them (sql/sla/sla__lead_attributes.sql), once per owner id;
-- every instance's owner id is a dim_leads one (sla__instances.sql), so each finds its row here
owners as (
    select owner_id, min(coalesce(owner_name, owner_id, '(no owner)')) as owner, min(coalesce(team, '(no team)')) as team
    from dim_leads
    group by owner_id
),

described as (
    select
        counted.sla_name, weeks.week, counted.status, counted.unmeasured, counted.instances, owners.owner, owners.team
    from counted
    left join weeks on weeks.start_day = counted.start_day
    left join owners on owners.owner_id is not distinct from counted.owner_id
),

groups as (
    select
        sla_name,
        case
            when grouping(owner) = 0 then 'owner'
            when grouping(team) = 0 then 'team'
            when grouping(week) = 0 then 'week'
            else ''
        end as dimension,
        coalesce(
            case when grouping(owner) = 0 then owner end,
            case when grouping(team) = 0 then team end,
            case when grouping(week) = 0 then week end,
            ''
        ) as key,
        cast(coalesce(sum(instances) filter (where status is not null), 0) as integer) as eligible,
        cast(coalesce(sum(instances) filter (where status = 'met'), 0) as integer) as met,
        cast(coalesce(sum(instances) filter (where status = 'breached'), 0) as integer) as breached,
        cast(coalesce(sum(instances) filter (where status = 'pending'), 0) as integer) as pending,
        cast(coalesce(sum(instances) filter (where unmeasured), 0) as integer) as unmeasured,
        -- every instance, judged or not (the leaks' count of MQLs, src/sla/compliance.ts)
        cast(coalesce(sum(instances), 0) as integer) as instances
    from described
    group by grouping sets ((sla_name), (sla_name, owner), (sla_name, team), (sla_name, week))
)

select * from groups
order by sla_name collate "C", dimension collate "C", key collate "C"
