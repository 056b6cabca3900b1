/**
 * Report windows: `--since 90d|12w|6m|1y` up to the as-of, or `--from DATE --to DATE` (both days
 * included). Windows are half-open [from, to) in UTC; the as-of defaults to now.
 */
import { usageError } from '../errors.js';

export interface ReportWindow {
  from: Date;
  to: Date;
  asOf: Date;
}

const DAY = 86_400_000;

export function parseAsOf(value?: string, now = new Date()): Date {
  if (!value) return now;
  // A bare date means the end of that day: everything dated that day has happened.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(Date.parse(`${value}T00:00:00Z`) + DAY) : new Date(value);
  if (Number.isNaN(date.getTime())) throw usageError(`--as-of "${value}" is not a date (use YYYY-MM-DD or an ISO timestamp)`);
  return date;
}

const maxDurationYears = 200;
const approxDays = { d: 1, w: 7, m: 30.44, y: 365.25 } as const;

/** A duration like 90d, 12w, 6m, 1y, in days (months and years are calendar-aware in `subtractPeriod`). */
export function parseDuration(value: string, option: string): { amount: number; unit: 'd' | 'w' | 'm' | 'y' } {
  const match = /^(\d+)\s*([dwmy])$/i.exec(value.trim());
  if (!match || Number(match[1]) <= 0) throw usageError(`${option} "${value}" is not a duration like 90d, 12w, 6m or 1y`);
  const unit = match[2]!.toLowerCase() as 'd' | 'w' | 'm' | 'y';
  // Past a few centuries a date leaves what DuckDB's timestamps and JS dates hold: say so plainly.
  if (Number(match[1]) * approxDays[unit] > maxDurationYears * 365) {
    throw usageError(`${option} "${value}" spans more than ${maxDurationYears} years; no CRM history is that long (e.g. 5y, or --from/--to)`);
  }
  return { amount: Number(match[1]), unit };
}

export function subtractPeriod(date: Date, value: string, option: string): Date {
  const { amount, unit } = parseDuration(value, option);
  const result = new Date(date);
  if (unit === 'd') result.setTime(date.getTime() - amount * DAY);
  if (unit === 'w') result.setTime(date.getTime() - amount * 7 * DAY);
  if (unit === 'm') result.setUTCMonth(result.getUTCMonth() - amount);
  if (unit === 'y') result.setUTCFullYear(result.getUTCFullYear() - amount);
  return result;
}

export function durationSeconds(value: string, option: string): number {
  const { amount, unit } = parseDuration(value, option);
  const days = { d: 1, w: 7, m: 30, y: 365 }[unit];
  return amount * days * 86_400;
}

const parseDay = (value: string, option: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw usageError(`${option} "${value}" is not a date (YYYY-MM-DD)`);
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw usageError(`${option} "${value}" is not a date`);
  return date;
};

export function resolveWindow(options: { since?: string; from?: string; to?: string; asOf?: string }, defaultSince = '90d'): ReportWindow {
  const asOf = parseAsOf(options.asOf);
  if (options.since && (options.from || options.to)) throw usageError('use either --since or --from/--to, not both');
  if (options.from || options.to) {
    if (!options.from || !options.to) throw usageError('--from and --to go together');
    const from = parseDay(options.from, '--from');
    const to = new Date(parseDay(options.to, '--to').getTime() + DAY);
    if (to <= from) throw usageError('--to is before --from');
    return { from, to: to > asOf ? asOf : to, asOf };
  }
  return { from: subtractPeriod(asOf, options.since ?? defaultSince, '--since'), to: asOf, asOf };
}
