/**
 * `npm run bench:routing`: only the routing row of `npm run bench` (bench/routing.ts), for tuning
 * the report: the CLI end to end against the hand-written floor, checked equal, with peak RSS.
 *   BENCH_ROUTING_LEADS (default 1,000,000); the generated warehouse is kept in bench/data/work.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { packageRoot } from '../src/paths.js';
import { benchRouting } from './routing.js';

const leads = Number(process.env.BENCH_ROUTING_LEADS ?? 1_000_000);
const work = resolve(packageRoot, 'bench', 'data', 'work');
await mkdir(work, { recursive: true });
const { rows, diffs } = await benchRouting(work, leads);
console.log(diffs.length ? `routing floor differs from the report:\n${diffs.slice(0, 40).join('\n')}` : 'routing floor matches the report');
for (const row of rows) {
  console.log(
    `${row.what}: ${row.seconds.toFixed(2)} s vs floor ${row.floorSeconds.toFixed(2)} s = ${(row.seconds / row.floorSeconds).toFixed(2)}x; CPU ${row.cpuSeconds?.toFixed(2) ?? '—'} s vs ${row.floorCpuSeconds.toFixed(2)} s = ${row.cpuSeconds ? (row.cpuSeconds / row.floorCpuSeconds).toFixed(2) : '—'}x; peak RSS ${row.peakRssMb?.toFixed(0) ?? '—'} MB`,
  );
}
if (diffs.length) process.exitCode = 1;
