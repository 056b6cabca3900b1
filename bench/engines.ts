/**
 * Every report on PostgreSQL beside DuckDB (issue 15): a figure, not a target yet. The bench's
 * generated folder of canonical CSVs (bench/generate.ts) is loaded into DuckDB by the CLI, its
 * canonical tables copied into a fresh PostgreSQL schema (src/db/pgCopy.ts, as `load --db
 * postgres://…` does), the lifecycle models built on both, then every report of src/reportSet.ts
 * runs as a CLI child process on each engine. A report that fails on PostgreSQL (not every report
 * gives DuckDB's JSON there yet: test/engines/parity.test.ts) is shown with its error, the rest go on.
 * Peak RSS is the CLI process's: on PostgreSQL the work runs in the server, which is not counted.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../src/config/config.js';
import { DuckDbWarehouse } from '../src/db/connection.js';
import { copyWarehouse } from '../src/db/pgCopy.js';
import { PostgresWarehouse } from '../src/db/postgres.js';
import { buildModels } from '../src/models/build.js';
import { packageRoot } from '../src/paths.js';
import { backtestModels, reportDefinitions } from '../src/reportSet.js';
import { type ChildRun, runChild } from './child.js';
import { generateBenchData } from './generate.js';
import { loadModelsSeconds } from './floors.js';
import { pipelineDataSql } from './pipeline.js';

const run = promisify(execFile);
const bin = join(packageRoot, 'bin', 'revops-report.js');
const asOf = '2026-01-01';
const since = '2y';
/** a report that has not finished by then is shown as timed out (seconds; BENCH_PG_TIMEOUT, default 1800) */
const timeoutSeconds = Number(process.env.BENCH_PG_TIMEOUT ?? 1800);

export interface EngineStep {
  what: string;
  duckSeconds: number | null;
  pgSeconds: number | null;
}

export interface EngineReportRow {
  report: string;
  duck: ChildRun;
  pg: ChildRun;
  /** the first line of the error when the report failed on that engine */
  duckFailure?: string;
  pgFailure?: string;
}

/** The CLI arguments of each report of the report set, with the set's window. */
function reportArgs(name: string, models: { current: string; candidate: string }): string[] {
  const window = ['--as-of', asOf, '--since', since, '--format', 'json'];
  switch (name) {
    case 'funnel':
      return ['funnel', ...window, '--by', 'source', '--interval', 'month'];
    case 'scoring-backtest':
      return [
        'scoring',
        'backtest',
        '--model',
        models.current,
        '--compare',
        models.candidate,
        '--decision',
        'created+7d',
        '--target',
        'sql',
        '--horizon',
        '90d',
        '--as-of',
        asOf,
        '--format',
        'json',
      ];
    default:
      return [name, ...window];
  }
}

/** A throwaway server from .ci/postgres.sh, unless BENCH_PG_URL names one; `stop` always ends what was started. */
async function server(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.BENCH_PG_URL) return { url: process.env.BENCH_PG_URL, stop: async () => undefined };
  const script = join(packageRoot, '.ci', 'postgres.sh');
  const { stdout } = await run('bash', [script, 'start']);
  const url = stdout.trim().split('\n').pop()!;
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= run('bash', [script, 'stop', url]).then(() => undefined));
  // an interrupted bench must not leave a server running
  const onSignal = () => void stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { url, stop };
}

const firstLine = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('peak-rss-mb=')) ?? 'no message';

const failure = (run: ChildRun) => (run.timedOut ? `timed out after ${run.seconds.toFixed(0)} s (BENCH_PG_TIMEOUT)` : firstLine(run.stderr));

