/**
 * `npm run bench:load`: only the load part of `npm run bench`, repeated, for tuning the loader.
 * Each round runs, back to back, plain `read_csv` of every file, the duties floor (record numbers
 * and a distinct-key count, floors.ts) and the CLI `load` of the same folder, each in a child
 * process, and prints their times, the load's ratio to both floors and the peak RSS. On a busy
 * machine absolute times drift between minutes; the ratios of one round are what compare.
 *   BENCH_LEADS (default 1,000,000), BENCH_DATA (a generated folder, default bench/data/leads-N),
 *   BENCH_ROUNDS (default 2), BENCH_BASE (another built checkout: its load runs in each round too,
 *   right after this one's, for a before/after comparison on the same minute)
 * CPU seconds (user + system) are printed beside the wall times: on a shared machine they move
 * much less. The load's are the process's, Node start-up included, less the models' build.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { packageRoot } from '../src/paths.js';
import { runChild, runFloor } from './child.js';
import { loadDutiesSql, loadModelsSeconds } from './floors.js';

const leads = Number(process.env.BENCH_LEADS ?? 1_000_000);
const dataDir = resolve(process.env.BENCH_DATA ?? join(packageRoot, 'bench', 'data', `leads-${leads}`));
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const work = resolve(packageRoot, 'bench', 'data', 'work-load');
const loaders = [
  { name: 'load', bin: join(packageRoot, 'bin', 'revops-report.js') },
  ...(process.env.BENCH_BASE ? [{ name: 'base load', bin: join(resolve(process.env.BENCH_BASE), 'bin', 'revops-report.js') }] : []),
];

if (!existsSync(join(dataDir, 'stage_events.csv'))) {
  console.error(`no bench data in ${dataDir}: run \`npm run bench\` once to generate it, or set BENCH_DATA`);
  process.exit(2);
}
await mkdir(work, { recursive: true });
const files = (await readdir(dataDir)).filter((f) => f.endsWith('.csv')).sort();

async function fresh(name: string): Promise<string> {
  const db = join(work, name);
  await rm(db, { force: true });
  await rm(`${db}.wal`, { force: true });
  return db;
}

const rawSql = files.map((f, i) => `create table t${i} as select * from read_csv('${join(dataDir, f).replaceAll("'", "''")}', header = true);`).join('\n');
const s = (n: number) => n.toFixed(1);
const mb = (n: number | null) => (n === null ? '—' : n.toFixed(0));

for (let round = 1; round <= rounds; round++) {
  const raw = await runFloor(work, await fresh('raw.duckdb'), 'raw_read_csv', rawSql);
  const duties = await runFloor(work, await fresh('duties.duckdb'), 'load_duties', loadDutiesSql(dataDir, files));
  const line = [`round ${round}: read_csv ${s(raw.seconds)} s (CPU ${s(raw.cpuSeconds)} s), duties ${s(duties.seconds)} s (CPU ${s(duties.cpuSeconds)} s)`];
  for (const loader of loaders) {
    // always profiled: the models' CPU seconds come from the step timings
    const load = await runChild(process.execPath, [loader.bin, 'load', dataDir, '--db', await fresh('load.duckdb'), '--format', 'json'], {
      REVOPS_PROFILE: '1',
    });
    if (load.code !== 0) throw new Error(`${loader.name} failed (${load.code}): ${load.stderr}`);
    // with REVOPS_PROFILE set, the loader's step timings (stderr) come with the round
    if (process.env.REVOPS_PROFILE) process.stderr.write(`${loader.name}:\n${load.stderr}`);
    // the model build at the end of load (issue 14) is no duty of the floors': timed apart
    const models = loadModelsSeconds(load.stdout);
    const seconds = load.seconds - models;
    const cpu = load.cpuSeconds === null ? null : load.cpuSeconds - modelsCpuSeconds(load.stderr);
    line.push(
      `${loader.name} ${s(seconds)} s (CPU ${cpu === null ? '—' : s(cpu)} s) + models ${s(models)} s = ${(seconds / duties.seconds).toFixed(2)}x duties` +
        `${cpu === null ? '' : ` (CPU ${(cpu / duties.cpuSeconds).toFixed(2)}x)`}, ${(seconds / raw.seconds).toFixed(2)}x read_csv` +
        `${cpu === null ? '' : ` (CPU ${(cpu / raw.cpuSeconds).toFixed(2)}x)`}, peak RSS ${mb(load.peakRssMb)} MB`,
    );
  }
  line.push(`peak RSS duties ${mb(duties.peakRssMb)} MB, read_csv ${mb(raw.peakRssMb)} MB`);
  console.log(line.join('; '));
}
await rm(work, { recursive: true, force: true });

/** The models' CPU seconds from the load's step timings (`models: 1.23 s (cpu 2.34 s, …)`), 0 without them. */
function modelsCpuSeconds(stderr: string): number {
  const match = /^ *models: [\d.]+ s \(cpu ([\d.]+) s/m.exec(stderr);
  return match ? Number(match[1]) : 0;
}
