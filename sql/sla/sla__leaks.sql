-- sla__leaks: MQLs falling through the cracks (docs/sla.md, "Leaks").
-- grain: one row per start instance of the touch SLA $touch_sla or the decision SLA $decision_sla
-- (the MQL entries of the window; '' when the config has no such SLA), with three flags:
--   no_owner        the lead has no owner
--   no_touch        no touch and the first-touch deadline has passed
--   no_disposition  no decision (SQL or rejection) and the decision deadline has passed
-- One grouped pass over the two SLAs' outcomes (the owner id comes from the lead, so it is equal
-- across the group), rather than a distinct and two self-joins. The listed leaks take the owner's
-- name and team from sla_lead_attributes (src/sla/compliance.ts).
with outcomes as (
    select lead_id, start_at, owner_id, sla_name, status, end_at
    from sla_outcomes
    where sla_name in ($touch_sla, $decision_sla)
),

final as (
    select
        lead_id,
        start_at,
        any_value(owner_id) as owner_id,
        bool_or(owner_id is null) as no_owner,
        coalesce(bool_or(sla_name = $touch_sla and status = 'breached' and end_at is null), false) as no_touch,
        coalesce(bool_or(sla_name = $decision_sla and status = 'breached' and end_at is null), false) as no_disposition
    from outcomes
    group by lead_id, start_at
)

select * from final
