/**
 * The two data checks that stop a build from publishing (exit 3): too many rejected rows in the
 * files loaded this run, and data older than the allowed staleness at the as-of. A scheduled
 * report built on a broken or stalled export is worse than yesterday's report.
 */
import { durationSeconds } from '../metrics/window.js';
import type { BuildManifest } from './manifest.js';

export type CheckResult = BuildManifest['checks'][number];

const pctText = (rate: number) => `${(rate * 100).toFixed(2)}%`;

/** Rejected ÷ read over the files loaded this run (files skipped as already loaded do not count). */
export function rejectRate(inputs: BuildManifest['inputs']): { rows: number; read: number; rate: number | null } {
  const loaded = inputs.filter((i) => !i.skipped);
  const rows = loaded.reduce((n, i) => n + i.rejected, 0);
  const read = loaded.reduce((n, i) => n + i.read, 0);
  return { rows, read, rate: read === 0 ? null : rows / read };
}

export function checkRejectRate(rejected: { rows: number; read: number; rate: number | null }, maxRejectRate?: number): CheckResult | null {
  if (maxRejectRate === undefined) return null;
  const rate = rejected.rate ?? 0;
  return {
    check: 'max-reject-rate',
    limit: pctText(maxRejectRate),
    value: `${pctText(rate)} (${rejected.rows} of ${rejected.read} rows read this run)`,
    passed: rate <= maxRejectRate,
  };
}

/** Fails when there is no data at all, or the newest record is older than `maxStaleness` at the as-of. */
export function checkStaleness(freshness: string | null, asOf: Date, maxStaleness?: string): CheckResult | null {
  if (!maxStaleness) return null;
  const limitMs = durationSeconds(maxStaleness, '--max-staleness') * 1000;
  if (!freshness) return { check: 'max-staleness', limit: maxStaleness, value: 'no dated record at all', passed: false };
  const ageMs = asOf.getTime() - Date.parse(freshness);
  const ageDays = (ageMs / 86_400_000).toFixed(1);
  return { check: 'max-staleness', limit: maxStaleness, value: `newest record ${freshness}, ${ageDays} days before the as-of`, passed: ageMs <= limitMs };
}

/** One sentence for the exit-3 message naming every failed check. */
export function failedChecksMessage(checks: readonly CheckResult[]): string | null {
  const failed = checks.filter((c) => !c.passed);
  if (failed.length === 0) return null;
  return `data check failed: ${failed.map((c) => `${c.check} ${c.limit} exceeded: ${c.value}`).join('; ')}`;
}
