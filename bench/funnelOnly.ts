/**
 * `npm run bench:funnel`: only the funnel row of `npm run bench` (issue 14), for tuning the funnel
 * models against the expert floor (bench/floors.ts `funnelFloorSql`). BENCH_LEADS leads (default
 * 500,000) are generated as `npm run bench` does (bench/data/leads-N, reused when there) and loaded
 * once by the CLI into bench/data/work-funnel/funnelN.duckdb (kept for later runs; BENCH_RELOAD=1
 * loads again); a first `funnel` builds the lifecycle models. Then BENCH_ROUNDS rounds (default 3)
 * of the warm CLI `funnel --by source --interval month` (a child process, Node start-up included),
 * the same command of another built checkout when BENCH_BASE points at one (before/after in the
 * same minute), and the floor, each printing seconds, CPU seconds (what a shared machine's load
 * moves least), the ratio and peak RSS. Exits 1 when the floor and the report disagree.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { packageRoot } from '../src/paths.js';
import { type ChildRun, runChild, runFloor } from './child.js';
import { checkFunnelFloor, funnelFloorSql } from './floors.js';
import { generateBenchData } from './generate.js';

const leads = Number(process.env.BENCH_LEADS ?? 500_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const base = process.env.BENCH_BASE;
const dataDir = resolve(packageRoot, 'bench', 'data', `leads-${leads}`);
const work = resolve(packageRoot, 'bench', 'data', 'work-funnel');
// no dash in the file name: the warehouse's name is its file's stem
const db = join(work, `funnel${leads}.duckdb`);
const args = ['funnel', '--db', db, '--as-of', '2026-01-01', '--since', '2y', '--by', 'source', '--interval', 'month', '--format', 'json'];

async function cli(root: string, cliArgs: string[]): Promise<ChildRun> {
  const run = await runChild(process.execPath, [join(root, 'bin', 'revops-report.js'), ...cliArgs]);
  if (run.code !== 0) throw new Error(`revops-report ${cliArgs.join(' ')} (${root}) failed (${run.code}): ${run.stderr}`);
  return run;
}

await mkdir(work, { recursive: true });
if (!existsSync(join(dataDir, 'stage_events.csv'))) {
  console.log(`generating ${leads.toLocaleString('en-US')} leads into ${dataDir} …`);
  console.log(`generated ${JSON.stringify(await generateBenchData(dataDir, { leads, activitiesPerMql: 10, engagementPerLead: 2 }))}`);
}
if (process.env.BENCH_RELOAD || !existsSync(db)) {
  await rm(db, { force: true });
  await rm(`${db}.wal`, { force: true });
  const load = await cli(packageRoot, ['load', dataDir, '--db', db, '--format', 'json']);
  console.log(`loaded ${leads.toLocaleString('en-US')} leads in ${load.seconds.toFixed(1)} s`);
}
// the first report after a load builds the lifecycle models: not the measured one
const cold = await cli(packageRoot, args);
console.log(`first funnel (models up to date): ${cold.seconds.toFixed(1)} s`);

const s = (n: number | null) => (n === null ? '—' : n.toFixed(2));
const line = (what: string, run: { seconds: number; cpuSeconds: number | null; peakRssMb: number | null }, floor: { seconds: number; cpuSeconds: number }) =>
  `${what}: ${s(run.seconds)} s (${(run.seconds / floor.seconds).toFixed(2)}x), CPU ${s(run.cpuSeconds)} s` +
  `${run.cpuSeconds === null ? '' : ` (${(run.cpuSeconds / floor.cpuSeconds).toFixed(2)}x)`}, peak RSS ${run.peakRssMb?.toFixed(0) ?? '—'} MB`;
let differs = false;
for (let round = 1; round <= rounds; round++) {
  const warm = await cli(packageRoot, args);
  const before = base ? await cli(resolve(base), args) : undefined;
  const floor = await runFloor(work, db, 'funnel_floor', funnelFloorSql);
  const diffs = await checkFunnelFloor(db, JSON.parse(warm.stdout));
  differs ||= diffs.length > 0;
  console.log(`round ${round}: floor ${s(floor.seconds)} s, CPU ${s(floor.cpuSeconds)} s, peak RSS ${floor.peakRssMb.toFixed(0)} MB`);
  console.log(`  ${line('funnel --by source --interval month (warm)', warm, floor)}`);
  if (before) console.log(`  ${line(`the same, ${base}`, before, floor)}${before.stdout === warm.stdout ? '' : ' (its JSON differs)'}`);
  console.log(diffs.length ? `  funnel floor differs from the report:\n${diffs.slice(0, 40).join('\n')}` : '  funnel floor matches the report');
}
if (differs) process.exitCode = 1;
