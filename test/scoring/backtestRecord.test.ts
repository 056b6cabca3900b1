/**
 * The decision rule for leads never promoted to MQL, the loud retrospective warning when field
 * history is missing, and the decision record's content hashes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/scoring/backtest.js';
import { backtestSpec, parseDecisionRule } from '../../src/scoring/backtestSpec.js';
import { canonicalJson, decisionRecord, modelContentHash, writeDecisionRecord } from '../../src/scoring/decisionRecord.js';
import { templates } from '../../src/scoring/templates.js';
import { openTestWarehouse } from '../helpers/db.js';
import { addFields, addHistory, model } from './rows.js';
import { addJourney, buildMarts, writeModels } from './backtestRows.js';

const fitModel = model({ name: 'fit', threshold: 10, fit: [{ id: 'software', field: 'industry', condition: { equals: 'Software' }, points: 10 }] });

describe('backtest decisions and record', () => {
  it('decides never-promoted leads at creation + the median MQL lag', async () => {
    const wh = await openTestWarehouse();
    // MQL lags of 2, 4 and 10 days: the median is 4 days
    await addJourney(wh, { lead_id: 'M1' }, [
      ['lead', '2024-01-01'],
      ['mql', '2024-01-03'],
    ]);
    await addJourney(wh, { lead_id: 'M2' }, [
      ['lead', '2024-01-01'],
      ['mql', '2024-01-05'],
    ]);
    await addJourney(wh, { lead_id: 'M3' }, [
      ['lead', '2024-01-01'],
      ['mql', '2024-01-11'],
    ]);
    await addJourney(wh, { lead_id: 'N1' }, [['lead', '2024-02-01']]);
    await addJourney(wh, { lead_id: 'N2' }, [['lead', '2024-12-30']]); // decided 2025-01-03, after the as-of
    await buildMarts(wh);
    const report = await runBacktest(wh, backtestSpec({ decision: 'mql', holdoutFrom: '2024-06-01', asOf: '2024-12-31' }), { current: fitModel });
    expect(report.cohort).toMatchObject({ leads: 5, notDecided: 1, eligible: 4, decidedByFallback: 1, fallbackLagDays: 4 });
    const decided = await wh.all<{ lead_id: string; at: string }>(
      `select lead_id, strftime(decided_at, '%Y-%m-%d') as at from backtest_cohort order by lead_id`,
    );
    expect(decided.map((r) => `${r.lead_id} ${r.at}`)).toEqual(['M1 2024-01-03', 'M2 2024-01-05', 'M3 2024-01-11', 'N1 2024-02-05', 'N2 2025-01-03']);
  });

  it('says loudly that a backtest without field history is retrospective', async () => {
    const wh = await openTestWarehouse();
    await addJourney(wh, { lead_id: 'F1' }, [['lead', '2024-01-01']]);
    await addFields(wh, 'F1', { industry: 'Software' }); // today's value, no history
    await addJourney(wh, { lead_id: 'F2' }, [['lead', '2024-01-01']]);
    await addHistory(wh, 'F2', 'industry', 'Software', '2024-01-01');
    await buildMarts(wh);
    const report = await runBacktest(wh, backtestSpec({ decision: 'created', holdoutFrom: '2023-01-01', asOf: '2024-12-31' }), { current: fitModel });
    expect(report.models[0]!.incompleteHistory).toBe(1);
    expect(report.warnings[0]).toMatch(/^RETROSPECTIVE BACKTEST, INCOMPLETE HISTORY: model "fit" v1 .* for 1 of 2 scored leads \(50\.0%\)/);
    expect(report.warnings).toContain('Development has no leads: move --holdout-from.');
    expect(report.warnings).toContain('Holdout is inconclusive: 2 resolved leads (fewer than 100) and 0 wins (fewer than 30).');
  });

  it('hashes model content: a changed threshold changes the hash, key order does not', async () => {
    const stricter = { ...templates.plg, threshold: 70, version: '2' };
    const reordered = JSON.parse(
      canonicalJson(templates.plg)
        .replace(/^\{/, '{"threshold":60,')
        .replace(/,"threshold":60/, ''),
    );
    expect(Object.keys(reordered)[0]).toBe('threshold');
    expect(modelContentHash(reordered)).toBe(modelContentHash(templates.plg));
    expect(modelContentHash(stricter)).not.toBe(modelContentHash(templates.plg));
    expect(modelContentHash({ ...templates.plg, threshold: 61 })).not.toBe(modelContentHash(templates.plg));

    const wh = await openTestWarehouse();
    await addJourney(wh, { lead_id: 'P1' }, [['lead', '2024-01-01']]);
    await buildMarts(wh);
    const spec = backtestSpec({ decision: 'created+7d', holdoutFrom: '2024-01-01', asOf: '2024-12-31' });
    const report = await runBacktest(wh, spec, { current: templates.plg, candidate: stricter });
    const { dir } = await writeModels({});
    const path = await writeDecisionRecord(report, dir);
    const record = JSON.parse(await readFile(path, 'utf8'));
    expect(path).toBe(join(dir, 'decision-record.json'));
    expect(record).toEqual(JSON.parse(JSON.stringify(decisionRecord(report))));
    expect(
      record.models.map((m: { role: string; version: string; threshold: number; contentHash: string }) => [m.role, m.version, m.threshold, m.contentHash]),
    ).toEqual([
      ['current', '1', 60, modelContentHash(templates.plg)],
      ['candidate', '2', 70, modelContentHash(stricter)],
    ]);
    expect(record.split).toMatchObject({ holdoutFrom: '2024-01-01T00:00:00.000Z', holdoutFromSource: 'option', embargo: '90d' });
  });

  it('parses decision rules and rejects others', () => {
    expect(parseDecisionRule('created+7d')).toEqual({ kind: 'created', offsetSeconds: 7 * 86_400, label: 'created+7d' });
    expect(parseDecisionRule('MQL')).toEqual({ kind: 'mql', offsetSeconds: 0, label: 'mql' });
    expect(() => parseDecisionRule('sql')).toThrow(/not a decision rule/);
    expect(() => backtestSpec({ target: 'evangelist' })).toThrow(/--target "evangelist"/);
  });
});
