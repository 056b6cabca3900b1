-- pipeline__deals: one row per deal of the pipeline as of $as_of (pipeline_now, the deal state
-- then), with what each figure of the report reads: the cohort (created in the window), the
-- furthest stage reached, the close and the cycle, the current stay and the group key.
-- Params: $as_of, $from, $to (the window), $trailing_from (velocity's trailing window of closes),
-- $group_field (source | owner | team | pipeline | an opportunity or lead field), $snooze_fields
-- (the deal fields holding a resume date, snake_case). A deal's snooze is its latest resume date
-- among them; a value that is no date is kept as text (snooze_raw) for the warning.
with won_order as (
    select max(stage_order) as stage_order from cfg_deal_stages where kind = 'won'
),

stays as (
    select fct_deal_stage_stays.*
    from fct_deal_stage_stays
    join pipeline_now on pipeline_now.opportunity_id = fct_deal_stage_stays.opportunity_id
    where fct_deal_stage_stays.entered_at <= $as_of
),

-- reaching a later stage passes the ones skipped (as in the lead funnel); every deal is at least in the first
reached as (
    select opportunity_id, max(stage_order) filter (where kind = 'open') as furthest_open_order
    from stays
    group by opportunity_id
),

deal_fields as (
    select opportunity_id, max(value) as value
    from opportunity_fields
    where field = $group_field
    group by opportunity_id
),

snoozes as (
    select opportunity_id,
           max(coalesce(try_timestamptz(value), cast(try_date(value) as timestamptz))) as snooze_until,
           min(value) filter (where coalesce(try_timestamptz(value), cast(try_date(value) as timestamptz)) is null) as snooze_unreadable
    from opportunity_fields
    where field in (select unnest(cast($snooze_fields as varchar[]))) and nullif(trim(value), '') is not null
    group by opportunity_id
),

lead_field_values as (
    select lead_id, max(value) as value
    from lead_fields
    where field = $group_field
    group by lead_id
),

final as (
    select
        now_state.opportunity_id,
        dim_deals.name,
        dim_deals.owner_id,
        coalesce(dim_deals.owner, '(no owner)') as owner,
        coalesce(dim_deals.team, '(no team)') as team,
        dim_deals.created_at,
        now_state.stage,
        now_state.stage_order,
        now_state.stage_label,
        now_state.kind,
        now_state.kind = 'open' as is_open,
        now_state.stage_entered_at,
        now_state.amount,
        now_state.amount_cents,
        now_state.close_date,
        case when now_state.kind in ('won', 'lost') then now_state.stage_entered_at end as closed_at,
        dim_deals.created_at >= $from and dim_deals.created_at < $to as in_cohort,
        case when now_state.kind = 'won' then (select stage_order from won_order) else greatest(coalesce(reached.furthest_open_order, 1), 1) end as reached_order,
        coalesce(reached.furthest_open_order, 1) as last_open_order,
        now_state.kind in ('won', 'lost') and now_state.stage_entered_at >= $from and now_state.stage_entered_at < $to as closed_in_window,
        now_state.kind in ('won', 'lost') and now_state.stage_entered_at >= $trailing_from as closed_in_trailing,
        case when now_state.kind in ('won', 'lost')
            then (epoch(now_state.stage_entered_at) - epoch(dim_deals.created_at)) / 86400.0 end as cycle_days,
        case when now_state.kind = 'open'
            then (epoch(cast($as_of as timestamptz)) - epoch(now_state.stage_entered_at)) / 86400.0 end as days_in_stage,
        (epoch(cast($as_of as timestamptz)) - epoch(dim_deals.created_at)) / 86400.0 as age_days,
        case when now_state.kind = 'open'
            then (epoch(cast($as_of as timestamptz)) - epoch(coalesce(now_state.last_changed_at, dim_deals.created_at))) / 86400.0 end as days_since_change,
        snoozes.snooze_until,
        snoozes.snooze_unreadable,
        coalesce(snoozes.snooze_until > $as_of, false) as is_snoozed,
        coalesce(case $group_field
            when 'source' then dim_deals.source
            when 'owner' then dim_deals.owner
            when 'team' then dim_deals.team
            when 'pipeline' then dim_deals.pipeline
            else coalesce(deal_fields.value, lead_field_values.value)
        end, '(none)') as group_key
    from pipeline_now as now_state
    join dim_deals on dim_deals.opportunity_id = now_state.opportunity_id
    left join reached on reached.opportunity_id = now_state.opportunity_id
    left join deal_fields on deal_fields.opportunity_id = now_state.opportunity_id
    left join snoozes on snoozes.opportunity_id = now_state.opportunity_id
    left join lead_field_values on lead_field_values.lead_id = dim_deals.lead_id
)

select * from final
