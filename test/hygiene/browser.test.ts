/**
 * The hygiene page in a real Chromium: it loads nothing, logs no error, draws its three charts
 * (duplicates by tier, completeness against the target, the stage distribution) and shows the
 * fixture's hostile company names as text. Skips only where Chromium is missing outside CI.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hygieneOutputs } from '../../src/commands/hygieneOutputs.js';
import { renderReportHtml } from '../../src/reports/html.js';
import { openInChromium, type OpenedReport, skipBrowserTests } from '../helpers/browser.js';
import { hygieneFixtureReport } from './fixtureReport.js';

describe.skipIf(skipBrowserTests())('hygiene page in Chromium', () => {
  let page: OpenedReport;

  beforeAll(async () => {
    const htmlPath = join(mkdtempSync(join(tmpdir(), 'revops-hygiene-')), 'hygiene.html');
    writeFileSync(htmlPath, await renderReportHtml(hygieneOutputs(await hygieneFixtureReport()).document()));
    page = await openInChromium(htmlPath);
  }, 60_000);
  afterAll(async () => {
    await page?.close();
  });

  it('logs no error and requests nothing', () => {
    expect(page.consoleErrors).toEqual([]);
    expect(page.requests).toEqual([]);
  });

  it('draws its three charts, with a bar per tier and the target line', async () => {
    expect(await page.count('figure.chart > svg')).toBe(3);
    const text = await page.text();
    expect(text).toContain('Duplicates by tier');
    expect(text).toContain('Completeness by stage and field');
    expect(await page.page.locator('figure.chart svg').first().locator('path[aria-roledescription="bar"]').count()).toBe(4);
  });

  it('shows the tiles first and the hostile company names as text', async () => {
    const text = await page.text();
    expect(text).toContain('<script>alert(1)</script> GmbH');
    expect(text).toContain('=1+2 Corp');
    expect(await page.count('script')).toBe(0);
    const tiles = await page.page.locator('[data-tile]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tile')));
    expect(tiles).toEqual(['duplicate-rate', 'completeness', 'stuck', 'unowned']);
  });
});
