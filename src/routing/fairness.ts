/**
 * The fairness figures of one period, from its per-owner actual and expected counts (a few
 * aggregate rows): the max/min ratio of actual to expected, and Pearson's chi-square goodness of
 * fit with its p-value. Owners expected to get nothing (away, weight 0) are left out of both and
 * what they received is counted apart.
 */
import { chiSquarePValue } from './chiSquare.js';
import type { Fairness, OwnerShare } from './types.js';

export function fairness(rows: readonly { actual: number; expected: number }[]): Fairness {
  const expecting = rows.filter((r) => r.expected > 0);
  const total = rows.reduce((sum, r) => sum + r.actual, 0);
  const toAbsentOwners = rows.filter((r) => !(r.expected > 0)).reduce((sum, r) => sum + r.actual, 0);
  if (expecting.length === 0) return { total, maxMinRatio: null, chiSquare: null, df: null, pValue: null, toAbsentOwners };
  const ratios = expecting.map((r) => r.actual / r.expected);
  const lowest = Math.min(...ratios);
  const chiSquare = expecting.reduce((sum, r) => sum + (r.actual - r.expected) ** 2 / r.expected, 0);
  const df = expecting.length - 1;
  return {
    total,
    maxMinRatio: lowest > 0 ? Math.max(...ratios) / lowest : null,
    chiSquare: df > 0 ? chiSquare : null,
    df: df > 0 ? df : null,
    pValue: df > 0 ? chiSquarePValue(chiSquare, df) : null,
    toAbsentOwners,
  };
}

/** Pearson residual of one owner: how many "standard deviations" off its expected count. */
export const residual = (actual: number, expected: number): number | null => (expected > 0 ? (actual - expected) / Math.sqrt(expected) : null);

/**
 * The owners furthest from their share, largest |residual| first, ties by name. Summed shares are
 * off by an ulp, not by a lead: residuals within 1e-9 are a tie (and within 1e-9 of 0, on share).
 */
export function furthestOff<T extends Pick<OwnerShare, 'owner' | 'residual'>>(owners: readonly T[], count = 3): T[] {
  const apart = (a: T, b: T) => Math.abs(b.residual!) - Math.abs(a.residual!);
  return owners
    .filter((o) => o.residual !== null && Math.abs(o.residual) > 1e-9)
    .sort((a, b) => (Math.abs(apart(a, b)) > 1e-9 ? apart(a, b) : a.owner.localeCompare(b.owner)))
    .slice(0, count);
}
