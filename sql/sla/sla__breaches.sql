-- sla__breaches: the breach list an analyst acts on, in SLA order, then by start.
-- grain: one row per breached instance of sla_outcomes.
select
    outcomes.sla_name as sla,
    outcomes.lead_id,
    outcomes.owner_id,
    outcomes.owner,
    outcomes.team,
    strftime(outcomes.start_at, '%Y-%m-%dT%H:%M:%SZ') as start_at,
    strftime(outcomes.deadline_at, '%Y-%m-%dT%H:%M:%SZ') as deadline_at,
    strftime(outcomes.end_at, '%Y-%m-%dT%H:%M:%SZ') as end_at,
    outcomes.breach_kind as kind,
    round(outcomes.minutes_late, 2) as minutes_late,
    round(outcomes.business_minutes_late, 2) as business_minutes_late
from sla_outcomes as outcomes
join sla_definitions as definitions on definitions.sla_name = outcomes.sla_name
where outcomes.status = 'breached'
order by definitions.position, outcomes.start_at, outcomes.lead_id
