/**
 * Builds `sla_outcomes`: every SLA instance of a window with its end, deadline, verdict and
 * elapsed business time, all in SQL (sql/sla/*.sql) on the owners' business calendars. The
 * speed-to-lead and SLA reports only aggregate this one relation.
 */
import { readFile } from 'node:fs/promises';
import { computeBusinessDeadlines, computeBusinessMinutes } from '../calendar/businessTime.js';
import { buildOwnerCalendars } from '../calendar/ownerCalendars.js';
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import type { ReportWindow } from '../metrics/window.js';
import { sqlPath } from '../paths.js';
import { type SlaDefinition, writeSlaDefinitions } from './definitions.js';

export interface SlaOutcomesOptions {
  window: ReportWindow;
  slas: readonly SlaDefinition[];
  /** lead attribute of the extra --by breakdown ('' or absent for none) */
  by?: string;
}

export interface SlaOutcomesResult {
  /** owners whose exported time zone is not an IANA zone (their team's zone is used) */
  invalidOwnerZones: { ownerId: string; timezone: string }[];
}

const DAY_MS = 86_400_000;

async function createFrom(wh: Warehouse, table: string, file: string, params?: Record<string, unknown>): Promise<void> {
  const select = await readFile(sqlPath(`sla/${file}.sql`), 'utf8');
  try {
    await wh.run(`create or replace temp table ${table} as\n${select}`, params);
  } catch (error) {
    throw new Error(`sql/sla/${file}.sql: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * The calendar must cover every instant measured: the window's starts, touches up to the as-of, and
 * deadlines past it. A business target of T minutes needs at most T/60 working days of one hour;
 * two calendar days per target hour plus a fortnight of holidays is ample.
 */
function calendarRange(window: ReportWindow, slas: readonly SlaDefinition[]): { from: Date; to: Date } {
  const longest = Math.max(0, ...slas.map((s) => s.targetMinutes ?? 0));
  const horizonDays = 14 + Math.ceil(longest / 60) * 2;
  return { from: window.from, to: new Date(window.asOf.getTime() + horizonDays * DAY_MS) };
}

export async function buildSlaOutcomes(wh: Warehouse, config: Config, options: SlaOutcomesOptions): Promise<SlaOutcomesResult> {
  const { window, slas } = options;
  await writeSlaDefinitions(wh, slas);
  const range = calendarRange(window, slas);
  const calendars = await buildOwnerCalendars(wh, config.calendar, { ...range, defaultTimezone: config.timezone });

  await createFrom(wh, 'sla_instances', 'sla__instances', {
    from: window.from, to: window.to, as_of: window.asOf, group_field: options.by ?? '',
  });
  await createFrom(wh, 'sla_ends', 'sla__ends', { as_of: window.asOf });
  await wh.run(`create or replace temp view sla_deadline_requests as
    select instance_id as request_id, calendar_key, start_at, target_minutes
    from sla_ends where business_clock and target_minutes is not null`);
  await computeBusinessDeadlines(wh, 'sla_deadline_requests', { output: 'sla_business_deadlines' });
  await createFrom(wh, 'sla_judged', 'sla__judged', { as_of: window.asOf });
  const pairs = await readFile(sqlPath('sla/sla__pairs.sql'), 'utf8');
  await wh.run(`create or replace temp view sla_pairs as\n${pairs}`);
  await computeBusinessMinutes(wh, 'sla_pairs', { output: 'sla_business_minutes' });
  await createFrom(wh, 'sla_outcomes', 'sla__outcomes');
  return { invalidOwnerZones: calendars.invalidOwnerZones };
}
