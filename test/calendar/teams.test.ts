/**
 * Several calendars in one query, and owners in other zones: the owner's zone, else the team's,
 * else the default, with the team's hours and holidays.
 */
import { describe, expect, it } from 'vitest';
import { buildOwnerCalendars } from '../../src/calendar/ownerCalendars.js';
import { calendarConfigSchema } from '../../src/config/calendar.js';
import { openTestWarehouse } from '../helpers/db.js';
import { businessMinutes } from './support.js';

const config = calendarConfigSchema.parse({
  timezone: 'America/New_York',
  holidays: { country: 'US' },
  teams: {
    EMEA: {
      timezone: 'Europe/Berlin',
      // a lunch break; Friday is a short day
      workingHours: {
        mon: [
          ['09:00', '12:00'],
          ['13:00', '17:00'],
        ],
        fri: [['09:00', '13:00']],
      },
      holidays: { country: 'DE-BY' },
    },
  },
});
const range = { from: new Date('2024-08-26T00:00:00Z'), to: new Date('2024-09-30T00:00:00Z'), defaultTimezone: 'UTC' };

async function withOwners() {
  const wh = await openTestWarehouse();
  await wh.run(`insert into owners (owner_id, name, team, timezone, load_id) values
    ('o-ny', 'Dana Reyes', null, null, 1),
    ('o-ber', 'Jonas Keller', 'EMEA', null, 1),
    ('o-blr', 'Priya Natarajan', null, 'Asia/Kolkata', 1),
    ('o-blr', 'Priya Natarajan', null, 'Asia/Kolkata', 2),
    ('o-bad', 'Sam Ortiz', 'EMEA', 'Mars/Olympus', 1)`);
  const result = await buildOwnerCalendars(wh, config, range);
  return { wh, result };
}

describe('team and owner calendars', () => {
  it('maps each owner to a calendar key', async () => {
    const { wh, result } = await withOwners();
    const rows = await wh.all<{ owner_id: string; calendar_key: string }>(`select owner_id, calendar_key from owner_calendars order by owner_id`);
    expect(rows).toEqual([
      { owner_id: 'o-bad', calendar_key: 'team:EMEA' },
      { owner_id: 'o-ber', calendar_key: 'team:EMEA' },
      { owner_id: 'o-blr', calendar_key: 'default@Asia/Kolkata' },
      { owner_id: 'o-ny', calendar_key: 'default' },
    ]);
    expect(result.invalidOwnerZones).toEqual([{ ownerId: 'o-bad', timezone: 'Mars/Olympus' }]);
    expect(result.zones.map((z) => [z.key, z.timezone])).toEqual([
      ['default', 'America/New_York'],
      ['team:EMEA', 'Europe/Berlin'],
      ['default@Asia/Kolkata', 'Asia/Kolkata'],
    ]);
  });

  it('measures the same instants on two calendars in one query', async () => {
    const { wh } = await withOwners();
    const result = await businessMinutes(wh, [
      // Mon 09-16 12:00Z → 18:00Z. New York (EDT): 08:00 → 14:00, open from 09:00 = 300.
      { id: 1, key: 'default', start: '2024-09-16T12:00:00Z', end: '2024-09-16T18:00:00Z' },
      // Berlin (CEST): 14:00 → 20:00, open until 17:00 = 180.
      { id: 2, key: 'team:EMEA', start: '2024-09-16T12:00:00Z', end: '2024-09-16T18:00:00Z' },
      // Labor Day Mon 09-02, same hours: New York is closed = 0; Berlin works = 180.
      { id: 3, key: 'default', start: '2024-09-02T12:00:00Z', end: '2024-09-02T18:00:00Z' },
      { id: 4, key: 'team:EMEA', start: '2024-09-02T12:00:00Z', end: '2024-09-02T18:00:00Z' },
      // Berlin Mon 09-16 11:30 → 13:30 CEST (09:30Z → 11:30Z) over lunch: 30 + 30 = 60
      { id: 5, key: 'team:EMEA', start: '2024-09-16T09:30:00Z', end: '2024-09-16T11:30:00Z' },
      // Berlin Fri 09-13 12:00 CEST → Mon 09-16 10:00 CEST (10:00Z → 08:00Z): Friday closes at 13:00: 60 + 60 = 120
      { id: 6, key: 'team:EMEA', start: '2024-09-13T10:00:00Z', end: '2024-09-16T08:00:00Z' },
    ]);
    expect([1, 2, 3, 4, 5, 6].map((id) => result.get(id)?.businessMinutes)).toEqual([300, 180, 0, 180, 60, 120]);
  });

  it('runs an owner in Asia/Kolkata on local hours (IST, UTC+05:30)', async () => {
    const { wh } = await withOwners();
    const result = await businessMinutes(wh, [
      // lead created Mon 09-16 02:00Z = 07:30 IST; the owner touches it 05:00Z = 10:30 IST.
      // The clock starts at 09:00 IST = 03:30Z: 90 minutes (New York hours would give 0, it is night there).
      { id: 1, key: 'default@Asia/Kolkata', start: '2024-09-16T02:00:00Z', end: '2024-09-16T05:00:00Z' },
      // created Fri 09-13 10:00Z = 15:30 IST, touched Mon 09-16 04:00Z = 09:30 IST: 90 + 30 = 120
      { id: 2, key: 'default@Asia/Kolkata', start: '2024-09-13T10:00:00Z', end: '2024-09-16T04:00:00Z' },
    ]);
    expect(result.get(1)).toMatchObject({ businessMinutes: 90, clockStart: '2024-09-16T03:30:00.000Z' });
    expect(result.get(2)?.businessMinutes).toBe(120);
  });
});
