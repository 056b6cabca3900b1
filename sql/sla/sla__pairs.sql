-- sla__pairs: the intervals whose business minutes speed-to-lead needs, as computeBusinessMinutes
-- pairs (src/calendar/businessTime.ts): start → end of touch SLAs. The sla report reads none and
-- builds without them (src/sla/outcomes.ts makes this view empty).
-- grain: one row per touched instance of a touch SLA; pair_id = instance_id.
-- Business minutes late (deadline → end or as-of) are computed only for the breaches a report
-- outputs (src/sla/breaches.ts), not for the million breaches it only counts.
select instance_id as pair_id, calendar_key, start_at, end_at
from sla_judged
where end_kind = 'touch' and end_at is not null
