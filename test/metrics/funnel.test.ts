import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { computeFunnel, type FunnelOptions } from '../../src/metrics/funnel.js';
import { wilson95 } from '../../src/metrics/wilson.js';
import { openTestWarehouse } from '../helpers/db.js';
import { loadFixtures } from '../helpers/load.js';

// The five leads of test/fixtures/lifecycle (see test/models/lifecycle.test.ts), entries in UTC:
//   L1 lead 01-02, mql 01-05, sql 01-06, opportunity 01-10, customer 02-10   source organic_search
//   L2 lead 01-03, sql 01-08 (skips mql)                                      source paid_search
//   L3 lead 01-04, mql 01-06, recycled 01-09, mql 03-01, sql 03-02            source (none)
//   L4 lead 01-05, customer 01-15, mql 01-20 (out of order)                   source organic_search
//   L5 lead 03-10 04:30, mql 03-10 07:30, "Nurture Track B" 03-11             source referral
const config = parseConfig({ timezone: 'America/New_York' });
const stages = ['lead', 'mql', 'sql', 'opportunity', 'customer'];
const asOf = new Date('2024-04-01T00:00:00Z');
const base: FunnelOptions = {
  window: { from: new Date('2024-01-01T00:00:00Z'), to: asOf, asOf },
  stages,
  skipped: 'count',
};

async function funnel(options: Partial<FunnelOptions> = {}) {
  const wh = await openTestWarehouse();
  await loadFixtures(wh, ['lifecycle/leads.csv', 'lifecycle/stage_events.csv'], config);
  return computeFunnel(wh, config, { ...base, ...options });
}

const pick = (s: { stage: string; reached: number; conversionFromPrevious: number | null; impliedBySkip: number; open: number }) => [
  s.stage,
  s.reached,
  s.conversionFromPrevious,
  s.impliedBySkip,
  s.open,
];

