/**
 * glibc's malloc raises its mmap threshold each time a large block is freed, so after the first
 * big query DuckDB's 256 KiB buffers come from the heap arenas, and what a query frees there stays
 * in the process: RSS climbs step after step past the memory limit DuckDB keeps to. At 10M leads
 * under `--memory-limit 4GB`, `load` peaked at 6.0 GB RSS (its model build after the ingest at
 * 5.7 GB); with the threshold fixed at glibc's default of 128 KiB, 5.0 GB, the model build 4.1 GB,
 * in the same time (bench/README.md). The threshold can only be set before the process starts
 * (GLIBC_TUNABLES), so the CLI starts itself again once with it: same pid, same stdio, about 70 ms.
 * REVOPS_MALLOC_TUNED set to anything (the re-started process has it at 1) keeps glibc's defaults.
 */

export const mmapThresholdTunable = 'glibc.malloc.mmap_threshold=131072';
export const tunedMarker = 'REVOPS_MALLOC_TUNED';

/**
 * The environment to start again with, or undefined when there is nothing to do: not glibc, done
 * already, turned off, or a threshold the user chose. Other tunables the user set are kept.
 */
export function tunedEnvironment(env: NodeJS.ProcessEnv, glibc: boolean): Record<string, string> | undefined {
  if (!glibc || env[tunedMarker] !== undefined) return undefined;
  const tunables = env.GLIBC_TUNABLES;
  if (tunables && /(^|:)glibc\.malloc\.mmap_threshold=/.test(tunables)) return undefined;
  const kept = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  return { ...kept, [tunedMarker]: '1', GLIBC_TUNABLES: tunables ? `${tunables}:${mmapThresholdTunable}` : mmapThresholdTunable };
}

const runsOnGlibc = (): boolean => {
  if (process.platform !== 'linux') return false;
  // the report's header names the runtime glibc; skipping the network section keeps it to a few ms
  const report = process.report as NodeJS.ProcessReport & { excludeNetwork: boolean };
  report.excludeNetwork = true;
  const { header } = report.getReport() as { header?: { glibcVersionRuntime?: string } };
  return typeof header?.glibcVersionRuntime === 'string';
};

/** Starts this process again with the fixed threshold (does not return), or returns when there is nothing to do. */
export function tuneAllocator(): void {
  // Node before 22.15 has no execve: the run goes on with glibc's defaults
  if (typeof process.execve !== 'function') return;
  const env = tunedEnvironment(process.env, runsOnGlibc());
  if (!env) return;
  try {
    process.execve(process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], env);
  } catch {
    // an execve the system refuses leaves this process as it was: go on untuned
  }
}
