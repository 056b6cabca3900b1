/**
 * Amount sums are exact: a sum of doubles depends on the order DuckDB's threads add them in, so at
 * scale the same warehouse gave totals differing in their last digits from run to run. Summed as
 * decimals, 0.1 + 0.2 + 0.3 is 0.6 whatever the order (as doubles, in this order, 0.6000000000000001).
 */
import { describe, expect, it } from 'vitest';
import { pipelineOn } from '../../src/commands/pipeline.js';
import { parseConfig } from '../../src/config/config.js';
import { openTestWarehouse } from '../helpers/db.js';
import { insertDeals } from './fixture.js';

describe('pipeline amount sums', () => {
  it('adds open, won and lost amounts exactly, so every run gives the same total', async () => {
    const wh = await openTestWarehouse();
    const deal = (id: string, amount: number, stage: string) => ({ id, amount, stage, created: '2024-01-10', close: '2024-03-20' });
    await insertDeals(
      wh,
      [
        deal('A', 0.1, 'Qualified'),
        deal('B', 0.2, 'Qualified'),
        deal('C', 0.3, 'Proposal'),
        deal('W1', 0.1, 'Closed Won'),
        deal('W2', 0.2, 'Closed Won'),
        deal('W3', 0.3, 'Closed Won'),
        deal('L1', 0.7, 'Closed Lost'),
        deal('L2', 0.1, 'Closed Lost'),
        deal('L3', 0.2, 'Closed Lost'),
      ],
      [],
    );
    const report = await pipelineOn(wh, parseConfig({}), { from: '2024-01-01', to: '2024-03-31', asOf: '2024-03-31', by: 'owner' });
    expect(report.summary.openAmount).toBe(0.6);
    expect(report.groups.map((g) => [g.key, g.wonAmount, g.lostAmount, g.openAmount])).toEqual([['o1', 0.6, 1, 0.6]]);
    expect(report.velocity.averageWonAmount).toBe(0.2);
    expect(report.summary.winRateByAmount).toBe(0.6 / 1.6);
    expect(report.openPipeline.reduce((n, o) => n + (o.stage === 'qualified' ? o.amount : 0), 0)).toBeCloseTo(0.3, 15);
  });
});
