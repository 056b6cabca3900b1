/**
 * Which calendar each owner's clock runs on: the owner's own zone, else the team's, else the
 * default; the hours and holidays are the team's (or the default's). Builds every calendar needed
 * and an `owner_calendars` table the speed-to-lead and SLA models join to find a lead's key.
 */
import type { CalendarConfig } from '../config/calendar.js';
import { isValidTimeZone } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { buildCalendar } from './calendar.js';
import { type CalendarZone, configuredZones, resolveZone } from './zones.js';

export interface OwnerCalendarsResult {
  zones: CalendarZone[];
  /** owners whose exported zone is not an IANA zone: they fall back to the team's zone */
  invalidOwnerZones: { ownerId: string; timezone: string }[];
}

interface OwnerRow {
  owner_id: string;
  team: string | null;
  timezone: string | null;
}

/** (Re)creates the calendars (see buildCalendar) and owner_calendars(owner_id, team, timezone, calendar_key). */
export async function buildOwnerCalendars(
  warehouse: Warehouse,
  config: CalendarConfig,
  range: { from: Date; to: Date; defaultTimezone: string },
): Promise<OwnerCalendarsResult> {
  // An owner exported several times: the latest load speaks for them.
  const owners = await warehouse.all<OwnerRow>(
    `select owner_id, arg_max(team, load_id) as team, arg_max(timezone, load_id) as timezone
     from owners group by owner_id order by owner_id`,
  );
  const invalidOwnerZones: OwnerCalendarsResult['invalidOwnerZones'] = [];
  const zonesByKey = new Map<string, CalendarZone>();
  for (const zone of configuredZones(config, range.defaultTimezone)) zonesByKey.set(zone.key, zone);
  const assignments: [string, string | null, string | null, string][] = [];
  for (const owner of owners) {
    let ownZone = owner.timezone?.trim() || null;
    if (ownZone && !isValidTimeZone(ownZone)) {
      invalidOwnerZones.push({ ownerId: owner.owner_id, timezone: ownZone });
      ownZone = null;
    }
    const zone = resolveZone(config, range.defaultTimezone, owner.team, ownZone);
    if (!zonesByKey.has(zone.key)) zonesByKey.set(zone.key, zone);
    assignments.push([owner.owner_id, owner.team, ownZone, zone.key]);
  }

  const zones = [...zonesByKey.values()];
  await buildCalendar(warehouse, config, { from: range.from, to: range.to, zones });
  await warehouse.run(`create or replace table owner_calendars (owner_id varchar, team varchar, timezone varchar, calendar_key varchar)`);
  for (let start = 0; start < assignments.length; start += 250) {
    const chunk = assignments.slice(start, start + 250);
    const tuples = chunk.map((_, r) => `($${r * 4 + 1}, $${r * 4 + 2}, $${r * 4 + 3}, $${r * 4 + 4})`);
    await warehouse.run(`insert into owner_calendars values ${tuples.join(', ')}`, chunk.flat());
  }
  return { zones, invalidOwnerZones };
}
