/**
 * The funnel's export tables from the five-lead lifecycle fixture, whose numbers are worked out by
 * hand in test/metrics/funnel.test.ts; here they must arrive in the right columns and rows.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { funnelExportTables } from '../../src/export/funnelTables.js';
import { exportTablesFor } from '../../src/export/reportTables.js';
import { computeFunnel } from '../../src/metrics/funnel.js';
import { openTestWarehouse } from '../helpers/db.js';
import { loadFixtures } from '../helpers/load.js';

const config = parseConfig({ timezone: 'America/New_York' });
const asOf = new Date('2024-04-01T00:00:00Z');

async function report() {
  const wh = await openTestWarehouse();
  await loadFixtures(wh, ['lifecycle/leads.csv', 'lifecycle/stage_events.csv'], config);
  return computeFunnel(wh, config, {
    window: { from: new Date('2024-01-01T00:00:00Z'), to: asOf, asOf },
    stages: ['lead', 'mql', 'sql', 'opportunity', 'customer'],
    skipped: 'count',
    by: 'source',
    interval: 'month',
    maturedSeconds: 30 * 86400,
  });
}

describe('funnel export tables', () => {
  it('gives stages, groups, trend and period, with the hand-computed values', async () => {
    const tables = funnelExportTables(await report());
    expect(tables.map((t) => [t.name, t.rows.length])).toEqual([
      ['stages', 5],
      ['groups', 20],
      ['trend', 10],
      ['period', 5], // 4 sources × 5 stages; 2 months × 5 stages
    ]);
    const [stages, groups, trend, period] = tables;
    // count mode: reached 5 5 4 2 2; sql = 4 of 5 mql (0.8) but with the 30-day window the
    // matured rate is 3 of 4 (0.75) and that is the conversion shown
    expect(stages!.rows.map((r) => [r.stage, r.reached, r.conversion_from_previous, r.matured_eligible, r.matured_converted])).toEqual([
      ['lead', 5, null, null, null],
      ['mql', 5, 1, 4, 4],
      ['sql', 4, 0.75, 4, 3],
      ['opportunity', 2, 2 / 3, 3, 2],
      ['customer', 2, 0.5, 2, 1],
    ]);
    // lead → mql days: L1 3, L3 2, L5 0.125 → median 2; L4 out of order
    expect(stages!.rows[1]).toMatchObject({ median_days_from_previous: 2, out_of_order: 1, reentries: 1 });
    expect(stages!.rows[1]!.p90_days_from_previous).toBeCloseTo(2.8, 12); // interpolated: 2.8000000000000003
    expect(groups!.rows.filter((r) => r.group_key === 'organic_search').map((r) => r.reached)).toEqual([2, 2, 2, 2, 2]);
    expect(trend!.rows.filter((r) => r.stage === 'lead').map((r) => [r.period, r.reached])).toEqual([
      ['2024-01', 4],
      ['2024-03', 1],
    ]);
    expect(period!.rows).toEqual([
      { stage: 'lead', entries: 5 },
      { stage: 'mql', entries: 5 },
      { stage: 'sql', entries: 3 },
      { stage: 'opportunity', entries: 1 },
      { stage: 'customer', entries: 2 },
    ]);
    // every row carries exactly the declared columns
    for (const table of tables) {
      for (const row of table.rows) expect(Object.keys(row).sort()).toEqual(table.columns.map((c) => c.name).sort());
    }
  });

  it('is what build --export finds for the funnel; unknown reports have no tables yet', async () => {
    const funnel = await report();
    expect(exportTablesFor('funnel', funnel)).toEqual(funnelExportTables(funnel));
    expect(exportTablesFor('no-such-report', funnel)).toBeNull();
  });
});
