/** Step timings (a load, the SLA models), printed to stderr when REVOPS_PROFILE is set (for tuning, not output). */
export async function timed<T>(label: string, work: Promise<T>): Promise<T> {
  if (!process.env.REVOPS_PROFILE) return work;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await work;
  const rssMb = Math.round(process.memoryUsage().rss / 1e6);
  // the process's CPU seconds too: on a shared machine they move less than the wall time
  const { user, system } = process.cpuUsage(cpu);
  process.stderr.write(`  ${label}: ${((performance.now() - started) / 1000).toFixed(2)} s (cpu ${((user + system) / 1e6).toFixed(2)} s, rss ${rssMb} MB)\n`);
  return result;
}
