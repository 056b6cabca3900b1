/**
 * The build index in a real Chromium, opened from disk as from a share: no console error, no
 * request, and every link resolves to a file in the folder. The folder is then moved elsewhere
 * and the links still resolve (relative links only).
 */
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import { reportDefinitions } from '../../src/reportSet.js';
import { chromiumPath, openInChromium, skipBrowserTests } from '../helpers/browser.js';
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
