/** Runs a command, or a floor script, in a child process and measures its wall time and peak RSS. */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../src/paths.js';

export interface ChildRun {
  seconds: number;
  peakRssMb: number | null;
  /** the child's user + system CPU seconds (what a shared machine's load moves least), when it prints them */
  cpuSeconds: number | null;
  /** the most DuckDB had spilled into $REVOPS_TEMP_DIR at once (polled), when that is set */
  tempPeakMb: number | null;
  stdout: string;
  stderr: string;
  code: number | null;
  /** killed at its timeout */
  timedOut?: boolean;
}

/** Bytes in the files under `dir` now (0 when it does not exist): DuckDB's spill files come and go. */
function bytesUnder(dir: string): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of entries) {
    try {
      const stat = statSync(join(dir, name));
      total += stat.isDirectory() ? bytesUnder(join(dir, name)) : stat.size;
    } catch {
      // a spill file removed between the listing and its stat
    }
  }
  return total;
}

/** Polls the spill folder while a child runs: DuckDB has no outside view of its temp usage. */
function watchSpill(dir: string | undefined): () => number | null {
  if (!dir) return () => null;
  let peak = bytesUnder(dir);
  const timer = setInterval(() => {
    peak = Math.max(peak, bytesUnder(dir));
  }, 200);
  return () => {
    clearInterval(timer);
    return Math.max(peak, bytesUnder(dir)) / 1024 / 1024;
  };
}

/**
 * `inherit`: the child writes to this process's stdout and stderr (nothing is captured);
 * `timeoutSeconds`: the child is killed then (code null, `timedOut`).
 */
export function runChild(
  command: string,
  args: string[],
  env: Record<string, string> = {},
  options: { inherit?: boolean; timeoutSeconds?: number } = {},
): Promise<ChildRun> {
  const { timeoutSeconds } = options;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const spilled = watchSpill(env.REVOPS_TEMP_DIR ?? process.env.REVOPS_TEMP_DIR);
    const child = spawn(command, args, {
      env: { ...process.env, ...env, REVOPS_PRINT_PEAK_RSS: '1' },
      stdio: options.inherit ? 'inherit' : 'pipe',
      ...(timeoutSeconds ? { timeout: timeoutSeconds * 1000, killSignal: 'SIGKILL' as const } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const tempPeakMb = spilled();
      const rss = /peak-rss-mb=([\d.]+)/.exec(stderr);
      const cpu = /cpu-s=([\d.]+)/.exec(stderr);
      const timedOut = timeoutSeconds !== undefined && code === null;
      resolve({ seconds, peakRssMb: rss ? Number(rss[1]) : null, cpuSeconds: cpu ? Number(cpu[1]) : null, tempPeakMb, stdout, stderr, code, timedOut });
    });
  });
}

/** BENCH_REPEAT (default 1): how many times a read-only run (a report, a report's floor) is measured. */
export const benchRepeats = () => Math.max(1, Math.floor(Number(process.env.BENCH_REPEAT ?? 1)) || 1);

interface Measured {
  seconds: number;
  peakRssMb: number | null;
  tempPeakMb: number | null;
  code?: number | null;
}

const larger = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/**
 * The fastest of `times` runs of a read-only command, with the most RSS and spill any of them
 * took: a shared machine's noise only adds time, so the fastest is the closest to the code's own;
 * memory is reported at its worst. A failed run is returned as it is.
 */
export async function fastestOf<T extends Measured>(run: () => Promise<T>, times = benchRepeats()): Promise<T> {
  let fastest = await run();
  let { peakRssMb, tempPeakMb } = fastest;
  for (let i = 1; i < times && !fastest.code; i++) {
    const next = await run();
    if (next.code) return next;
    peakRssMb = larger(peakRssMb, next.peakRssMb);
    tempPeakMb = larger(tempPeakMb, next.tempPeakMb);
    if (next.seconds < fastest.seconds) fastest = next;
  }
  return { ...fastest, peakRssMb, tempPeakMb };
}

/** Runs `sql` on `db` through bench/floor.ts (written to `work/<name>.sql`): its seconds and CPU seconds without Node start-up, and peak RSS. */
export async function runFloor(
  work: string,
  db: string,
  name: string,
  sql: string,
): Promise<{ seconds: number; peakRssMb: number; cpuSeconds: number; tempPeakMb: number | null }> {
  const file = join(work, `${name}.sql`);
  await writeFile(file, sql);
  const run = await runChild(process.execPath, [join(packageRoot, 'dist', 'bench', 'floor.js'), db, file]);
  if (run.code !== 0) throw new Error(`floor ${name} failed: ${run.stderr}`);
  return { ...(JSON.parse(run.stdout) as { seconds: number; peakRssMb: number; cpuSeconds: number }), tempPeakMb: run.tempPeakMb };
}
