-- speed_to_lead__instances: the first-touch SLA's instances with their response bucket, arrival
-- slot and whether they converted.
-- grain: one row per instance of sla_outcomes for SLA $sla.
-- Parameters:
--   $sla             the touch SLA measured (its start is the speed-to-lead start)
--   $convert_order   stage_order of the conversion stage: reaching it or a later stage converts
--   $as_of           conversions after it have not happened yet
--   $timezone        zone of the weekday × hour arrival grid
--   $bucket_clock    'business' | 'wall': which elapsed time the buckets read
-- Buckets are half-open: 5 minutes exactly is "5–30m"; "never" is no touch by the as-of.
with outcomes as (
    -- only what the aggregates read: this table is scanned three times
    select instance_id, lead_id, start_at, end_at, next_start_at, status, wall_minutes, business_minutes
    from sla_outcomes
    where sla_name = $sla
),

conversions as (
    select lead_id, entered_at
    from fct_stage_entries
    where stage_kind = 'stage' and stage_order >= $convert_order and entered_at <= $as_of
),

-- an instance converted when the lead reached the stage within it: at or after its start and
-- before the lead's next start (a later conversion belongs to the next instance)
converted_instances as (
    select distinct outcomes.instance_id
    from outcomes
    join conversions
      on conversions.lead_id = outcomes.lead_id and conversions.entered_at >= outcomes.start_at
     and (outcomes.next_start_at is null or conversions.entered_at < outcomes.next_start_at)
),

converted as (
    select outcomes.*, converted_instances.instance_id is not null as converted
    from outcomes
    left join converted_instances on converted_instances.instance_id = outcomes.instance_id
),

measured as (
    select
        *,
        case when $bucket_clock = 'wall' then wall_minutes else business_minutes end as response_minutes
    from converted
),

-- the local weekday and hour of each 15-minute UTC slot: zone offsets are whole quarter hours and
-- change on quarter hours, so one ICU conversion per slot serves every arrival in it (not per row)
slots as (
    select slot, cast(isodow(local_at) as integer) as arrival_weekday, cast(hour(local_at) as integer) as arrival_hour
    from (
        select slot, timezone($timezone, make_timestamptz(slot * 900000000)) as local_at
        from (select distinct cast(floor(epoch_us(start_at) / cast(900e6 as double)) as bigint) as slot from measured) as distinct_slots
    ) as converted_slots
),

final as (
    select
        measured.*,
        case
            when end_at is null then 'never'
            when response_minutes is null then null
            when response_minutes < 5 then '<5m'
            when response_minutes < 30 then '5–30m'
            when response_minutes < 60 then '30–60m'
            when response_minutes < 240 then '1–4h'
            when response_minutes < 1440 then '4–24h'
            else '>24h'
        end as bucket,
        slots.arrival_weekday,
        slots.arrival_hour
    from measured
    left join slots on slots.slot = cast(floor(epoch_us(measured.start_at) / cast(900e6 as double)) as bigint)
)

select * from final
