-- sla__breached: the breached instances of sla_outcomes, with their SLA's position (config order).
-- grain: one row per breached instance. src/sla/breaches.ts selects from it the breaches to output
-- (the most late ones for the JSON, every one for the CSV) before sla__breach_rows.sql names their
-- owners and teams: ranked first, the list joins a thousand rows to the leads, not every breach
-- (at 10M leads, millions).
select
    outcomes.instance_id,
    outcomes.sla_name,
    definitions.position,
    outcomes.lead_id,
    outcomes.owner_id,
    outcomes.start_at,
    outcomes.deadline_at,
    outcomes.end_at,
    outcomes.late_until,
    outcomes.breach_kind,
    outcomes.minutes_late
from sla_outcomes as outcomes
join sla_definitions as definitions on definitions.sla_name = outcomes.sla_name
where outcomes.status = 'breached'
