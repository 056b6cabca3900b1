/**
 * The routing report from the routing models (src/routing/build.ts): DuckDB aggregates, the
 * section modules shape the few rows into the JSON contract of docs/routing.md.
 */
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { dataFreshness } from '../metrics/freshness.js';
import type { ReportWindow } from '../metrics/window.js';
import { withZoneAssumption, zoneAssumption } from '../metrics/zoneAssumption.js';
import { timed } from '../timing.js';
import { routingTimezone } from './build.js';
import { distribution } from './distribution.js';
import { abm, committees, unassigned } from './lists.js';
import { timeToAssign } from './timeToAssign.js';
import type { RoutingReport } from './types.js';

export { listLimit } from './rows.js';

export async function computeRouting(wh: Warehouse, config: Config, window: ReportWindow): Promise<RoutingReport> {
  const pool = await wh.all<{ owner_id: string; owner: string; weight: number }>(
    'select owner_id, owner, weight from routing_pool order by owner collate "C", owner_id collate "C"',
  );
  const { kinds, rows } = await timed('report: distribution', distribution(wh));
  const unknownPto = await wh.all<{ ref: string }>(
    'select ref from routing_pto where owner_id not in (select owner_id from routing_pool) group by ref order by ref collate "C"',
  );
  const report: RoutingReport = {
    report: 'routing',
    asOf: window.asOf.toISOString(),
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    dataFreshness: await timed('report: freshness', dataFreshness(wh, window.asOf)),
    ...withZoneAssumption(await zoneAssumption(wh)),
    timezone: routingTimezone(config),
    distribution: {
      poolConfigured: config.routing.pool !== undefined,
      pool: pool.map((p) => ({ ownerId: p.owner_id, owner: p.owner ?? p.owner_id, weight: p.weight })),
      pto: config.routing.pto.map((p) => ({ owner: p.owner, from: p.from, to: p.to })),
      kinds,
      rows,
    },
    unassigned: await timed('report: unassigned', unassigned(wh)),
    timeToAssign: await timed('report: time to assign', timeToAssign(wh, window)),
    abm: await timed('report: abm', abm(wh, config)),
    committees: await timed('report: committees', committees(wh, config)),
    warnings: [],
  };
  for (const { ref } of unknownPto) report.warnings.push(`PTO for "${ref}": no owner of that id or name is in the routing pool.`);
  const unshared = await wh.one<{ n: number }>(
    'select cast(coalesce(sum(unshared), 0) as integer) as n from (select distinct kind, week, unshared from routing_distribution) as weeks',
  );
  if ((unshared?.n ?? 0) > 0)
    report.warnings.push(`${unshared!.n} routing decisions fell on days when every pool owner was away: no share was expected for them.`);
  const { fromCreated } = report.timeToAssign;
  if (fromCreated.starts > 0 && fromCreated.noHistory === fromCreated.starts - fromCreated.unassigned && fromCreated.assigned === 0) {
    report.warnings.push(
      'No owner history was loaded (HubSpot hubspot_owner_id property history, Salesforce LeadHistory, canonical field_history): time to assign cannot be measured.',
    );
  }
  return report;
}
