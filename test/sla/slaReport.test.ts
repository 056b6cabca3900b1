/**
 * The SLA report on the hand-built fixture (see speedToLead.test.ts for the clocks and touches).
 * As-of Friday 2024-04-12 18:00Z. Verdicts by hand:
 *   qualification_decision (48 real hours to SQL or rejection):
 *     L01 SQL after 25 h met · L02 disqualified after 21.5 h met · L03 SQL after 50 h breached late
 *     (deadline Thu 06:00Z = 08:00 Berlin, SQL 10:00 Berlin: 120 real, 60 business minutes late) ·
 *     L04 no decision, deadline Fri 13:00Z passed: open (300 real; Berlin 15:00→20:00 = 120 business) ·
 *     L05 and L07 pending (deadlines Sat, Sun) · L06 first MQL recycled after 24 h met · L06 re-MQL no
 *     decision, deadline Fri 14:00Z: open (240 real; Berlin 16:00→17:00 = 60 business) · L08 SQL after 25 h met
 *   rejection_reason: applies to L02 (disqualified, no reason: breached) and L06's first MQL
 *     (recycled with ENG-02: met); the rest were not rejected
 *   sql_to_opportunity (5 business days = 2400 business minutes): L01 opportunity after 1 day met;
 *     L03 (due Thu 04-18 10:00 Berlin) and L08 (due Tue 04-16 13:00 NY) pending
 *   recycled_rerouted (1 business hour): L06 re-MQL Wed 16:00 Berlin, owner set 16:30: met
 */
import { describe, expect, it } from 'vitest';
import { wilson95 } from '../../src/metrics/wilson.js';
import { computeSlaReport } from '../../src/sla/compliance.js';
import { buildSlaOutcomes } from '../../src/sla/outcomes.js';
import { openTestWarehouse } from '../helpers/db.js';
import { fixtureConfig, fixtureWindow, loadSlaFixture } from './support.js';

async function report(by?: string) {
  const wh = await openTestWarehouse();
  const slas = await loadSlaFixture(wh, fixtureConfig, fixtureWindow, by);
  return computeSlaReport(wh, { window: fixtureWindow, slas, by });
}

// full double precision in the JSON: rounding is for tables, CSV and HTML
const ci = (k: number, n: number) => wilson95(k, n)!;

describe('sla report', () => {
  it('counts eligible, met, breached and pending per SLA', async () => {
    const r = await report();
    expect(r.slas.map((s) => [s.name, s.eligible, s.met, s.breached, s.pending, s.compliance])).toEqual([
      // first_touch: met L01 L02 L03 L06 L06; breached L04 L05 L08; pending L07 → 5 / 8
      ['first_touch', 9, 5, 3, 1, 0.625],
      ['qualification_decision', 9, 4, 3, 2, 4 / 7],
      ['rejection_reason', 2, 1, 1, 0, 0.5],
      ['sql_to_opportunity', 3, 1, 0, 2, 1],
      ['recycled_rerouted', 1, 1, 0, 0, 1],
    ]);
    expect(r.slas[0]!.ci95).toEqual(ci(5, 8));
    expect(r.slas[1]!.target).toBe('48 hours');
    expect(r.slas[2]).toMatchObject({ target: 'no deadline', requiredFields: ['reason'] });
  });

  it('breaks compliance down by owner, team and ISO week', async () => {
    const r = await report();
    const firstTouch = r.slas[0]!;
    const group = (dimension: string, key: string) => firstTouch.groups.find((g) => g.dimension === dimension && g.key === key);
    // Ana: L01 L02 met, L08 breached, L07 pending; Dara: L03 L06 L06 met, L04 breached
    expect(group('owner', 'Ana Ruiz')).toMatchObject({ eligible: 4, met: 2, breached: 1, pending: 1, compliance: 2 / 3 });
    expect(group('owner', 'Dara Singh')).toMatchObject({ eligible: 4, met: 3, breached: 1, pending: 0, compliance: 0.75 });
    expect(group('team', '(no team)')).toMatchObject({ eligible: 1, met: 0, breached: 1, compliance: 0 });
    // 2024-W14 holds L06's first MQL (Mon 04-01) only; everything else is in W15
    expect(group('week', '2024-W14')).toMatchObject({ eligible: 1, met: 1 });
    expect(group('week', '2024-W15')).toMatchObject({ eligible: 8, met: 4, breached: 3, pending: 1 });
  });

  it('lists every breach with its deadline, end and lateness', async () => {
    const r = await report();
    // in SLA order (config), then by start
    expect(r.breaches.map((b) => [b.sla, b.leadId, b.kind, b.endAt, b.minutesLate, b.businessMinutesLate])).toEqual([
      // first_touch: L08 deadline Mon 16:00 NY, email Tue 12:00 NY: 20 h real, 60 + 180 business late;
      // L04 deadline Thu 11:00 Berlin, call 11:30; L05 deadline Thu 15:00 NY, open until Fri 14:00 NY: 23 h real,
      // 120 + 300 business
      ['first_touch', 'L08', 'late', '2024-04-09T16:00:00Z', 1200, 240],
      ['first_touch', 'L04', 'late', '2024-04-11T09:30:00Z', 30, 30],
      ['first_touch', 'L05', 'open', null, 1380, 420],
      ['qualification_decision', 'L03', 'late', '2024-04-11T08:00:00Z', 120, 60],
      ['qualification_decision', 'L04', 'open', null, 300, 120],
      ['qualification_decision', 'L06', 'open', null, 240, 60],
      ['rejection_reason', 'L02', 'missing_fields', '2024-04-09T18:00:00Z', null, null],
    ]);
    expect(r.breaches[2]).toMatchObject({
      ownerId: null,
      owner: '(no owner)',
      team: '(no team)',
      startAt: '2024-04-11T15:00:00Z',
      deadlineAt: '2024-04-11T19:00:00Z',
    });
  });

  it('finds the leaks: no owner, never touched, no decision after the SLA', async () => {
    const r = await report();
    // 9 MQL entries; L05 has no owner and no touch past its deadline (L07 is still pending, not a leak);
    // L04 and L06's re-MQL passed the 48-hour decision deadline without a decision
    expect([r.leaks.mqls, r.leaks.noOwner, r.leaks.noTouch, r.leaks.noDisposition]).toEqual([9, 1, 1, 2]);
    expect(r.leaks.leads.map((l) => [l.leadId, l.startAt, l.noOwner, l.noTouch, l.noDisposition])).toEqual([
      ['L04', '2024-04-10T13:00:00Z', false, false, true],
      ['L06', '2024-04-10T14:00:00Z', false, false, true],
      ['L05', '2024-04-11T15:00:00Z', true, true, false],
    ]);
  });

  it('moves verdicts with the as-of', async () => {
    const wh = await openTestWarehouse();
    // as-of Thu 04-11 18:00Z: L05 (MQL 15:00Z, due 19:00Z) is pending, not breached; L07 has not arrived
    const asOf = new Date('2024-04-11T18:00:00Z');
    const window = { from: fixtureWindow.from, to: asOf, asOf };
    const slas = await loadSlaFixture(wh, fixtureConfig, window);
    const r = await computeSlaReport(wh, { window, slas });
    // first_touch: 8 MQLs; met L01 L02 L03 L06 L06; breached L04 L08; pending L05
    expect([r.slas[0]!.eligible, r.slas[0]!.met, r.slas[0]!.breached, r.slas[0]!.pending]).toEqual([8, 5, 2, 1]);
  });
});

