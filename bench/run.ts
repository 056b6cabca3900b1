/**
 * `npm run bench`: speed and memory as ratios to plain DuckDB doing the same work by hand, in
 * the same run on the same machine. Prints a table; asserts nothing (timings live here, not in
 * the test suite). Sizes: BENCH_LEADS (default 1,000,000). BENCH_SCALE=big runs the big bench
 * (bench/big.ts), which runs this file once per scale under a memory limit.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { packageRoot } from '../src/paths.js';
import { fastestOf, runChild, runFloor } from './child.js';
import { generateBenchData } from './generate.js';
import { benchBacktest } from './backtest.js';
import { benchPipeline } from './pipeline.js';
import { benchSla } from './sla.js';
import { benchHygiene } from './hygiene.js';
import { benchRouting } from './routing.js';
import { benchEngines, engineTable } from './engines.js';
import { checkFunnelFloor, funnelFloorSql, loadDutiesSql, loadModelsSeconds } from './floors.js';
import { type BenchResult, runBigBench } from './big.js';
import { templates } from '../src/scoring/templates.js';

if (process.env.BENCH_SCALE === 'big') {
  await runBigBench();
  process.exit(0);
}

const leads = Number(process.env.BENCH_LEADS ?? 1_000_000);
// the big bench asks for fewer activities per MQL (issue 14: ~50M stage events, ~50M activities and engagement events at 10M)
const activitiesPerMql = Number(process.env.BENCH_ACTIVITIES_PER_MQL ?? 10);
const dataDir = resolve(packageRoot, 'bench', 'data', activitiesPerMql === 10 ? `leads-${leads}` : `leads-${leads}-a${activitiesPerMql}`);
const work = process.env.BENCH_WORK ?? resolve(packageRoot, 'bench', 'data', 'work');
const bin = join(packageRoot, 'bin', 'revops-report.js');
const results: { what: string; seconds: string; floor: string; ratio: string; peakRssMb: string; spillMb: string; note: string }[] = [];
// the same rows as numbers, for the big bench's fit across scales (BENCH_RESULTS_JSON)
const measured: BenchResult[] = [];

const fmt = (n: number | null | undefined, d = 2) => (n === null || n === undefined ? '—' : n.toFixed(d));
function record(what: string, seconds: number, floor: number | null, peakRssMb: number | null, note = '', tempPeakMb: number | null = null) {
  const spillMb = fmt(tempPeakMb, 0);
  results.push({
    what,
    seconds: fmt(seconds),
    floor: fmt(floor),
    ratio: floor ? `${(seconds / floor).toFixed(2)}x` : '—',
    peakRssMb: fmt(peakRssMb, 0),
    spillMb,
    note,
  });
  measured.push({ what, seconds, floorSeconds: floor, peakRssMb, tempPeakMb });
  console.log(
    `${what}: ${fmt(seconds)} s${floor ? ` vs floor ${fmt(floor)} s = ${(seconds / floor).toFixed(2)}x` : ''}, peak RSS ${fmt(peakRssMb, 0)} MB ${note}`,
  );
}

async function cli(args: string[]) {
  const run = await runChild(process.execPath, [bin, ...args]);
  if (run.code !== 0) throw new Error(`revops-report ${args.join(' ')} failed (${run.code}): ${run.stderr}`);
  return run;
}

const floor = (db: string, name: string, sql: string) => runFloor(work, db, name, sql);

await mkdir(work, { recursive: true });
if (!existsSync(join(dataDir, 'stage_events.csv'))) {
  console.log(`generating ${leads.toLocaleString('en-US')} leads into ${dataDir} …`);
  const started = performance.now();
  const counts = await generateBenchData(dataDir, { leads, activitiesPerMql, engagementPerLead: 2 });
  console.log(`generated ${JSON.stringify(counts)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const files = (await readdir(dataDir)).filter((f) => f.endsWith('.csv')).sort();

// Node start-up, the fixed cost every CLI run pays
const startup = await cli(['--version']);
record('node start-up (revops-report --version)', startup.seconds, null, startup.peakRssMb);

// Load: the whole folder, vs DuckDB's own read_csv of the same files into plain tables.
// BENCH_SKIP_LOAD=1 keeps the warehouse an earlier run of the same BENCH_WORK loaded (a second
// part of a long run at 10M leads) and leaves the load's rows out.
const db = join(work, 'bench.duckdb');
if (process.env.BENCH_SKIP_LOAD) {
  if (!existsSync(db)) throw new Error(`BENCH_SKIP_LOAD: no warehouse at ${db} to reuse`);
} else {
  await rm(db, { force: true });
  await rm(`${db}.wal`, { force: true });
  const load = await cli(['load', dataDir, '--db', db, '--format', 'json']);
  const rawDb = join(work, 'raw.duckdb');
  await rm(rawDb, { force: true });
  await rm(join(work, 'bound.duckdb'), { force: true });
  const raw = await floor(
    rawDb,
    'raw_read_csv',
    files.map((f, i) => `create table t${i} as select * from read_csv('${join(dataDir, f)}', header = true);`).join('\n'),
  );
  // load ends by building the lifecycle models (issue 14): the floors do not, so their time is apart
  const modelsSeconds = loadModelsSeconds(load.stdout);
  const loadSeconds = load.seconds - modelsSeconds;
  record(
    `load ${files.length} files (without the model build)`,
    loadSeconds,
    raw.seconds,
    load.peakRssMb,
    `(floor RSS ${fmt(raw.peakRssMb, 0)} MB)`,
    load.tempPeakMb,
  );
  record('  the lifecycle model build at the end of load', modelsSeconds, null, null);
  // What two of the loader's duties cost in DuckDB alone, in one transaction like a load: numbering
  // each record (its line is kept) and checking the file's key for repeats (duplicates are counted)
  const bound = await floor(join(work, 'bound.duckdb'), 'load_duties', loadDutiesSql(dataDir, files));
  record('  read_csv + record numbers + key check (no parsing, no rejects)', bound.seconds, raw.seconds, bound.peakRssMb, '', bound.tempPeakMb);
  // Issue 10's target: the load within 1.5x of the duties floor (the ratio to plain read_csv is above)
  record(`load ${files.length} files vs the duties floor`, loadSeconds, bound.seconds, load.peakRssMb, '', load.tempPeakMb);
}

// BENCH_SKIP_FUNNEL=1 leaves it out
if (!process.env.BENCH_SKIP_FUNNEL) {
  // Funnel: the first report after the load (which built the models) and again, vs the expert's query
  const funnelArgs = ['funnel', '--db', db, '--as-of', '2026-01-01', '--since', '2y', '--by', 'source', '--interval', 'month', '--format', 'json'];
  const cold = await cli(funnelArgs);
  const warm = await fastestOf(() => cli(funnelArgs));
  const funnelFloor = await fastestOf(() => floor(db, 'funnel_floor', funnelFloorSql));
  const floorDiff = await checkFunnelFloor(db, JSON.parse(cold.stdout));
  console.log(floorDiff.length ? `funnel floor differs from the report:\n${floorDiff.join('\n')}` : 'funnel floor matches the report');
  record('funnel --by source --interval month (first after load)', cold.seconds, funnelFloor.seconds, cold.peakRssMb, '', cold.tempPeakMb);
  record(
    'funnel --by source --interval month (warm)',
    warm.seconds,
    funnelFloor.seconds,
    warm.peakRssMb,
    `(minus start-up: ${((warm.seconds - startup.seconds) / funnelFloor.seconds).toFixed(2)}x)`,
    warm.tempPeakMb,
  );
}

// Speed-to-lead and SLA at the size issue 6 names (1M MQLs, 10M activities): their own data and
// warehouse, the CLI end to end vs hand-written SQL floors for the same numbers, checked equal
if (!process.env.BENCH_SKIP_SLA) {
  // the big bench's main data has its activities already: no second data set of that size
  const onMain = Boolean(process.env.BENCH_SLA_ON_MAIN);
  const slaLeads = Number(process.env.BENCH_SLA_LEADS ?? 1_250_000);
  const slaDir = onMain ? dataDir : resolve(packageRoot, 'bench', 'data', `sla-${slaLeads}`);
  if (!existsSync(join(slaDir, 'stage_events.csv'))) {
    console.log(`generating ${slaLeads.toLocaleString('en-US')} leads (about 0.8 MQLs and 8 activities each) into ${slaDir} …`);
    // 80% of leads reach MQL, and activitiesPerMql 10.5 gives about 10 per MQL lead
    console.log(`generated ${JSON.stringify(await generateBenchData(slaDir, { leads: slaLeads, activitiesPerMql: 10.5, engagementPerLead: 1 }))}`);
  }
  const slaDb = onMain ? db : join(work, 'sla.duckdb');
  if (!onMain) {
    await rm(slaDb, { force: true });
    await rm(`${slaDb}.wal`, { force: true });
    const slaLoad = await cli(['load', slaDir, '--db', slaDb, '--format', 'json']);
    console.log(`loaded the SLA data in ${fmt(slaLoad.seconds)} s`);
  }
  // every MQL and touch of the data: the window spans it all
  const { rows, diffs } = await benchSla({ db: slaDb, asOf: '2026-06-01', since: '3y', work });
  console.log(
    diffs.length ? `speed-to-lead / sla floors differ from the reports:\n${diffs.slice(0, 20).join('\n')}` : 'speed-to-lead and sla floors match the reports',
  );
  for (const row of rows) record(row.what, row.seconds, row.floorSeconds, row.peakRssMb, '', row.tempPeakMb ?? null);
}

// Pipeline at the size issue 12 names (1M deals, 10M history rows), generated into its own warehouse
if (!process.env.BENCH_SKIP_PIPELINE) {
  const { rows, diffs } = await benchPipeline({ work, deals: Number(process.env.BENCH_PIPELINE_DEALS ?? 1_000_000), rowsPerDeal: 10 });
  console.log(diffs.length ? `pipeline floor differs from the report:\n${diffs.join('\n')}` : 'pipeline floor matches the report');
  for (const row of rows) record(row.what, row.seconds, row.floorSeconds, row.peakRssMb, '', row.tempPeakMb ?? null);
}

// Scoring backtest: two models on 200k leads / 5M events vs one model's bare as-of scoring
if (!process.env.BENCH_SKIP_BACKTEST) {
  const backtest = await benchBacktest(Number(process.env.BENCH_BACKTEST_LEADS ?? 200_000), Number(process.env.BENCH_BACKTEST_EVENTS ?? 5_000_000));
  record(
    `scoring backtest, 2 models (${backtest.resolved} resolved leads)`,
    backtest.seconds,
    backtest.floorSeconds,
    backtest.peakRssMb,
    '(in-process; RSS of the bench process)',
  );
}

// Hygiene (issue 13): 1M leads with 20% near-duplicates vs the same blocking and matching by hand
if (!process.env.BENCH_SKIP_HYGIENE) {
  const { rows, diffs } = await benchHygiene(work, Number(process.env.BENCH_HYGIENE_LEADS ?? 1_000_000));
  console.log(diffs.length ? `hygiene floor differs from the report:\n${diffs.join('\n')}` : 'hygiene floor matches the report');
  for (const row of rows) record(row.what, row.seconds, row.floorSeconds, row.peakRssMb, '', row.tempPeakMb ?? null);
}

// Routing (issue 13): 1M leads with owner history, MQLs and committees vs the same numbers by hand
if (!process.env.BENCH_SKIP_ROUTING) {
  const { rows, diffs } = await benchRouting(work, Number(process.env.BENCH_ROUTING_LEADS ?? 1_000_000));
  console.log(diffs.length ? `routing floor differs from the report:\n${diffs.slice(0, 40).join('\n')}` : 'routing floor matches the report');
  for (const row of rows) record(row.what, row.seconds, row.floorSeconds, row.peakRssMb, '', row.tempPeakMb ?? null);
}

// The big bench: every other command once on the main warehouse, to show it completes under the limit
if (process.env.BENCH_EVERY_COMMAND) {
  const model = join(work, 'plg.model.json');
  await writeFile(model, JSON.stringify(templates.plg));
  const common = ['--db', db, '--as-of', '2026-01-01', '--format', 'json'];
  const commands: [string, string[]][] = [
    ['overview', ['overview', ...common, '--since', '2y']],
    ['hygiene', ['hygiene', ...common]],
    ['routing', ['routing', ...common, '--from', '2024-01-01', '--to', '2025-12-31']],
    ['scoring backtest (PLG template)', ['scoring', 'backtest', ...common, '--model', model, '--target', 'customer']],
  ];
  for (const [what, args] of commands) {
    const run = await fastestOf(() => runChild(process.execPath, [bin, ...args]));
    if (run.code !== 0) console.log(`${what} on the main warehouse failed (${run.code}): ${run.stderr.split('\n').slice(-3).join(' ')}`);
    else record(`${what} on the main warehouse (no floor)`, run.seconds, null, run.peakRssMb, '', run.tempPeakMb);
  }
}

// PostgreSQL (issue 15): every report on a throwaway server beside DuckDB, on the same generated leads
let engines: ReturnType<typeof engineTable> | undefined;
if (!process.env.BENCH_SKIP_POSTGRES) {
  const { steps, rows } = await benchEngines(work, Number(process.env.BENCH_PG_LEADS ?? 1_000_000));
  engines = engineTable(steps, rows);
}

console.log('\nsummary');
console.table(results);
if (engines) {
  console.log('\nPostgreSQL beside DuckDB');
  console.table(engines);
}
if (process.env.BENCH_RESULTS_JSON) await writeFile(process.env.BENCH_RESULTS_JSON, JSON.stringify(measured, null, 1));
