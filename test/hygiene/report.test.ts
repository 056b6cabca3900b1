/**
 * The hygiene report end to end on canonical export files (test/fixtures/hygiene/canonical), every
 * number worked out by hand as of 2026-11-01: the JSON contract's keys and values, the CSV of every
 * flagged record (formula-safe), the terminal table's width, and CRM text escaped in the HTML.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { hygieneOutputs } from '../../src/commands/hygieneOutputs.js';
import { exportTablesFor } from '../../src/export/reportTables.js';
import type { HygieneReport } from '../../src/hygiene/types.js';
import { renderReportHtml } from '../../src/reports/html.js';
import { hygieneFixtureRun } from './fixtureReport.js';

describe('hygiene report', () => {
  let report: HygieneReport;
  let warehouseCsv: string;
  beforeAll(async () => {
    ({ report, warehouseCsv } = await hygieneFixtureRun());
  }, 60_000);

  it('keeps the documented JSON keys', () => {
    expect(Object.keys(report)).toEqual([
      'report',
      'asOf',
      'listLimit',
      'window',
      'dataFreshness',
      'duplicates',
      'completeness',
      'stuck',
      'stale',
      'unknownStage',
      'unowned',
      'distribution',
      'warnings',
    ]);
    expect(Object.keys(report.duplicates)).toEqual([
      'survivorRule',
      'crmSystems',
      'leads',
      'duplicateLeads',
      'duplicateRate',
      'tiers',
      'pairs',
      'accountSpellings',
      'accounts',
    ]);
    expect(Object.keys(report.completeness)).toEqual(['target', 'rules', 'fields', 'overall', 'fieldsBelowTarget', 'offenderCount', 'offenders']);
    expect(Object.keys(report.distribution)).toEqual(['ageBuckets', 'cells', 'flow', 'bottleneck']);
    expect(report.window).toEqual({ from: '2025-11-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' });
  });

  it('finds the duplicates of each tier with their survivors, in full precision', () => {
    const d = report.duplicates;
    expect(d.duplicateRate).toBe(2 / 7);
    expect(d.pairs.map((p) => [p.tier, p.matchedOn, p.key, p.leadId, p.survivorId])).toEqual([
      [2, 'email_normalised', 'ann@acme.com', 'H2', 'H1'],
      // +49 30 1234567 and the German national 030 1234567; H4 is the more complete record
      [3, 'name+phone', 'bob ray +49301234567', 'H3', 'H4'],
    ]);
    // "Acme Labs" stays apart from Acme
    expect(d.accounts.filter((a) => !a.isSurvivor).map((a) => [a.key, a.spelling, a.survivorSpelling])).toEqual([
      ['1 2', '=1+2', '=1+2 Corp'],
      ['acme', 'ACME Inc', 'Acme, Inc.'],
      ['script alert 1 script', '<script>alert(1)</script> GmbH', '<SCRIPT>alert(1)</SCRIPT>'],
    ]);
  });

  it('measures required fields, stuck, stale, unknown and unowned leads and names the bottleneck', () => {
    const c = report.completeness;
    // SQL: H1 only (H5 and H6 moved on to opportunity); O2 lacks an amount, a loss reason and a competitor
    expect(c.overall).toBe(8 / 11);
    expect(c.fieldsBelowTarget).toBe(3);
    expect(c.offenders.map((o) => [o.rule, o.recordId, o.missing])).toEqual([
      ['Opportunity', 'O2', ['amount']],
      ['Closed Lost', 'O2', ['loss reason', 'competitor']],
    ]);
    // MQL stays of 10, 20, 30 days (median 20); SQL stays of 11 and 1 (median 6)
    expect(report.stuck.leads.map((l) => [l.leadId, l.stage, l.daysInStage, l.medianDays, l.multiple])).toEqual([
      ['H1', 'sql', 285, 6, 47.5],
      ['H4', 'mql', 245, 20, 12.25],
    ]);
    expect(report.stale.leads.map((l) => l.leadId)).toEqual(['H3']);
    expect(report.unknownStage.leads.map((l) => [l.leadId, l.stageRaw])).toEqual([['H3', 'Zombie Stage']]);
    expect(report.unowned.leads.map((l) => l.leadId)).toEqual(['H3']);
    // lead and opportunity grew with no exit; opportunity grew more
    expect(report.distribution.bottleneck).toBe('opportunity');
  });

  it('writes every flagged record to one CSV, formula-neutralised', () => {
    const csv = hygieneOutputs(report).csv();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('list,record_type,record_id,owner_id,stage,reason,related_id');
    expect(lines).toContain(`account_spelling,account,'=1+2,,,tier 4 company_normalised: 1 2,'=1+2 Corp`);
    expect(lines).toContain('duplicate,lead,H2,,,tier 2 email_normalised: ann@acme.com,H1');
    expect(lines).toContain('missing_fields,opportunity,O2,U1,Closed Lost,"missing loss reason, competitor",');
    expect(lines).toContain('stuck,lead,H1,U1,sql,"285.0 d in stage, 47.5× the median 6.0 d",');
    expect(lines.filter((l) => l.startsWith('unowned,'))).toEqual(['unowned,lead,H3,,unknown,no owner,']);
    expect(lines).toHaveLength(1 + 2 + 3 + 2 + 2 + 1 + 1 + 1);
  });

  it('writes the same CSV from the warehouse, the path for lists longer than the report holds', () => {
    expect(report.listLimit).toBe(1000);
    expect(warehouseCsv).toBe(hygieneOutputs(report).csv());
  });

  it('refuses a CSV from a report whose lists were cut at the limit', () => {
    const cut = { ...report, stale: { ...report.stale, count: report.stale.count + 1 } };
    expect(() => hygieneOutputs(cut).csv()).toThrow(/written from the warehouse by the hygiene command with --format csv/);
  });

  it('has a data export table for every list', () => {
    const tables = exportTablesFor('hygiene', report)!;
    expect(tables.map((t) => [t.name, t.rows.length])).toEqual([
      ['tiers', 4],
      ['duplicates', 2],
      ['account_spellings', 6],
      ['completeness', 7],
      ['missing_fields', 2],
      ['stage_medians', 7],
      ['stuck', 2],
      ['stale', 1],
      ['unknown_stage', 1],
      ['unowned', 1],
      ['stage_ages', 5],
      ['stage_flow', 7],
    ]);
  });

  it('fits the terminal table in 80 columns', () => {
    const text = hygieneOutputs(report).table(80);
    // the header line carries the as-of and freshness whole, like every report's
    for (const line of text.split('\n').slice(1)) expect([...line].length).toBeLessThanOrEqual(80);
    expect(text).toContain('Bottleneck: opportunity.');
  });

  it('escapes CRM text in the HTML and draws its charts', async () => {
    const html = await renderReportHtml(hygieneOutputs(report).document());
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<SCRIPT>alert(1)</SCRIPT>');
    expect(html).toContain('&lt;SCRIPT&gt;alert(1)&lt;/SCRIPT&gt;');
    expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(3);
    const tiles = [...html.matchAll(/data-tile="([^"]+)"/g)].map((m) => m[1]);
    expect(tiles.slice(0, 4)).toEqual(['duplicate-rate', 'completeness', 'stuck', 'unowned']);
  });
});
