-- sla__breaches_csv: every breach, as the cells of the CSV export (`sla --format csv`), which
-- src/sla/breaches.ts writes with the engine's COPY (Engine.writeCsv): a million breaches never enter JS.
-- grain: one row per breach (sla_all_breaches, with sla_all_breaches_late: src/sla/breaches.ts), in
-- SLA order (config), then by start.
-- Cells match src/reports/escape.ts toCsv: CRM text is neutralised against spreadsheet formulas (a
-- leading ' before = + - @ tab or CR, plain negative numbers excepted), null and '' are empty, and
-- numbers print as JS does (60, not 60.0). The test is per row but cheap: a regex only runs on
-- cells that start with '-'. Times are formatted as plain TIMESTAMPs (UTC): strftime on a
-- TIMESTAMPTZ goes through ICU, which a million rows notice.
with cells as (
    select
        breaches.*,
        round(breaches.minutes_late, 2) as late,
        round(late.business_minutes, 2) as business_late
    from sla_all_breaches as breaches
    left join sla_all_breaches_late as late on late.pair_id = breaches.instance_id
),

final as (
    select
        neutralised_cell(sla_name) as sla,
        neutralised_cell(lead_id) as lead_id,
        neutralised_cell(owner_id) as owner_id,
        neutralised_cell(owner) as owner,
        neutralised_cell(team) as team,
        strftime(make_timestamp(epoch_us(start_at)), '%Y-%m-%dT%H:%M:%SZ') as start_at,
        strftime(make_timestamp(epoch_us(deadline_at)), '%Y-%m-%dT%H:%M:%SZ') as deadline_at,
        strftime(make_timestamp(epoch_us(end_at)), '%Y-%m-%dT%H:%M:%SZ') as end_at,
        breach_kind as breach,
        number_cell(late) as minutes_late,
        number_cell(business_late) as business_minutes_late,
        position as sort_position,
        cells.start_at as sort_start,
        cells.lead_id as sort_lead
    from cells
)

select sla, lead_id, owner_id, owner, team, start_at, deadline_at, end_at, breach, minutes_late, business_minutes_late
from final
order by sort_position, sort_start, sort_lead collate "C"
