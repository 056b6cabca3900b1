/**
 * The build index in a real Chromium, opened from disk as from a share: no console error, no
 * request, and every link resolves to a file in the folder. The folder is then moved elsewhere
 * and the links still resolve (relative links only).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import { reportDefinitions } from '../../src/reportSet.js';
import { buildIndexDocument, type IndexRun, renderBuildIndexHtml } from '../../src/reports/indexPage.js';
import { chromiumPath, type OpenedReport, openInChromium, skipBrowserTests } from '../helpers/browser.js';
import { pdfPages } from '../helpers/pdfText.js';
import { lifecycleDir, workspace, type Workspace } from './workspace.js';

/** The hrefs of every link on a page, as the browser resolved them. */
async function links(htmlPath: string): Promise<string[]> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await page.goto(`file://${htmlPath}`);
    return await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
  } finally {
    await browser.close();
  }
}

/** A4 in CSS px at 96 dpi less the print stylesheet's margins (12 mm top and bottom, 10 mm sides). */
const a4Content = { width: Math.floor(((210 - 20) / 25.4) * 96), height: Math.floor(((297 - 24) / 25.4) * 96) };

/**
 * The page laid out for print at the A4 content width: whether the run table fits across it, whether
 * anything before the table forces a page break, and where its first row ends.
 */
async function printLayout(page: OpenedReport) {
  await page.page.emulateMedia({ media: 'print' });
  await page.page.setViewportSize(a4Content);
  return page.page.evaluate(() => {
    const table = document.querySelector('table');
    const forced = (v: string) => ['page', 'always', 'left', 'right', 'recto', 'verso'].includes(v);
    const before = [...document.querySelectorAll('body *')].filter(
      (e) => table && e.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING && forced(getComputedStyle(e).breakAfter),
    );
    const atOrBefore = [...document.querySelectorAll('body *')].filter(
      (e) => (e === table || (table && e.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING)) && forced(getComputedStyle(e).breakBefore),
    );
    return {
      pageWidth: document.documentElement.clientWidth,
      contentWidth: document.documentElement.scrollWidth,
      forcedBreaks: [...before, ...atOrBefore].map((e) => e.tagName.toLowerCase() + (e.className ? `.${e.className}` : '')),
      firstRowBottom: document.querySelector('tbody tr')?.getBoundingClientRect().bottom ?? null,
    };
  });
}

const shots = process.env.GLANCE_SHOTS;

/** Prints the page to A4 (the shots folder keeps the PDF) and says where each page's text is. */
async function printed(page: OpenedReport, name: string) {
  await page.page.emulateMedia({ media: 'print' });
  const pdf = await page.page.pdf({ format: 'A4' });
  if (shots) {
    mkdirSync(shots, { recursive: true });
    writeFileSync(join(shots, `${name}.pdf`), pdf);
  }
  return pdfPages(pdf);
}

/** A long history: 40 nightly runs, one failed with a long note, the newest with nothing new. */
function longIndex(): Promise<string> {
  const names = ['overview', 'funnel', 'speed-to-lead', 'sla', 'scoring-backtest'];
  const runs = Array.from({ length: 40 }, (_, i): IndexRun => {
    const day = new Date(Date.UTC(2024, 3, 30 - i)).toISOString().slice(0, 10);
    const failed = i === 3;
    return {
      run: day,
      status: failed ? 'failed' : 'complete',
      asOf: `${day}T00:00:00Z`,
      finishedAt: `${day}T06:00:00Z`,
      dataFreshness: `${day}T01:00:00Z`,
      headline: failed ? ({} as Record<string, number | null>) : { mqlToSql: 0.4 + i / 1000, speedToLeadMedianMinutes: 30 + i, slaCompliance: 0.8 },
      links: failed ? [{ label: 'manifest', href: `${day}/manifest.json` }] : [...names, 'manifest'].map((n) => ({ label: n, href: `${day}/${n}.html` })),
      note: failed
        ? 'failed: inbox/hubspot-contacts-2024-04-27.csv could not be read: the file ends inside a quoted field at line 80412 (nothing was loaded)'
        : null,
      ...(i === 0 ? { nothingNew: 'every export in the inbox (2) was already loaded' } : {}),
    };
  });
  return renderBuildIndexHtml(buildIndexDocument(runs, { run: runs[0]!.run, links: runs[0]!.links }, 'revops-report test'));
}

