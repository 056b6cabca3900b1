/**
 * Cross-check: random pairs (seeded) measured by the SQL models and by the minute-by-minute Intl
 * reference (./reference.ts) over weeks spanning a DST change and holidays. Every pair must agree.
 */
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/calendar/calendar.js';
import { calendarConfigSchema } from '../../src/config/calendar.js';
import { openTestWarehouse } from '../helpers/db.js';
import { MinuteGrid, type ReferenceCalendar, seededRandom } from './reference.js';
import { businessMinutes, deadlines } from './support.js';

const MINUTE_MS = 60_000;
const weekday9to5 = {
  mon: [['09:00', '17:00']],
  tue: [['09:00', '17:00']],
  wed: [['09:00', '17:00']],
  thu: [['09:00', '17:00']],
  fri: [['09:00', '17:00']],
  sat: [],
  sun: [],
} as Record<string, [string, string][]>;
const berlinHours = {
  ...weekday9to5,
  mon: [
    ['08:30', '12:00'],
    ['13:00', '17:30'],
  ],
  sat: [['10:00', '14:00']],
} as Record<string, [string, string][]>;

// Short intervals and gaps (the shortest 7 minutes: the bucket lookups of business_clock.sql then
// use 7-minute buckets), in a zone 5:45 ahead of UTC, and a whole Saturday (24:00 closes at midnight)
const shortHours = {
  ...weekday9to5,
  mon: [
    ['09:00', '09:20'],
    ['09:45', '10:05'],
    ['10:12', '10:19'],
    ['10:26', '13:00'],
    ['14:00', '18:00'],
  ],
  wed: [
    ['07:53', '08:01'],
    ['08:09', '16:59'],
  ],
  sat: [['00:00', '24:00']],
} as Record<string, [string, string][]>;

const cases: { name: string; team: string; from: string; weeks: number; bucketMinutes: number; reference: ReferenceCalendar }[] = [
  {
    // fall-back 2024-11-03, Veterans Day 11-11 and Thanksgiving 11-28 (US public holidays)
    name: 'America/New_York, Oct–Nov 2024',
    team: 'Americas',
    from: '2024-10-21T00:00:00Z',
    weeks: 6,
    // the 8-hour days: the shortest interval
    bucketMinutes: 480,
    reference: { timezone: 'America/New_York', hours: weekday9to5, holidays: ['2024-11-11', '2024-11-28'] },
  },
  {
    // spring-forward 2024-03-31, Good Friday 03-29 and Easter Monday 04-01 (Bavaria), a lunch break and Saturday hours
    name: 'Europe/Berlin, Mar–Apr 2024',
    team: 'EMEA',
    from: '2024-03-18T00:00:00Z',
    weeks: 4,
    // Monday's morning, 08:30–12:00
    bucketMinutes: 210,
    reference: { timezone: 'Europe/Berlin', hours: berlinHours, holidays: ['2024-03-29', '2024-04-01'] },
  },
  {
    name: 'Asia/Kathmandu, short intervals, May 2024',
    team: 'Short',
    from: '2024-05-06T00:00:00Z',
    weeks: 3,
    bucketMinutes: 7,
    reference: { timezone: 'Asia/Kathmandu', hours: shortHours, holidays: [] },
  },
];

const config = calendarConfigSchema.parse({
  teams: {
    Americas: { timezone: 'America/New_York', holidays: { country: 'US' } },
    EMEA: { timezone: 'Europe/Berlin', workingHours: berlinHours, holidays: { country: 'DE-BY' } },
    Short: { timezone: 'Asia/Kathmandu', workingHours: shortHours, holidays: { country: null } },
  },
});

describe('business time against a minute-by-minute reference', () => {
  for (const c of cases) {
    it(`agrees on every random pair and deadline: ${c.name}`, async () => {
      const startMs = Date.parse(c.from);
      const span = c.weeks * 7 * 24 * 60;
      // the reference grid runs two weeks past the pairs, so deadlines (up to 50 business hours) find their minute
      const gridMinutes = span + 14 * 24 * 60;
      const grid = new MinuteGrid(c.reference, startMs, gridMinutes);
      const wh = await openTestWarehouse();
      await buildCalendar(wh, config, { from: new Date(startMs), to: new Date(startMs + gridMinutes * MINUTE_MS), defaultTimezone: 'UTC' });

      const random = seededRandom(20240331);
      const pairs = Array.from({ length: 300 }, (_, id) => {
        const a = Math.floor(random() * span);
        const b = a + Math.floor(random() * random() * 10 * 24 * 60); // mostly short, some over a week
        return { id, start: startMs + a * MINUTE_MS, end: startMs + Math.min(b, span) * MINUTE_MS, target: 1 + Math.floor(random() * 3000) };
      });
      const key = `team:${c.team}`;
      const iso = (ms: number) => new Date(ms).toISOString();
      const measured = await businessMinutes(
        wh,
        pairs.map((p) => ({ id: p.id, key, start: iso(p.start), end: iso(p.end) })),
      );
      const due = await deadlines(
        wh,
        pairs.map((p) => ({ id: p.id, key, start: iso(p.start), targetMinutes: p.target })),
      );

      const mismatches = pairs.filter((p) => {
        const m = measured.get(p.id);
        const d = due.get(p.id);
        return (
          m?.businessMinutes !== grid.businessMinutes(p.start, p.end) ||
          m?.clockStart !== iso(grid.clockStart(p.start)) ||
          d?.deadline !== iso(grid.deadline(p.start, p.target))
        );
      });
      expect(
        mismatches.map((p) => ({
          start: iso(p.start),
          end: iso(p.end),
          target: p.target,
          sql: { ...measured.get(p.id), deadline: due.get(p.id)?.deadline },
          reference: {
            businessMinutes: grid.businessMinutes(p.start, p.end),
            clockStart: iso(grid.clockStart(p.start)),
            deadline: iso(grid.deadline(p.start, p.target)),
          },
        })),
      ).toEqual([]);
      // the bucket lookups at the width the calendar allows (business_clock.sql)
      const width = await wh.one<{ w: number }>('select cast(bucket_minutes as integer) as w from business_clock_widths where calendar_key = $key', { key });
      expect(width?.w).toBe(c.bucketMinutes);
      // the sample must reach the interesting days, or the check proves little
      expect(pairs.filter((p) => p.end - p.start > 3 * 24 * 60 * MINUTE_MS).length).toBeGreaterThan(20);
    });
  }
});
