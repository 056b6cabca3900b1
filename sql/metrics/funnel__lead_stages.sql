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
-- Speed: no window function over the leads. Each listed stage carries its predecessor, so one
-- grouping computes a stage's values and its previous stage's (no lag), and the strict path is a
-- count of the listed stages entered up to it (no running bool_and). The cohort is found per lead
-- first and only its leads are expanded to one row per listed stage.
with listed as (
    select stage, stage_order, cast(row_number() over (order by stage_order) as integer) as position
    from cfg_stages
    where stage in (select unnest($stages))
),

steps as (
    select listed.stage, listed.stage_order, listed.position,
           previous.stage as previous_stage, previous.stage_order as previous_order
    from listed
    left join listed as previous on previous.position = listed.position - 1
),

-- one row per lead and stage entered by the as-of; stages before the cohort stage never count
entries as (
    select
        fct.lead_id,
        fct.stage_order,
        min(listed.position) as listed_position,
        min(fct.entered_at) as first_entered_at,
        count(*) as entry_count,
        bool_or(fct.is_out_of_order) as out_of_order
    from fct_stage_entries as fct
    left join listed on listed.stage_order = fct.stage_order
    where fct.stage_kind = 'stage' and fct.entered_at <= $as_of
      and fct.stage_order >= (select min(stage_order) from listed)
    group by fct.lead_id, fct.stage_order
),

-- count mode: the cohort stage is passed at the first entry into it or any later stage
cohort as (
    select lead_id, cohort_at
    from (
        select lead_id,
               case when $strict then min(first_entered_at) filter (where listed_position = 1)
                    else min(first_entered_at) end as cohort_at
        from entries
        group by lead_id
    ) per_lead
    where cohort_at >= $from and cohort_at < $to
),

lead_stages as (
    select
        entries.lead_id,
        steps.position,
        any_value(steps.stage) as stage,
        any_value(steps.previous_stage) as previous_stage,
        min(entries.first_entered_at) filter (where entries.stage_order >= steps.stage_order) as passed_at,
        min(entries.first_entered_at) filter (where entries.stage_order = steps.stage_order) as entered_at,
        cast(coalesce(sum(entries.entry_count) filter (where entries.stage_order = steps.stage_order), 0) as integer) as entry_count,
        coalesce(bool_or(entries.out_of_order) filter (where entries.stage_order = steps.stage_order), false) as out_of_order,
        min(entries.first_entered_at) filter (where entries.stage_order >= steps.previous_order) as previous_passed_at,
        min(entries.first_entered_at) filter (where entries.stage_order = steps.previous_order) as previous_entered_at,
        coalesce(bool_or(entries.out_of_order) filter (where entries.stage_order = steps.previous_order), false) as previous_out_of_order,
        -- strict path: listed stages entered up to this one, and up to the previous one
        count(*) filter (where entries.listed_position <= steps.position) as path_entered,
        count(*) filter (where entries.listed_position < steps.position) as previous_path_entered
    from entries
    join cohort on cohort.lead_id = entries.lead_id
    cross join steps
    group by entries.lead_id, steps.position
),

pathed as (
    select
        *,
        case when not $strict then passed_at
             when path_entered = position then entered_at end as reached_at,
        case when position = 1 then null
             when not $strict then previous_passed_at
             when previous_path_entered = position - 1 then previous_entered_at end as previous_reached_at
    from lead_stages
),

-- the latest entry at the as-of: entered by then and not yet followed by another entry
current_state as (
    select lead_id, stage as current_stage
    from fct_stage_entries
    where entered_at <= $as_of and (exited_at is null or exited_at > $as_of)
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

cohort_leads as (
    select
        cohort.lead_id,
        cohort.cohort_at,
        current_state.current_stage,
        coalesce(lead_groups.group_value, '(none)') as group_key,
        case $interval
            when 'week' then strftime(cohort.cohort_at, '%G-W%V')
            when 'month' then strftime(cohort.cohort_at, '%Y-%m')
            when 'quarter' then strftime(cohort.cohort_at, '%Y') || '-Q' || cast(quarter(cohort.cohort_at) as varchar)
        end as period
    from cohort
    left join current_state on current_state.lead_id = cohort.lead_id
    left join lead_groups on lead_groups.lead_id = cohort.lead_id
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
        case when pathed.position > 1 then pathed.previous_out_of_order end as previous_out_of_order,
        pathed.previous_stage,
        pathed.previous_reached_at,
        pathed.previous_entered_at,
        cohort_leads.cohort_at,
        cohort_leads.current_stage,
        cohort_leads.group_key,
        cohort_leads.period
    from pathed
    join cohort_leads on cohort_leads.lead_id = pathed.lead_id
)

select * from final
