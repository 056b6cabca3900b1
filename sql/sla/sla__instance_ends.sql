-- sla__instance_ends: every instance (sql/sla/sla__instances.sql) with its end, if it has one
-- (sql/sla/sla__ends.sql); without one, end_at is null and the reason counts as blank.
-- grain: one row per instance.
-- A table, written in a statement of its own (src/sla/outcomes.ts): joined inside the pass that
-- writes sla_outcomes, the ends' hash table of 22M rows and the 45M rows written spilled together
-- at 10M leads, and under speed-to-lead's one query over the sla_outcomes view it ran out of 4GB.
select
    instances.*,
    ends.end_at,
    coalesce(ends.end_reason_blank, true) as end_reason_blank
from sla_instances as instances
left join sla_ends as ends on ends.instance_id = instances.instance_id
