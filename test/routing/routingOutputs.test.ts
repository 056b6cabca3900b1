/**
 * The routing report's outputs on the hand-built fixture: the JSON contract's keys, the CSV lists
 * (formula-safe), the terminal table's width, the export tables, and the page in Chromium
 * (charts drawn, nothing loaded, no console error, CRM text shown as text).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderOutput } from '../../src/commands/emit.js';
import { routingCsv, routingListNames, routingOutputs } from '../../src/commands/routingOutputs.js';
import { exportTablesFor } from '../../src/export/reportTables.js';
import { expectedBarChart } from '../../src/reports/charts/index.js';
import { renderReportHtml } from '../../src/reports/html.js';
import { expectGolden, specJson } from '../reports/golden.js';
import { routingReportDocument } from '../../src/reports/routingReport.js';
import type { RoutingReport } from '../../src/routing/types.js';
import { openInChromium, type OpenedReport, skipBrowserTests } from '../helpers/browser.js';
import { routingReport } from './support.js';

let report: RoutingReport;
beforeAll(async () => {
  report = await routingReport({ pto: [{ owner: 'Chen Wei', from: '2024-03-06', to: '2024-03-08' }] });
}, 60_000);

describe('routing JSON contract', () => {
  it('has the documented keys, stable and in order', () => {
    expect(Object.keys(report)).toEqual([
      'report',
      'asOf',
      'window',
      'dataFreshness',
      'timezone',
      'distribution',
      'unassigned',
      'timeToAssign',
      'abm',
      'committees',
      'warnings',
    ]);
    expect(Object.keys(report.distribution)).toEqual(['poolConfigured', 'pool', 'pto', 'kinds', 'rows']);
    expect(Object.keys(report.distribution.kinds[0]!)).toEqual(['kind', 'decisions', 'outsidePool', 'overall', 'owners', 'furthestOff', 'weeks']);
    expect(Object.keys(report.distribution.kinds[0]!.overall)).toEqual(['total', 'maxMinRatio', 'chiSquare', 'df', 'pValue', 'toAbsentOwners']);
    expect(Object.keys(report.unassigned)).toEqual(['count', 'byReason', 'mqlsNeverOwned', 'leads']);
    expect(Object.keys(report.timeToAssign)).toEqual(['fromCreated', 'fromMql', 'buckets', 'reassignedLeads', 'reassignments', 'pingPongLeads', 'reassigned']);
    expect(Object.keys(report.timeToAssign.fromCreated)).toEqual([
      'starts',
      'assigned',
      'ownedAtStart',
      'noHistory',
      'untimed',
      'unassigned',
      'medianMinutes',
      'medianBusinessMinutes',
      'p90BusinessMinutes',
    ]);
    expect(Object.keys(report.abm)).toEqual(['tierField', 'tiers', 'compliance', 'breaches']);
    expect(Object.keys(report.committees)).toEqual(['minContacts', 'windowDays', 'accounts']);
    expect(report).toMatchObject({
      report: 'routing',
      asOf: '2024-03-20T00:00:00.000Z',
      window: { from: '2024-02-01T00:00:00.000Z', to: '2024-03-20T00:00:00.000Z' },
    });
  });

  it('keeps full doubles through the JSON text', async () => {
    const parsed = JSON.parse(await renderOutput('json', routingOutputs(report))) as RoutingReport;
    const week = parsed.distribution.kinds[0]!.weeks[0]!;
    // 87/78 to the last digit, not rounded for display
    expect(week.chiSquare).toBe(report.distribution.kinds[0]!.weeks[0]!.chiSquare);
    expect(String(week.chiSquare).length).toBeGreaterThan(10);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(report)));
  });
});

describe('routing CSV and tables', () => {
  it('writes every list as CSV, formula-safe', () => {
    const unassigned = routingCsv(report, 'unassigned');
    const lines = unassigned.split('\r\n');
    expect(lines[0]).toBe('lead_id,company,owner_id,owner,reason,stage,created_at,age_days,never_owned_mql');
    // L06's company is a spreadsheet formula: written with a leading apostrophe, so it stays text
    expect(unassigned).toContain(`L06,"'=HYPERLINK(""http://x.example"",""Norrsken"")",00G5e000000Qu01AAC`);
    expect(routingCsv(report, 'reassignments').split('\r\n')[1]).toBe(
      'L03,3,1,Ana Ruiz → Ben Carter → Ana Ruiz → Chen Wei,2024-03-05T14:10:00.000Z,2024-03-08T15:00:00.000Z',
    );
    for (const list of routingListNames) expect(routingCsv(report, list).split('\r\n')[0]!.length).toBeGreaterThan(0);
    expect(() => routingCsv(report, 'everything')).toThrow(/--list is one of unassigned, distribution/);
  });

  it('fits the terminal table into 80 columns', () => {
    const text = routingOutputs(report).table(80);
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    expect(text.split('\n').slice(0, 2)).toEqual([
      'Lead routing · 2024-02-01 → 2024-03-20 · as of 2024-03-20T00:00:00.000Z · newest',
      'record 2024-03-19T20:00:00.000Z',
    ]);
    expect(text).toContain('Unassigned: 3 leads (1 no owner, 1 queue, 1 inactive owner); 1 MQLs never owned.');
  });

  it('exports every list as a table for parquet and arrow', () => {
    const tables = exportTablesFor('routing', report)!;
    expect(tables.map((t) => [t.name, t.rows.length])).toEqual([
      ['unassigned', 3],
      ['distribution', report.distribution.rows.length],
      ['fairness', 2 + report.distribution.kinds.reduce((n, k) => n + k.weeks.length, 0)],
      ['reassignments', 1],
      ['abm_breaches', 2],
      ['committees', 2],
    ]);
    expect(tables[1]!.columns.find((c) => c.name === 'expected')).toEqual({ name: 'expected', type: 'double' });
  });

  it('puts the four headline tiles first', () => {
    const doc = routingReportDocument(report);
    expect(doc.tiles!.map((t) => [t.key, t.value])).toEqual([
      ['unassigned', '3'],
      ['median-time-to-assign', '30m'],
      // over the window Ana 3 of 2.5, Ben 2 of 2.5, Chen 1 of 1: (3/2.5) ÷ (2/2.5) = 1.5
      ['fairness', '1.50× max/min'],
      ['abm-compliance', '60.0%'],
    ]);
  });
});

describe('routing page goldens', () => {
  it('builds the expected-share chart as a bar and tick layer (golden spec)', () => {
    const spec = expectedBarChart({
      rows: [
        { owner: 'Ana Ruiz', actual: 3, expected: 2.5 },
        { owner: 'Chen Wei', actual: 1, expected: 1 },
      ],
      category: 'owner',
      actual: 'actual',
      expected: 'expected',
      title: 'New leads per owner: actual and expected',
    });
    expectGolden('expected-bar-chart.json', specJson(spec));
  });

  it('renders the same HTML shell from the same numbers (golden; charts and styles left out)', async () => {
    const html = await renderReportHtml(routingReportDocument(report, 'revops-report test'));
    const shell = html
      .replace(/<style>[\s\S]*?<\/style>/, '<style>/* reports/report.css */</style>')
      .replace(/<svg[\s\S]*?<\/svg>/g, '<svg><!-- chart --></svg>');
    expectGolden('routing-report.html', shell);
  });
});

describe.skipIf(skipBrowserTests())('routing page in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'revops-routing-'));
  let page: OpenedReport;
  beforeAll(async () => {
    const path = join(dir, 'routing.html');
    writeFileSync(path, await renderOutput('html', routingOutputs(report)));
    page = await openInChromium(path);
  }, 60_000);
  afterAll(async () => {
    await page?.close();
  });

  it('draws the distribution charts with their expected ticks and the time-to-assign chart', async () => {
    // new leads per owner, MQLs per owner, time to assign
    expect(await page.count('figure.chart > svg')).toBe(3);
    expect(page.consoleErrors).toEqual([]);
    expect(page.requests).toEqual([]);
  });

  it('shows CRM text as text', async () => {
    const text = await page.text();
    expect(text).toContain('<script>alert(1)</script> Atelier Sud');
    expect(text).toContain('=HYPERLINK("http://x.example","Norrsken")');
    expect(await page.count('script')).toBe(0);
    expect(text).toContain('Ana Ruiz → Ben Carter → Ana Ruiz → Chen Wei');
  });
});
