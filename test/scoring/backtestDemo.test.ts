/**
 * The demo path end to end: a simulated world written as CRM exports, loaded, and backtested
 * with each template; then the PLG template against a stricter candidate, rendered as the HTML
 * report with its decision record. Numbers here are properties, not hand counts (the small
 * cohort test pins those): every lead is accounted for, and the stricter rule flags fewer.
 */
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sample } from '../../src/commands/sample.js';
import { parseConfig } from '../../src/config/config.js';
import { loadFiles } from '../../src/ingest/load.js';
import { buildModels } from '../../src/models/build.js';
import { backtestReportDocument } from '../../src/reports/backtestReport.js';
import { renderReportHtml } from '../../src/reports/html.js';
import { runBacktest } from '../../src/scoring/backtest.js';
import { backtestSweepCsv, summaryRows } from '../../src/scoring/backtestOutput.js';
import { backtestSpec } from '../../src/scoring/backtestSpec.js';
import { writeDecisionRecord } from '../../src/scoring/decisionRecord.js';
import { templateNames, templates } from '../../src/scoring/templates.js';
import { openTestWarehouse } from '../helpers/db.js';

async function sampleWarehouse() {
  const dir = await mkdtemp(join(tmpdir(), 'revops-backtest-demo-'));
  const world = await sample({ out: dir, leads: 400, seed: 7, formats: ['canonical'], asOf: '2026-11-01T00:00:00Z' });
  const wh = await openTestWarehouse();
  const config = parseConfig({});
  await loadFiles(wh, config, { paths: world.files.map((f) => join(world.out, f.path)), crm: 'auto' });
  await buildModels(wh, config, { force: true });
  return { wh, dir };
}

const spec = backtestSpec({ target: 'sql', horizon: '60d', decision: 'created+7d', asOf: '2026-11-01' });

describe('backtest demo', () => {
  it('runs every template and accounts for every lead', async () => {
    const { wh } = await sampleWarehouse();
    for (const name of templateNames) {
      const report = await runBacktest(wh, spec, { current: templates[name] });
      const { cohort, split } = report;
      expect(cohort.leads).toBe(400);
      expect(cohort.notDecided + cohort.reachedBeforeDecision + cohort.eligible).toBe(cohort.leads);
      expect(split.development.eligible + split.holdout.eligible).toBe(cohort.eligible);
      expect(cohort.resolved).toBeGreaterThan(100);
      const m = report.models[0]!;
      expect(m.development.resolved + m.holdout.resolved).toBe(cohort.resolved);
      expect(m.holdout.truePositives + m.holdout.missedWins).toBe(m.holdout.positives);
    }
  });

  it('writes PLG against a stricter candidate as HTML, CSV and a decision record', async () => {
    const { wh, dir } = await sampleWarehouse();
    const stricter = { ...templates.plg, name: 'PLG stricter', version: '2', threshold: 75 };
    const report = await runBacktest(wh, spec, { current: templates.plg, candidate: stricter });
    const [current, candidate] = report.models;
    // same scores, higher bar: never more flagged leads, never more wins caught
    expect(candidate!.holdout.flagged).toBeLessThanOrEqual(current!.holdout.flagged);
    expect(candidate!.holdout.truePositives).toBeLessThanOrEqual(current!.holdout.truePositives);
    expect(candidate!.holdout.auc).toBe(current!.holdout.auc);
    expect(summaryRows(report)).toHaveLength(6); // 2 partitions × (2 models + routing)

    const html = await renderReportHtml(backtestReportDocument(report, 'revops-report test'));
    for (const heading of ['Cumulative gains (holdout)', 'Lift by decile (holdout)', 'Method', 'Cohort and split']) expect(html).toContain(heading);
    for (const warning of report.warnings) expect(html).toContain(warning.replaceAll('"', '&quot;').slice(0, 60));
    expect(html).toContain('PLG stricter v2 (≥ 75)');
    expect(html).not.toMatch(/<script/i);

    const csv = backtestSweepCsv(report);
    expect(csv.split('\r\n')[0]).toBe('model,version,role,partition,threshold,flagged,workload,truePositives,falsePositives,missedWins,precision,recall,lift');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1 + current!.sweep.length + candidate!.sweep.length);

    await writeDecisionRecord(report, join(dir, 'backtest.html'));
    expect(await readdir(dir)).toContain('decision-record.json');
    const record = JSON.parse(await readFile(join(dir, 'decision-record.json'), 'utf8'));
    expect(record.models.map((m: { threshold: number }) => m.threshold)).toEqual([60, 75]);
  });
});
