/**
 * The overview page: its document and HTML shell (golden), and in Chromium beside the reports it
 * links to: tiles present with the documented numbers, every link resolving to a written file, no
 * console error, no request.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { overviewOn, type OverviewMade } from '../../src/commands/overview.js';
import { reportDefinitions, writeReportFiles } from '../../src/reportSet.js';
import { renderReportHtml } from '../../src/reports/html.js';
import { notYetAvailable, overviewReportDocument } from '../../src/reports/overviewReport.js';
import { openInChromium, skipBrowserTests } from '../helpers/browser.js';
import { openTestWarehouse } from '../helpers/db.js';
import { loadFixtures } from '../helpers/load.js';
import { expectGolden } from './golden.js';

const config = parseConfig({ timezone: 'America/New_York' });
const asOf = '2024-04-01T00:00:00Z';
const shellOf = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '<style>/* reports/report.css */</style>');

let made: OverviewMade;
let out: string;

beforeAll(async () => {
  const wh = await openTestWarehouse();
  await loadFixtures(wh, ['lifecycle/leads.csv', 'lifecycle/stage_events.csv'], config);
  made = await overviewOn(wh, config, { since: '1y', asOf });
  // the overview with the pages its tiles link to, written as demo and build write them
  out = mkdtempSync(join(tmpdir(), 'revops-overview-'));
  for (const d of reportDefinitions.filter((r) => ['overview', 'funnel', 'speed-to-lead', 'sla'].includes(r.name))) {
    await writeReportFiles(out, d.name, await d.make(wh, config, { outDir: out, asOf, since: '1y' }));
  }
}, 120_000);

describe('overview page', () => {
  it('is listed first of the reports demo and build write', () => {
    expect(reportDefinitions[0]!.name).toBe('overview');
  });

  it('shows the funnel tiles as the funnel page does, links each one, and says velocity and coverage are not yet there', () => {
    const doc = overviewReportDocument(made.report, made.sources, 'revops-report test');
    expect(doc.sections.map((s) => s.heading)).toEqual(['Marketing', 'Sales', 'Executive']);
    const tiles = doc.sections.flatMap((s) => s.tiles ?? []);
    const byKey = new Map(tiles.map((t) => [t.key, t]));
    // 4 of 5 reached SQL from MQL: 80.0%, above the 30–50% range
    expect(byKey.get('mql-to-sql')).toMatchObject({
      value: '80.0%',
      detail: '4 of 5',
      target: 'benchmark 30–50%',
      statusText: 'above the range',
      href: 'funnel.html',
    });
    expect(byKey.get('sql-to-opportunity')).toMatchObject({ value: '50.0%', detail: '2 of 4', statusText: 'within the range' });
    expect(byKey.get('lead-to-customer')).toMatchObject({ value: '40.0%', detail: '2 of 5', href: 'funnel.html' });
    expect(byKey.get('speed-to-lead')).toMatchObject({ value: 'no data', href: 'speed-to-lead.html' });
    expect(byKey.get('sla-compliance')?.href).toBe('sla.html');
    for (const key of ['velocity', 'coverage']) expect(byKey.get(key)).toMatchObject({ value: notYetAvailable, status: 'unavailable' });
    expect(byKey.get('velocity')?.href).toBeUndefined();
  });

  it('renders the same HTML shell from the same numbers (golden)', async () => {
    const html = await renderReportHtml(overviewReportDocument(made.report, made.sources, 'revops-report test'));
    expectGolden('overview-report.html', shellOf(html));
  });

  it.skipIf(skipBrowserTests())('opens offline in Chromium at 1400 px with its tiles, and every tile link opens a written report', async () => {
    const path = join(out, 'overview.html');
    const page = await openInChromium(path, { width: 1400 });
    try {
      expect(page.consoleErrors).toEqual([]);
      expect(page.requests).toEqual([]);
      expect(await page.count('script')).toBe(0);
      expect(await page.count('.report-section .tile')).toBe(9);
      const values = await page.page
        .locator('.tile')
        .evaluateAll((els) => els.map((e) => [e.getAttribute('data-tile'), e.querySelector('.tile-value')?.textContent]));
      expect(values).toEqual([
        ['lead-to-mql', '100.0%'],
        ['mql-to-sql', '80.0%'],
        ['speed-to-lead', 'no data'],
        ['sql-to-opportunity', '50.0%'],
        ['win-rate', '100.0%'],
        ['velocity', notYetAvailable],
        ['lead-to-customer', '40.0%'],
        ['sla-compliance', expect.stringMatching(/%$|no data/)],
        ['coverage', notYetAvailable],
      ]);
      const hrefs = await page.page.locator('.tile a.tile-link').evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).href));
      expect(hrefs).toHaveLength(7);
      for (const href of hrefs) expect(existsSync(fileURLToPath(href)), href).toBe(true);
      expect(new Set(hrefs.map((h) => dirname(fileURLToPath(h))))).toEqual(new Set([out]));
      // nothing wider than the page at 1400 px
      expect(await page.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1400);
    } finally {
      await page.close();
    }
  });
});
