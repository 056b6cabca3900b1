/**
 * The pipeline report with no deals says so instead of printing zeros as rates, and its tiles
 * judge win rate against the 20–30% range and coverage against what the win rate needs.
 */
import { describe, expect, it } from 'vitest';
import { pipelineOn } from '../../src/commands/pipeline.js';
import { pipelineOutputs } from '../../src/commands/pipelineOutputs.js';
import { parseConfig } from '../../src/config/config.js';
import { renderReportHtml } from '../../src/reports/html.js';
import { pipelineReportDocument } from '../../src/reports/pipelineReport.js';
import { pipelineTiles } from '../../src/reports/tiles.js';
import { openTestWarehouse } from '../helpers/db.js';

describe('pipeline with no deals, and its tiles', () => {
  it('gives nulls and warnings, not NaN, and still renders its page', async () => {
    const wh = await openTestWarehouse();
    const report = await pipelineOn(wh, parseConfig({}), { since: '90d', asOf: '2024-06-30' });
    expect(report.summary).toMatchObject({ won: 0, lost: 0, winRate: null, winRateByAmount: null, open: 0, openAmount: 0, velocityPerDay: null });
    expect(report.stages.map((s) => s.reached)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(report.waterfall.reconciled).toBe(true);
    expect(report.warnings).toEqual(['No deal closed in the window: no win rate or cycle.', 'No deals in the pipeline at the as-of.']);
    expect(pipelineTiles(report).map((t) => [t.key, t.value])).toEqual([
      ['deal-win-rate', 'no data'],
      ['pipeline-velocity', 'no data'],
      ['open-pipeline', '0'],
      ['pipeline-coverage', 'no quota file'],
    ]);
    const html = await renderReportHtml(pipelineReportDocument(report));
    expect(html).not.toContain('NaN');
    expect(pipelineOutputs(report).table(80)).not.toContain('NaN');
  });

  it('reads win rate against its range and coverage against 1 ÷ win rate', async () => {
    const wh = await openTestWarehouse();
    const empty = await pipelineOn(wh, parseConfig({}), { since: '90d', asOf: '2024-06-30' });
    const at = (winRate: number, covered: number | null) =>
      pipelineTiles({
        ...empty,
        summary: { ...empty.summary, won: 1, lost: 3, winRate },
        velocity: { ...empty.velocity, winRate },
        coverage: {
          needed: 1 / winRate,
          winRate,
          current: { period: '2024-Q2', quota: 100, won: 0, remaining: 100, pipeline: (covered ?? 0) * 100, coverage: covered },
          rows: [],
        },
      });
    expect(at(0.25, 4.5).map((t) => t.statusText)).toEqual([
      'within the range',
      'no deal won in the trailing window',
      'as of 2024-07-01',
      'covers what the win rate needs',
    ]);
    expect(at(0.25, 3.5)[3]).toMatchObject({ value: '3.5×', status: 'bad', target: 'target 3–4× · needed 4.0× (1 ÷ win rate)' });
    expect(at(0.5, null)[0]).toMatchObject({ value: '50.0%', statusText: 'above the range' });
    expect(at(0.5, null)[3]).toMatchObject({ value: 'no data', statusText: 'no quota left in the current period' });
  });
});
