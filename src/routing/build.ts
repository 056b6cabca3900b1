/**
 * Builds the routing models (sql/routing/*.sql) as temp tables for one window: owner history,
 * assignment starts with their business time, routing decisions against the pool's shares, ABM
 * verdicts and buying committees. The config's pool, weights, PTO and ABM accounts go in as
 * parameters into small tables; everything else happens in SQL.
 */
import { computeBusinessDeadlines, computeBusinessMinutes } from '../calendar/businessTime.js';
import { buildOwnerCalendars } from '../calendar/ownerCalendars.js';
import type { Config } from '../config/config.js';
import type { TierTarget } from '../config/routing.js';
import type { Warehouse } from '../db/connection.js';
import type { ReportWindow } from '../metrics/window.js';
import { timed } from '../timing.js';
import { listLimit } from './rows.js';

const DAY_MS = 86_400_000;

/**
 * One model as a temp table (or view); with REVOPS_PROFILE its time is printed under its name. The
 * engine's own version of the model when it has one (sql/engines/<engine>/routing/).
 */
async function model(wh: Warehouse, name: string, params?: Record<string, unknown>, kind: 'table' | 'view' = 'table'): Promise<void> {
  const file = `routing/${name.replace('routing_', 'routing__')}.sql`;
  const select = await wh.modelSql(file);
  try {
    await timed(name, wh.run(`create or replace temp ${kind} ${name} as\n${select}`, params));
  } catch (error) {
    throw new Error(`sql/${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Rows into a small temp table, every value a parameter. */
async function smallTable(wh: Warehouse, name: string, columns: string, rows: unknown[][]): Promise<void> {
  await wh.run(`create or replace temp table ${name} (${columns})`);
  const width = columns.split(',').length;
  for (let start = 0; start < rows.length; start += 200) {
    const chunk = rows.slice(start, start + 200);
    const tuples = chunk.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`);
    await wh.run(`insert into ${name} values ${tuples.join(', ')}`, chunk.flat());
  }
}

/** A tier's target as business minutes for the deadline model; same business day asks for the clock start (0). */
export const tierTargetMinutes = (target: TierTarget): number | null => (target === 'sameBusinessDay' ? null : target * 60);

export function routingTimezone(config: Config): string {
  return config.calendar.timezone ?? config.timezone;
}

export async function buildRoutingModels(
  wh: Warehouse,
  config: Config,
  window: ReportWindow,
): Promise<{ invalidOwnerZones: { ownerId: string; timezone: string }[] }> {
  const routing = config.routing;
  const range = { from: window.from, to: new Date(window.asOf.getTime() + 14 * DAY_MS), defaultTimezone: config.timezone };
  const calendars = await timed('owner calendars', buildOwnerCalendars(wh, config.calendar, range));
  const span = { from: window.from, to: window.to, as_of: window.asOf };

  await model(wh, 'routing_owner_keys');
  await model(wh, 'routing_owner_changes', { as_of: window.asOf });
  await model(wh, 'routing_lead_owners');
  await model(wh, 'routing_reassigned', { from: window.from, limit: listLimit });
  await model(wh, 'routing_assign_starts', span);
  // a start is named by its row's place in the table (routing__assign_ids.sql): the table is
  // written once, so the id holds for this run
  await model(wh, 'routing_assign_ids', undefined, 'view');
  await wh.run(`create or replace temp view routing_assign_pairs as
    select start_id as pair_id, calendar_key, start_at, end_at from routing_assign_ids where status = 'assigned'`);
  await timed('assign minutes', computeBusinessMinutes(wh, 'routing_assign_pairs', { output: 'routing_assign_minutes' }));

  await model(wh, 'routing_events', { timezone: routingTimezone(config) });
  const owners = [
    ...(routing.pool ?? []).map((ref) => [ref, 'pool', null]),
    ...Object.entries(routing.weights).map(([ref, weight]) => [ref, 'weight', weight]),
  ];
  await smallTable(wh, 'routing_config_owners', 'ref varchar, role varchar, weight double', owners);
  await model(wh, 'routing_pool', { configured: routing.pool !== undefined });
  await smallTable(
    wh,
    'routing_config_pto',
    'ref varchar, from_day date, to_day date',
    routing.pto.map((p) => [p.owner, p.from, p.to]),
  );
  await wh.run(`create or replace temp table routing_pto as
    select coalesce(keys.owner_id, pto.ref) as owner_id, pto.ref, pto.from_day, pto.to_day
    from routing_config_pto as pto left join routing_owner_keys as keys on keys.owner_key = pto.ref`);
  await model(wh, 'routing_distribution');

  await model(wh, 'routing_unassigned', { as_of: window.asOf });

  await smallTable(
    wh,
    'routing_abm_accounts',
    'account_ref varchar, tier integer',
    Object.entries(routing.abm.accounts).map(([ref, tier]) => [ref.trim().toLowerCase(), tier]),
  );
  await smallTable(
    wh,
    'routing_abm_targets',
    'tier integer, target_minutes double, same_day boolean',
    ([1, 2, 3] as const).map((tier) => {
      const target = routing.abm.targets[String(tier) as '1' | '2' | '3'];
      return [tier, tierTargetMinutes(target) ?? 0, target === 'sameBusinessDay'];
    }),
  );
  await model(wh, 'routing_abm', { ...span, tier_field: routing.abm.tierField });
  await wh.run(`create or replace temp view routing_abm_requests as
    select abm.request_id, abm.calendar_key, abm.start_at, targets.target_minutes
    from routing_abm as abm join routing_abm_targets as targets on targets.tier = abm.tier`);
  await computeBusinessDeadlines(wh, 'routing_abm_requests', { output: 'routing_abm_deadlines' });
  await wh.run('create or replace temp table routing_as_of as select cast($as_of as timestamptz) as as_of', { as_of: window.asOf });
  await model(wh, 'routing_abm_judged');

  await model(wh, 'routing_committees', {
    from: window.from,
    as_of: window.asOf,
    min_contacts: routing.committee.minContacts,
    window_days: routing.committee.windowDays,
    limit: listLimit,
  });
  return { invalidOwnerZones: calendars.invalidOwnerZones };
}
