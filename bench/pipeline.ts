/**
 * Benchmark of `pipeline` at the size issue 12 names: 1M opportunities with 10M history rows,
 * generated in DuckDB straight into the warehouse tables (the loader is benchmarked elsewhere).
 * The CLI runs end to end as a child process; the floor is hand-written DuckDB computing the
 * same headline numbers (win rate, cycle, open pipeline, the waterfall's start and end in cents)
 * in the same run; both are checked equal.
 */
import { join } from 'node:path';
import { Warehouse } from '../src/db/connection.js';
import type { PipelineReport } from '../src/pipeline/types.js';
import { packageRoot } from '../src/paths.js';
import { runChild, runFloor } from './child.js';

export interface PipelineBenchRow {
  what: string;
  seconds: number;
  floorSeconds: number;
  peakRssMb: number | null;
}

/**
 * Deals created over two years, each with ~10 history rows a few days apart: stage advances (a
 * tenth of deals skip one), amount and close-date changes, and a last row that wins, loses or
 * stays open. Deterministic (hash of the row numbers), so every run measures the same data.
 */
export function pipelineDataSql(deals: number, rowsPerDeal: number): string {
  return `
insert into opportunities (opportunity_id, source_system, name, amount, owner_id, pipeline, stage_raw, created_at, close_date, load_id, source_row)
select 'D' || i, 'bench', 'Deal ' || i, null, 'o' || (i % 500), 'default', null,
       timestamptz '2024-06-01 00:00:00+00' + (hash(i) % 730) * interval 1 day, null, 1, i
from range(${deals}) t(i);

insert into opportunity_stage_events (opportunity_id, stage_raw, entered_at, amount, close_date, load_id, source_row)
with rows as (
  select i, j, hash(i * 131 + j) as h
  from range(${deals}) a(i), range(${rowsPerDeal}) b(j)
)
select 'D' || i,
       case when j = ${rowsPerDeal - 1} and h % 3 = 0 then 'Closed Won'
            when j = ${rowsPerDeal - 1} and h % 3 = 1 then 'Closed Lost'
            else (['Qualified', 'Discovery', 'Demo', 'Proposal', 'Negotiation'])[least(5, 1 + (j * 5) // ${rowsPerDeal} + (case when hash(i) % 10 = 0 then 1 else 0 end))] end,
       timestamptz '2024-06-01 00:00:00+00' + (hash(i) % 730) * interval 1 day + (j * 4 + case when j = 0 then 0 else h % 3 end) * interval 1 day,
       round((1000 + hash(i) % 50000) * (1 + (j // 4) * 0.1), 2),
       date '2024-09-01' + cast(hash(i) % 730 + (j // 3) * 20 as integer),
       1, i * ${rowsPerDeal} + j
from rows;

update opportunities set stage_raw = last.stage_raw, amount = last.amount, close_date = last.close_date
from (select opportunity_id, arg_max(stage_raw, entered_at) as stage_raw, arg_max(amount, entered_at) as amount, arg_max(close_date, entered_at) as close_date
      from opportunity_stage_events group by opportunity_id) last
where last.opportunity_id = opportunities.opportunity_id;
`;
}

const ts = (iso: string) => `timestamptz '${iso}'`;

/** The same numbers by hand, straight from the warehouse tables. Kept in bench_pipeline_floor. */
export function pipelineFloorSql(from: string, to: string, asOf: string): string {
  return `create or replace table bench_pipeline_floor as
with h as (select * from opportunity_stage_events where entered_at <= ${ts(asOf)}),
last_rows as (select opportunity_id, arg_max(stage_raw, (entered_at, source_row)) as stage, arg_max(amount, (entered_at, source_row)) as amount
              from h group by opportunity_id),
runs as (select opportunity_id, stage_raw, entered_at,
                stage_raw <> lag(stage_raw) over (partition by opportunity_id order by entered_at, source_row) is not false as starts
         from h),
closes as (select r.opportunity_id, l.stage, max(r.entered_at) as closed_at, l.amount
           from runs r join last_rows l on l.opportunity_id = r.opportunity_id and l.stage = r.stage_raw
           where r.starts and l.stage in ('Closed Won', 'Closed Lost') group by all),
closed as (select c.*, o.created_at, (epoch(c.closed_at) - epoch(o.created_at)) / 86400.0 as cycle
           from closes c join opportunities o using (opportunity_id)
           where c.closed_at >= ${ts(from)} and c.closed_at < ${ts(to)}),
state_at as (select opportunity_id, arg_max(stage_raw, (entered_at, source_row)) as stage, arg_max(amount, (entered_at, source_row)) as amount,
                    arg_max(close_date, (entered_at, source_row)) as close_date, 'start' as instant
             from opportunity_stage_events where entered_at <= ${ts(from)} group by opportunity_id
             union all
             select opportunity_id, arg_max(stage_raw, (entered_at, source_row)), arg_max(amount, (entered_at, source_row)),
                    arg_max(close_date, (entered_at, source_row)), 'end'
             from opportunity_stage_events where entered_at <= ${ts(to)} group by opportunity_id)
select 'closed' as kind,
       count(*) filter (where stage = 'Closed Won') as won, count(*) filter (where stage = 'Closed Lost') as lost,
       quantile_cont(cycle, 0.5) filter (where stage = 'Closed Won') as median_cycle, null::hugeint as cents
from closed
union all
select 'open', count(*), null, null, sum(amount) from last_rows where stage not in ('Closed Won', 'Closed Lost')
union all
select 'waterfall_' || instant, count(*), null, null, sum(round(amount * 100))
from state_at where stage not in ('Closed Won', 'Closed Lost') and close_date >= cast(${ts(from)} as date) and close_date < cast(${ts(to)} as date)
group by instant;`;
}

