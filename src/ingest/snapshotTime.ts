/**
 * The export time a file speaks for, which orders snapshots of the same leads: the later one wins,
 * an equal one goes to the later load. A date in the file name (exports are usually named so) is
 * trusted; without one the file's modification time is a guess, and a warning says so; a
 * modification time in the future is never trusted (it would pin its rows against every later
 * export), so such a file counts as exported now, at its load.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';

/** Salesforce names a report export `report` and the export instant in epoch milliseconds. */
const epochMillis = /(?<!\d)(1\d{12})(?!\d)/;
const calendarDate = /(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?:[T_ -]?(\d{2})[:-]?(\d{2})(?:[:-]?\d{2})?)?(?!\d)/;

export function dateInName(path: string): Date | undefined {
  const name = basename(path);
  const epoch = epochMillis.exec(name);
  if (epoch) return new Date(Number(epoch[1]));
  const match = calendarDate.exec(name);
  if (!match) return undefined;
  const [, y, m, d, hh = '00', mm = '00'] = match;
  const date = new Date(`${y}-${m}-${d}T${hh}:${mm}:00Z`);
  // digits that only look like a date (an id, a counter) give no export time
  const plausible = !Number.isNaN(date.getTime()) && date.getUTCFullYear() >= 1990 && date.getUTCFullYear() <= 2100;
  return plausible ? date : undefined;
}

/**
 * `replaces`: whether the file's rows can replace rows of an earlier snapshot (entities whose table
 * already holds rows); only then is an mtime-based order a guess worth a warning.
 */
export async function snapshotTime(path: string, warnings: string[], now = new Date(), replaces = true): Promise<Date> {
  const named = dateInName(path);
  if (named) return named;
  const { mtime } = await stat(path);
  if (mtime.getTime() > now.getTime()) {
    warnings.push(
      `${path}: no export date in the name and a modification time in the future (${mtime.toISOString()}); ` +
        `ordered as exported now (${now.toISOString()}). Name the file with its export date or pass --snapshot-at.`,
    );
    return now;
  }
  if (replaces)
    warnings.push(
      `${path}: no export date in the name; ordered by its modification time (${mtime.toISOString()}), a guess. ` +
        `Name the file with its export date or pass --snapshot-at.`,
    );
  return mtime;
}
