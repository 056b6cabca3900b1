/**
 * Who is judged, and where: unresolved leads excluded and counted, leads already past the target
 * at their decision, the embargo between development and holdout, and accounts kept whole.
 */
import { describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/db/connection.js';
import { runBacktest } from '../../src/scoring/backtest.js';
import { backtestSpec, type BacktestOptionsInput } from '../../src/scoring/backtestSpec.js';
import { openTestWarehouse } from '../helpers/db.js';
import { model } from './rows.js';
import { addJourney, buildMarts } from './backtestRows.js';

const anyModel = model({ name: 'any', threshold: 10, engagement: [{ id: 'visit', event: 'page_view', points: 10 }] });

// Decision = creation, horizon 30d, holdout from 06-01, as-of end of 2024-12-31.
async function seed(wh: Warehouse): Promise<void> {
  const lead = (id: string, created: string, account: { account_id?: string; company?: string }, later: [string, string][] = []) =>
    addJourney(wh, { lead_id: id, ...account }, [['lead', created], ...later]);
  await lead('D1', '2024-03-01', { account_id: 'A1' }, [['customer', '2024-03-20']]); // won in 19 days
  await lead('D2', '2024-05-15', { account_id: 'A2' }); // matures 06-14, after the first holdout decision
  await lead('D3', '2024-05-06', { account_id: 'A3' }); // matures 06-05, exactly at it: kept
  await lead('D4', '2024-04-01', { account_id: 'A-SHARED' });
  await lead('X', '2024-08-01', { account_id: 'A-SHARED' }); // account first decided 04-01: development
  await lead('Y', '2024-04-10', { company: 'Fernhill Co' });
  await lead('Z', '2024-07-01', { company: ' fernhill co ' }); // same company name: development
  await lead('H1', '2024-06-05', { account_id: 'A5' }, [['customer', '2024-08-01']]); // won after 57 days: not within 30d
  await lead('H2', '2024-12-15', { account_id: 'A6' }); // horizon ends 2025-01-14: unresolved
  await lead('B1', '2024-06-10', { account_id: 'A7' }, [['customer', '2024-06-10']]); // customer at the decision
  await lead('N1', '2025-01-05', { account_id: 'A8' }); // created after the as-of: not in the cohort
  await buildMarts(wh);
}

const run = async (wh: Warehouse, options: BacktestOptionsInput = {}) =>
  runBacktest(wh, backtestSpec({ decision: 'created', horizon: '30d', holdoutFrom: '2024-06-01', asOf: '2024-12-31', ...options }), { current: anyModel });

const partitionOf = (wh: Warehouse) =>
  wh.all<{ lead_id: string; partition: string; status: string }>(`select lead_id, partition, status from backtest_split order by lead_id`);

describe('backtest split', () => {
  it('excludes and counts unresolved leads and leads already at the target', async () => {
    const wh = await openTestWarehouse();
    await seed(wh);
    const report = await run(wh);
    // 10 leads created by the as-of (N1 is later); B1 was a customer at its decision
    expect(report.cohort).toMatchObject({ leads: 10, notDecided: 0, reachedBeforeDecision: 1, eligible: 9, unresolved: 1 });
    expect(report.split.holdout).toMatchObject({ eligible: 2, resolved: 1, unresolved: 1, embargoed: 0 });
    expect(report.models[0]!.holdout).toMatchObject({ eligible: 2, resolved: 1, unresolved: 1, positives: 0 });
  });

  it('embargoes development decisions whose horizon crosses the first holdout decision', async () => {
    const wh = await openTestWarehouse();
    await seed(wh);
    const report = await run(wh);
    // first holdout decision: H1 on 06-05. D2 (05-15+30d = 06-14), X (08-01) and Z (07-01) are embargoed;
    // D3 matures 06-05 00:00, not after it, so it stays; D1, D4, Y matured in spring.
    expect(report.split.firstHoldoutDecision).toBe('2024-06-05T00:00:00.000Z');
    expect(report.split.development).toMatchObject({ eligible: 7, resolved: 4, embargoed: 3, unresolved: 0, accounts: 5 });
    expect(report.models[0]!.development).toMatchObject({ resolved: 4, positives: 1, embargoed: 3 });
    expect((await partitionOf(wh)).filter((r) => r.status === 'embargoed').map((r) => r.lead_id)).toEqual(['D2', 'X', 'Z']);

    // a 60-day embargo also drops D3 (05-06 + 60d = 07-05) and Y (04-10 + 60d = 06-09), keeps D1
    // (04-30) and D4 (05-31), and warns nothing; a 10-day one keeps all but X and Z and warns of leakage
    const longer = await run(wh, { embargo: '60d' });
    expect(longer.split.development).toMatchObject({ resolved: 2, embargoed: 5 });
    const shorter = await run(wh, { embargo: '10d' });
    expect(shorter.split.development).toMatchObject({ resolved: 5, embargoed: 2 });
    expect(shorter.warnings.some((w) => w.startsWith('The embargo (10d) is shorter than the horizon (30d)'))).toBe(true);
    expect(longer.warnings.some((w) => w.startsWith('The embargo'))).toBe(false);
  });

  it('never lets one account straddle the partitions', async () => {
    const wh = await openTestWarehouse();
    await seed(wh);
    await run(wh);
    const rows = await partitionOf(wh);
    expect(rows.filter((r) => ['D4', 'X', 'Y', 'Z'].includes(r.lead_id)).map((r) => r.partition)).toEqual([
      'development',
      'development',
      'development',
      'development',
    ]);
    const straddling = await wh.all(`select account_key from backtest_split group by account_key having count(distinct partition) > 1`);
    expect(straddling).toEqual([]);
  });

  it('holds out from the day of the 70th-percentile resolved decision by default', async () => {
    const wh = await openTestWarehouse();
    await seed(wh);
    const report = await run(wh, { holdoutFrom: undefined });
    // resolved decisions in order: D1 03-01, D4 04-01, Y 04-10, D3 05-06, D2 05-15, H1 06-05, Z 07-01, X 08-01
    // (B1 is excluded, H2 unresolved); quantile_disc(0.7) of 8 = the 6th: 06-05
    expect(report.split).toMatchObject({ holdoutFrom: '2024-06-05T00:00:00.000Z', holdoutFromSource: 'default: 70th percentile of resolved decisions' });
  });
});
