/**
 * Builds the business calendar: the `business_intervals` table (one row per working interval per
 * day per calendar) that every business-time model joins. Zones, hours and holidays are resolved
 * here in JS (a few hundred rows) and inserted as parameters; the days are generated in SQL.
 */
import type { CalendarConfig } from '../config/calendar.js';
import { weekdays } from '../config/calendar.js';
import type { Warehouse } from '../db/connection.js';
import { usageError } from '../errors.js';
import { holidayDates } from './holidays.js';
import { type CalendarZone, type CalendarZoneSpec, completeZone, configuredZones } from './zones.js';

export interface CalendarRange {
  /** first instant to measure; the calendar starts a day earlier so every zone's local day is in */
  from: Date;
  /** last instant to measure, deadlines included; the calendar ends a day later */
  to: Date;
  /** calendars to build; absent: the default calendar and one per configured team */
  zones?: CalendarZoneSpec[];
  /** zone of the default calendar when the calendar config names none (the config's `timezone`) */
  defaultTimezone?: string;
}

const DAY_MS = 86_400_000;
const isoDay = (instant: Date, shiftDays: number) => new Date(instant.getTime() + shiftDays * DAY_MS).toISOString().slice(0, 10);
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Insert rows with one parameterised multi-row VALUES per chunk (no user value is ever spliced into SQL). */
async function insertRows(warehouse: Warehouse, table: string, columns: number, rows: unknown[][]): Promise<void> {
  const chunkSize = 400;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const tuples = chunk.map((_, r) => `(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(', ')})`);
    await warehouse.run(`insert into ${table} values ${tuples.join(', ')}`, chunk.flat());
  }
}

/** (Re)creates business_calendars, business_calendar_hours, business_calendar_holidays and business_intervals. */
export async function buildCalendar(warehouse: Warehouse, config: CalendarConfig, range: CalendarRange): Promise<CalendarZone[]> {
  if (!(range.from.getTime() <= range.to.getTime())) throw usageError('calendar: the range ends before it starts');
  const zones = range.zones ? range.zones.map((spec) => completeZone(spec, config)) : configuredZones(config, range.defaultTimezone ?? 'UTC');
  const keys = new Set<string>();
  for (const zone of zones) {
    if (keys.has(zone.key)) throw usageError(`calendar: two calendars share the key "${zone.key}"`);
    keys.add(zone.key);
  }
  const firstDay = isoDay(range.from, -1);
  const lastDay = isoDay(range.to, 1);

  await warehouse.run(`create or replace table business_calendars (calendar_key varchar, timezone varchar, first_day date, last_day date)`);
  await warehouse.run(`create or replace table business_calendar_hours (calendar_key varchar, isodow integer, open_minute integer, close_minute integer)`);
  await warehouse.run(`create or replace table business_calendar_holidays (calendar_key varchar, day date, name varchar)`);

  await insertRows(
    warehouse,
    'business_calendars',
    4,
    zones.map((z) => [z.key, z.timezone, firstDay, lastDay]),
  );
  const hours = zones.flatMap((zone) =>
    weekdays.flatMap((day, i) => zone.workingHours[day].map(([open, close]) => [zone.key, i + 1, minutesOf(open), minutesOf(close)])),
  );
  await insertRows(warehouse, 'business_calendar_hours', 4, hours);
  const [fromYear, toYear] = [Number(firstDay.slice(0, 4)), Number(lastDay.slice(0, 4))];
  const holidays = zones.flatMap((zone) => holidayDates(zone.holidays, zone.timezone, fromYear, toYear).map((h) => [zone.key, h.day, h.name]));
  await insertRows(warehouse, 'business_calendar_holidays', 3, holidays);

  await warehouse.runFile('calendar/business_intervals.sql');
  await warehouse.runFile('calendar/business_clock.sql');
  return zones;
}
