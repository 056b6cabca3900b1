/**
 * The SLA report: per SLA eligible, met, breached and pending instances with compliance and its
 * Wilson interval (overall, by owner, team, week and --by), the most late breaches and the leaks
 * (counted in SQL; only listed rows come to JS, see breaches.ts). Reads
 * sla_outcomes (build it first with buildSlaOutcomes); aggregation is SQL in sql/sla/.
 */
import { readFile } from 'node:fs/promises';
import type { Warehouse } from '../db/connection.js';
import { dataFreshness } from '../metrics/freshness.js';
import { withZoneAssumption, zoneAssumption } from '../metrics/zoneAssumption.js';
import { rate, wilson95 } from '../metrics/wilson.js';
import type { ReportWindow } from '../metrics/window.js';
import { sqlPath } from '../paths.js';
import { timed } from '../timing.js';
import { describeTarget, type SlaDefinition } from './definitions.js';
import { listedBreachLimit, readListedBreaches } from './breaches.js';
import type { SlaCounts, SlaGroup, SlaLeak, SlaReport } from './types.js';

export interface SlaReportOptions {
  window: ReportWindow;
  slas: readonly SlaDefinition[];
  by?: string;
}

interface CountRow {
  sla_name: string;
  dimension: string;
  key: string;
  eligible: number;
  met: number;
  breached: number;
  pending: number;
  unmeasured: number;
  /** every instance of the group, judged or not */
  instances: number;
}
interface LeakRow {
  lead_id: string;
  owner_id: string | null;
  owner: string;
  team: string;
  start_at: string;
  no_owner: boolean;
  no_touch: boolean;
  no_disposition: boolean;
}

// Full double precision: the JSON is for machines; tables, CSV and HTML round when they show it.

function counts(row: CountRow | undefined): SlaCounts {
  const [met, breached] = [row?.met ?? 0, row?.breached ?? 0];
  return {
    eligible: row?.eligible ?? 0,
    met,
    breached,
    pending: row?.pending ?? 0,
    compliance: rate(met, met + breached),
    ci95: wilson95(met, met + breached),
  };
}

/** The MQL SLAs the leak flags read: the first-touch one and the qualification-decision one. */
export function leakSlas(slas: readonly SlaDefinition[]): { touch: string; decision: string } {
  const fromMql = slas.filter((s) => s.config.start.kind === 'stage' && s.config.start.stage === 'mql' && !s.config.start.afterRecycle);
  return {
    touch: fromMql.find((s) => s.config.end.kind === 'touch')?.name ?? '',
    decision: fromMql.find((s) => s.config.end.kind === 'stage' && s.targetMinutes !== null)?.name ?? '',
  };
}

interface LeakCounts {
  no_owner: number;
  no_touch: number;
  no_disposition: number;
  flagged: number;
}

/**
 * Leak counts in SQL over every MQL start; only the first `listedBreachLimit` flagged ones come to
 * JS. sla_leaks holds the flagged starts; the MQLs are one of the two SLAs' instances, since both
 * start at every MQL entry of the window (leakSlas picks them so), as the compliance rows count them.
 */