describe.skipIf(skipBrowserTests())('build index in Chromium', () => {
  let ws: Workspace;

  beforeAll(async () => {
    ws = workspace(lifecycleDir);
    await build({ out: ws.out, config: ws.config, db: ws.db, asOf: '2024-03-31', tty: false });
    await build({ out: ws.out, config: ws.config, db: ws.db, asOf: '2024-04-01', tty: false });
  }, 120_000);

  it('loads with no console error and no request', async () => {
    const page = await openInChromium(join(ws.out, 'index.html'));
    try {
      expect(page.consoleErrors).toEqual([]);
      expect(page.requests).toEqual([]);
      const text = await page.text();
      expect(text).toContain('Newest complete run: 2024-04-01');
      expect(text).toMatch(/2024-04-01\s+complete\s+latest/);
      expect(text).toContain('80.0%'); // MQL→SQL on the fixture: 4 of 5
    } finally {
      await page.close();
    }
  });

  it('gives the Reports column room at 1400 px: every link on one line, the table inside its card', async () => {
    const page = await openInChromium(join(ws.out, 'index.html'), { width: 1400 });
    try {
      const layout = await page.page.evaluate(() => ({
        splitLinks: [...document.querySelectorAll('td.links a')]
          .filter((a) => new Set([...a.getClientRects()].map((r) => Math.round(r.top))).size > 1)
          .map((a) => a.textContent),
        links: document.querySelectorAll('td.links a').length,
        overflow: [...document.querySelectorAll('.table-wrap')].filter((w) => w.scrollWidth > w.clientWidth + 1).length,
      }));
      expect(layout.links).toBe(2 * (reportDefinitions.length + 1));
      expect(layout.splitLinks).toEqual([]);
      expect(layout.overflow).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('has only relative links, each resolving to a file, also after the folder is moved', async () => {
    const moved = join(mkdtempSync(join(tmpdir(), 'revops-share-')), 'copied-reports');
    cpSync(ws.out, moved, { recursive: true });
    for (const dir of [ws.out, moved]) {
      const hrefs = await links(join(dir, 'index.html'));
      // the latest card and each of the two runs link every report and the manifest
      expect(hrefs).toHaveLength(3 * (reportDefinitions.length + 1));
      for (const href of hrefs) {
        const path = decodeURIComponent(new URL(href).pathname);
        expect(path.startsWith(`${dir}/`)).toBe(true);
        expect(existsSync(path)).toBe(true);
      }
    }
    expect(dirname(moved)).not.toBe(dirname(ws.out));
  });

  it('prints on A4 with the header and the start of the run list on the first page, no column clipped', async () => {
    const page = await openInChromium(join(ws.out, 'index.html'), { width: 1400 });
    try {
      if (shots) await page.screenshot(join(shots, 'index-1400.png'));
      const layout = await printLayout(page);
      expect(layout.forcedBreaks).toEqual([]);
      // the run table fits across the A4 page as laid out, so print neither clips nor shrinks it
      expect(layout.contentWidth).toBeLessThanOrEqual(layout.pageWidth);
      expect(layout.firstRowBottom).not.toBeNull();
      expect(layout.firstRowBottom!).toBeLessThan(a4Content.height);
      // two runs: one page, holding every run
      const pages = await printed(page, 'index');
      expect(pages).toHaveLength(1);
      expect(pages[0]!.rightmostText).toBeLessThan(pages[0]!.width);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('prints a long history with every page but the last more than half full', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'revops-index-'));
    writeFileSync(join(dir, 'index.html'), await longIndex());
    const page = await openInChromium(join(dir, 'index.html'), { width: 1400 });
    try {
      const layout = await printLayout(page);
      expect(layout.forcedBreaks).toEqual([]);
      expect(layout.contentWidth).toBeLessThanOrEqual(layout.pageWidth);
      expect(layout.firstRowBottom!).toBeLessThan(a4Content.height);
      const pages = await printed(page, 'index-40-runs');
      expect(pages.length).toBeGreaterThan(1);
      const fill = pages.map((p) => Math.round((p.lowestText / p.height) * 100) / 100);
      for (const [i, f] of fill.slice(0, -1).entries()) expect(f, `page ${i + 1} of ${pages.length} is ${f * 100}% full`).toBeGreaterThan(0.5);
      for (const p of pages) expect(p.rightmostText).toBeLessThan(p.width);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('opens the latest report from the copied folder with no request either', async () => {
    const page = await openInChromium(join(ws.out, 'latest', 'funnel.html'));
    try {
      expect(page.consoleErrors).toEqual([]);
      expect(page.requests).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