describe('sla report without the touches’ business minutes', () => {
  it('is the same report: it judges against deadlines and never reads them', async () => {
    const wh = await openTestWarehouse();
    const slas = await loadSlaFixture(wh, fixtureConfig, fixtureWindow, 'source');
    const full = await computeSlaReport(wh, { window: fixtureWindow, slas, by: 'source' });
    const touched = await wh.one<{ n: number }>('select count(business_minutes)::int as n from sla_outcomes');
    await buildSlaOutcomes(wh, fixtureConfig, { window: fixtureWindow, slas, by: 'source', businessMinutes: false });
    const none = await wh.one<{ n: number }>('select count(business_minutes)::int as n from sla_outcomes');
    // first_touch's 7 touched instances of 9 have them (L05 and L07 are untouched: speedToLead.test.ts), then none does
    expect([touched!.n, none!.n]).toEqual([7, 0]);
    expect(await computeSlaReport(wh, { window: fixtureWindow, slas, by: 'source' })).toEqual(full);
  });
});

describe('sla_outcomes’ inputs once it is built', () => {
  const temporaryTables = async (wh: Awaited<ReturnType<typeof openTestWarehouse>>) =>
    (await wh.all<{ name: string }>(`select table_name as name from duckdb_tables() where temporary and table_name like 'sla%' order by 1`)).map((t) => t.name);

  // at 10M leads the starts, ends and instances with their ends were 6 GB of temp tables besides
  // sla_outcomes' 6 GB: kept, they spilled to the temp dir while the outcomes were written and read
  it('drops the starts, the ends and the instances with their ends, which nothing reads after', async () => {
    const wh = await openTestWarehouse();
    await loadSlaFixture(wh);
    expect(await temporaryTables(wh)).toEqual(['sla_business_minutes', 'sla_definitions', 'sla_outcomes', 'sla_report_params']);
  });

  it('keeps the instances with their ends under sla_outcomes as a view, which reads them', async () => {
    const wh = await openTestWarehouse();
    const slas = await loadSlaFixture(wh);
    await buildSlaOutcomes(wh, fixtureConfig, { window: fixtureWindow, slas, outcomesAs: 'view' });
    expect(await temporaryTables(wh)).toEqual(['sla_business_minutes', 'sla_definitions', 'sla_instance_ends', 'sla_report_params']);
    // 9 MQL entries × the SLAs starting at one (first_touch, qualification_decision): the view still reads
    const counted = await wh.one<{ n: number }>(`select count(*)::int as n from sla_outcomes where sla_name = 'first_touch'`);
    expect(counted!.n).toBe(9);
  });
});
