/**
 * The sample report in a real Chromium: the page must load nothing, log no error, draw every
 * chart and show hostile CRM text as text. Skips only where Chromium is missing outside CI.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/reports/html.js';
import { openInChromium, type OpenedReport, skipBrowserTests } from '../helpers/browser.js';
import { sampleReport, scriptPayload, xssPayload } from './sampleReport.js';

describe.skipIf(skipBrowserTests())('sample report in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'revops-report-'));
  let page: OpenedReport;

  beforeAll(async () => {
    const htmlPath = join(dir, 'report.html');
    writeFileSync(htmlPath, await renderReportHtml(sampleReport()));
    page = await openInChromium(htmlPath);
  });
  afterAll(async () => {
    await page?.close();
  });

  it('logs no console or page error', () => {
    expect(page.consoleErrors).toEqual([]);
  });

  it('makes no request beyond the file itself', () => {
    expect(page.requests).toEqual([]);
  });

  it('draws all six charts as inline SVG', async () => {
    expect(page.svgCount).toBe(6);
    expect(await page.count('figure.chart > svg')).toBe(6);
  });

  it('shows the payloads as text and creates no element from them', async () => {
    const text = await page.text();
    expect(text).toContain(xssPayload);
    expect(text).toContain(scriptPayload);
    expect(await page.count('img')).toBe(0);
    expect(await page.count('script')).toBe(0);
  });

  it('shows the header, warnings and definitions', async () => {
    const text = await page.text();
    expect(text).toContain('Lifecycle funnel — Q2 2024');
    expect(text).toContain('2024-04-01 – 2024-06-30');
    expect(text).toMatch(/Warnings \(2\)/);
    expect(text).toContain('Speed-to-lead');
  });

  it('takes a full-page screenshot', async () => {
    const shot = join(dir, 'report.png');
    await page.screenshot(shot);
    const png = readFileSync(shot);
    // PNG signature, then the IHDR width (bytes 16–19): the 1280 px viewport of openInChromium
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1280);
    console.info(`screenshot of the sample report: ${shot}`);
  });
});