describe('funnel', () => {
  it('counts skipped stages as passed in count mode', async () => {
    const report = await funnel();
    // mql: all 5 (L2 passes it by reaching sql); sql: L1 L2 L3 + L4 via customer; opportunity: L1 + L4 via customer
    // open at opportunity: L2 and L3 sit in sql at the as-of; L5 sits in an unknown state, so it is not open
    expect(report.stages.map(pick)).toEqual([
      ['lead', 5, null, 0, 0],
      ['mql', 5, 1, 1, 0],
      ['sql', 4, 0.8, 1, 0],
      ['opportunity', 2, 0.5, 1, 2],
      ['customer', 2, 1, 0, 0],
    ]);
    expect(report.stages.map((s) => s.conversionFromTop)).toEqual([1, 1, 0.8, 0.4, 0.4]);
    expect(report.stages[1]!.reentries).toBe(1); // L3 entered mql twice
    // the JSON carries full double precision (wilson95 as computed): rounding is for tables, CSV and HTML
    expect(report.stages[2]!.ci95).toEqual(wilson95(4, 5));
  });

  it('passes a listed stage by an entry into an unlisted stage after it, between listed ones or above the last', async () => {
    // mql, opportunity, customer: L2's sql (unlisted, between mql and opportunity) passes mql;
    // L4's customer passes opportunity. Nobody sits in mql at the as-of without opportunity: L4
    // sits in mql (01-20) but reached opportunity via customer.
    const gaps = await funnel({ stages: ['mql', 'opportunity', 'customer'] });
    expect(gaps.stages.map(pick)).toEqual([
      ['mql', 5, null, 1, 0],
      ['opportunity', 2, 0.4, 1, 0],
      ['customer', 2, 1, 0, 0],
    ]);
    // lead..opportunity: customer is above the last listed stage, and L4's customer entry still passes opportunity
    const top = await funnel({ stages: ['lead', 'mql', 'sql', 'opportunity'] });
    expect(top.stages.map(pick)).toEqual([
      ['lead', 5, null, 0, 0],
      ['mql', 5, 1, 1, 0],
      ['sql', 4, 0.8, 1, 0],
      ['opportunity', 2, 0.5, 1, 2],
    ]);
  });

  it('requires every listed stage in strict mode', async () => {
    const report = await funnel({ skipped: 'strict' });
    // mql: L1 L3 L4 L5; sql: L1 L3 (L2 has no mql, L4 no sql); opportunity and customer: L1
    // open at sql: L4 sits in mql at the as-of (its latest entry, 01-20) without an sql entry
    expect(report.stages.map(pick)).toEqual([
      ['lead', 5, null, 0, 0],
      ['mql', 4, 0.8, 0, 0],
      ['sql', 2, 0.5, 0, 1],
      ['opportunity', 1, 0.5, 0, 1],
      ['customer', 1, 1, 0, 0],
    ]);
  });

  it('sees only the entries dated by the as-of, current stages included', async () => {
    const cut = new Date('2024-03-01T12:00:00Z');
    const window = { from: new Date('2024-01-01T00:00:00Z'), to: cut, asOf: cut };
    // At 03-01 12:00 L3 has re-entered mql (03-01 10:00) and its sql (03-02) does not exist yet; L5
    // does not exist at all. Current stages: L1 customer, L2 sql, L3 mql, L4 mql (01-20).
    // Count mode: sql is reached by L1, L2 and L4 (via customer); L3 sits in mql, the stage
    // before, so it is open at sql; L2 sits in sql, so it is open at opportunity.
    const count = await funnel({ window });
    expect(count.stages.map(pick)).toEqual([
      ['lead', 4, null, 0, 0],
      ['mql', 4, 1, 1, 0],
      ['sql', 3, 0.75, 1, 1],
      ['opportunity', 2, 2 / 3, 1, 1],
      ['customer', 2, 1, 0, 0],
    ]);
    expect(count.stages[1]!.reentries).toBe(1); // L3: mql 01-06 and 03-01
    // Strict: mql needs an mql entry (L1 L3 L4), sql needs lead, mql and sql entries (L1 only);
    // open at sql: L3 and L4, both in mql at the as-of.
    const strict = await funnel({ window, skipped: 'strict' });
    expect(strict.stages.map(pick)).toEqual([
      ['lead', 4, null, 0, 0],
      ['mql', 3, 0.75, 0, 0],
      ['sql', 1, 1 / 3, 0, 2],
      ['opportunity', 1, 1, 0, 0],
      ['customer', 1, 1, 0, 0],
    ]);
  });

  it('measures days between stages from real, in-order entries only', async () => {
    const report = await funnel();
    const mql = report.stages[1]!;
    // lead → mql: L1 3d, L3 2d, L5 0.125d; L4's mql entry is out of order and left out
    // p90 = 2 + 0.8 × 1, interpolated in floating point (the JSON keeps every digit)
    expect([mql.medianDaysFromPrevious, mql.outOfOrder]).toEqual([2, 1]);
    expect(mql.p90DaysFromPrevious).toBeCloseTo(2.8, 12);
    const sql = report.stages[2]!;
    // mql → sql: L1 1d, L3 56d (first mql 01-06 to sql 03-02); p90 = 1 + 0.9 × 55
    expect([sql.medianDaysFromPrevious, sql.p90DaysFromPrevious]).toEqual([28.5, 50.5]);
    expect(report.warnings.some((w) => w.includes('out of order'))).toBe(true);
  });

  it('leaves immature leads out of matured conversion', async () => {
    const report = await funnel({ maturedSeconds: 30 * 86400 });
    // matured before 2024-03-02: sql stage: L1 L2 L3 L4 eligible (L5 immature), L3 took 56 days → 3/4
    // opportunity: L3 reached sql 03-02 10:00 → immature; L1 and L4 converted within 30 days → 2/3
    // customer: L1 took 31 days (01-10 → 02-10), L4 0 days → 1/2
    expect(report.stages.slice(1).map((s) => s.matured)).toEqual([
      { eligible: 4, converted: 4, immature: 1, conversion: 1 },
      { eligible: 4, converted: 3, immature: 1, conversion: 0.75 },
      { eligible: 3, converted: 2, immature: 1, conversion: 2 / 3 },
      { eligible: 2, converted: 1, immature: 0, conversion: 0.5 },
    ]);
    expect(report.stages[2]!.conversionFromPrevious).toBe(0.75);
  });

  it('breaks down by source with a (none) group, and by cohort month', async () => {
    const report = await funnel({ by: 'source', interval: 'month' });
    const groups = Object.fromEntries(report.groups.map((g) => [g.key, g.stages.map((s) => s.reached)]));
    expect(groups).toEqual({
      '(none)': [1, 1, 1, 0, 0],
      organic_search: [2, 2, 2, 2, 2],
      paid_search: [1, 1, 1, 0, 0],
      referral: [1, 1, 0, 0, 0],
    });
    expect(report.trend.map((t) => [t.period, t.stages[0]!.reached])).toEqual([
      ['2024-01', 4],
      ['2024-03', 1],
    ]);
    // empty downstream stages give no rate, not a division by zero
    expect(report.groups.find((g) => g.key === 'referral')!.stages[3]!.conversionFromPrevious).toBeNull();
  });

  it('shows stage entries inside the window beside the cohort view', async () => {
    const report = await funnel();
    expect(report.period).toEqual([
      { stage: 'lead', entries: 5 },
      { stage: 'mql', entries: 5 },
      { stage: 'sql', entries: 3 },
      { stage: 'opportunity', entries: 1 },
      { stage: 'customer', entries: 2 },
    ]);
  });

  it('gives an empty report with a warning for a window with no leads', async () => {
    const report = await funnel({ window: { from: new Date('2023-01-01T00:00:00Z'), to: new Date('2023-02-01T00:00:00Z'), asOf } });
    expect(report.stages.map((s) => s.reached)).toEqual([0, 0, 0, 0, 0]);
    expect(report.warnings[0]).toContain('the funnel is empty');
  });

  it('computes Wilson intervals', () => {
    // 4 of 5: the textbook Wilson 95% interval is (0.3755, 0.9638)
    const [low, high] = wilson95(4, 5)!;
    expect(low).toBeCloseTo(0.37553, 4);
    expect(high).toBeCloseTo(0.96378, 4);
    expect(wilson95(0, 0)).toBeNull();
  });
});
