/**
 * The big bench (issue 14): `BENCH_SCALE=big npm run bench`. Runs the whole bench (bench/run.ts)
 * once per scale in BENCH_BIG_SCALES (leads; default 1M and 10M: at 10M about 46M stage events,
 * 35M activities and 15M engagement events), each in a child process under `--memory-limit` BENCH_BIG_MEMORY (default 4GB, given as
 * $REVOPS_MEMORY_LIMIT so every CLI run and every floor takes it) with DuckDB spilling into a temp
 * dir of its own, then prints per row its wall time, peak RSS and spill at each scale, the ratio to
 * its floor, and the exponent of the log-log fit of time and of RSS over the scales (1.0 is linear;
 * the issue asks ≤ 1.1). Every part runs at the scale: pipeline at a tenth of the leads in deals,
 * and every other command (overview, hygiene, routing, the backtest) once more on the main
 * warehouse, without a floor, to show it completes under the limit. BENCH_REPEAT=N measures each
 * report and floor N times and keeps the fastest (bench/child.ts: fastestOf), so one slow run on a
 * shared machine does not set the exponent.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { packageRoot } from '../src/paths.js';
import { runChild } from './child.js';

export interface BenchResult {
  what: string;
  seconds: number;
  floorSeconds: number | null;
  peakRssMb: number | null;
  tempPeakMb: number | null;
}

/** The row's name without its sizes, so one row can be followed across scales. */
export const rowKey = (what: string) => what.replace(/\d[\d,.]*/g, '#');

/** Least-squares slope of log(y) on log(x): how y grows with x (1 is linear). Null with fewer than two usable points. */
export function growthExponent(points: { x: number; y: number | null }[]): number | null {
  const usable = points.filter((p): p is { x: number; y: number } => p.y !== null && p.y > 0 && p.x > 0);
  if (usable.length < 2) return null;
  const xs = usable.map((p) => Math.log(p.x));
  const ys = usable.map((p) => Math.log(p.y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (const [i, x] of xs.entries()) {
    num += (x - mx) * (ys[i]! - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? null : num / den;
}

const fmt = (n: number | null | undefined, d = 1) => (n === null || n === undefined ? '—' : n.toFixed(d));

export async function runBigBench(): Promise<void> {
  const scales = (process.env.BENCH_BIG_SCALES ?? '1000000,10000000').split(',').map(Number);
  const memoryLimit = process.env.BENCH_BIG_MEMORY ?? '4GB';
  const byScale = new Map<number, BenchResult[]>();
  for (const leads of scales) {
    const work = resolve(packageRoot, 'bench', 'data', `work-big-${leads}`);
    const tempDir = join(work, 'spill');
    const resultsFile = join(work, 'results.json');
    await rm(tempDir, { recursive: true, force: true });
    await mkdir(tempDir, { recursive: true });
    console.log(`\n== ${leads.toLocaleString('en-US')} leads, --memory-limit ${memoryLimit}, spilling into ${tempDir}`);
    const scaled = String(leads);
    const env: Record<string, string> = {
      BENCH_SCALE: '',
      BENCH_LEADS: scaled,
      BENCH_WORK: work,
      BENCH_RESULTS_JSON: resultsFile,
      BENCH_ACTIVITIES_PER_MQL: '5',
      BENCH_SLA_ON_MAIN: '1',
      BENCH_EVERY_COMMAND: process.env.BENCH_EVERY_COMMAND ?? '1', // BENCH_EVERY_COMMAND= (empty) leaves them out
      BENCH_HYGIENE_LEADS: scaled,
      BENCH_ROUTING_LEADS: scaled,
      BENCH_PIPELINE_DEALS: String(Math.max(1000, Math.round(leads / 10))),
      BENCH_SKIP_POSTGRES: '1', // PostgreSQL beside DuckDB is its own figure (npm run bench:postgres)
      BENCH_SKIP_BACKTEST: '1', // in-process, outside the limit: the CLI's backtest runs on the main warehouse instead
      REVOPS_MEMORY_LIMIT: memoryLimit,
      REVOPS_TEMP_DIR: tempDir,
    };
    // BENCH_BIG_REUSE=1: a scale whose results an earlier run left is not run again (a second scale added later)
    const reuse = process.env.BENCH_BIG_REUSE === '1' && existsSync(resultsFile);
    if (reuse) console.log(`using the results of an earlier run in ${resultsFile} (BENCH_BIG_REUSE)`);
    else {
      // the child prints its rows as it goes; a failure (e.g. out of memory) is a finding, not the end of the bench
      const run = await runChild(process.execPath, [join(packageRoot, 'dist', 'bench', 'run.js')], env, { inherit: true });
      if (run.code !== 0) console.log(`the bench at ${leads} leads exited ${run.code}`);
    }
    try {
      byScale.set(leads, JSON.parse(await readFile(resultsFile, 'utf8')) as BenchResult[]);
    } catch {
      console.log(`no results at ${leads} leads`);
    }
  }
  const keys = [...new Set([...byScale.values()].flatMap((rows) => rows.map((r) => rowKey(r.what))))];
  const table = keys.map((key) => {
    const at = (leads: number) => byScale.get(leads)?.find((r) => rowKey(r.what) === key);
    const row: Record<string, string> = { what: key };
    for (const leads of scales) {
      const r = at(leads);
      const short = leads >= 1e6 ? `${leads / 1e6}M` : `${leads / 1e3}k`;
      row[`${short} s`] = fmt(r?.seconds);
      row[`${short} ratio`] = r?.floorSeconds ? `${(r.seconds / r.floorSeconds).toFixed(2)}x` : '—';
      row[`${short} RSS MB`] = fmt(r?.peakRssMb, 0);
      row[`${short} spill MB`] = fmt(r?.tempPeakMb, 0);
    }
    row['time exp'] = fmt(growthExponent(scales.map((x) => ({ x, y: at(x)?.seconds ?? null }))), 2);
    row['RSS exp'] = fmt(growthExponent(scales.map((x) => ({ x, y: at(x)?.peakRssMb ?? null }))), 2);
    // the floor's own growth: on one machine, what spilling under the limit costs the fastest SQL
    row['floor exp'] = fmt(growthExponent(scales.map((x) => ({ x, y: at(x)?.floorSeconds ?? null }))), 2);
    return row;
  });
  console.log(`\nbig bench: ${scales.join(', ')} leads under --memory-limit ${memoryLimit}`);
  console.table(table);
}
