-- sla__outcomes: every SLA instance of the window with its end, deadline, verdict and elapsed
-- times; the one relation the speed-to-lead and SLA reports aggregate.
-- grain: one row per instance (sla_name, lead_id, start_at).
--   wall_minutes            start → end in real minutes (null without an end)
--   business_minutes        start → end on the owner's business clock (touch SLAs only)
--   minutes_late            deadline → end, or → as-of while open (breaches only)
--   business_minutes_late   the same on the business clock
with judged as (
    select * from sla_judged
),

final as (
    select
        judged.instance_id, judged.sla_name, judged.lead_id, judged.owner_id, judged.owner, judged.team,
        judged.source, judged.by_value, judged.calendar_key, judged.start_at, judged.deadline_at, judged.end_at,
        judged.end_kind, judged.end_detail, judged.end_reason, judged.touch_owner_id, judged.target_minutes,
        judged.business_clock, judged.status, judged.breach_kind, judged.unmeasured, judged.next_start_at,
        (epoch_us(judged.end_at) - epoch_us(judged.start_at)) / 60e6 as wall_minutes,
        elapsed.business_minutes,
        clock.clock_start_at,
        (epoch_us(judged.late_until) - epoch_us(judged.deadline_at)) / 60e6 as minutes_late,
        late.business_minutes as business_minutes_late,
        strftime(judged.start_at, '%G-W%V') as week
    from judged
    left join sla_business_minutes as elapsed on elapsed.pair_id = cast(judged.instance_id as bigint) * 2
    left join sla_business_minutes as late on late.pair_id = cast(judged.instance_id as bigint) * 2 + 1
    left join sla_business_deadlines as clock on clock.request_id = judged.instance_id
)

select * from final
