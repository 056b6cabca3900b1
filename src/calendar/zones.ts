/**
 * From the calendar config to concrete calendars. A calendar is a zone, weekly hours and holidays
 * under one key: the default calendar, each team's, and a team's (or the default's) moved to an
 * owner's own zone. Owner zone wins, then the team's, then the default (docs/business-time.md).
 */
import type { CalendarConfig, HolidayType, TeamCalendarConfig, Weekday, WorkingHours } from '../config/calendar.js';
import { weekdays } from '../config/calendar.js';

export interface CalendarZone {
  key: string;
  timezone: string;
  workingHours: WorkingHours;
  holidays: { country?: string | null; extraDates: string[]; types: HolidayType[] };
}

/** What a caller may leave out of a zone: missing fields come from the default calendar. */
export interface CalendarZoneSpec {
  key: string;
  timezone: string;
  workingHours?: Partial<Record<Weekday, [string, string][]>>;
  holidays?: Partial<CalendarZone['holidays']>;
}

export const DEFAULT_CALENDAR_KEY = 'default';

/** 'default', 'team:EMEA', or with an owner's own zone 'team:EMEA@Asia/Kolkata'. */
export function calendarKey(team: string | null | undefined, timezone: string | null | undefined, config: CalendarConfig, defaultTimezone: string): string {
  const teamConfig = team ? config.teams[team] : undefined;
  const base = teamConfig ? `team:${team}` : DEFAULT_CALENDAR_KEY;
  const baseZone = teamConfig?.timezone ?? config.timezone ?? defaultTimezone;
  return timezone && timezone !== baseZone ? `${base}@${timezone}` : base;
}

/** Fill a partial zone from the default calendar; a team's fields replace the default's one by one. */
export function completeZone(spec: CalendarZoneSpec, config: CalendarConfig): CalendarZone {
  const hours = Object.fromEntries(weekdays.map((day) => [day, spec.workingHours?.[day] ?? config.workingHours[day]])) as WorkingHours;
  const holidays = spec.holidays ?? {};
  return {
    key: spec.key,
    timezone: spec.timezone,
    workingHours: hours,
    holidays: {
      country: holidays.country === undefined ? config.holidays.country : holidays.country,
      extraDates: holidays.extraDates ?? config.holidays.extraDates,
      types: holidays.types ?? config.holidays.types,
    },
  };
}

function teamSpec(key: string, team: TeamCalendarConfig, timezone: string): CalendarZoneSpec {
  return {
    key,
    timezone,
    ...(team.workingHours ? { workingHours: team.workingHours as CalendarZoneSpec['workingHours'] } : {}),
    ...(team.holidays ? { holidays: team.holidays as CalendarZoneSpec['holidays'] } : {}),
  };
}

/** The calendar of an owner on `team` (unknown or absent: the default) working in `timezone` (absent: the team's). */
export function resolveZone(config: CalendarConfig, defaultTimezone: string, team?: string | null, timezone?: string | null): CalendarZone {
  const teamConfig = team ? config.teams[team] : undefined;
  const zone = timezone || teamConfig?.timezone || config.timezone || defaultTimezone;
  const key = calendarKey(team, timezone, config, defaultTimezone);
  const spec = teamConfig ? teamSpec(key, teamConfig, zone) : { key, timezone: zone };
  return completeZone(spec, config);
}

/** The default calendar and one per configured team: what every build needs. */
export function configuredZones(config: CalendarConfig, defaultTimezone: string): CalendarZone[] {
  return [resolveZone(config, defaultTimezone), ...Object.keys(config.teams).map((team) => resolveZone(config, defaultTimezone, team))];
}
