-- pipeline__open_pipeline: open deals at $as_of by stage and age bucket (days since created).
-- amount sums the valued deals (as decimals: the same total whatever order the threads add them in);
-- without_amount counts the deals with no amount (unknown, not 0).
with open_deals as (
    select
        coalesce(stage, '(unmapped)') as stage,
        coalesce(stage_order, 999) as stage_order,
        coalesce(stage_label, '(stage not in the config)') as stage_label,
        case
            when age_days < 30 then '0-29 days'
            when age_days < 60 then '30-59 days'
            when age_days < 90 then '60-89 days'
            when age_days < 180 then '90-179 days'
            else '180+ days'
        end as age_bucket,
        case when age_days < 30 then 1 when age_days < 60 then 2 when age_days < 90 then 3 when age_days < 180 then 4 else 5 end as bucket_order,
        amount
    from pipeline_deals
    where is_open
),

final as (
    select
        stage,
        stage_order,
        stage_label,
        age_bucket,
        bucket_order,
        cast(count(*) as integer) as deals,
        coalesce(cast(sum(cast(amount as decimal(38, 6))) as double), 0) as amount,
        cast(count(*) filter (where amount is null) as integer) as without_amount
    from open_deals
    group by stage, stage_order, stage_label, age_bucket, bucket_order
)

select * from final
order by stage_order, bucket_order
