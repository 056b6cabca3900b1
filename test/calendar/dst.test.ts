/**
 * Clock changes: each case spans a DST weekend, expressed as UTC instants, where a computation with
 * one fixed UTC offset would be an hour off. Offsets: New York EST −5 / EDT −4 (changes 2024-03-10
 * and 2024-11-03); Berlin CET +1 / CEST +2 (changes 2024-03-31 and 2024-10-27).
 */
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/calendar/calendar.js';
import { calendarConfigSchema } from '../../src/config/calendar.js';
import { openTestWarehouse } from '../helpers/db.js';
import { businessMinutes } from './support.js';

const config = calendarConfigSchema.parse({
  teams: {
    Americas: { timezone: 'America/New_York', holidays: { country: 'US' } },
    EMEA: { timezone: 'Europe/Berlin', holidays: { country: 'DE-BY' } },
    // round the clock, to see a 23-hour and a 25-hour day in full
    Support: {
      timezone: 'America/New_York',
      workingHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]])),
    },
  },
});

async function calendars() {
  const wh = await openTestWarehouse();
  await buildCalendar(wh, config, { from: new Date('2024-03-01T00:00:00Z'), to: new Date('2024-11-10T00:00:00Z'), defaultTimezone: 'UTC' });
  return wh;
}

describe('business minutes across DST changes', () => {
  it('New York spring-forward and fall-back weekends', async () => {
    const wh = await calendars();
    const result = await businessMinutes(wh, [
      // Fri 03-08 16:00 EST (21:00Z) → Mon 03-11 10:00 EDT (14:00Z): 60 + 60 = 120.
      // With EST kept, 14:00Z would read 09:00 Monday: 60 + 0 = 60.
      { id: 1, key: 'team:Americas', start: '2024-03-08T21:00:00Z', end: '2024-03-11T14:00:00Z' },
      // Fri 11-01 16:00 EDT (20:00Z) → Mon 11-04 10:00 EST (15:00Z): 60 + 60 = 120.
      // With EDT kept, 15:00Z would read 11:00 Monday: 60 + 120 = 180.
      { id: 2, key: 'team:Americas', start: '2024-11-01T20:00:00Z', end: '2024-11-04T15:00:00Z' },
      // Mon 03-11 08:30 EDT (12:30Z) → 09:30 EDT (13:30Z): 30; EST would put 13:30Z at 08:30, before opening.
      { id: 3, key: 'team:Americas', start: '2024-03-11T12:30:00Z', end: '2024-03-11T13:30:00Z' },
      // round the clock, Sat 03-09 12:00 EST (17:00Z) → Sun 03-10 12:00 EDT (16:00Z): a 23-hour local day = 1380
      { id: 4, key: 'team:Support', start: '2024-03-09T17:00:00Z', end: '2024-03-10T16:00:00Z' },
      // round the clock, Sat 11-02 12:00 EDT (16:00Z) → Sun 11-03 12:00 EST (17:00Z): 25 hours = 1500
      { id: 5, key: 'team:Support', start: '2024-11-02T16:00:00Z', end: '2024-11-03T17:00:00Z' },
    ]);
    expect(result.get(1)?.businessMinutes).toBe(120);
    expect(result.get(2)?.businessMinutes).toBe(120);
    expect(result.get(3)).toMatchObject({ businessMinutes: 30, clockStart: '2024-03-11T13:00:00.000Z' });
    expect(result.get(4)?.businessMinutes).toBe(1380);
    expect(result.get(5)?.businessMinutes).toBe(1500);
  });

  it('Berlin spring-forward (over Easter, Bavarian holidays) and fall-back weekends', async () => {
    const wh = await calendars();
    const result = await businessMinutes(wh, [
      // Thu 03-28 16:00 CET (15:00Z) → Tue 04-02 10:00 CEST (08:00Z). Good Friday 03-29 and Easter
      // Monday 04-01 are off, the clocks change on Sunday 03-31: 60 + 60 = 120.
      // With CET kept, 08:00Z would read 09:00 Tuesday: 60 + 0 = 60.
      { id: 1, key: 'team:EMEA', start: '2024-03-28T15:00:00Z', end: '2024-04-02T08:00:00Z' },
      // Fri 10-25 16:00 CEST (14:00Z) → Mon 10-28 10:00 CET (09:00Z): 60 + 60 = 120.
      // With CEST kept, 09:00Z would read 11:00 Monday: 60 + 120 = 180.
      { id: 2, key: 'team:EMEA', start: '2024-10-25T14:00:00Z', end: '2024-10-28T09:00:00Z' },
    ]);
    expect(result.get(1)?.businessMinutes).toBe(120);
    expect(result.get(2)?.businessMinutes).toBe(120);
  });

  it('opens at local 09:00 on both sides of each change', async () => {
    const wh = await calendars();
    const opens = await wh.all<{ open_at: string }>(
      `select strftime(open_at, '%Y-%m-%d %H:%M') as open_at from business_intervals
       where calendar_key = 'team:EMEA' and day in (date '2024-03-28', date '2024-04-02', date '2024-10-25', date '2024-10-28')
       order by open_at`,
    );
    // 09:00 CET = 08:00Z, 09:00 CEST = 07:00Z
    expect(opens.map((o) => o.open_at)).toEqual(['2024-03-28 08:00', '2024-04-02 07:00', '2024-10-25 07:00', '2024-10-28 08:00']);
  });
});
