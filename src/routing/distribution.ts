/**
 * The distribution section: routing decisions per owner and week against the expected share
 * (routing_distribution), with the fairness figures per week and over the window.
 */
import type { Warehouse } from '../db/connection.js';
import { fairness, furthestOff, residual } from './fairness.js';
import type { DistributionKind, DistributionRow, RoutingKind } from './types.js';

const day = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

export async function distribution(wh: Warehouse): Promise<{ kinds: DistributionKind[]; rows: DistributionRow[] }> {
  const raw = await wh.all<{ kind: RoutingKind; week: Date; owner_id: string; owner: string; actual: number; expected: number }>(
    'select kind, week, owner_id, owner, actual, expected from routing_distribution order by kind collate "C", week, owner collate "C", owner_id collate "C"',
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
     from routing_events group by kind order by kind collate "C"`,
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
