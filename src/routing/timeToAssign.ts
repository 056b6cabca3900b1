/**
 * The time-to-assign section: business and real minutes from creation or MQL entry to the first
 * person assignment (routing_assign_starts, routing_assign_minutes), and the reassignments.
 */
import type { Warehouse } from '../db/connection.js';
import type { ReportWindow } from '../metrics/window.js';
import { iso, listLimit } from './rows.js';
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
