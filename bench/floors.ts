/**
 * Hand-written SQL floors: the same numbers as a report, written directly as one query against
 * the warehouse, the way an analyst would without the tool. The funnel floor keeps its result in
 * `bench_funnel_floor` so the bench can check it against the report it is compared with.
 */
import { Warehouse } from '../src/db/connection.js';
import type { FunnelReport, FunnelStage } from '../src/metrics/funnel.js';
import { canonicalFormats } from '../src/ingest/formats/canonical.js';

/**
 * `funnel --as-of 2026-01-01 --since 2y --by source --interval month` (default config: stages 2..6
 * are lead..customer): per stage overall, by source and by cohort month, the leads reaching it
 * (skips counted as passed), how many by a skip, re-entries, open at the previous stage, and the
 * median and p90 days from the previous stage over real, in-order entries.
 */
export const funnelFloorSql = `
create or replace table bench_funnel_floor as
with firsts as (
  select lead_id, stage_order, min(entered_at) as first_at, count(*) as n, bool_or(is_out_of_order) as ooo
  from fct_stage_entries where stage_kind = 'stage' and entered_at <= timestamptz '2026-01-02'
  group by all
),
passed as (
  select f.lead_id, s.stage_order as listed, min(f.first_at) as passed_at,
         min(f.first_at) filter (where f.stage_order = s.stage_order) as entered_at,
         max(f.n) filter (where f.stage_order = s.stage_order) as n,
         coalesce(bool_or(f.ooo) filter (where f.stage_order = s.stage_order), false) as ooo
  from firsts f join cfg_stages s on f.stage_order >= s.stage_order
  where s.stage_order between 2 and 6
  group by all
),
cohort as (
  select lead_id, passed_at as cohort_at from passed
  where listed = 2 and passed_at >= timestamptz '2024-01-02' and passed_at < timestamptz '2026-01-02'
),
latest as (
  select lead_id, arg_max(stage, event_number) as current_stage
  from fct_stage_entries where entered_at <= timestamptz '2026-01-02'
  group by lead_id
),
steps as (
  select coalesce(l.source, '(none)') as source, strftime(c.cohort_at, '%Y-%m') as period,
         s.stage, s.stage_order, p.passed_at, p.entered_at, p.n, p.ooo,
         prev.passed_at as prev_passed_at, prev_stage.stage as prev_stage, latest.current_stage,
         case when p.entered_at >= prev.entered_at and not p.ooo and not prev.ooo
              then (extract(epoch from p.entered_at) - extract(epoch from prev.entered_at)) / 86400.0 end as days
  from cohort c
  join cfg_stages s on s.stage_order between 2 and 6
  left join passed p on p.lead_id = c.lead_id and p.listed = s.stage_order
  left join passed prev on prev.lead_id = c.lead_id and prev.listed = s.stage_order - 1 -- none before lead (2)
  left join cfg_stages prev_stage on prev_stage.stage_order = s.stage_order - 1
  left join leads l on l.lead_id = c.lead_id
  left join latest on latest.lead_id = c.lead_id
)
select grouping(source) = 0 as by_source, grouping(period) = 0 as by_period, source, period, stage, stage_order,
       count(passed_at)::int as reached,
       count(*) filter (where passed_at is not null and entered_at is null)::int as implied_by_skip,
       count(*) filter (where n > 1)::int as reentries,
       count(*) filter (where prev_passed_at is not null and passed_at is null and current_stage = prev_stage)::int as open,
       percentile_cont(0.5) within group (order by days) as median_days,
       percentile_cont(0.9) within group (order by days) as p90_days
from steps
group by grouping sets ((stage, stage_order), (source, stage, stage_order), (period, stage, stage_order));
`;

interface FloorRow {
  by_source: boolean;
  by_period: boolean;
  source: string | null;
  period: string | null;
  stage: string;
  reached: number;
  implied_by_skip: number;
  reentries: number;
  open: number;
  median_days: number | null;
  p90_days: number | null;
}

const days = (value: number | null) => (value === null ? null : Number(value.toFixed(3)));

/** The report's numbers that differ from the floor's (empty when they agree), read from DB_PATH. */
export async function checkFunnelFloor(dbPath: string, report: FunnelReport): Promise<string[]> {
  const wh = await Warehouse.open({ path: dbPath, skipSchema: true });
  const rows = await wh.all<FloorRow>(`select * from bench_funnel_floor`);
  wh.close();
  const floor = new Map(rows.map((r) => [`${r.by_source ? r.source : r.by_period ? r.period : '(all)'}|${r.stage}`, r]));
  const differences: string[] = [];
  const compare = (key: string, stages: FunnelStage[]) => {
    for (const [i, s] of stages.entries()) {
      const f = floor.get(`${key}|${s.stage}`);
      const expected = f && [
        f.reached,
        f.implied_by_skip,
        f.reentries,
        i === 0 ? 0 : f.open,
        i === 0 ? null : days(f.median_days),
        i === 0 ? null : days(f.p90_days),
      ];
      const actual = [s.reached, s.impliedBySkip, s.reentries, s.open, s.medianDaysFromPrevious, s.p90DaysFromPrevious];
      if (JSON.stringify(expected) !== JSON.stringify(actual))
        differences.push(`${key} ${s.stage}: report ${JSON.stringify(actual)}, floor ${JSON.stringify(expected ?? null)}`);
    }
  };
  compare('(all)', report.stages);
  for (const g of report.groups) compare(g.key, g.stages);
  for (const t of report.trend) compare(t.period, t.stages);
  const reportRows = report.stages.length * (1 + report.groups.length + report.trend.length);
  if (rows.length !== reportRows) differences.push(`floor has ${rows.length} stage rows, the report ${reportRows}`);
  return differences;
}

/**
 * The least a loader that keeps every record's number and counts repeated keys must do, in plain
 * DuckDB: read each canonical file into a table with row_number() (a single-threaded pass) and
 * count its distinct keys, in one transaction. No cleaning, parsing checks, rejects or merge.
 */
export function loadDutiesSql(dataDir: string, files: string[]): string {
  const statements = files.map((file, i) => {
    const object = file.replace(/\.csv$/, '');
    const key = canonicalFormats.find((f) => f.object === object)?.key ?? [];
    const path = `${dataDir}/${file}`.replaceAll("'", "''");
    return `create table t${i} as select row_number() over () as source_row, * from read_csv('${path}', header = true);
select count(*) - count(distinct hash(${key.length ? key.join(', ') : 'source_row'})) from t${i};`;
  });
  return ['begin;', ...statements, 'commit;'].join('\n');
}
