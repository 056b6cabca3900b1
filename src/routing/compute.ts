/**
 * The routing report from the routing models (src/routing/build.ts): DuckDB aggregates, this
 * module shapes the few rows into the JSON contract of docs/routing.md.
 */
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { dataFreshness } from '../metrics/freshness.js';
import { rate, wilson95 } from '../metrics/wilson.js';
import type { ReportWindow } from '../metrics/window.js';
import { withZoneAssumption, zoneAssumption } from '../metrics/zoneAssumption.js';
import { routingTimezone, tierTargetMinutes } from './build.js';
import { fairness, furthestOff, residual } from './fairness.js';
import {
  type AbmBreach,
  type AbmTier,
  type AssignBucket,
  type AssignStats,
  assignBuckets,
  type BuyingCommittee,
  type DistributionKind,
  type DistributionRow,
  type ReassignedLead,
  type RoutingKind,
  type RoutingReport,
  type UnassignedLead,
  type UnassignedReason,
} from './types.js';

/** Lists in the JSON stop here; counts always cover everything. */
export const listLimit = 1000;

const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : value === null || value === undefined ? null : String(value));
const day = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

async function distribution(wh: Warehouse): Promise<{ kinds: DistributionKind[]; rows: DistributionRow[] }> {
  const raw = await wh.all<{ kind: RoutingKind; week: Date; owner_id: string; owner: string; actual: number; expected: number }>(
    'select kind, week, owner_id, owner, actual, expected from routing_distribution order by kind, week, owner, owner_id',
  );
  const rows: DistributionRow[] = raw.map((r) => ({
    kind: r.kind,
    week: day(r.week),
    ownerId: r.owner_id,
    owner: r.owner ?? r.owner_id,
    actual: r.actual,
    expected: r.expected,
  }));
  const counts = await wh.all<{ kind: RoutingKind; decisions: number; pooled: number }>(
    `select kind, cast(count(*) as integer) as decisions,
            cast(count(*) filter (where owner_id in (select owner_id from routing_pool)) as integer) as pooled
     from routing_events group by kind order by kind`,
  );
  const kinds = (['lead', 'mql'] as const).map((kind): DistributionKind => {
    const mine = rows.filter((r) => r.kind === kind);
    const byOwner = new Map<string, { ownerId: string; owner: string; actual: number; expected: number }>();
    for (const r of mine) {
      const o = byOwner.get(r.ownerId) ?? { ownerId: r.ownerId, owner: r.owner, actual: 0, expected: 0 };
      o.actual += r.actual;
      o.expected += r.expected;
      byOwner.set(r.ownerId, o);
    }
    const owners = [...byOwner.values()]
      .map((o) => ({ ...o, residual: residual(o.actual, o.expected) }))
      .sort((a, b) => b.actual - a.actual || a.owner.localeCompare(b.owner));
    const weeks = [...new Set(mine.map((r) => r.week))].map((week) => ({ week, ...fairness(mine.filter((r) => r.week === week)) }));
    const count = counts.find((c) => c.kind === kind);
    return {
      kind,
      decisions: count?.decisions ?? 0,
      outsidePool: (count?.decisions ?? 0) - (count?.pooled ?? 0),
      overall: fairness(owners),
      owners,
      furthestOff: furthestOff(owners),
      weeks,
    };
  });
  return { kinds, rows };
}

interface StatsRow {
  start_kind: 'created' | 'mql';
  starts: number;
  assigned: number;
  owned_at_start: number;
  no_history: number;
  untimed: number;
  unassigned: number;
  median_minutes: number | null;
  median_business_minutes: number | null;
  p90_business_minutes: number | null;
}

