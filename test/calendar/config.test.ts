/** The calendar config fragment, zone resolution and the holiday list fed to the SQL. */
import { describe, expect, it } from 'vitest';
import { holidayDates } from '../../src/calendar/holidays.js';
import { calendarKey, resolveZone } from '../../src/calendar/zones.js';
import { calendarConfigSchema, isKnownHolidayRegion } from '../../src/config/calendar.js';

describe('calendar config', () => {
  it('fills Mon–Fri 09:00–17:00, public holidays and no teams by default', () => {
    const config = calendarConfigSchema.parse({});
    expect(config.workingHours.wed).toEqual([['09:00', '17:00']]);
    expect(config.workingHours.sat).toEqual([]);
    expect(config.holidays).toEqual({ extraDates: [], types: ['public'] });
    expect(config.teams).toEqual({});
    expect(config.timezone).toBeUndefined();
  });

  it('rejects inverted or overlapping intervals, unknown zones and unknown countries', () => {
    expect(calendarConfigSchema.safeParse({ workingHours: { mon: [['17:00', '09:00']] } }).success).toBe(false);
    expect(
      calendarConfigSchema.safeParse({
        workingHours: {
          mon: [
            ['09:00', '13:00'],
            ['12:00', '17:00'],
          ],
        },
      }).success,
    ).toBe(false);
    expect(calendarConfigSchema.safeParse({ workingHours: { mon: [['9:00', '17:00']] } }).success).toBe(false);
    expect(calendarConfigSchema.safeParse({ timezone: 'Europe/Atlantis' }).success).toBe(false);
    expect(calendarConfigSchema.safeParse({ holidays: { country: 'XX' } }).success).toBe(false);
    expect(calendarConfigSchema.safeParse({ teams: { EMEA: { holidays: { country: 'DE-ZZ' } } } }).success).toBe(false);
    expect(calendarConfigSchema.safeParse({ holidays: { extraDates: ['24/12/2024'] } }).success).toBe(false);
    expect(
      calendarConfigSchema.safeParse({
        workingHours: {
          mon: [
            ['09:00', '12:00'],
            ['13:00', '24:00'],
          ],
        },
      }).success,
    ).toBe(true);
    expect(['US', 'DE-BY', 'IN', 'in-ka'].map(isKnownHolidayRegion)).toEqual([true, true, true, true]);
  });

  it('resolves a team field by field and an owner zone on top', () => {
    const config = calendarConfigSchema.parse({
      timezone: 'America/New_York',
      holidays: { country: 'US', extraDates: ['2024-12-24'] },
      teams: { APAC: { timezone: 'Asia/Kolkata', workingHours: { sat: [['10:00', '14:00']] }, holidays: { country: 'IN' } } },
    });
    const apac = resolveZone(config, 'UTC', 'APAC');
    expect(apac.key).toBe('team:APAC');
    expect(apac.timezone).toBe('Asia/Kolkata');
    expect(apac.workingHours.sat).toEqual([['10:00', '14:00']]);
    expect(apac.workingHours.mon).toEqual([['09:00', '17:00']]); // not overridden: the default's
    expect(apac.holidays).toEqual({ country: 'IN', extraDates: ['2024-12-24'], types: ['public'] });
    expect(calendarKey('APAC', 'Asia/Singapore', config, 'UTC')).toBe('team:APAC@Asia/Singapore');
    expect(calendarKey('APAC', 'Asia/Kolkata', config, 'UTC')).toBe('team:APAC'); // the team's own zone
    expect(calendarKey('Unknown team', null, config, 'UTC')).toBe('default');
    expect(resolveZone(config, 'UTC', null, 'Europe/Paris').timezone).toBe('Europe/Paris');
  });

  it('lists holiday dates per year: country, state, substitutes and extra dates', () => {
    const us = holidayDates({ country: 'US', extraDates: ['2024-12-24'], types: ['public'] }, 'America/New_York', 2024, 2026).map((h) => h.day);
    // Labor Day 2024 is Monday 09-02; 2026-07-04 is a Saturday, observed on Friday 07-03
    expect(us).toContain('2024-09-02');
    expect(us).toContain('2024-12-24');
    expect(us).toContain('2026-07-03');
    expect(us).not.toContain('2024-02-14'); // Valentine's Day is an observance, not a day off
    const bavaria = holidayDates({ country: 'DE-BY', extraDates: [], types: ['public'] }, 'Europe/Berlin', 2024, 2024).map((h) => h.day);
    const berlin = holidayDates({ country: 'DE-BE', extraDates: [], types: ['public'] }, 'Europe/Berlin', 2024, 2024).map((h) => h.day);
    // Corpus Christi (05-30) is a holiday in Bavaria, not in Berlin; Good Friday (03-29) in both
    expect(bavaria).toContain('2024-05-30');
    expect(berlin).not.toContain('2024-05-30');
    expect(berlin).toContain('2024-03-29');
    expect(holidayDates({ country: null, extraDates: ['2024-01-02'], types: ['public'] }, 'UTC', 2024, 2024)).toEqual([
      { day: '2024-01-02', name: 'extra date (config)' },
    ]);
  });
});
