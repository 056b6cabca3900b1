/**
 * Business minutes on a US calendar (America/New_York, Mon–Fri 09:00–17:00, US public holidays).
 * September 2024 is EDT (UTC−4): 09:00 local = 13:00Z, 17:00 local = 21:00Z.
 */
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/calendar/calendar.js';
import { computeBusinessMinutes } from '../../src/calendar/businessTime.js';
import { calendarConfigSchema } from '../../src/config/calendar.js';
import { openTestWarehouse } from '../helpers/db.js';
import { businessMinutes } from './support.js';

const config = calendarConfigSchema.parse({
  timezone: 'America/New_York',
  holidays: { country: 'US', extraDates: ['2024-09-20'] },
});

async function usCalendar() {
  const wh = await openTestWarehouse();
  await buildCalendar(wh, config, { from: new Date('2024-08-26T00:00:00Z'), to: new Date('2024-09-30T00:00:00Z') });
  return wh;
}

describe('business minutes (America/New_York, 9–17, US holidays)', () => {
  it('counts only working minutes across nights, weekends, holidays and extra dates', async () => {
    const wh = await usCalendar();
    const result = await businessMinutes(wh, [
      // Fri 2024-09-13 16:30 EDT → Mon 09-16 09:30 EDT: 30 min Friday + 30 min Monday = 60
      { id: 1, key: 'default', start: '2024-09-13T20:30:00Z', end: '2024-09-16T13:30:00Z' },
      // arrives Sat 09-14 11:00 EDT, touched Mon 09:10 EDT: the clock starts Monday 09:00 → 10
      { id: 2, key: 'default', start: '2024-09-14T15:00:00Z', end: '2024-09-16T13:10:00Z' },
      // Fri 08-30 16:00 EDT → Tue 09-03 10:00 EDT over Labor Day (Mon 09-02): 60 + 60 = 120
      // (a calendar without the holiday would give 60 + 480 + 60 = 600)
      { id: 3, key: 'default', start: '2024-08-30T20:00:00Z', end: '2024-09-03T14:00:00Z' },
      // Thu 09-19 16:00 EDT → Mon 09-23 10:00 EDT, Fri 09-20 is an extra date off: 60 + 60 = 120
      { id: 4, key: 'default', start: '2024-09-19T20:00:00Z', end: '2024-09-23T14:00:00Z' },
      // inside one interval: Wed 09-18 10:15:30 → 11:45:00 EDT = 89.5 minutes
      { id: 5, key: 'default', start: '2024-09-18T14:15:30Z', end: '2024-09-18T15:45:00Z' },
      // end before start: not measurable (null); wall minutes keep the −30 for data checks
      { id: 6, key: 'default', start: '2024-09-18T15:00:00Z', end: '2024-09-18T14:30:00Z' },
      // not touched yet: no minutes, but the clock start is known (Tue 09-17 18:00 EDT → Wed 09:00)
      { id: 7, key: 'default', start: '2024-09-17T22:00:00Z', end: null },
      // both ends in the same night: 0 business minutes although 8 wall hours pass
      { id: 8, key: 'default', start: '2024-09-17T22:00:00Z', end: '2024-09-18T06:00:00Z' },
      // start exactly at closing Fri 17:00 → Mon 09:00 opening: 0, clock starts Monday 09:00
      { id: 9, key: 'default', start: '2024-09-13T21:00:00Z', end: '2024-09-16T13:00:00Z' },
    ]);
    expect(result.get(1)).toMatchObject({ businessMinutes: 60, wallMinutes: 3 * 24 * 60 - 7 * 60, clockStart: '2024-09-13T20:30:00.000Z' });
    expect(result.get(2)).toMatchObject({ businessMinutes: 10, clockStart: '2024-09-16T13:00:00.000Z' });
    expect(result.get(3)?.businessMinutes).toBe(120);
    expect(result.get(4)?.businessMinutes).toBe(120);
    expect(result.get(5)?.businessMinutes).toBeCloseTo(89.5, 9);
    expect(result.get(6)).toMatchObject({ businessMinutes: null, wallMinutes: -30 });
    expect(result.get(7)).toMatchObject({ businessMinutes: null, clockStart: '2024-09-18T13:00:00.000Z' });
    expect(result.get(8)).toMatchObject({ businessMinutes: 0, wallMinutes: 480 });
    expect(result.get(9)).toMatchObject({ businessMinutes: 0, clockStart: '2024-09-16T13:00:00.000Z' });
  });

  it('stores one row per working interval with the running clock', async () => {
    const wh = await usCalendar();
    const rows = await wh.all<{ day: string; open_at: string; cum: number }>(
      `select strftime(day, '%Y-%m-%d') as day, strftime(open_at, '%Y-%m-%dT%H:%M') as open_at, cumulative_minutes_before as cum
       from business_intervals where day between date '2024-08-30' and date '2024-09-04' order by open_at`,
    );
    // Fri 08-30, then Labor Day and the weekend are absent; each day adds 480 minutes
    expect(rows.map((r) => [r.day, r.open_at])).toEqual([
      ['2024-08-30', '2024-08-30T13:00'],
      ['2024-09-03', '2024-09-03T13:00'],
      ['2024-09-04', '2024-09-04T13:00'],
    ]);
    expect(rows[1]!.cum - rows[0]!.cum).toBe(480);
    expect(rows[2]!.cum - rows[1]!.cum).toBe(480);
  });

  it('gives null outside the built calendar and refuses a key with no calendar', async () => {
    const wh = await usCalendar();
    // 2025 is past the calendar's last day (2024-10-01)
    const result = await businessMinutes(wh, [{ id: 1, key: 'default', start: '2024-09-16T13:00:00Z', end: '2025-01-06T14:00:00Z' }]);
    expect(result.get(1)?.businessMinutes).toBeNull();
    await wh.run(`create or replace temp table odd_pairs as select 1 as pair_id, 'team:Nowhere' as calendar_key, now() as start_at, now() as end_at`);
    await expect(computeBusinessMinutes(wh, 'odd_pairs')).rejects.toThrow('no business calendar was built for "team:Nowhere"');
    await expect(computeBusinessMinutes(wh, 'pairs; drop table leads')).rejects.toThrow('is not a table or view name');
  });
});
