-- sla__breach_rows: the breached instances of sla_outcomes with what the breach outputs need.
-- grain: one row per breached instance. src/sla/breaches.ts keeps the most late of them for the
-- JSON (or all for the CSV) in a table, then adds their business minutes late (deadline →
-- late_until on the owner's calendar) for those rows only.
select
    outcomes.instance_id,
    outcomes.sla_name,
    definitions.position,
    outcomes.lead_id,
    outcomes.owner_id,
    coalesce(leads.owner, '(no owner)') as owner,
    coalesce(leads.team, '(no team)') as team,
    coalesce(leads.calendar_key, 'default') as calendar_key,
    outcomes.start_at,
    outcomes.deadline_at,
    outcomes.end_at,
    outcomes.late_until,
    outcomes.breach_kind,
    outcomes.minutes_late
from sla_outcomes as outcomes
join sla_definitions as definitions on definitions.sla_name = outcomes.sla_name
left join sla_lead_attributes as leads on leads.lead_id = outcomes.lead_id
where outcomes.status = 'breached'
