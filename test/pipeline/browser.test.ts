/**
 * The pipeline page in a real Chromium, on the hand-computed deals: headline tiles first, the
 * waterfall, stage and aging charts drawn, nothing loaded, no console error, and the CRM strings
 * holding markup (a deal named <script>…, an owner with <b>) shown as text.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineOn } from '../../src/commands/pipeline.js';
import { pipelineCsv } from '../../src/commands/pipelineOutputs.js';
import { parseConfig } from '../../src/config/config.js';
import type { PipelineReport } from '../../src/pipeline/types.js';
import { renderReportHtml } from '../../src/reports/html.js';
import { pipelineReportDocument } from '../../src/reports/pipelineReport.js';
import { openInChromium, type OpenedReport, skipBrowserTests } from '../helpers/browser.js';
import { handWarehouse } from './handFixture.js';

describe.skipIf(skipBrowserTests())('pipeline report in Chromium', () => {
  let page: OpenedReport;
  let report: PipelineReport;
  let html: string;

  beforeAll(async () => {
    const wh = await handWarehouse();
    report = await pipelineOn(wh, parseConfig({}), { from: '2024-01-01', to: '2024-03-31', asOf: '2024-03-31' });
    wh.close();
    html = await renderReportHtml(pipelineReportDocument(report, 'revops-report test'));
    const path = join(mkdtempSync(join(tmpdir(), 'revops-pipeline-')), 'pipeline.html');
    writeFileSync(path, html);
    page = await openInChromium(path);
  }, 60_000);
  afterAll(async () => {
    await page?.close();
  });

  it('logs no error and requests nothing', () => {
    expect(page.consoleErrors).toEqual([]);
    expect(page.requests).toEqual([]);
  });

  it('draws the waterfall, stage and aging charts', async () => {
    expect(await page.count('figure.chart > svg')).toBe(3);
    const titles = await page.page.locator('figure.chart svg').evaluateAll((svgs) => svgs.map((s) => s.getAttribute('aria-label') ?? s.textContent ?? ''));
    expect(titles.join(' ')).toMatch(/Pipeline waterfall[\s\S]*Deals reaching each stage[\s\S]*Open amount by stage and deal age/);
  });

  it('shows the headline tiles before the charts: win rate against its benchmark, velocity, open pipeline, coverage', async () => {
    // tile labels are set in capitals by the stylesheet
    const text = (await page.text()).toLowerCase();
    const tiles = ['win rate', 'pipeline velocity', 'open pipeline', 'coverage'].map((t) => text.indexOf(t));
    expect(tiles.every((i) => i >= 0)).toBe(true);
    expect(text).toContain('66.7%');
    expect(text).toContain('benchmark 20–30%');
    expect(text).toContain('no quota file');
    expect(text).toContain('needed 1.5×');
    expect(Math.max(...tiles)).toBeLessThan(text.indexOf('waterfall'));
  });

  it('shows CRM markup as text and creates no element from it', async () => {
    const text = await page.text();
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('Sam <b>Lee</b>');
    expect(await page.count('script')).toBe(0);
    expect(await page.count('b')).toBe(0);
    expect(html).not.toContain('<script>alert(1)');
  });

  it('lists the waterfall moves, deal by deal, with their entry and exit buckets', async () => {
    const text = await page.text();
    expect(text).toContain('Waterfall moves (6 deals)');
    expect(text).toMatch(/P1\s+Dana Reyes\s+Pulled in\s+End\s+700\s+900\s+200/);
  });

  it('shows every definition on the page', async () => {
    const text = await page.text();
    for (const term of ['Stage reached', 'Time in stage', 'Win rate', 'Velocity', 'Stale deal', 'Close-date push', 'Waterfall', 'Coverage'])
      expect(text).toContain(term);
    expect(text).toContain('Kaplan–Meier');
  });

  it('writes every list to a formula-safe CSV', () => {
    const csv = pipelineCsv({ ...report, stale: [{ ...report.stale[0]!, owner: '=HYPERLINK("http://x")' }] });
    expect(csv.split('\r\n')[0]).toMatch(/^list,opportunityId,name,owner,/);
    expect(csv).toContain(`stale,P1,P1,"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain('pushed,R1,');
    expect(csv.split('\r\n').filter((l) => l.startsWith('waterfall,'))).toHaveLength(6);
  });
});
