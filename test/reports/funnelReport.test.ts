import { mkdtempSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { computeFunnel } from '../../src/metrics/funnel.js';
import { funnelReportDocument } from '../../src/reports/funnelReport.js';
import { renderReportHtml } from '../../src/reports/html.js';
import { openInChromium, skipBrowserTests } from '../helpers/browser.js';
import { openTestWarehouse } from '../helpers/db.js';
import { loadFixtures } from '../helpers/load.js';
import { expectGolden, specJson } from './golden.js';

const config = parseConfig({ timezone: 'America/New_York' });
const asOf = new Date('2024-04-01T00:00:00Z');

async function hostileFunnel() {
  const wh = await openTestWarehouse();
  await loadFixtures(wh, ['lifecycle/leads.csv', 'lifecycle/stage_events.csv', 'funnel/hostile_leads.csv', 'funnel/hostile_stage_events.csv'], config);
  return computeFunnel(wh, config, {
    window: { from: new Date('2024-01-01T00:00:00Z'), to: asOf, asOf },
    stages: ['lead', 'mql', 'sql', 'opportunity', 'customer'],
    skipped: 'count',
    by: 'source',
    interval: 'month',
  });
}

describe('funnel report', () => {
  it('builds the same document from the same numbers (golden)', async () => {
    const report = await hostileFunnel();
    const document = funnelReportDocument(report, 'revops-report test');
    expectGolden('funnel-document.json', specJson(document));
  });

  it.skipIf(skipBrowserTests())('opens offline in Chromium with charts, no errors, no requests, and CRM strings as text', async () => {
    const report = await hostileFunnel();
    const html = await renderReportHtml(funnelReportDocument(report, 'revops-report test'));
    const path = join(mkdtempSync(join(tmpdir(), 'funnel-report-')), 'funnel.html');
    await writeFile(path, html);
    const page = await openInChromium(path);
    try {
      expect(page.consoleErrors).toEqual([]);
      expect(page.requests).toEqual([]);
      // the funnel, the cohort-period trend and the breakdown
      expect(page.svgCount).toBeGreaterThanOrEqual(3);
      expect(await page.count('img')).toBe(0);
      expect(await page.count('script')).toBe(0);
      const text = await page.text();
      expect(text).toContain('<img src=x onerror=alert(1)>');
      // header labels are upper-cased by CSS, which innerText reflects
      expect(text.toLowerCase()).toContain('as of');
      expect(text.toLowerCase()).toContain('data freshness');
      expect(text).toContain('Wilson');
    } finally {
      await page.close();
    }
  });
});
