/**
 * The backtest as a report: the document's tables and chart data for the hand-computed cohort,
 * the sweep CSV, and the terminal summary (pure functions over the report value).
 */
import { describe, expect, it } from 'vitest';
import { backtestReportDocument } from '../../src/reports/backtestReport.js';
import { runBacktest } from '../../src/scoring/backtest.js';
import { backtestSweepCsv, gainsCurve, summaryRows } from '../../src/scoring/backtestOutput.js';
import { openTestWarehouse } from '../helpers/db.js';
import { handSpec, seedHandCohort, simple } from './handCohort.js';

async function handReport() {
  const wh = await openTestWarehouse();
  await seedHandCohort(wh);
  return runBacktest(wh, handSpec, { current: simple, candidate: { ...simple, version: '2', threshold: 50 } });
}

describe('backtest report document', () => {
  it('summarises each rule with its interval, holdout first', async () => {
    const report = await handReport();
    const rows = summaryRows(report);
    expect(rows.map((r) => `${r.rule} | ${r.partition}`)).toEqual([
      'Current (≥ 40) | holdout',
      'Candidate (≥ 50) | holdout',
      'Actual MQL routing | holdout',
      'Current (≥ 40) | development',
      'Candidate (≥ 50) | development',
      'Actual MQL routing | development',
    ]);
    // current: 3 of 4 flagged won (Wilson 30%–95%), 3 of 5 wins caught; candidate ≥ 50: 2 of 3, 2 of 5
    expect(rows[0]).toMatchObject({
      flagged: 4,
      precision: '75.0% (30%–95%)',
      falsePositives: 1,
      missedWins: 2,
      lift: '1.80×',
      auc: '0.814',
      verdict: 'inconclusive',
    });
    expect(rows[1]).toMatchObject({ flagged: 3, falsePositives: 1, missedWins: 3, lift: '1.60×' }); // (2/3) ÷ (5/12)
    expect(rows[2]).toMatchObject({ flagged: 5, precision: '40.0% (12%–77%)', auc: null });
  });

  it('charts gains from (0, 0) to every lead flagged and carries every warning', async () => {
    const report = await handReport();
    const gains = gainsCurve(report, 'holdout').filter((p) => p.rule.startsWith('Current'));
    // sweep points (flagged/12, caught/5): 1/12→1/5 … 12/12→5/5
    expect(gains.map((p) => [Math.round(p.x * 12), Math.round(p.y * 5)])).toEqual([
      [0, 0],
      [1, 1],
      [3, 2],
      [4, 3],
      [6, 4],
      [7, 4],
      [9, 5],
      [12, 5],
    ]);

    const doc = backtestReportDocument(report, 'revops-report test');
    expect(doc.warnings).toEqual(report.warnings);
    expect(doc.warnings).toContain('Holdout is inconclusive: 12 resolved leads (fewer than 100) and 5 wins (fewer than 30).');
    expect(doc.sections.map((s) => s.id)).toEqual([
      'summary',
      'gains',
      'lift',
      'precision-recall',
      'trade-off-current',
      'trade-off-candidate',
      'cohort',
      'method',
    ]);
    expect(doc.meta.extra).toContainEqual(['Decision', 'created+7d']);
    // the holdout has no previous period: no tile claims a change, no note says what it is against
    expect(doc.tiles?.map((t) => t.change)).toEqual(doc.tiles?.map(() => undefined));
    expect(doc.tilesNote).toBeUndefined();
    expect(doc.sections.find((s) => s.id === 'method')?.intro).toContain('each lead is scored at creation + 7d');
    const cohort = doc.sections.find((s) => s.id === 'cohort')!.table!.rows;
    expect(cohort.find((r) => r.what === 'Resolved')).toEqual({ what: 'Resolved', development: 0, holdout: 12 });
  });

  it('writes the sweep as CSV, one row per model, partition and threshold', async () => {
    const report = await handReport();
    const lines = backtestSweepCsv(report).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 7 + 7); // seven distinct scores, two models, holdout only
    // workload 4/12 and lift 0.75 ÷ 5/12 = 1.8, to 4 decimals: the CSV is for people, the JSON keeps every digit
    expect(lines[3]).toBe('simple,1,current,holdout,40,4,0.3333,3,1,2,0.75,0.6,1.8');
  });
});
