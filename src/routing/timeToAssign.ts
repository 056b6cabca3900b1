/**
 * The time-to-assign section: business and real minutes from creation or MQL entry to the first
 * person assignment (routing_assign_starts, routing_assign_minutes), and the reassignments
 * (routing_lead_owners; the listed ones with their paths in routing_reassigned).
 */
import type { Warehouse } from '../db/connection.js';
import type { ReportWindow } from '../metrics/window.js';
import { iso } from './rows.js';
import { type AssignBucket, type AssignStats, assignBuckets, type ReassignedLead, type RoutingReport } from './types.js';

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

export async function timeToAssign(wh: Warehouse, window: ReportWindow): Promise<RoutingReport['timeToAssign']> {
  // one pass over the starts and their minutes: the counts, quantiles and buckets together
  // (the bucket names are this module's constants, not data)
  const stats = await wh.all<StatsRow & Record<AssignBucket, number>>(
    `select start_kind, cast(count(*) as integer) as starts,
            cast(count(*) filter (where status = 'assigned') as integer) as assigned,
            cast(count(*) filter (where status = 'owned_at_start') as integer) as owned_at_start,
            cast(count(*) filter (where status = 'no_history') as integer) as no_history,
            cast(count(*) filter (where status = 'assigned_untimed') as integer) as untimed,
            cast(count(*) filter (where status = 'unassigned') as integer) as unassigned,
            quantile_cont(wall_minutes, 0.5) as median_minutes,
            quantile_cont(business_minutes, 0.5) as median_business_minutes,
            quantile_cont(business_minutes, 0.9) as p90_business_minutes,
            ${assignBuckets.map((b) => `cast(count(*) filter (where bucket = '${b}') as integer) as "${b}"`).join(',\n            ')}
     from (
       select starts.start_kind, starts.status, minutes.wall_minutes, minutes.business_minutes, case
           when starts.status = 'unassigned' then 'never'
           when minutes.business_minutes < 5 then '<5m'
           when minutes.business_minutes < 30 then '5–30m'
           when minutes.business_minutes < 60 then '30–60m'
           when minutes.business_minutes < 240 then '1–4h'
           when minutes.business_minutes < 1440 then '4–24h'
           when minutes.business_minutes is not null then '>24h' end as bucket
       from routing_assign_ids as starts left join routing_assign_minutes as minutes on minutes.pair_id = starts.start_id) as timed
     group by start_kind order by start_kind collate "C"`,
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
     from routing_reassigned order by ping_pongs desc, reassignments desc, lead_id collate "C"`,
  );
  return {
    fromCreated: toStats('created'),
    fromMql: toStats('mql'),
    buckets: (['created', 'mql'] as const).flatMap((start) =>
      assignBuckets.map((bucket) => ({ start, bucket, n: stats.find((s) => s.start_kind === start)?.[bucket] ?? 0 })),
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
