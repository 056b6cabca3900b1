/**
 * The unassigned, ABM and buying-committee sections: counts over everything, lists capped at
 * listLimit, from routing_unassigned, routing_abm_judged and routing_committees.
 */
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { rate, wilson95 } from '../metrics/wilson.js';
import { tierTargetMinutes } from './build.js';
import { iso, listLimit } from './rows.js';
import type { AbmBreach, AbmTier, BuyingCommittee, RoutingReport, UnassignedLead, UnassignedReason } from './types.js';

export async function unassigned(wh: Warehouse): Promise<RoutingReport['unassigned']> {
  const byReason = await wh.all<{ reason: UnassignedReason; n: number }>(
    'select reason, cast(count(*) as integer) as n from routing_unassigned group by reason',
  );
  const count = (reason: UnassignedReason) => byReason.find((r) => r.reason === reason)?.n ?? 0;
  const never = await wh.one<{ n: number }>(
    `select cast(count(*) as integer) as n from routing_assign_starts where start_kind = 'mql' and status = 'unassigned'`,
  );
  const rows = await wh.all<Record<string, unknown>>(
    `select * from routing_unassigned order by age_days desc nulls last, lead_id collate "C" limit ${listLimit}`,
  );
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

export async function abm(wh: Warehouse, config: Config): Promise<RoutingReport['abm']> {
  const counts = await wh.all<{ tier: number; status: string; n: number }>(
    'select tier, status, cast(count(*) as integer) as n from routing_abm_judged group by tier, status order by tier, status collate "C"',
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
     order by start_at, lead_id collate "C" limit ${listLimit}`,
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

export async function committees(wh: Warehouse, config: Config): Promise<RoutingReport['committees']> {
  const rows = await wh.all<{
    account_key: string;
    account: string | null;
    contacts: number;
    window_start: Date;
    window_end: Date;
    lead_ids: string[];
    owners: string[];
    shared_owner: boolean;
  }>(`select * from routing_committees order by contacts desc, account_key collate "C" limit ${listLimit}`);
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
