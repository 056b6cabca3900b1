-- sla__outcomes: every SLA instance of the window with its end, deadline, verdict and elapsed
-- times; the one relation the speed-to-lead and SLA reports aggregate. Only the columns they read:
-- a million wide rows cost more to write than to compute.
-- grain: one row per instance (sla_name, lead_id, start_at).
--   wall_minutes            start → end in real minutes (null without an end)
--   business_minutes        start → end on the owner's business clock (touch SLAs only; null
--                           throughout when built without them, as the sla report is)
--   late_until              where the lateness of a breach ends: the end, or the as-of while open
--   minutes_late            deadline → late_until in real minutes (breaches only); the business
--                           minutes late are computed for output breaches only (src/sla/breaches.ts)
-- Reads the sla_judged view (evaluated here, once, with the deadlines view under it) and the
-- business minutes table keyed by instance_id.
-- The lead's owner name, team, source, calendar and --by value are not here: readers that group
-- or list by them join sla_lead_attributes (sql/sla/sla__lead_attributes.sql). Every column is
-- 8–16 bytes a row: at 10M leads this table is 45M rows, spilled under a 4 GB limit.
with judged as (
    select * from sla_judged
),

final as (
    select
        judged.instance_id, judged.sla_name, judged.lead_id, judged.owner_id, judged.start_at, judged.deadline_at, judged.end_at,
        judged.status, judged.breach_kind, judged.unmeasured, judged.next_start_at, judged.late_until,
        (epoch_us(judged.end_at) - epoch_us(judged.start_at)) / cast(60e6 as double) as wall_minutes,
        elapsed.business_minutes,
        (epoch_us(judged.late_until) - epoch_us(judged.deadline_at)) / cast(60e6 as double) as minutes_late,
        -- the UTC day of the start, which sla__compliance names as its ISO week once per day
        cast(floor(epoch_us(judged.start_at) / cast(86400e6 as double)) as bigint) as start_day
    from judged
    left join sla_business_minutes as elapsed on elapsed.pair_id = judged.instance_id
)

select * from final