async function timeToAssign(wh: Warehouse, window: ReportWindow): Promise<RoutingReport['timeToAssign']> {
  const measured = `routing_assign_starts as starts left join routing_assign_minutes as minutes on minutes.pair_id = starts.start_id`;
  const stats = await wh.all<StatsRow>(
    `select starts.start_kind, cast(count(*) as integer) as starts,
            cast(count(*) filter (where status = 'assigned') as integer) as assigned,
            cast(count(*) filter (where status = 'owned_at_start') as integer) as owned_at_start,
            cast(count(*) filter (where status = 'no_history') as integer) as no_history,
            cast(count(*) filter (where status = 'assigned_untimed') as integer) as untimed,
            cast(count(*) filter (where status = 'unassigned') as integer) as unassigned,
            quantile_cont(minutes.wall_minutes, 0.5) as median_minutes,
            quantile_cont(minutes.business_minutes, 0.5) as median_business_minutes,
            quantile_cont(minutes.business_minutes, 0.9) as p90_business_minutes
     from ${measured} group by starts.start_kind order by starts.start_kind`,
  );
  const bucketRows = await wh.all<{ start_kind: 'created' | 'mql'; bucket: AssignBucket; n: number }>(
    `select starts.start_kind, case
        when status = 'unassigned' then 'never'
        when minutes.business_minutes < 5 then '<5m'
        when minutes.business_minutes < 30 then '5–30m'
        when minutes.business_minutes < 60 then '30–60m'
        when minutes.business_minutes < 240 then '1–4h'
        when minutes.business_minutes < 1440 then '4–24h'
        else '>24h' end as bucket, cast(count(*) as integer) as n
     from ${measured}
     where status = 'unassigned' or minutes.business_minutes is not null
     group by all order by all`,
  );
  const toStats = (kind: 'created' | 'mql'): AssignStats => {
    const r = stats.find((s) => s.start_kind === kind);
    return {
      starts: r?.starts ?? 0,
      assigned: r?.assigned ?? 0,
      ownedAtStart: r?.owned_at_start ?? 0,
      noHistory: r?.no_history ?? 0,
      untimed: r?.untimed ?? 0,
      unassigned: r?.unassigned ?? 0,
      medianMinutes: r?.median_minutes ?? null,
      medianBusinessMinutes: r?.median_business_minutes ?? null,
      p90BusinessMinutes: r?.p90_business_minutes ?? null,
    };
  };
  // leads whose owner changed in the window (their last assignment falls in it)
  const inWindow = 'last_assigned_at >= $from and reassignments > 0';
  const totals = await wh.one<{ leads: number; reassignments: number; ping_pong: number }>(
    `select cast(count(*) as integer) as leads, cast(coalesce(sum(reassignments), 0) as integer) as reassignments,
            cast(count(*) filter (where ping_pongs > 0) as integer) as ping_pong
     from routing_lead_owners where ${inWindow}`,
    { from: window.from },
  );
  const listed = await wh.all<{ lead_id: string; reassignments: number; ping_pongs: number; path: string; first_assigned_at: Date; last_assigned_at: Date }>(
    `select lead_id, reassignments, ping_pongs, path, first_assigned_at, last_assigned_at
     from routing_lead_owners where ${inWindow}
     order by ping_pongs desc, reassignments desc, lead_id limit ${listLimit}`,
    { from: window.from },
  );
  return {
    fromCreated: toStats('created'),
    fromMql: toStats('mql'),
    buckets: (['created', 'mql'] as const).flatMap((start) =>
      assignBuckets.map((bucket) => ({ start, bucket, n: bucketRows.find((b) => b.start_kind === start && b.bucket === bucket)?.n ?? 0 })),
    ),
    reassignedLeads: totals?.leads ?? 0,
    reassignments: totals?.reassignments ?? 0,
    pingPongLeads: totals?.ping_pong ?? 0,
    reassigned: listed.map(
      (r): ReassignedLead => ({
        leadId: r.lead_id,
        reassignments: r.reassignments,
        pingPongs: r.ping_pongs,
        path: r.path,
        firstAssignedAt: iso(r.first_assigned_at)!,
        lastAssignedAt: iso(r.last_assigned_at)!,
      }),
    ),
  };
}

async function unassigned(wh: Warehouse): Promise<RoutingReport['unassigned']> {
  const byReason = await wh.all<{ reason: UnassignedReason; n: number }>(
    'select reason, cast(count(*) as integer) as n from routing_unassigned group by reason',
  );
  const count = (reason: UnassignedReason) => byReason.find((r) => r.reason === reason)?.n ?? 0;
  const never = await wh.one<{ n: number }>(
    `select cast(count(*) as integer) as n from routing_assign_starts where start_kind = 'mql' and status = 'unassigned'`,
  );
  const rows = await wh.all<Record<string, unknown>>(`select * from routing_unassigned order by age_days desc nulls last, lead_id limit ${listLimit}`);
  return {
    count: byReason.reduce((sum, r) => sum + r.n, 0),
    byReason: { no_owner: count('no_owner'), queue: count('queue'), inactive_owner: count('inactive_owner') },
    mqlsNeverOwned: never?.n ?? 0,
    leads: rows.map(
      (r): UnassignedLead => ({
        leadId: String(r.lead_id),
        company: (r.company as string | null) ?? null,
        ownerId: (r.owner_id as string | null) ?? null,
        owner: (r.owner as string | null) ?? null,
        reason: r.reason as UnassignedReason,
        stage: (r.stage as string | null) ?? null,
        createdAt: iso(r.created_at),
        ageDays: (r.age_days as number | null) ?? null,
        neverOwnedMql: Boolean(r.never_owned_mql),
      }),
    ),
  };
}

