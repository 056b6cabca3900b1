/**
 * Deadlines: the instant the business clock reaches a target (SLA due times and "pending").
 * America/New_York, Mon–Fri 09:00–17:00, US holidays. EDT = UTC−4, EST = UTC−5.
 */
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/calendar/calendar.js';
import { calendarConfigSchema } from '../../src/config/calendar.js';
import { openTestWarehouse } from '../helpers/db.js';
import { deadlines } from './support.js';

const config = calendarConfigSchema.parse({ timezone: 'America/New_York', holidays: { country: 'US' } });

describe('business deadlines', () => {
  it('adds business minutes to a start across nights, weekends, holidays and DST', async () => {
    const wh = await openTestWarehouse();
    await buildCalendar(wh, config, { from: new Date('2024-03-01T00:00:00Z'), to: new Date('2024-09-30T00:00:00Z') });
    const due = await deadlines(wh, [
      // 4 business hours from Fri 09-13 15:00 EDT: 2 h on Friday (to 17:00), 2 h on Monday → Mon 09-16 11:00 EDT = 15:00Z
      { id: 1, key: 'default', start: '2024-09-13T19:00:00Z', targetMinutes: 240 },
      // 4 h from Fri 13:00 EDT ends at Friday's close 17:00 EDT (21:00Z), not Monday's opening
      { id: 2, key: 'default', start: '2024-09-13T17:00:00Z', targetMinutes: 240 },
      // a target of 0 from Sat 09-14 11:00 EDT is the next opening, Mon 09:00 EDT = 13:00Z
      { id: 3, key: 'default', start: '2024-09-14T15:00:00Z', targetMinutes: 0 },
      // 4 h from Fri 03-08 15:00 EST (20:00Z) over spring-forward: 2 h Friday, Mon 03-11 09:00–11:00 EDT → 15:00Z
      { id: 4, key: 'default', start: '2024-03-08T20:00:00Z', targetMinutes: 240 },
      // 4 h from Fri 08-30 15:00 EDT over Labor Day (Mon 09-02): Tue 09-03 11:00 EDT = 15:00Z
      { id: 5, key: 'default', start: '2024-08-30T19:00:00Z', targetMinutes: 240 },
      // 48 business hours = 6 working days from Mon 09-16 10:00 EDT → Tue 09-24 10:00 EDT = 14:00Z
      { id: 6, key: 'default', start: '2024-09-16T14:00:00Z', targetMinutes: 48 * 60 },
      // 90.5 minutes from Wed 09-18 16:00 EDT: 60 Wednesday, 30.5 Thursday → Thu 09:30:30 EDT = 13:30:30Z
      { id: 7, key: 'default', start: '2024-09-18T20:00:00Z', targetMinutes: 90.5 },
      // past the calendar's end (it was built to 10-01): unknown, null
      { id: 8, key: 'default', start: '2024-09-27T19:00:00Z', targetMinutes: 480 * 5 },
      // a negative target is meaningless: null
      { id: 9, key: 'default', start: '2024-09-16T14:00:00Z', targetMinutes: -5 },
    ]);
    expect(due.get(1)).toEqual({ deadline: '2024-09-16T15:00:00.000Z', clockStart: '2024-09-13T19:00:00.000Z' });
    expect(due.get(2)?.deadline).toBe('2024-09-13T21:00:00.000Z');
    expect(due.get(3)).toEqual({ deadline: '2024-09-16T13:00:00.000Z', clockStart: '2024-09-16T13:00:00.000Z' });
    expect(due.get(4)?.deadline).toBe('2024-03-11T15:00:00.000Z');
    expect(due.get(5)?.deadline).toBe('2024-09-03T15:00:00.000Z');
    expect(due.get(6)?.deadline).toBe('2024-09-24T14:00:00.000Z');
    expect(due.get(7)?.deadline).toBe('2024-09-19T13:30:30.000Z');
    expect(due.get(8)?.deadline).toBeNull();
    expect(due.get(9)?.deadline).toBeNull();
  });
});
