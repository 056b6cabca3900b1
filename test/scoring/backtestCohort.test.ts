/**
 * A small cohort with every number worked out by hand: precision, recall, lift, false positives,
 * missed wins, the sweep, deciles, AUC and the actual-routing baseline on the same leads.
 */
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/scoring/backtest.js';
import { openTestWarehouse } from '../helpers/db.js';
import { handSpec as spec, seedHandCohort as seed, simple } from './handCohort.js';

describe('backtest metrics on a hand-computed cohort', () => {
  it('counts the confusion matrix, lift and AUC at the model threshold', async () => {
    const wh = await openTestWarehouse();
    await seed(wh);
    const report = await runBacktest(wh, spec, { current: simple });
    const holdout = report.models[0]!.holdout;
    // 12 resolved, wins L01 L02 L04 L06 L09 = 5; score >= 40: L01 L02 L03 L04 = 4 flagged, 3 of them wins
    expect(holdout).toMatchObject({
      eligible: 12,
      resolved: 12,
      unresolved: 0,
      positives: 5,
      flagged: 4,
      truePositives: 3,
      falsePositives: 1,
      missedWins: 2,
      inconclusive: true,
    });
    expect(holdout.precision).toBe(0.75); // 3 / 4
    expect(holdout.recall).toBe(0.6); // 3 / 5
    expect(holdout.workload).toBeCloseTo(4 / 12, 12);
    expect(holdout.lift).toBeCloseTo(1.8, 12); // 0.75 ÷ (5/12)
    // pairs (win, non-win) ordered right, ties ½: 60→7, 50→6.5, 40→6, 30→5.5, 10→3.5 = 28.5 of 5×7 = 35
    expect(holdout.auc).toBeCloseTo(28.5 / 35, 12);
    expect(holdout.inconclusiveReason).toBe('12 resolved leads (fewer than 100) and 5 wins (fewer than 30)');
    // Wilson interval for 3/4 (computed from the formula with z = 1.96): [0.3006, 0.9544]
    expect(holdout.ci95.precision![0]).toBeCloseTo(0.3006, 4);
    expect(holdout.ci95.precision![1]).toBeCloseTo(0.9544, 4);
    expect(holdout.ci95.lift![0]).toBeCloseTo((0.3006 * 12) / 5, 3);
    expect(report.models[0]!.development).toMatchObject({ eligible: 0, resolved: 0, precision: null, auc: null });
  });

  it('sweeps every distinct score and ranks deciles', async () => {
    const wh = await openTestWarehouse();
    await seed(wh);
    const { sweep, deciles } = (await runBacktest(wh, spec, { current: simple })).models[0]!;
    // cumulative from the top: 60 (L01 win), 50 (+L02 win, +L03), 40 (+L04 win), 30 (+L05, +L06 win),
    // 20 (+L07), 10 (+L08, +L09 win), 0 (+L10..L12)
    expect(sweep.map((s) => [s.threshold, s.flagged, s.truePositives, s.falsePositives, s.missedWins])).toEqual([
      [60, 1, 1, 0, 4],
      [50, 3, 2, 1, 3],
      [40, 4, 3, 1, 2],
      [30, 6, 4, 2, 1],
      [20, 7, 4, 3, 1],
      [10, 9, 5, 4, 0],
      [0, 12, 5, 7, 0],
    ]);
    // the sweep at the model's threshold is the confusion matrix above
    expect(sweep.find((s) => s.threshold === 40)).toMatchObject({ precision: 0.75, recall: 0.6 });
    // ntile(10) of 12 leads: deciles 1–2 hold two leads, 3–10 one; order score desc, then lead id
    expect(deciles.map((d) => [d.decile, d.leads, d.positives, d.minScore, d.maxScore])).toEqual([
      [1, 2, 2, 50, 60],
      [2, 2, 1, 40, 50],
      [3, 1, 0, 30, 30],
      [4, 1, 1, 30, 30],
      [5, 1, 0, 20, 20],
      [6, 1, 0, 10, 10],
      [7, 1, 1, 10, 10],
      [8, 1, 0, 0, 0],
      [9, 1, 0, 0, 0],
      [10, 1, 0, 0, 0],
    ]);
    // gains: 2/5, 3/5, 3/5, 4/5, 4/5, 4/5, 5/5 …; decile 1 lift = (2/2) ÷ (5/12) = 2.4
    expect(deciles.map((d) => d.gains)).toEqual([0.4, 0.6, 0.6, 0.8, 0.8, 0.8, 1, 1, 1, 1]);
    expect(deciles[0]!.lift).toBeCloseTo(2.4, 12);
    expect(deciles[1]!.cumulativeShare).toBeCloseTo(4 / 12, 12);
  });

  it('compares with the routing that happened, on the same leads', async () => {
    const wh = await openTestWarehouse();
    await seed(wh);
    const report = await runBacktest(wh, spec, { current: simple });
    // became MQL: L01 L02 L03 L05 L07 = 5, of which wins L01 L02 = 2; missed L04 L06 L09
    expect(report.baseline.holdout).toMatchObject({
      resolved: 12,
      positives: 5,
      flagged: 5,
      truePositives: 2,
      falsePositives: 3,
      missedWins: 3,
      precision: 0.4,
      recall: 0.4,
      auc: null,
    });
    expect(report.baseline.rule).toBe('actual MQL routing');
  });
});