async function readLeaks(wh: Warehouse, slas: readonly SlaDefinition[], complianceRows: readonly CountRow[]): Promise<SlaReport['leaks']> {
  const { touch, decision } = leakSlas(slas);
  const params = { touch_sla: touch, decision_sla: decision };
  await wh.run(`create or replace temp table sla_leaks as\n${await readFile(sqlPath('sla/sla__leaks.sql'), 'utf8')}`, params);
  const totals = await wh.one<LeakCounts>(
    `select cast(count(*) filter (where no_owner) as integer) as no_owner,
            cast(count(*) filter (where no_touch) as integer) as no_touch, cast(count(*) filter (where no_disposition) as integer) as no_disposition,
            cast(count(*) as integer) as flagged
     from sla_leaks`,
  );
  const counted = touch || decision;
  const mqls = complianceRows.find((r) => r.sla_name === counted && r.dimension === '')?.instances ?? 0;
  const rows = await wh.all<LeakRow>(
    `select leaks.lead_id, leaks.owner_id, coalesce(leads.owner, '(no owner)') as owner, coalesce(leads.team, '(no team)') as team,
            strftime(make_timestamp(epoch_us(leaks.start_at)), '%Y-%m-%dT%H:%M:%SZ') as start_at, leaks.no_owner, leaks.no_touch, leaks.no_disposition
     -- the listed ones first, then their owners' names: not a join of every flagged start
     from (select * from sla_leaks order by start_at, lead_id collate "C", start_ref limit $limit) as leaks
     left join sla_lead_attributes as leads on leads.lead_id = leaks.lead_id
     order by leaks.start_at, leaks.lead_id collate "C", leaks.start_ref`,
    { limit: listedBreachLimit },
  );
  const leads = rows.map(
    (r): SlaLeak => ({
      leadId: r.lead_id,
      ownerId: r.owner_id,
      owner: r.owner,
      team: r.team,
      startAt: r.start_at,
      noOwner: r.no_owner,
      noTouch: r.no_touch,
      noDisposition: r.no_disposition,
    }),
  );
  return {
    mqls,
    noOwner: totals?.no_owner ?? 0,
    noTouch: totals?.no_touch ?? 0,
    noDisposition: totals?.no_disposition ?? 0,
    leadCount: totals?.flagged ?? 0,
    leads,
  };
}

/** Each SLA's overall counts from sla_outcomes, for the previous period's comparison (no breaches, no leaks). */
export async function slaOverallCounts(wh: Warehouse, slas: readonly SlaDefinition[]): Promise<({ name: string } & SlaCounts)[]> {
  const rows = await wh.all<CountRow>(await readFile(sqlPath('sla/sla__compliance.sql'), 'utf8'));
  return slas.map((sla) => ({ name: sla.name, ...counts(rows.find((r) => r.sla_name === sla.name && r.dimension === '')) }));
}

export async function computeSlaReport(wh: Warehouse, options: SlaReportOptions): Promise<SlaReport> {
  const { window, slas } = options;
  const rows = await timed('compliance', wh.all<CountRow>(await readFile(sqlPath('sla/sla__compliance.sql'), 'utf8')));
  if (options.by) rows.push(...(await wh.all<CountRow>(await readFile(sqlPath('sla/sla__compliance_by.sql'), 'utf8'))));
  const dimensions: SlaGroup['dimension'][] = ['owner', 'team', 'week', ...(options.by ? (['by'] as const) : [])];
  const summaries = slas.map((sla) => {
    const own = rows.filter((r) => r.sla_name === sla.name);
    return {
      name: sla.name,
      label: sla.label,
      target: describeTarget(sla.config.target),
      requiredFields: sla.config.requiredFields,
      ...counts(own.find((r) => r.dimension === '')),
      groups: dimensions.flatMap((dimension) => own.filter((r) => r.dimension === dimension).map((r): SlaGroup => ({ dimension, key: r.key, ...counts(r) }))),
    };
  });
  const breaches = await timed('listed breaches', readListedBreaches(wh));
  const warnings: string[] = [];
  const unmeasured = rows.filter((r) => r.dimension === '').reduce((sum, r) => sum + r.unmeasured, 0);
  if (unmeasured > 0) warnings.push(`${unmeasured} SLA instances have a deadline outside the business calendar and are not judged.`);
  if (summaries.every((s) => s.eligible === 0)) warnings.push(`No SLA instance starts between ${window.from.toISOString()} and ${window.to.toISOString()}.`);
  return {
    report: 'sla',
    asOf: window.asOf.toISOString(),
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    dataFreshness: await dataFreshness(wh, window.asOf),
    ...withZoneAssumption(await zoneAssumption(wh)),
    slas: summaries,
    breachCount: summaries.reduce((sum, s) => sum + s.breached, 0),
    breaches,
    leaks: await timed('leaks', readLeaks(wh, slas, rows)),
    warnings,
  };
}
