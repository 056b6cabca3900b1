/**
 * Every report the demo and the nightly build write, on the bundled sample, opened in Chromium:
 * charts present, no console error, no request, no script or image element, and the window,
 * as-of and freshness in the header.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { Warehouse } from '../../src/db/connection.js';
import { loadFiles } from '../../src/ingest/load.js';
import { packageRoot } from '../../src/paths.js';
import { reportDefinitions, writeAllReports, type WrittenReport } from '../../src/reportSet.js';
import { openInChromium, skipBrowserTests } from '../helpers/browser.js';

const asOf = '2026-11-01T00:00:00Z';
let written: WrittenReport[] = [];

describe.skipIf(skipBrowserTests())('every report on the sample data, in Chromium', () => {
  beforeAll(async () => {
    const out = mkdtempSync(join(tmpdir(), 'revops-all-reports-'));
    const config = parseConfig({ timezone: 'America/New_York' });
    const wh = await Warehouse.open({ path: ':memory:' });
    try {
      await loadFiles(wh, config, { paths: [join(packageRoot, 'sample-data')], crm: 'auto', snapshotAt: new Date(asOf) });
      written = await writeAllReports(wh, config, { outDir: out, asOf });
    } finally {
      wh.close();
    }
  }, 180_000);

  it('writes one report per definition', () => {
    expect(written.map((r) => r.name)).toEqual(reportDefinitions.map((d) => d.name));
  });

  it.each(reportDefinitions.map((d) => d.name))('%s opens offline with its charts and no errors', async (name) => {
    const report = written.find((r) => r.name === name)!;
    const page = await openInChromium(report.html);
    try {
      expect(page.consoleErrors).toEqual([]);
      expect(page.requests).toEqual([]);
      // the overview is tiles only; every other report draws at least one chart
      if (name === 'overview') expect(await page.count('.tile')).toBeGreaterThanOrEqual(9);
      else expect(page.svgCount).toBeGreaterThanOrEqual(1);
      expect(await page.count('script')).toBe(0);
      expect(await page.count('img')).toBe(0);
      const text = (await page.text()).toLowerCase();
      expect(text).toContain('as of');
      expect(text).toContain('2026-11-01');
    } finally {
      await page.close();
    }
  });
});
