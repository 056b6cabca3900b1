/**
 * The previous period a headline number is compared with: the window of the same length that ends
 * where the current window starts, measured as of its own end. The whole report is shifted back by
 * the window's length (from, to and as-of alike), so the older cohort gets no more time to convert,
 * be touched or leave pending than the current one: a comparison made "today" would flatter it.
 */
import type { ReportWindow } from './window.js';

const DAY = 86_400_000;

/** [from − L, from) as of as-of − L, where L = to − from (exactly, in milliseconds). */
export function previousWindow(window: ReportWindow): ReportWindow {
  const length = window.to.getTime() - window.from.getTime();
  return { from: new Date(window.from.getTime() - length), to: new Date(window.from.getTime()), asOf: new Date(window.asOf.getTime() - length) };
}

/** Where a report's JSON says which period its `previous` figures cover. */
export interface PreviousPeriodJson {
  window: { from: string; to: string };
  asOf: string;
  /** the window's length in days (fractional when --since is in months or years) */
  days: number;
}

export function previousPeriodJson(previous: ReportWindow): PreviousPeriodJson {
  return {
    window: { from: previous.from.toISOString(), to: previous.to.toISOString() },
    asOf: previous.asOf.toISOString(),
    days: (previous.to.getTime() - previous.from.getTime()) / DAY,
  };
}

/** 95% two-sided critical value of the standard normal. */
const z95 = 1.959963984540054;

/**
 * Whether two rates k1/n1 and k2/n2 differ beyond noise: a pooled two-proportion z-test at 95%.
 * Null when either side has nothing to divide by, or the pooled rate is 0 or 1 (no variance: the
 * two rates are then equal).
 */
export function beyondNoise(k1: number, n1: number, k2: number, n2: number): boolean | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return false;
  return Math.abs(k1 / n1 - k2 / n2) / se >= z95;
}
