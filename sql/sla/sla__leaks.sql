-- sla__leaks: MQLs falling through the cracks (docs/sla.md, "Leaks").
-- grain: one row per start instance of the touch SLA $touch_sla or the decision SLA $decision_sla
-- (the MQL entries of the window; '' when the config has no such SLA), with three flags:
--   no_owner        the lead has no owner
--   no_touch        no touch and the first-touch deadline has passed
--   no_disposition  no decision (SQL or rejection) and the decision deadline has passed
with starts as (
    select distinct lead_id, start_at, owner_id, owner, team
    from sla_outcomes
    where sla_name in ($touch_sla, $decision_sla)
),

final as (
    select
        starts.lead_id,
        starts.owner_id,
        starts.owner,
        starts.team,
        starts.start_at,
        starts.owner_id is null as no_owner,
        coalesce(touch.status = 'breached' and touch.end_at is null, false) as no_touch,
        coalesce(decision.status = 'breached' and decision.end_at is null, false) as no_disposition
    from starts
    left join sla_outcomes as touch
      on touch.sla_name = $touch_sla and touch.lead_id = starts.lead_id and touch.start_at = starts.start_at
    left join sla_outcomes as decision
      on decision.sla_name = $decision_sla and decision.lead_id = starts.lead_id and decision.start_at = starts.start_at
)

select * from final
