-- sla__breach_rows: the breaches to output with what their outputs need: the owner's name, team and
-- business calendar.
-- grain: one row per breach of the view sla_breach_selection (src/sla/breaches.ts: the most late
-- rows of sql/sla/sla__breached.sql for the JSON, or all of them for the CSV), kept in a table to
-- which breaches.ts then adds their business minutes late (deadline → late_until on the owner's
-- calendar).
select
    breached.instance_id,
    breached.sla_name,
    breached.position,
    breached.lead_id,
    breached.owner_id,
    coalesce(leads.owner, '(no owner)') as owner,
    coalesce(leads.team, '(no team)') as team,
    coalesce(leads.calendar_key, 'default') as calendar_key,
    breached.start_at,
    breached.deadline_at,
    breached.end_at,
    breached.late_until,
    breached.breach_kind,
    breached.minutes_late
from sla_breach_selection as breached
left join sla_lead_attributes as leads on leads.lead_id = breached.lead_id
