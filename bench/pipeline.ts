/**
 * Benchmark of `pipeline` at the size issue 12 names: 1M opportunities with 10M history rows,
 * generated in DuckDB straight into the warehouse tables (the loader is benchmarked elsewhere).
 * The CLI runs end to end as a child process; the floor (bench/pipelineFloor.ts) is hand-written
 * DuckDB computing every number the report prints from the raw tables, in the same run; each is
 * checked equal (bench/pipelineCheck.ts).
 */
import { join } from 'node:path';
import { Warehouse } from '../src/db/connection.js';
import type { PipelineReport } from '../src/pipeline/types.js';
import { packageRoot } from '../src/paths.js';
import { parseConfig } from '../src/config/config.js';
import { fieldKey, noChangeStageIds } from '../src/config/dealStages.js';
import { fastestOf, runChild, runFloor } from './child.js';
import { compareWithFloor } from './pipelineCheck.js';
import { pipelineFloorSql } from './pipelineFloor.js';

export interface PipelineBenchRow {
  what: string;
  seconds: number;
  floorSeconds: number;
  peakRssMb: number | null;
  /** what DuckDB spilled at most (big bench: $REVOPS_TEMP_DIR), MB */
  tempPeakMb?: number | null;
  cpuSeconds: number | null;
  floorCpuSeconds: number;
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

export async function benchPipeline(options: { work: string; deals: number; rowsPerDeal: number }): Promise<{ rows: PipelineBenchRow[]; diffs: string[] }> {
  const db = join(options.work, `pipeline-${options.deals}.duckdb`);
  const wh = await Warehouse.open({ path: db });
  const existing = await wh.one<{ n: number }>(`select cast(count(*) as integer) as n from opportunities`);
  if (!existing || existing.n !== options.deals) {
    await wh.run(`delete from opportunities; delete from opportunity_stage_events`);
    await wh.runScript(pipelineDataSql(options.deals, options.rowsPerDeal), 'pipeline bench data');
  }
  // the first run builds the deal models: this bench writes its deals in DuckDB, not through a load,
  // which builds them (BENCH_PIPELINE_WARM=1: only when they are stale)
  if (!process.env.BENCH_PIPELINE_WARM)
    await wh.run(`create table if not exists model_state (build_key varchar, built_at timestamptz); delete from model_state`);
  wh.close();
  const bin = join(packageRoot, 'bin', 'revops-report.js');
  const [from, to, asOf] = ['2025-07-01', '2025-09-30', '2025-09-30'];
  const cli = async () => {
    const run = await runChild(process.execPath, [bin, 'pipeline', '--db', db, '--from', from, '--to', to, '--as-of', asOf, '--format', 'json']);
    if (run.code !== 0) throw new Error(`revops-report pipeline failed (${run.code}): ${run.stderr}`);
    return run;
  };
  const cold = await cli();
  const run = await fastestOf(cli);
  if (process.env.REVOPS_PROFILE) process.stderr.write(`first run:\n${cold.stderr}second run:\n${run.stderr}`);
  const report = JSON.parse(run.stdout) as PipelineReport;
  const stages = parseConfig({}).dealStages;
  const floor = await fastestOf(() =>
    runFloor(
      options.work,
      db,
      'pipeline_floor',
      pipelineFloorSql({
        from: `${from}T00:00:00Z`,
        to: '2025-10-01T00:00:00Z',
        closeTo: '2025-10-01',
        trailingFrom: '2024-10-01T00:00:00Z',
        noChangeStages: noChangeStageIds(stages),
        noChangeDays: stages.noChangeDays,
        snoozeFields: stages.snoozeFields.map(fieldKey),
      }),
    ),
  );
  const check = await Warehouse.open({ path: db, readOnly: true });
  const diffs = await compareWithFloor(check, report);
  check.close();
  return {
    rows: [
      {
        what: `pipeline, ${options.deals.toLocaleString('en-US')} deals × ${options.rowsPerDeal} history rows, first run (builds the deal models)`,
        seconds: cold.seconds,
        floorSeconds: floor.seconds,
        peakRssMb: cold.peakRssMb,
        tempPeakMb: cold.tempPeakMb,
        cpuSeconds: cold.cpuSeconds,
        floorCpuSeconds: floor.cpuSeconds,
      },
      {
        what: `pipeline, ${options.deals.toLocaleString('en-US')} deals × ${options.rowsPerDeal} history rows, models built (end to end)`,
        seconds: run.seconds,
        floorSeconds: floor.seconds,
        peakRssMb: run.peakRssMb,
        tempPeakMb: run.tempPeakMb,
        cpuSeconds: run.cpuSeconds,
        floorCpuSeconds: floor.cpuSeconds,
      },
    ],
    diffs,
  };
}
