/** Step timings (a load, the SLA models), printed to stderr when REVOPS_PROFILE is set (for tuning, not output). */
export async function timed<T>(label: string, work: Promise<T>): Promise<T> {
  if (!process.env.REVOPS_PROFILE) return work;
  const started = performance.now();
  const result = await work;
  const rssMb = Math.round(process.memoryUsage().rss / 1e6);
  process.stderr.write(`  ${label}: ${((performance.now() - started) / 1000).toFixed(2)} s (rss ${rssMb} MB)\n`);
  return result;
}
