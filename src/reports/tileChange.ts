/**
 * A headline tile's change against the previous period (metrics/previousPeriod.ts): rates in
 * percentage points with a two-proportion z-test on their counts, durations as a duration. Pure:
 * the report's figures and the previous period's figures in, text out. Each change is rounded once,
 * from the exact values.
 */
import { beyondNoise, type PreviousPeriodJson } from '../metrics/previousPeriod.js';
import { dateTime, int, minutes, pct1 } from './format.js';
import type { TileChange } from './types.js';

/** A rate and the counts behind it: k of n. */
export interface RateFigures {
  value: number | null;
  k: number;
  n: number;
}

export const noPreviousData = 'no previous data';
const noCurrentData = 'no current data to compare';

/** "the previous 90 days" (a fractional length is rounded to a tenth of a day). */
export function previousLabel(period: PreviousPeriodJson): string {
  const days = Math.round(period.days * 10) / 10;
  return `the previous ${days} ${days === 1 ? 'day' : 'days'}`;
}

/** "2026-05-04 – 2026-08-02, as of 2026-08-02": the tooltip of a change. */
export const periodText = (period: PreviousPeriodJson) => `${dateTime(period.window.from)} – ${dateTime(period.window.to)}, as of ${dateTime(period.asOf)}`;

const arrow = { up: '▲', down: '▼', flat: '■' } as const;
const none = (period: PreviousPeriodJson, previous?: string): TileChange => ({
  text: noPreviousData,
  delta: noPreviousData,
  direction: 'none',
  period: periodText(period),
  ...(previous ? { previous } : {}),
});

/** Change of a rate in percentage points, "▲ +30.0 pts vs the previous 90 days", with its noise test. */
export function rateChange(current: RateFigures, previous: RateFigures | null | undefined, period: PreviousPeriodJson): TileChange {
  if (!previous || previous.n <= 0 || previous.value === null) return none(period);
  const before = `previous ${pct1(previous.value)} of ${int(previous.n)}`;
  if (current.value === null || current.n <= 0) return { ...none(period, before), text: noCurrentData, delta: noCurrentData };
  const points = ((current.value - previous.value) * 100).toFixed(1);
  const shown = Number(points);
  const direction = shown > 0 ? 'up' : shown < 0 ? 'down' : 'flat';
  const signed = direction === 'up' ? `+${points}` : direction === 'down' ? `−${points.slice(1)}` : '±0.0';
  const noise = beyondNoise(current.k, current.n, previous.k, previous.n);
  const delta = `${arrow[direction]} ${signed} pts`;
  return {
    text: `${delta} vs ${previousLabel(period)}`,
    delta,
    direction,
    previous: before,
    ...(noise === null ? {} : { noise: noise ? 'beyond noise (z-test, 95%)' : 'within noise (z-test, 95%)' }),
    period: periodText(period),
  };
}

/** Change of a median duration, "▼ 12m faster vs the previous 90 days"; medians get no noise test. */
export function durationChange(
  current: number | null,
  previous: { value: number | null; n: number } | null | undefined,
  period: PreviousPeriodJson,
  nLabel: string,
): TileChange {
  if (!previous || previous.n <= 0 || previous.value === null) return none(period);
  const before = `previous ${minutes(previous.value)} over ${int(previous.n)} ${nLabel}`;
  if (current === null) return { ...none(period, before), text: noCurrentData, delta: noCurrentData };
  const delta = current - previous.value;
  const shown = minutes(Math.abs(delta));
  const direction = shown === '0s' ? 'flat' : delta > 0 ? 'up' : 'down';
  const text = direction === 'flat' ? `${arrow.flat} no change` : `${arrow[direction]} ${shown} ${direction === 'up' ? 'slower' : 'faster'}`;
  return { text: `${text} vs ${previousLabel(period)}`, delta: text, direction, previous: before, period: periodText(period) };
}

/** The line under a page's tiles that says what "previous" means (docs/metrics.md, "Previous period"). */
export function previousNote(period: PreviousPeriodJson, maturedWindowDays?: number | null): string {
  const matured = maturedWindowDays ? ` Matured conversion uses the same ${maturedWindowDays}-day rule, counted back from each period's own as-of.` : '';
  return (
    `Change vs ${previousLabel(period)}: ${dateTime(period.window.from)} – ${dateTime(period.window.to)}, measured as of ${dateTime(period.asOf)} ` +
    '(the whole report shifted back by its window), so the older period has had no more time to convert or be answered than this one.' +
    `${matured} Rates change in percentage points; "beyond noise" is a two-proportion z-test at 95% on the counts; a median's change is not tested.`
  );
}
