/**
 * Builds `sla_outcomes`: every SLA instance of a window with its end, deadline, verdict and
 * elapsed business time, all in SQL (sql/sla/*.sql) on the owners' business calendars. The
 * speed-to-lead and SLA reports only aggregate this one relation.
 */
import { checkCalendarKeys, computeBusinessDeadlines, computeBusinessMinutes } from '../calendar/businessTime.js';
import { buildOwnerCalendars } from '../calendar/ownerCalendars.js';
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { withSetting } from '../db/settings.js';
import type { ReportWindow } from '../metrics/window.js';
import { timed } from '../timing.js';
import { type SlaDefinition, writeSlaDefinitions } from './definitions.js';

export interface SlaOutcomesOptions {
  window: ReportWindow;
  slas: readonly SlaDefinition[];
  /** lead attribute of the extra --by breakdown ('' or absent for none) */
  by?: string;
  /** 'view' when one query reads sla_outcomes once (speed-to-lead): no table of a million rows */
  outcomesAs?: 'table' | 'view';
  /**
   * false when no reader needs each touch's business minutes (the SLA report judges against
   * deadlines and lists business minutes late apart): business_minutes is then null throughout
   */
  businessMinutes?: boolean;
}

export interface SlaOutcomesResult {
  /** owners whose exported time zone is not an IANA zone (their team's zone is used) */
  invalidOwnerZones: { ownerId: string; timezone: string }[];
}

const DAY_MS = 86_400_000;

/**
 * One model file as a temp table, or as a temp view when its only reader evaluates it once: each
 * materialisation of a million wide rows costs more than the query that fills it.
 */
async function createFrom(wh: Warehouse, kind: 'table' | 'view', name: string, file: string, params?: Record<string, unknown>): Promise<void> {
  const select = await wh.modelSql(`sla/${file}.sql`);
  try {
    // a relation built as the other kind by an earlier report on this connection goes first
    await wh.materialise(name, kind, select, { temporary: true, params });
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

/**
 * Every table built here is read by queries that order their output, so the rows' order in them does
 * not matter; letting DuckDB write them in any order saves about a tenth of the time at 5M instances.
 */
export async function buildSlaOutcomes(wh: Warehouse, config: Config, options: SlaOutcomesOptions): Promise<SlaOutcomesResult> {
  return withSetting(wh, 'preserve_insertion_order', false, () => buildUnordered(wh, config, options));
}

async function buildUnordered(wh: Warehouse, config: Config, options: SlaOutcomesOptions): Promise<SlaOutcomesResult> {
  const { window, slas } = options;
  await writeSlaDefinitions(wh, slas);
  const range = calendarRange(window, slas);
  const calendars = await timed('owner calendars', buildOwnerCalendars(wh, config.calendar, { ...range, defaultTimezone: config.timezone }));

  // The starts are a table (17M rows at 10M leads), which the ends query joins to the candidates;
  // the instances are a view repeating each start per SLA that begins with it, read once, where
  // they meet their ends. As a table of their own, the 45M instances at 10M leads were one more
  // write and read, and the ends' join's build side, spilled under a 4GB limit.
  const period = { from: window.from, to: window.to, as_of: window.asOf };
  await timed('sla_starts', createFrom(wh, 'table', 'sla_starts', 'sla__starts', period));
  await createFrom(wh, 'view', 'sla_instances', 'sla__instances');
  // every business-time input below takes its calendar keys from the starts: check them once
  await timed('check keys', checkCalendarKeys(wh, 'sla_starts'));
  // sla_ends holds the instances that ended, not every instance again with its end
  await timed('sla_ends', createFrom(wh, 'table', 'sla_ends', 'sla__ends', { as_of: window.asOf }));
  // every instance with its end, to which the deadlines model adds deadline_at: a table of its own
  // (the model says why; at 10M leads the pass writing sla_outcomes took 33–94 s with the join in it,
  // 21 s without)
  await timed('sla_instance_ends', createFrom(wh, 'table', 'sla_instance_ends', 'sla__instance_ends'));
  // nothing reads the starts and ends again: at 10M leads they are 3 GB of temp tables, which
  // would spill to the temp dir while sla_outcomes is written
  await wh.run('drop view if exists sla_instances; drop table if exists sla_ends; drop table if exists sla_starts');
  // with the SLA's business target (null for a wall-clock SLA or none): a view, so the deadlines
  // are taken in the same pass (as a table of their own, joined back on instance_id, they were one
  // more 20M-row hash join at 10M leads)
  await wh.run(`create or replace temp view sla_deadline_requests as
    select ended.*, case when definitions.business_clock then definitions.target_minutes end as target_minutes
    from sla_instance_ends as ended
    join sla_definitions as definitions on definitions.position = ended.sla_position`);
  await computeBusinessDeadlines(wh, 'sla_deadline_requests', { output: 'sla_deadlined', kind: 'view', keysChecked: true });
  // the judged and outcomes views read the as-of and the --by field from this one-row table (a view
  // cannot hold a parameter)
  await wh.run('create or replace temp table sla_report_params as select cast($as_of as timestamptz) as as_of, cast($group_field as varchar) as group_field', {
    as_of: window.asOf,
    group_field: options.by ?? '',
  });
  await createFrom(wh, 'view', 'sla_lead_attributes', 'sla__lead_attributes');
  await createFrom(wh, 'view', 'sla_judged', 'sla__judged');
  // without business minutes, no pairs and an empty table: at 10M leads the minutes of 8M touches
  // took 9–16 s. The minutes are a table keyed by instance_id, not a view over sla_judged: as a view,
  // the one speed-to-lead query reading them held every lookup's hash table at once and ran out of
  // a 100MB limit at 200k leads.
  if (options.businessMinutes === false) {
    await wh.run(`create or replace temp view sla_pairs as select * from (\n${await wh.modelSql('sla/sla__pairs.sql')}\n) as pairs where false`);
  } else await createFrom(wh, 'view', 'sla_pairs', 'sla__pairs');
  await timed('business minutes', computeBusinessMinutes(wh, 'sla_pairs', { output: 'sla_business_minutes', keysChecked: true }));
  await timed('sla_outcomes', createFrom(wh, options.outcomesAs ?? 'table', 'sla_outcomes', 'sla__outcomes'));
  // a table of outcomes holds all the report reads; as a view, it reads the instances with their ends
  if ((options.outcomesAs ?? 'table') === 'table') await wh.run('drop table if exists sla_instance_ends cascade');
  return { invalidOwnerZones: calendars.invalidOwnerZones };
}

/** What the report says about owners whose time zone is not a zone: their team's is used. */
export const ownerZoneWarnings = (built: { invalidOwnerZones: { ownerId: string; timezone: string }[] }) =>
  built.invalidOwnerZones.map((owner) => `Owner ${owner.ownerId} has time zone "${owner.timezone}", not an IANA zone: their team's zone is used.`);
