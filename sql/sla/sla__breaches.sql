-- sla__breaches: the breaches the JSON and HTML list (sla_listed_breaches: the most late ones, see
-- src/sla/breaches.ts), in SLA order (config), then by start, with their business minutes late.
-- grain: one row per listed breach.
select
    breaches.sla_name as sla,
    breaches.lead_id,
    breaches.owner_id,
    breaches.owner,
    breaches.team,
    strftime(make_timestamp(epoch_us(breaches.start_at)), '%Y-%m-%dT%H:%M:%SZ') as start_at,
    strftime(make_timestamp(epoch_us(breaches.deadline_at)), '%Y-%m-%dT%H:%M:%SZ') as deadline_at,
    strftime(make_timestamp(epoch_us(breaches.end_at)), '%Y-%m-%dT%H:%M:%SZ') as end_at,
    breaches.breach_kind as kind,
    breaches.minutes_late,
    late.business_minutes as business_minutes_late
from sla_listed_breaches as breaches
left join sla_listed_breaches_late as late on late.pair_id = breaches.instance_id
order by breaches.position, breaches.start_at, breaches.lead_id collate "C"
