/**
 * Holiday dates of one calendar, computed in JS with date-holidays: a small list per year, which
 * buildCalendar inserts as parameters and the SQL removes from the working days.
 */
import type { HolidayType } from '../config/calendar.js';
import { usageError } from '../errors.js';
import { holidaysLibrary } from './holidaysLibrary.js';

export interface HolidaySource {
  /** "US", "DE-BY"; null or absent: no country holidays */
  country?: string | null;
  extraDates: string[];
  types: HolidayType[];
}

export interface HolidayDate {
  /** local date, ISO "YYYY-MM-DD" */
  day: string;
  name: string;
}

const DAY_MS = 86_400_000;

function addDays(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Country (and state) holidays of the chosen types for each year, plus the extra dates. */
export function holidayDates(source: HolidaySource, timezone: string, fromYear: number, toYear: number): HolidayDate[] {
  const byDay = new Map<string, string>();
  if (source.country) {
    const [country, state] = source.country.toUpperCase().split('-');
    const Holidays = holidaysLibrary();
    const calendar = state ? new Holidays(country!, state, { timezone }) : new Holidays(country!, { timezone });
    if (!calendar.getCountries()[country!]) throw usageError(`calendar: unknown holiday country "${source.country}"`);
    for (let year = fromYear; year <= toYear; year++) {
      for (const holiday of calendar.getHolidays(year)) {
        if (!source.types.includes(holiday.type)) continue;
        // Partial days (e.g. an afternoon off from 12:00) keep their working hours: we only remove whole days.
        if (!holiday.date.endsWith('00:00:00')) continue;
        const first = holiday.date.slice(0, 10);
        const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
        for (let i = 0; i < days; i++) {
          const day = addDays(first, i);
          if (!byDay.has(day)) byDay.set(day, holiday.name);
        }
      }
    }
  }
  for (const day of source.extraDates) if (!byDay.has(day)) byDay.set(day, 'extra date (config)');
  return [...byDay.entries()].map(([day, name]) => ({ day, name })).sort((a, b) => a.day.localeCompare(b.day));
}
