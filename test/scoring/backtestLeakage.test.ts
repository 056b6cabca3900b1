/**
 * THE leakage test, through the whole command: a lead worth 20 points at its qualification review
 * earns +20 onboarding and +25 teammate-invite after becoming a customer. Today's record scores 65
 * and clears the 60 threshold; the backtest must score it 20 at the decision and count the win
 * the 60-point rule missed.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoringBacktest } from '../../src/commands/scoring.js';
import { Warehouse } from '../../src/db/connection.js';
import { addEvents, addHistory, model, scoreAt } from './rows.js';
import { addJourney, writeModels } from './backtestRows.js';

const plgLike = model({
  name: 'plg-like',
  threshold: 60,
  fit: [
    { id: 'target-industry', field: 'industry', condition: { in: ['software', 'saas'] }, points: 10 },
    { id: 'manager-or-above', field: 'title', condition: { regex: 'manager|director|vp', flags: 'i' }, points: 10 },
  ],
  engagement: [
    { id: 'completed-onboarding', event: 'completed_onboarding', points: 20 },
    { id: 'invited-teammate', event: 'invited_teammate', points: 25 },
  ],
});

async function seed(wh: Warehouse): Promise<void> {
  await addJourney(wh, { lead_id: 'L-1001', email: 'maya.ortiz@northwind-labs.io', account_id: 'A-NW' }, [
    ['lead', '2024-03-01 09:00'],
    ['mql', '2024-03-04 16:00'], // the qualification review: the decision
    ['sql', '2024-03-06 11:00'],
    ['customer', '2024-04-15 12:00'],
  ]);
  await addHistory(wh, 'L-1001', 'industry', 'Software', '2024-03-01 09:00');
  await addHistory(wh, 'L-1001', 'title', 'Marketing Manager', '2024-03-01 09:00');
  await addEvents(wh, 'L-1001', [
    ['completed_onboarding', '2024-04-20 14:00'],
    ['invited_teammate', '2024-04-22 10:30'],
  ]);
}

describe('scoring backtest leakage', () => {
  it("scores 20 at the review, not today's 65, and counts the win the 60-point rule missed", async () => {
    const { dir, paths } = await writeModels({ current: plgLike });
    const db = join(dir, 'warehouse.duckdb');
    const wh = await Warehouse.open({ path: db });
    await seed(wh);
    // today's record: 10 + 10 + 20 + 25 = 65 ≥ 60, the number a naive backtest would use
    const today = (await scoreAt(wh, plgLike, [['L-1001', '2024-09-01']])).get('L-1001');
    expect(today).toMatchObject({ score: 65, flagged: true });
    wh.close();

    const report = await scoringBacktest({
      db,
      config: join(dir, 'revops.config.json'),
      modelPath: paths.current!,
      target: 'customer',
      horizon: '90d',
      decision: 'mql',
      holdoutFrom: '2024-01-01',
      asOf: '2024-09-01',
      out: join(dir, 'backtest.html'),
    });

    const current = report.models[0]!;
    // decided 03-04 16:00, won 04-15 (42 days < 90), horizon ends 06-02 before the as-of: resolved
    expect(report.cohort).toMatchObject({ leads: 1, eligible: 1, resolved: 1, unresolved: 0 });
    expect(current.holdout).toMatchObject({ resolved: 1, positives: 1, flagged: 0, truePositives: 0, missedWins: 1, recall: 0 });
    // one win at score 20: the sweep's only threshold is 20, where the win would have been caught
    expect(current.sweep).toEqual([expect.objectContaining({ partition: 'holdout', threshold: 20, flagged: 1, truePositives: 1 })]);
    expect(current.deciles).toEqual([expect.objectContaining({ decile: 1, leads: 1, positives: 1, minScore: 20, maxScore: 20 })]);
    // the real process did route it (MQL on 03-04): the baseline caught what the model missed
    expect(report.baseline.holdout).toMatchObject({ flagged: 1, truePositives: 1, missedWins: 0 });
    // field history exists for both fields: a complete, not retrospective, backtest
    expect(current.incompleteHistory).toBe(0);
    expect(report.warnings.some((w) => w.startsWith('RETROSPECTIVE'))).toBe(false);

    const record = JSON.parse(await readFile(join(dir, 'decision-record.json'), 'utf8'));
    expect(report.decisionRecordPath).toBe(join(dir, 'decision-record.json'));
    expect(record).toMatchObject({
      record: 'scoring-backtest-decision',
      asOf: '2024-09-02T00:00:00.000Z',
      decision: 'mql',
      target: 'customer',
      horizon: '90d',
      models: [{ role: 'current', name: 'plg-like', version: '1', threshold: 60, contentHash: current.contentHash }],
    });
  });
});
