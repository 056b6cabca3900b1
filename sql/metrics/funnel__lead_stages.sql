-- funnel__lead_stages: one row per lead in the funnel cohort, with per listed stage (column suffix
-- _1 .. _n, the stage's position in the funnel) when the lead reached it, when it first entered it,
-- how many times it entered it and whether an entry into it was out of order. The funnel report
-- aggregates this relation (sql/metrics/funnel__stage_counts.sql; docs/metrics.md, "Funnel").
-- The per-stage columns (the placeholders in double braces) are written by src/metrics/funnelSql.ts
-- from the listed stages' orders in cfg_stages: integers, checked there; no stage name or user
-- value is in the text.
-- Parameters:
--   $as_of         the report's "now": entries after it do not exist yet
--   $from, $to     the cohort window, half-open [from, to)
--   $strict        false: reaching a later stage passes the earlier ones (skips counted)
--                  true:  a lead counts at a stage only with an entry for it and every listed stage before
--   $group_field   the lead attribute of the --by breakdown ('' for none)
--   $interval      'week' | 'month' | 'quarter' | '' for the cohort-period trend
-- Speed: one pass over the entries grouped by lead (a pivot), no join of entries with stages and
-- no window function. "Passed" at a stage is the earliest entry into it or any later stage
-- (least() of the per-stage firsts); the strict path is every listed stage up to it entered.
with per_lead as (
    select
        lead_id,
        {{entry_columns}},
        -- the stage the lead is in at the as-of: its latest entry, not yet followed by another
        max(stage_order) filter (where stage_kind = 'stage' and (exited_at is null or exited_at > $as_of)) as current_order
    from fct_stage_entries
    where entered_at <= $as_of
    group by lead_id
),

reached as (
    select
        *,
        {{reached_columns}}
    from per_lead
),

-- count mode: the cohort stage is passed at the first entry into it or any later stage
cohort as (
    select *, reached_at_1 as cohort_at
    from reached
    where reached_at_1 >= $from and reached_at_1 < $to
),

lead_groups as (
    select
        dim_leads.lead_id,
        case $group_field
            when '' then null
            when 'source' then dim_leads.source
            when 'owner' then coalesce(dim_leads.owner_name, dim_leads.owner_id)
            when 'team' then dim_leads.team
            when 'source_system' then dim_leads.source_system
            else fields.value
        end as group_value
    from dim_leads
    left join lead_fields fields on fields.lead_id = dim_leads.lead_id and fields.field = $group_field
),

final as (
    select
        cohort.*,
        coalesce(lead_groups.group_value, '(none)') as group_key,
        case $interval
            when 'week' then strftime(cohort.cohort_at, '%G-W%V')
            when 'month' then strftime(cohort.cohort_at, '%Y-%m')
            when 'quarter' then strftime(cohort.cohort_at, '%Y') || '-Q' || cast(quarter(cohort.cohort_at) as varchar)
        end as period
    from cohort
    left join lead_groups on lead_groups.lead_id = cohort.lead_id
)

select * from final