const targetText = (target: number | 'sameBusinessDay') =>
  target === 'sameBusinessDay' ? 'same business day' : `${target} business hour${target === 1 ? '' : 's'}`;

async function abm(wh: Warehouse, config: Config): Promise<RoutingReport['abm']> {
  const counts = await wh.all<{ tier: number; status: string; n: number }>(
    'select tier, status, cast(count(*) as integer) as n from routing_abm_judged group by all order by all',
  );
  const n = (tier: number, status: string) => counts.find((c) => c.tier === tier && c.status === status)?.n ?? 0;
  const tiers = ([1, 2, 3] as const).map((tier): AbmTier => {
    const target = config.routing.abm.targets[String(tier) as '1' | '2' | '3'];
    const [met, breached] = [n(tier, 'met'), n(tier, 'breached')];
    return {
      tier,
      target: targetText(target),
      targetMinutes: tierTargetMinutes(target),
      eligible: counts.filter((c) => c.tier === tier).reduce((sum, c) => sum + c.n, 0),
      met,
      breached,
      pending: n(tier, 'pending'),
      unmeasured: n(tier, 'unmeasured'),
      compliance: rate(met, met + breached),
      ci95: wilson95(met, met + breached),
    };
  });
  const met = tiers.reduce((sum, t) => sum + t.met, 0);
  const breached = tiers.reduce((sum, t) => sum + t.breached, 0);
  const breaches = await wh.all<{ lead_id: string; company: string | null; tier: 1 | 2 | 3; start_at: Date; deadline_at: Date | null; end_at: Date | null }>(
    `select lead_id, company, tier, start_at, deadline_at, end_at from routing_abm_judged where status = 'breached'
     order by start_at, lead_id limit ${listLimit}`,
  );
  return {
    tierField: config.routing.abm.tierField,
    tiers,
    compliance: rate(met, met + breached),
    breaches: breaches.map(
      (b): AbmBreach => ({
        leadId: b.lead_id,
        company: b.company,
        tier: b.tier,
        startAt: iso(b.start_at)!,
        deadlineAt: iso(b.deadline_at),
        endAt: iso(b.end_at),
      }),
    ),
  };
}

async function committees(wh: Warehouse, config: Config): Promise<RoutingReport['committees']> {
  const rows = await wh.all<{
    account_key: string;
    account: string | null;
    contacts: number;
    window_start: Date;
    window_end: Date;
    lead_ids: string[];
    owners: string[];
    shared_owner: boolean;
  }>(`select * from routing_committees order by contacts desc, account_key limit ${listLimit}`);
  return {
    minContacts: config.routing.committee.minContacts,
    windowDays: config.routing.committee.windowDays,
    accounts: rows.map(
      (r): BuyingCommittee => ({
        accountKey: r.account_key,
        account: r.account,
        contacts: r.contacts,
        windowStart: iso(r.window_start)!,
        windowEnd: iso(r.window_end)!,
        leadIds: [...r.lead_ids],
        owners: [...r.owners],
        sharedOwner: r.shared_owner,
      }),
    ),
  };
}

export async function computeRouting(wh: Warehouse, config: Config, window: ReportWindow): Promise<RoutingReport> {
  const pool = await wh.all<{ owner_id: string; owner: string; weight: number }>('select owner_id, owner, weight from routing_pool order by owner, owner_id');
  const { kinds, rows } = await distribution(wh);
  const unknownPto = await wh.all<{ ref: string }>(
    'select distinct ref from routing_pto where owner_id not in (select owner_id from routing_pool) order by ref',
  );
  const report: RoutingReport = {
    report: 'routing',
    asOf: window.asOf.toISOString(),
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    dataFreshness: await dataFreshness(wh, window.asOf),
    ...withZoneAssumption(await zoneAssumption(wh)),
    timezone: routingTimezone(config),
    distribution: {
      poolConfigured: config.routing.pool !== undefined,
      pool: pool.map((p) => ({ ownerId: p.owner_id, owner: p.owner ?? p.owner_id, weight: p.weight })),
      pto: config.routing.pto.map((p) => ({ owner: p.owner, from: p.from, to: p.to })),
      kinds,
      rows,
    },
    unassigned: await unassigned(wh),
    timeToAssign: await timeToAssign(wh, window),
    abm: await abm(wh, config),
    committees: await committees(wh, config),
    warnings: [],
  };
  for (const { ref } of unknownPto) report.warnings.push(`PTO for "${ref}": no owner of that id or name is in the routing pool.`);
  const unshared = await wh.one<{ n: number }>(
    'select cast(coalesce(sum(unshared), 0) as integer) as n from (select distinct kind, week, unshared from routing_distribution)',
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
