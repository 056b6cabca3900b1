-- funnel__lead_stages: one row per lead in the funnel cohort and listed stage, with when the lead
-- reached the stage. The funnel report aggregates this relation (docs/metrics.md, "Funnel").
-- Parameters:
--   $as_of         the report's "now": entries after it do not exist yet
--   $from, $to     the cohort window, half-open [from, to)
--   $stages        the listed stage ids (config order); the first is the cohort stage
--   $strict        false: reaching a later stage passes the earlier ones (skips counted)
--                  true:  a lead counts at a stage only with an entry for it and every listed stage before
--   $group_field   the lead attribute of the --by breakdown ('' for none)
--   $interval      'week' | 'month' | 'quarter' | '' for the cohort-period trend
with entries as (
    select lead_id, stage_order, min(entered_at) as first_entered_at, count(*) as entry_count,
           bool_or(is_out_of_order) as out_of_order
    from fct_stage_entries
    where stage_kind = 'stage' and entered_at <= $as_of
    group by lead_id, stage_order
),

listed as (
    select stage, stage_order, cast(row_number() over (order by stage_order) as integer) as position
    from cfg_stages
    where stage in (select unnest($stages))
),

lead_stages as (
    select
        entries.lead_id,
        listed.stage,
        listed.position,
        -- count mode: a stage is passed when it or any later stage is first entered
        min(entries.first_entered_at) filter (where entries.stage_order >= listed.stage_order) as passed_at,
        min(entries.first_entered_at) filter (where entries.stage_order = listed.stage_order) as entered_at,
        coalesce(sum(entries.entry_count) filter (where entries.stage_order = listed.stage_order), 0) as entry_count,
        coalesce(bool_or(entries.out_of_order) filter (where entries.stage_order = listed.stage_order), false) as out_of_order
    from entries
    cross join listed
    group by entries.lead_id, listed.stage, listed.position
),

pathed as (
    select
        *,
        case
            when not $strict then passed_at
            when bool_and(entered_at is not null) over (
                partition by lead_id order by position rows between unbounded preceding and current row)
            then entered_at
        end as reached_at
    from lead_stages
),

cohort as (
    select lead_id, reached_at as cohort_at
    from pathed
    where position = 1 and reached_at >= $from and reached_at < $to
),

current_state as (
    select lead_id, stage as current_stage
    from (
        select lead_id, stage,
               row_number() over (partition by lead_id order by entered_at desc, event_number desc) as recency
        from fct_stage_entries
        where entered_at <= $as_of
    ) ranked
    where recency = 1
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
        pathed.lead_id,
        pathed.stage,
        pathed.position,
        pathed.reached_at,
        pathed.entered_at,
        pathed.entry_count,
        pathed.out_of_order,
        lag(pathed.out_of_order) over by_lead as previous_out_of_order,
        lag(pathed.stage) over by_lead as previous_stage,
        lag(pathed.reached_at) over by_lead as previous_reached_at,
        lag(pathed.entered_at) over by_lead as previous_entered_at,
        cohort.cohort_at,
        current_state.current_stage,
        coalesce(lead_groups.group_value, '(none)') as group_key,
        case $interval
            when 'week' then strftime(cohort.cohort_at, '%G-W%V')
            when 'month' then strftime(cohort.cohort_at, '%Y-%m')
            when 'quarter' then strftime(cohort.cohort_at, '%Y') || '-Q' || cast(quarter(cohort.cohort_at) as varchar)
        end as period
    from pathed
    join cohort on cohort.lead_id = pathed.lead_id
    left join current_state on current_state.lead_id = pathed.lead_id
    left join lead_groups on lead_groups.lead_id = pathed.lead_id
    window by_lead as (partition by pathed.lead_id order by pathed.position)
)

select * from final
