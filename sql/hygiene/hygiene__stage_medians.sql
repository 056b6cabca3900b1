-- hygiene__stage_medians: one row per configured stage, with the median days of its completed
-- stays (entries the lead left by the as-of, $as_of): what "stuck" is measured against.
with stays as (
    select stage, days_in_stage
    from fct_stage_entries
    where stage_kind = 'stage' and exited_at is not null and exited_at <= $as_of
),

medians as (
    select stage, cast(count(*) as integer) as completed_stays, quantile_cont(days_in_stage, 0.5) as median_days
    from stays
    group by stage
),

final as (
    select cfg_stages.stage, cfg_stages.stage_order, coalesce(medians.completed_stays, 0) as completed_stays, medians.median_days
    from cfg_stages
    left join medians using (stage)
)

select * from final
