/**
 * The routing report on the hand-built fixture (test/routing/support.ts). By hand:
 * Time to assign from creation (New York calendar, 09:00–17:00 Mon–Fri):
 *   L01 Fri 03-08 16:00 EST → Mon 03-11 10:00 EDT: 60 + 60 = 120 business minutes across a weekend
 *       and the spring-forward night; real 21:00Z → 14:00Z three days on = 65 h = 3900 minutes
 *   L02 Fri 03-15 15:30 EDT → Mon 03-18 09:45 EDT: 90 + 45 = 135; real 3975
 *   L03 10, L04 30 (a queue first: 00G… is nobody), L05 5
 *   L09 owned by Ben with no owner history: not measurable; L06 (queue) and L07 (no owner): unassigned
 *   business 5 10 30 120 135 → median 30, p90 at rank 3.6: 120 + 0.6 × 15 = 129
 * Distribution of new leads: week of 03-04 Ana 3 (L01 L03 L04), Ben 1 (L09), Chen 1 (L05), each
 * expected 5/3; week of 03-11 Ben 1 (L02), each expected 1/3. L06 and L07 went to nobody.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { routingOn } from '../../src/commands/routing.js';
import { renderReportHtml } from '../../src/reports/html.js';
import { routingReportDocument } from '../../src/reports/routingReport.js';
import { routingTiles } from '../../src/reports/routingTiles.js';
import type { RoutingReport } from '../../src/routing/types.js';
import { openTestWarehouse } from '../helpers/db.js';
import { routingReport } from './support.js';

let report: RoutingReport;
beforeAll(async () => {
  report = await routingReport();
}, 60_000);

describe('time to assign', () => {
  it('measures creation → first assignment in business minutes across a weekend and a DST change', () => {
    const { fromCreated } = report.timeToAssign;
    expect(fromCreated).toMatchObject({ starts: 8, assigned: 5, noHistory: 1, unassigned: 2, ownedAtStart: 0, untimed: 0 });
    expect(fromCreated.medianBusinessMinutes).toBe(30);
    expect(fromCreated.p90BusinessMinutes).toBeCloseTo(129, 9);
    expect(fromCreated.medianMinutes).toBe(30);
    const created = Object.fromEntries(report.timeToAssign.buckets.filter((b) => b.start === 'created').map((b) => [b.bucket, b.n]));
    // 5 is not under 5: L05 and L03 are 5–30m; L04 30–60m; L01 120 and L02 135 are 1–4h
    expect(created).toEqual({ '<5m': 0, '5–30m': 2, '30–60m': 1, '1–4h': 2, '4–24h': 0, '>24h': 0, never: 2 });
  });

  it('measures MQL → assignment only for MQLs nobody owned at entry', () => {
    // L02 MQL at creation, assigned Monday (135); L03 owned by Ben at its MQL; L07 never owned;
    // the six ABM MQLs are owned by Ana with no history; L99, known only from a stage event, has no
    // exported owner and is left out
    expect(report.timeToAssign.fromMql).toMatchObject({ starts: 9, assigned: 1, ownedAtStart: 1, noHistory: 6, unassigned: 1, medianBusinessMinutes: 135 });
  });

  it('counts reassignments and lists the ping-pong, a queue in between being no step', () => {
    expect(report.timeToAssign).toMatchObject({ reassignedLeads: 1, reassignments: 3, pingPongLeads: 1 });
    expect(report.timeToAssign.reassigned).toEqual([
      {
        leadId: 'L03',
        reassignments: 3,
        pingPongs: 1,
        path: 'Ana Ruiz → Ben Carter → Ana Ruiz → Chen Wei',
        firstAssignedAt: '2024-03-05T14:10:00.000Z',
        lastAssignedAt: '2024-03-08T15:00:00.000Z',
      },
    ]);
  });
});

describe('distribution', () => {
  it('counts new leads per owner and week against equal shares, with the fairness figures', () => {
    const leads = report.distribution.kinds.find((k) => k.kind === 'lead')!;
    expect(report.distribution.pool.map((p) => [p.owner, p.weight])).toEqual([
      ['Ana Ruiz', 1],
      ['Ben Carter', 1],
      ['Chen Wei', 1],
    ]);
    expect(leads).toMatchObject({ decisions: 8, outsidePool: 2 });
    // week of 03-04: χ² = ((3 − 5/3)² + 2 (1 − 5/3)²) ÷ 5/3 = 8/5; df 2: p = e^(−0.8); max/min 3 ÷ 1
    const [first, second] = leads.weeks;
    expect(first).toMatchObject({ week: '2024-03-04', total: 5, df: 2, toAbsentOwners: 0 });
    expect(first!.chiSquare).toBeCloseTo(1.6, 12);
    expect(first!.pValue).toBeCloseTo(Math.exp(-0.8), 12);
    expect(first!.maxMinRatio).toBeCloseTo(3, 12);
    // week of 03-11: only Ben's L02: χ² = (1/9 + 4/9 + 1/9) ÷ 1/3 = 2, p = e^(−1); the lowest got none
    expect(second).toMatchObject({ week: '2024-03-11', total: 1, maxMinRatio: null, df: 2 });
    expect(second!.chiSquare).toBeCloseTo(2, 12);
    expect(second!.pValue).toBeCloseTo(Math.exp(-1), 12);
    // the window: Ana 3, Ben 2, Chen 1, each expected 2: χ² = (1 + 0 + 1) ÷ 2 = 1, p = e^(−0.5)
    expect(leads.overall.chiSquare).toBeCloseTo(1, 12);
    expect(leads.overall.pValue).toBeCloseTo(Math.exp(-0.5), 12);
    expect(leads.overall.maxMinRatio).toBeCloseTo(3, 12);
    // Ben is on his share (2 of 2) and not listed; shares summed in floating point keep every digit
    expect(leads.furthestOff.map((o) => [o.owner, o.actual, Number(o.expected.toFixed(12))])).toEqual([
      ['Ana Ruiz', 3, 2],
      ['Chen Wei', 1, 2],
    ]);
    expect(leads.furthestOff[0]!.residual).toBeCloseTo(1 / Math.SQRT2, 12);
  });

  it('the fairness tile states the p-value as p = 0.607, or as p < 0.001 when smaller', () => {
    const detail = (r: RoutingReport) => routingTiles(r).find((t) => t.key === 'fairness')!.detail;
    // the window: χ² = 1, df 2, p = e^(−0.5) = 0.6065…
    expect(detail(report)).toBe('χ² 1.0 (df 2) · p = 0.607');
    const kinds = report.distribution.kinds.map((k) => (k.kind === 'lead' ? { ...k, overall: { ...k.overall, chiSquare: 30, pValue: Math.exp(-15) } } : k));
    expect(detail({ ...report, distribution: { ...report.distribution, kinds } })).toBe('χ² 30.0 (df 2) · p < 0.001');
  });

  it("takes PTO days out of the absent owner's expected share", async () => {
    const away = await routingReport({ pto: [{ owner: 'Chen Wei', from: '2024-03-06', to: '2024-03-08' }] });
    const week = away.distribution.kinds.find((k) => k.kind === 'lead')!.weeks[0]!;
    // one lead a day Mon–Fri; Chen away Wed–Fri: Ana and Ben expect 1/3 + 1/3 + 3 × 1/2 = 13/6, Chen 2/3
    const expected = Object.fromEntries(away.distribution.rows.filter((r) => r.kind === 'lead' && r.week === '2024-03-04').map((r) => [r.owner, r.expected]));
    expect(expected['Ana Ruiz']).toBeCloseTo(13 / 6, 12);
    expect(expected['Ben Carter']).toBeCloseTo(13 / 6, 12);
    expect(expected['Chen Wei']).toBeCloseTo(2 / 3, 12);
    // χ² = (5/6)² ÷ 13/6 + (7/6)² ÷ 13/6 + (1/3)² ÷ 2/3 = 25/78 + 49/78 + 13/78 = 87/78
    expect(week.chiSquare).toBeCloseTo(87 / 78, 12);
    expect(week.pValue).toBeCloseTo(Math.exp(-87 / 156), 12);
    // ratios 18/13, 6/13 and 3/2: max/min = (3/2) ÷ (6/13) = 13/4
    expect(week.maxMinRatio).toBeCloseTo(13 / 4, 12);
  });

  it('weighs the expected share by capacity', async () => {
    const weighted = await routingReport({ weights: { 'Ana Ruiz': 2 } });
    const owners = weighted.distribution.kinds.find((k) => k.kind === 'lead')!.owners;
    // six decisions shared 2:1:1
    expect(owners.map((o) => [o.owner, Number(o.expected.toFixed(12))])).toEqual([
      ['Ana Ruiz', 3],
      ['Ben Carter', 1.5],
      ['Chen Wei', 1.5],
    ]);
  });
});

describe('unassigned and leaky', () => {
  it('lists leads with no owner, a queue owner or an inactive owner, oldest first, with their age', () => {
    const { unassigned } = report;
    expect(unassigned).toMatchObject({ count: 3, byReason: { no_owner: 1, queue: 1, inactive_owner: 1 }, mqlsNeverOwned: 1 });
    expect(unassigned.leads.map((l) => [l.leadId, l.reason, l.owner, l.neverOwnedMql])).toEqual([
      ['L08', 'inactive_owner', 'Dara Singh', false],
      ['L06', 'queue', '00G5e000000Qu01AAC', false],
      ['L07', 'no_owner', null, true],
    ]);
    // 2024-01-10 15:00Z to 2024-03-20 00:00Z: 69 days and 9 hours
    expect(unassigned.leads[0]!.ageDays).toBeCloseTo(69.375, 12);
    expect(unassigned.leads[2]!.ageDays).toBeCloseTo(6.375, 12);
  });
});

describe('ABM tiers', () => {
  it("judges MQL → first touch against each tier's target on the business calendar", () => {
    // tier 1 (1 h): L10 (field "Tier 1") 45 min, met; L11 (config account ACC-2) Tue 16:30 → due Wed
    //   09:30, touched 09:45 (its own incoming email is no touch): breached
    // tier 2 (4 h): L12 210 min, met; L15 Tue 16:00 → due Wed 12:00, after the as-of: pending
    // tier 3 (same business day): L13 Thu 16:00 → due 17:00, touched Fri: breached; L14 arrives
    //   Thu 22:00 → due Fri 17:00, touched 16:00: met
    expect(report.abm.tiers.map((t) => [t.tier, t.target, t.eligible, t.met, t.breached, t.pending, t.compliance])).toEqual([
      [1, '1 business hour', 2, 1, 1, 0, 0.5],
      [2, '4 business hours', 2, 1, 0, 1, 1],
      [3, 'same business day', 2, 1, 1, 0, 0.5],
    ]);
    expect(report.abm.compliance).toBeCloseTo(0.6, 12);
    expect(report.abm.breaches).toEqual([
      {
        leadId: 'L11',
        company: 'Stark Metal',
        tier: 1,
        startAt: '2024-03-12T20:30:00.000Z',
        deadlineAt: '2024-03-13T13:30:00.000Z',
        endAt: '2024-03-13T13:45:00.000Z',
      },
      {
        leadId: 'L13',
        company: 'Tyrell Bio',
        tier: 3,
        startAt: '2024-03-14T20:00:00.000Z',
        deadlineAt: '2024-03-14T21:00:00.000Z',
        endAt: '2024-03-15T14:00:00.000Z',
      },
    ]);
  });

  it('takes the targets from the config', async () => {
    const strict = await routingReport({ abm: { accounts: { 'ACC-2': 1 }, targets: { '2': 3 } } });
    // L12's 210 minutes miss a 3-hour target
    expect(strict.abm.tiers[1]).toMatchObject({ target: '3 business hours', targetMinutes: 180, met: 0, breached: 1, pending: 1 });
  });
});

describe('buying committees', () => {
  it('finds accounts with three contacts engaging within 30 days, and whether they share an owner', () => {
    // Globex: L16 03-05, L17 03-12, L18 03-18, all Ana's. Hooli: L24 03-01, L25 03-02 and L26's
    // incoming email 03-03, three owners. Near misses: Initech has two contacts; Umbrella's three
    // (02-05, 02-20, 03-10) never fall within 30 days of each other.
    expect(report.committees.accounts).toEqual([
      {
        accountKey: 'ACC-3',
        account: 'Globex',
        contacts: 3,
        windowStart: '2024-03-05T16:00:00.000Z',
        windowEnd: '2024-03-18T16:00:00.000Z',
        leadIds: ['L16', 'L17', 'L18'],
        owners: ['Ana Ruiz'],
        sharedOwner: true,
      },
      {
        accountKey: 'ACC-6',
        account: 'Hooli',
        contacts: 3,
        windowStart: '2024-03-01T16:00:00.000Z',
        windowEnd: '2024-03-03T16:00:00.000Z',
        leadIds: ['L24', 'L25', 'L26'],
        owners: ['Ana Ruiz', 'Ben Carter', 'Chen Wei'],
        sharedOwner: false,
      },
    ]);
  });

  it('takes the window from the config: Umbrella is a committee within 35 days', async () => {
    const wide = await routingReport({ committee: { windowDays: 35 } });
    // three contacts each, in account order
    expect(wide.committees.accounts.map((c) => c.account)).toEqual(['Globex', 'Umbrella', 'Hooli']);
  });
});

describe('an empty warehouse', () => {
  it('reports zeros and no data instead of failing', async () => {
    const wh = await openTestWarehouse();
    const empty = await routingOn(wh, parseConfig({}), { since: '90d', asOf: '2024-04-01' });
    expect(empty.unassigned.count).toBe(0);
    expect(empty.distribution.kinds.map((k) => [k.kind, k.decisions, k.overall.pValue])).toEqual([
      ['lead', 0, null],
      ['mql', 0, null],
    ]);
    expect(empty.timeToAssign.fromCreated).toMatchObject({ starts: 0, medianBusinessMinutes: null });
    const doc = routingReportDocument(empty);
    expect(doc.tiles!.map((t) => t.value)).toEqual(['0', 'no data', 'no data', 'no data']);
    expect(await renderReportHtml(doc)).toContain('Lead routing');
  });
});
