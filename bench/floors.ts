/**
 * Hand-written SQL floors: the same numbers as a report, written directly as one query against
 * the warehouse, the way an analyst would without the tool.
 */

/** Cohort funnel by source and month: leads reaching each stage (skips counted as passed). */
export const funnelFloorSql = `
create temp table floor_result as
with firsts as (
  select lead_id, stage_order, min(entered_at) as first_at
  from fct_stage_entries where stage_kind = 'stage' and entered_at <= timestamptz '2026-01-02'
  group by all
),
passed as (
  select f.lead_id, s.stage_order as listed, min(f.first_at) as passed_at
  from firsts f join cfg_stages s on f.stage_order >= s.stage_order
  where s.stage_order between 2 and 6
  group by all
),
cohort as (
  select lead_id, passed_at as cohort_at from passed
  where listed = 2 and passed_at >= timestamptz '2024-01-02' and passed_at < timestamptz '2026-01-02'
)
select coalesce(l.source, '(none)') as source, strftime(c.cohort_at, '%Y-%m') as period, p.listed, count(*) as reached
from cohort c join passed p using (lead_id) left join leads l using (lead_id)
group by grouping sets ((p.listed), (source, p.listed), (period, p.listed));
`;
