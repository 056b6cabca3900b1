-- sla__pairs: the intervals whose business minutes the reports need, as computeBusinessMinutes
-- pairs (src/calendar/businessTime.ts).
-- grain: one row per pair_id: 2 × instance_id for start → end of touch SLAs (speed-to-lead),
-- 2 × instance_id + 1 for deadline → end (or as-of) of breached instances (minutes late).
select cast(instance_id as bigint) * 2 as pair_id, calendar_key, start_at, end_at
from sla_judged
where end_kind = 'touch' and end_at is not null
union all
select cast(instance_id as bigint) * 2 + 1 as pair_id, calendar_key, deadline_at as start_at, late_until as end_at
from sla_judged
where late_until is not null
