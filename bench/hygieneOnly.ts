/**
 * `npm run bench:hygiene`: only the hygiene part of `npm run bench` (issue 13), for tuning the
 * duplicate models. BENCH_HYGIENE_LEADS leads (default 1,000,000) plus 20% near-duplicates are
 * generated in DuckDB, then the CLI `hygiene` (a child process, Node start-up included) and the
 * hand-written floor run on the same database, BENCH_ROUNDS times (default 1), each round
 * printing both times, the ratio and both peak RSS, and the CPU seconds of both (on a shared machine
 * the wall times drift with the neighbours' load, the CPU seconds much less). REVOPS_PROFILE=1 adds
 * the CLI's step timings.
 */
import { mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { packageRoot } from '../src/paths.js';
import { benchHygiene } from './hygiene.js';

const leads = Number(process.env.BENCH_HYGIENE_LEADS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
const work = resolve(packageRoot, 'bench', 'data', 'work-hygiene');
const mb = (n: number | null) => (n === null ? '—' : n.toFixed(0));
const cpu = (n: number | null) => (n === null ? '—' : n.toFixed(1));

await mkdir(work, { recursive: true });
for (let round = 1; round <= rounds; round++) {
  const { rows, diffs, stderr } = await benchHygiene(work, leads);
  if (process.env.REVOPS_PROFILE) process.stderr.write(stderr);
  for (const row of rows) {
    console.log(
      `round ${round}: ${row.what}: CLI ${row.seconds.toFixed(1)} s, floor ${row.floorSeconds.toFixed(1)} s = ${(row.seconds / row.floorSeconds).toFixed(2)}x; ` +
        `CPU CLI ${cpu(row.cpuSeconds)} s, floor ${cpu(row.floorCpuSeconds)} s; peak RSS CLI ${mb(row.peakRssMb)} MB, floor ${mb(row.floorPeakRssMb)} MB`,
    );
  }
  console.log(diffs.length ? `hygiene floor differs from the report:\n${diffs.join('\n')}` : 'hygiene floor matches the report');
}
await rm(work, { recursive: true, force: true });
