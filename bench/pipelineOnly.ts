/**
 * `npm run bench:pipeline`: only the pipeline rows of `npm run bench` (bench/pipeline.ts): the CLI
 * end to end, its first run (building the deal models) and a second, against the hand-written
 * floor computing every number of the report, checked equal (exit 1 if not), with CPU seconds and
 * peak RSS.
 *   BENCH_PIPELINE_DEALS (default 1,000,000; 10 history rows each); the generated warehouse is
 *   kept in bench/data/work. BENCH_PIPELINE_WARM=1 builds the models only when stale;
 *   REVOPS_PROFILE=1 prints both runs' step timings.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { packageRoot } from '../src/paths.js';
import { benchPipeline } from './pipeline.js';

const deals = Number(process.env.BENCH_PIPELINE_DEALS ?? 1_000_000);
const work = resolve(packageRoot, 'bench', 'data', 'work');
await mkdir(work, { recursive: true });
const { rows, diffs } = await benchPipeline({ work, deals, rowsPerDeal: 10 });
console.log(diffs.length ? `pipeline floor differs from the report:\n${diffs.slice(0, 40).join('\n')}` : 'pipeline floor matches the report');
for (const row of rows) {
  console.log(
    `${row.what}: ${row.seconds.toFixed(2)} s vs floor ${row.floorSeconds.toFixed(2)} s = ${(row.seconds / row.floorSeconds).toFixed(2)}x; CPU ${row.cpuSeconds?.toFixed(2) ?? '—'} s vs floor ${row.floorCpuSeconds.toFixed(2)} s = ${row.cpuSeconds === null ? '—' : (row.cpuSeconds / row.floorCpuSeconds).toFixed(2)}x; peak RSS ${row.peakRssMb?.toFixed(0) ?? '—'} MB`,
  );
}
if (diffs.length) process.exitCode = 1;
