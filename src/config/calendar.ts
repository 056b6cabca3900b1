/**
 * The `calendar` fragment of the config: when the business clock runs (speed-to-lead and SLA
 * reports count business minutes only). The default calendar applies to every owner; a team may
 * override its zone, hours or holidays. Resolution into concrete calendars lives in src/calendar/.
 */
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { z } from 'zod';
import { isValidTimeZone } from './config.js';

// Wrapped: config.ts will import this file, and a direct reference would meet it half-loaded.
const timeZone = z.string().refine((zone) => isValidTimeZone(zone), { message: 'not an IANA time zone (e.g. Europe/Berlin)' });

/** "HH:MM" wall time; "24:00" closes at midnight. */
const wallTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a wall time "HH:MM" (00:00 to 24:00)');
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Open intervals of one weekday, e.g. [["09:00","12:00"],["13:00","17:00"]] for a lunch break. */
const dayHours = z
  .array(z.tuple([wallTime, wallTime]))
  .refine((intervals) => intervals.every(([open, close]) => toMinutes(open) < toMinutes(close)), {
    message: 'each interval opens before it closes',
  })
  .refine((intervals) => intervals.every((interval, i) => i === 0 || toMinutes(intervals[i - 1]![1]) <= toMinutes(interval[0])), {
    message: 'intervals are in order and do not overlap',
  });

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const nineToFive: [string, string][] = [['09:00', '17:00']];
export const defaultWorkingHours: Record<Weekday, [string, string][]> = {
  mon: nineToFive,
  tue: nineToFive,
  wed: nineToFive,
  thu: nineToFive,
  fri: nineToFive,
  sat: [],
  sun: [],
};

const workingHoursSchema = z
  .object({
    mon: dayHours.default(defaultWorkingHours.mon),
    tue: dayHours.default(defaultWorkingHours.tue),
    wed: dayHours.default(defaultWorkingHours.wed),
    thu: dayHours.default(defaultWorkingHours.thu),
    fri: dayHours.default(defaultWorkingHours.fri),
    sat: dayHours.default(defaultWorkingHours.sat),
    sun: dayHours.default(defaultWorkingHours.sun),
  })
  .strict();

/** "US", "DE-BY", "IN": a country, optionally "-" and a state, as date-holidays knows them. */
export function isKnownHolidayRegion(region: string): boolean {
  const [country, state, ...rest] = region.split('-');
  if (!country || rest.length > 0) return false;
  // required here, when a config names a region: imported at the top it cost every command about
  // 0.3 s of start-up (its country data), holidays or not
  const HolidayRegions = createRequire(import.meta.url)('date-holidays') as typeof Holidays;
  const holidays = new HolidayRegions();
  if (!(country.toUpperCase() in holidays.getCountries())) return false;
  return state === undefined || state.toUpperCase() in (holidays.getStates(country.toUpperCase()) ?? {});
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date "YYYY-MM-DD"');
const holidayType = z.enum(['public', 'bank', 'optional', 'school', 'observance']);
const holidayRegion = z.string().refine(isKnownHolidayRegion, { message: 'not a country (or country-state) date-holidays knows, e.g. "US", "DE-BY"' });

const holidaysSchema = z
  .object({
    /** null: no country holidays (a team opting out of the default's country). */
    country: holidayRegion.nullable().optional(),
    /** Company days off on top of the country's (shutdowns, offsites). */
    extraDates: z.array(isoDate).default([]),
    types: z.array(holidayType).min(1).default(['public']),
  })
  .strict();

/** A team overrides whole fields; weekdays it leaves out keep the default calendar's hours. */
const teamCalendarSchema = z
  .object({
    timezone: timeZone.optional(),
    workingHours: z
      .object(Object.fromEntries(weekdays.map((d) => [d, dayHours.optional()])) as Record<Weekday, z.ZodOptional<typeof dayHours>>)
      .strict()
      .optional(),
    holidays: z
      .object({
        country: holidayRegion.nullable().optional(),
        extraDates: z.array(isoDate).optional(),
        types: z.array(holidayType).min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const calendarConfigSchema = z
  .object({
    /** Defaults to the top-level `timezone` of the config. */
    timezone: timeZone.optional(),
    workingHours: workingHoursSchema.default(defaultWorkingHours),
    holidays: holidaysSchema.default({ extraDates: [], types: ['public'] }),
    teams: z.record(z.string().min(1), teamCalendarSchema).default({}),
  })
  .strict();

export type CalendarConfigInput = z.input<typeof calendarConfigSchema>;
export type CalendarConfig = z.output<typeof calendarConfigSchema>;
export type WorkingHours = CalendarConfig['workingHours'];
export type HolidaysConfig = CalendarConfig['holidays'];
export type HolidayType = z.output<typeof holidayType>;
export type TeamCalendarConfig = z.output<typeof teamCalendarSchema>;