export async function benchPipeline(options: { work: string; deals: number; rowsPerDeal: number }): Promise<{ rows: PipelineBenchRow[]; diffs: string[] }> {
  const db = join(options.work, `pipeline-${options.deals}.duckdb`);
  const wh = await Warehouse.open({ path: db });
  const existing = await wh.one<{ n: number }>(`select cast(count(*) as integer) as n from opportunities`);
  if (!existing || existing.n !== options.deals) {
    await wh.run(`delete from opportunities; delete from opportunity_stage_events`);
    await wh.runScript(pipelineDataSql(options.deals, options.rowsPerDeal), 'pipeline bench data');
  }
  wh.close();
  const bin = join(packageRoot, 'bin', 'revops-report.js');
  const [from, to, asOf] = ['2025-07-01', '2025-09-30', '2025-09-30'];
  const cli = async () => {
    const run = await runChild(process.execPath, [bin, 'pipeline', '--db', db, '--from', from, '--to', to, '--as-of', asOf, '--format', 'json']);
    if (run.code !== 0) throw new Error(`revops-report pipeline failed (${run.code}): ${run.stderr}`);
    return run;
  };
  await cli(); // warm-up: the deal models
  const run = await cli();
  const report = JSON.parse(run.stdout) as PipelineReport;
  const floor = await runFloor(options.work, db, 'pipeline_floor', pipelineFloorSql(`${from}T00:00:00Z`, '2025-10-01T00:00:00Z', '2025-10-01T00:00:00Z'));
  const check = await Warehouse.open({ path: db, readOnly: true });
  const rows = await check.all<{
    kind: string;
    won: bigint | number;
    lost: bigint | number | null;
    median_cycle: number | null;
    cents: bigint | number | null;
  }>(`select * from bench_pipeline_floor`);
  check.close();
  const diffs: string[] = [];
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const compare = (what: string, ours: number | null, theirs: number | null, digits = 6) => {
    const same = ours === theirs || (ours !== null && theirs !== null && Math.abs(ours - theirs) < 10 ** -digits * Math.max(1, Math.abs(theirs)));
    if (!same) diffs.push(`${what}: report ${ours}, floor ${theirs}`);
  };
  const of = (kind: string) => rows.find((r) => r.kind === kind);
  compare('won', report.summary.won, num(of('closed')?.won));
  compare('lost', report.summary.lost, num(of('closed')?.lost));
  compare('median cycle days', report.summary.medianCycleDays, num(of('closed')?.median_cycle));
  compare('open deals', report.summary.open, num(of('open')?.won));
  compare('open amount', report.summary.openAmount, num(of('open')?.cents));
  compare('waterfall start cents', report.waterfall.buckets.find((b) => b.bucket === 'start')?.cents ?? null, num(of('waterfall_start')?.cents) ?? 0, 9);
  compare('waterfall end cents', report.waterfall.buckets.find((b) => b.bucket === 'end')?.cents ?? null, num(of('waterfall_end')?.cents) ?? 0, 9);
  if (!report.waterfall.reconciled) diffs.push('the waterfall does not reconcile');
  return {
    rows: [
      {
        what: `pipeline, ${options.deals.toLocaleString('en-US')} deals × ${options.rowsPerDeal} history rows (end to end)`,
        seconds: run.seconds,
        floorSeconds: floor.seconds,
        peakRssMb: run.peakRssMb,
      },
    ],
    diffs,
  };
}
