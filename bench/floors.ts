/**
 * Hand-written SQL floors: the same numbers as a report, written directly as one query against
 * the warehouse, the way an analyst would without the tool. The funnel floor keeps its result in
 * `bench_funnel_floor` so the bench can check it against the report it is compared with.
 */
import { Warehouse } from '../src/db/connection.js';
import type { FunnelReport, FunnelStage } from '../src/metrics/funnel.js';
import { canonicalFormats } from '../src/ingest/formats/canonical.js';

/** The funnel report's listed stages in the bench (the default config's stages 2..6) and their cfg_stages order. */
const funnelStages = [
  ['lead', 2],
  ['mql', 3],
  ['sql', 4],
  ['opportunity', 5],
  ['customer', 6],
] as const;
const lastOrder = funnelStages.at(-1)![1];

/** One select per listed stage over the pivoted cohort: the stage's row of every cohort lead. */
const funnelStageRows = funnelStages
  .map(([stage, k], i) => {
    const previous = i === 0 ? undefined : funnelStages[i - 1]!;
    const days = previous
      ? `case when e${k} >= e${previous[1]} and not o${k} and not o${previous[1]} then (epoch(e${k}) - epoch(e${previous[1]})) / 86400.0 end`
      : 'null::double';
    return `  select source, period, '${stage}' as stage, ${k} as stage_order, p${k} as passed_at, e${k} as entered_at, n${k} as n,
         ${previous ? `p${previous[1]}` : 'null::timestamptz'} as prev_passed_at, ${previous ? `current_stage = '${previous[0]}'` : 'false'} as at_previous,
         ${days} as days
  from cohort`;
  })
  .join('\n  union all\n');

/**
 * `funnel --as-of 2026-01-01 --since 2y --by source --interval month` (default config: stages 2..6
 * are lead..customer), the way a DuckDB expert would write it for this config: one `group by
 * lead_id` pivot of every lead's entries (first entry, entry count and out-of-order flag per listed
 * stage, the first entry into any later stage, the stage the lead is in at the as-of), "passed" as
 * the earliest entry into the stage or any later one (skips counted as passed), then one row per
 * cohort lead and stage (a union of one select per stage) and one aggregation by grouping sets:
 * overall, by source and by cohort month. Per stage: leads reaching it, how many by a skip,
 * re-entries, open at the previous stage, and the median and p90 days from the previous stage over
 * real, in-order entries. No join of entries with stages.
 */
export const funnelFloorSql = `
create or replace table bench_funnel_floor as
with per_lead as (
  select lead_id,
${funnelStages
  .map(
    ([, k]) => `         min(entered_at) filter (where stage_kind = 'stage' and stage_order = ${k}) as e${k},
         count(*) filter (where stage_kind = 'stage' and stage_order = ${k}) as n${k},
         coalesce(bool_or(is_out_of_order) filter (where stage_kind = 'stage' and stage_order = ${k}), false) as o${k},`,
  )
  .join('\n')}
         min(entered_at) filter (where stage_kind = 'stage' and stage_order > ${lastOrder}) as e_later,
         arg_max(stage, event_number) as current_stage
  from fct_stage_entries where entered_at <= timestamptz '2026-01-02'
  group by lead_id
),
passed as (
  select *, ${funnelStages
    .map(
      ([, k]) =>
        `least(${funnelStages
          .filter(([, j]) => j >= k)
          .map(([, j]) => `e${j}`)
          .join(', ')}, e_later) as p${k}`,
    )
    .join(',\n         ')}
  from per_lead
),
cohort as (
  select passed.*, coalesce(leads.source, '(none)') as source, strftime(p${funnelStages[0][1]}, '%Y-%m') as period
  from passed left join leads using (lead_id)
  where p${funnelStages[0][1]} >= timestamptz '2024-01-02' and p${funnelStages[0][1]} < timestamptz '2026-01-02'
),
steps as (
${funnelStageRows}
)
select grouping(source) = 0 as by_source, grouping(period) = 0 as by_period, source, period, stage, stage_order,
       count(passed_at)::int as reached,
       count(*) filter (where passed_at is not null and entered_at is null)::int as implied_by_skip,
       count(*) filter (where n > 1)::int as reentries,
       count(*) filter (where prev_passed_at is not null and passed_at is null and at_previous)::int as open,
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

// the report's JSON carries full double precision (the floor's quantiles may differ in the last bits)
const days = (value: number | null) => (value === null ? null : Number(value.toFixed(6)));

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
      const actual = [s.reached, s.impliedBySkip, s.reentries, s.open, days(s.medianDaysFromPrevious), days(s.p90DaysFromPrevious)];
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

/** The seconds `load --format json` spent bringing the lifecycle models up to date after its commit. */
export function loadModelsSeconds(stdout: string): number {
  return (JSON.parse(stdout) as { modelsSeconds?: number }).modelsSeconds ?? 0;
}
