/**
 * Time in the sample world: epoch milliseconds in UTC, rendered per export format, and the reps'
 * business hours in their own zones. Zone offsets are cached per UTC hour because Intl is far too
 * slow to call per row at benchmark sizes (DST switches fall on whole UTC hours in our zones).
 */
import type { Random } from './random.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Reps work 09:00–18:00 local, Monday to Friday. */
export const WORKDAY_START_HOUR = 9;
export const WORKDAY_END_HOUR = 18;

// Offsets in minutes per UTC hour from 1970 to 2100, per zone; UNKNOWN until first asked.
const CACHED_HOURS = 130 * 366 * 24;
const UNKNOWN = -100_000;
const offsetCache = new Map<string, Int32Array>();
let lastZone = '';
let lastZoneCache: Int32Array | undefined;

/** Milliseconds to add to a UTC instant to get the wall-clock time in `zone`. */
export function zoneOffset(zone: string, utcMs: number): number {
  const hour = Math.floor(utcMs / HOUR);
  if (hour < 0 || hour >= CACHED_HOURS) return computeOffset(zone, hour);
  let byHour = zone === lastZone ? lastZoneCache : offsetCache.get(zone);
  if (!byHour) {
    byHour = new Int32Array(CACHED_HOURS).fill(UNKNOWN);
    offsetCache.set(zone, byHour);
  }
  lastZone = zone;
  lastZoneCache = byHour;
  let minutes = byHour[hour] as number;
  if (minutes === UNKNOWN) byHour[hour] = minutes = computeOffset(zone, hour) / MINUTE;
  return minutes * MINUTE;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function computeOffset(zone: string, hour: number): number {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, format);
  }
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(hour * HOUR)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  return wall - hour * HOUR;
}

/** The UTC instant of a wall-clock time (as if-UTC milliseconds) in `zone`. */
export function fromWallClock(zone: string, wallMs: number): number {
  const guess = wallMs - zoneOffset(zone, wallMs);
  return wallMs - zoneOffset(zone, guess);
}

/** True when a rep in `zone` is at work at `utcMs`. */
export function isBusinessTime(zone: string, utcMs: number): boolean {
  const wall = new Date(utcMs + zoneOffset(zone, utcMs));
  const weekday = wall.getUTCDay();
  const hour = wall.getUTCHours();
  return weekday >= 1 && weekday <= 5 && hour >= WORKDAY_START_HOUR && hour < WORKDAY_END_HOUR;
}

/** `utcMs` itself during business hours, else 09:00 local on the next working day. */
export function nextBusinessMoment(zone: string, utcMs: number): number {
  if (isBusinessTime(zone, utcMs)) return utcMs;
  const wall = new Date(utcMs + zoneOffset(zone, utcMs));
  let day = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  if (wall.getUTCHours() >= WORKDAY_START_HOUR) day += DAY;
  for (;;) {
    const weekday = new Date(day).getUTCDay();
    if (weekday >= 1 && weekday <= 5) break;
    day += DAY;
  }
  return fromWallClock(zone, day + WORKDAY_START_HOUR * HOUR);
}

// Leads act mostly in their own daytime; some at night (those wait for the rep's morning).
const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 10, 9, 10, 10, 9, 8, 7, 5, 4, 4, 3, 2, 1];
const HOURS = HOUR_WEIGHTS.map((_, h) => h);

/** A moment on the local calendar day of `nearMs` in `zone`, at an hour a person is likely awake. */
export function localDaytime(rng: Random, zone: string, nearMs: number): number {
  const wall = nearMs + zoneOffset(zone, nearMs);
  const day = Math.floor(wall / DAY) * DAY;
  return fromWallClock(zone, day + rng.weighted(HOURS, HOUR_WEIGHTS) * HOUR + rng.int(0, 3599) * 1000);
}

/** Local hour of day (0–23) in `zone`. */
export function localHour(zone: string, utcMs: number): number {
  return new Date(utcMs + zoneOffset(zone, utcMs)).getUTCHours();
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

// Day and time-of-day texts are cached: toISOString per row is a hot spot at benchmark sizes.
const dayTexts = new Map<number, string>();
let timeTexts: string[] | undefined;

/** `2025-03-05T14:22:10Z`: canonical CSVs. */
export function isoSeconds(ms: number): string {
  const day = Math.floor(ms / DAY);
  let dayText = dayTexts.get(day);
  if (dayText === undefined) {
    dayText = new Date(day * DAY).toISOString().slice(0, 11);
    dayTexts.set(day, dayText);
  }
  if (!timeTexts) {
    timeTexts = new Array<string>(86_400);
    for (let t = 0; t < 86_400; t++) timeTexts[t] = `${pad(Math.floor(t / 3600))}:${pad(Math.floor(t / 60) % 60)}:${pad(t % 60)}Z`;
  }
  return dayText + timeTexts[Math.floor((ms - day * DAY) / 1000)];
}

/** `2025-03-05T14:22:10.000Z`: Salesforce datetimes and HubSpot property history. */
export const isoMillis = (ms: number) => new Date(ms).toISOString();

/** `2025-03-05`: dates in UTC (Salesforce ActivityDate, CloseDate). */
export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `2025-03-05 09:22`: naive wall-clock time in the HubSpot portal's zone (UI exports). */
export function naiveLocal(zone: string, ms: number): string {
  const d = new Date(ms + zoneOffset(zone, ms));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
