-- sla__leaks: MQLs falling through the cracks (docs/sla.md, "Leaks").
-- grain: one row per flagged start instance of the touch SLA $touch_sla or the decision SLA
-- $decision_sla (the MQL entries of the window; '' when the config has no such SLA): a start with
-- at least one of three flags:
--   no_owner        the lead has no owner
--   no_touch        no touch and the first-touch deadline has passed
--   no_disposition  no decision (SQL or rejection) and the decision deadline has passed
-- Only the outcomes that raise a flag are grouped: the others cannot, and the count of MQLs is
-- the count of one SLA's instances (both SLAs start at every MQL entry; src/sla/compliance.ts). At
-- 10M leads that leaves a fraction of the 24M rows, where grouping them all took 9 s.
-- One grouped pass (the owner id comes from the lead, so it is equal across the group), rather
-- than a distinct and two self-joins. The group is the start itself: an instance id is its start's
-- reference times 1024 plus the SLA's position (sql/sla/sla__instances.sql), so instance_id >> 10
-- is one integer per start, not a string and a timestamp per row. The listed leaks take the
-- owner's name and team from sla_lead_attributes (src/sla/compliance.ts).
with outcomes as (
    select instance_id >> 10 as start_ref, lead_id, start_at, owner_id, sla_name, status, end_at
    from sla_outcomes
    where sla_name in ($touch_sla, $decision_sla)
      and (owner_id is null or (status = 'breached' and end_at is null))
),

final as (
    select
        start_ref,
        any_value(lead_id) as lead_id,
        any_value(start_at) as start_at,
        any_value(owner_id) as owner_id,
        bool_or(owner_id is null) as no_owner,
        coalesce(bool_or(sla_name = $touch_sla and status = 'breached' and end_at is null), false) as no_touch,
        coalesce(bool_or(sla_name = $decision_sla and status = 'breached' and end_at is null), false) as no_disposition
    from outcomes
    group by start_ref
)

select * from final