/** A killed CLI's queries go on in the server: end them before the next report runs. */
async function endQueries(url: string, application: string): Promise<void> {
  const admin = await PostgresWarehouse.connect(url);
  try {
    await admin.all(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1`, [application]);
  } finally {
    await admin.closed();
  }
}

async function timedSeconds(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

export async function benchEngines(work: string, leads: number): Promise<{ steps: EngineStep[]; rows: EngineReportRow[]; url: string }> {
  const dataDir = resolve(packageRoot, 'bench', 'data', `leads-${leads}`);
  if (!existsSync(join(dataDir, 'stage_events.csv'))) {
    console.log(`generating ${leads.toLocaleString('en-US')} leads into ${dataDir} …`);
    console.log(`generated ${JSON.stringify(await generateBenchData(dataDir, { leads, activitiesPerMql: 10, engagementPerLead: 2 }))}`);
  }
  const dir = join(work, 'engines');
  await mkdir(dir, { recursive: true });
  const duckDb = join(dir, `leads-${leads}.duckdb`);
  // the DuckDB warehouse of an earlier run is used again (BENCH_RELOAD=1 loads it again)
  const reload = process.env.BENCH_RELOAD === '1' || !existsSync(duckDb);
  if (reload) {
    await rm(duckDb, { force: true });
    await rm(`${duckDb}.wal`, { force: true });
  }
  const models = { current: join(dir, 'plg.json'), candidate: join(dir, 'plg-strict.json') };
  const { current, candidate } = backtestModels();
  await writeFile(models.current, `${JSON.stringify(current, null, 2)}\n`);
  await writeFile(models.candidate, `${JSON.stringify(candidate, null, 2)}\n`);

  const steps: EngineStep[] = [];
  const rows: EngineReportRow[] = [];
  const pgServer = await server();
  try {
    const schema = `bench_${leads}`;
    const pgUrl = new URL(pgServer.url);
    pgUrl.searchParams.set('schema', schema);
    const pgDb = pgUrl.toString();

    if (reload) {
      const load = await runChild(process.execPath, [bin, 'load', dataDir, '--db', duckDb, '--format', 'json']);
      if (load.code !== 0) throw new Error(`load into DuckDB failed (${load.code}): ${load.stderr}`);
      const loadSeconds = load.seconds - loadModelsSeconds(load.stdout);
      steps.push({ what: 'load the CSV folder into DuckDB (CLI, without its model build)', duckSeconds: loadSeconds, pgSeconds: null });
      console.log(`loaded into DuckDB in ${loadSeconds.toFixed(1)} s`);
    } else console.log(`using the DuckDB warehouse ${duckDb} of an earlier run (BENCH_RELOAD=1 loads it again)`);

    // A fresh schema each run: the copy, then the models, as `load --db postgres://…` would leave it
    const admin = await PostgresWarehouse.connect(pgServer.url);
    await admin.run(`drop schema if exists ${schema} cascade`);
    await admin.closed();
    const config = loadConfig();
    const duck = await DuckDbWarehouse.open({ path: duckDb });
    const pg = await PostgresWarehouse.connect(pgDb);
    try {
      // the lead folder has no deals: pipeline gets a deal per ten leads, ten history rows each (bench/pipeline.ts)
      const dealCount = await duck.one<{ n: number }>(`select cast(count(*) as integer) as n from opportunities`);
      if (!dealCount || dealCount.n === 0) {
        const dealSeconds = await timedSeconds(() => duck.runScript(pipelineDataSql(Math.max(1, Math.floor(leads / 10)), 10), 'pipeline bench deals'));
        console.log(`${Math.floor(leads / 10).toLocaleString('en-US')} deals added to the DuckDB warehouse in ${dealSeconds.toFixed(1)} s`);
      }
      const copySeconds = await timedSeconds(() => copyWarehouse(duck, pg));
      steps.push({ what: 'copy the canonical tables into PostgreSQL (pgCopy.ts, with analyze)', duckSeconds: null, pgSeconds: copySeconds });
      console.log(`copied into PostgreSQL in ${copySeconds.toFixed(1)} s`);
      const duckModels = await timedSeconds(() => buildModels(duck, config, { force: true }));
      const pgModels = await timedSeconds(() => buildModels(pg, config, { force: true }));
      steps.push({ what: 'build the lifecycle models (in process)', duckSeconds: duckModels, pgSeconds: pgModels });
      console.log(`models built: DuckDB ${duckModels.toFixed(1)} s, PostgreSQL ${pgModels.toFixed(1)} s`);
    } finally {
      duck.close();
      await pg.closed();
    }

    // BENCH_PG_REPORTS=sla,pipeline runs only those (a report to measure again), default every report
    const only = process.env.BENCH_PG_REPORTS?.split(',').map((r) => r.trim());
    for (const { name } of reportDefinitions.filter((r) => !only || only.includes(r.name))) {
      const args = reportArgs(name, models);
      const duckRun = await runChild(process.execPath, [bin, ...args, '--db', duckDb], {}, { timeoutSeconds });
      // named, so that its queries can be ended on the server when the report runs out of time
      const application = `revops-bench-${name}`;
      const pgRun = await runChild(process.execPath, [bin, ...args, '--db', pgDb], { PGAPPNAME: application }, { timeoutSeconds });
      if (pgRun.timedOut) await endQueries(pgServer.url, application);
      const row: EngineReportRow = { report: name, duck: duckRun, pg: pgRun };
      if (duckRun.code !== 0) row.duckFailure = failure(duckRun);
      if (pgRun.code !== 0) row.pgFailure = failure(pgRun);
      rows.push(row);
      console.log(`${name}: ${describe(duckRun, row.duckFailure)} on DuckDB, ${describe(pgRun, row.pgFailure)} on PostgreSQL`);
    }
    return { steps, rows, url: pgServer.url };
  } finally {
    await pgServer.stop();
  }
}

const describe = (run: ChildRun, failure: string | undefined) =>
  failure ? `fails after ${run.seconds.toFixed(1)} s: ${failure}` : `${run.seconds.toFixed(2)} s, ${run.peakRssMb?.toFixed(0) ?? '—'} MB`;

/** The table the bench prints: report, DuckDB s, PostgreSQL s, ratio (PostgreSQL over DuckDB). */
export function engineTable(steps: EngineStep[], rows: EngineReportRow[]) {
  const s = (n: number | null) => (n === null ? '—' : n.toFixed(2));
  const mb = (n: number | null) => (n === null ? '—' : n.toFixed(0));
  return [
    ...steps.map((step) => ({
      what: step.what,
      'DuckDB s': s(step.duckSeconds),
      'PostgreSQL s': s(step.pgSeconds),
      ratio: step.duckSeconds && step.pgSeconds ? `${(step.pgSeconds / step.duckSeconds).toFixed(2)}x` : '—',
      'DuckDB MB': '—',
      'PostgreSQL client MB': '—',
    })),
    ...rows.map((row) => ({
      what: row.report,
      'DuckDB s': row.duckFailure ? `fails: ${row.duckFailure}` : s(row.duck.seconds),
      'PostgreSQL s': row.pgFailure ? `fails: ${row.pgFailure}` : s(row.pg.seconds),
      ratio: row.duckFailure || row.pgFailure ? '—' : `${(row.pg.seconds / row.duck.seconds).toFixed(2)}x`,
      'DuckDB MB': mb(row.duck.peakRssMb),
      'PostgreSQL client MB': mb(row.pg.peakRssMb),
    })),
  ];
}
