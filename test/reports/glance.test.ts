/**
 * Reports that read at a glance, checked in a real Chromium on the bundled sample data (what the
 * demo writes), at 1400 px and 800 px: tables fit (or scroll with a sticky first column), no word
 * is broken inside, every chart has marks, the headline tiles show the numbers of the report's
 * JSON, and the SLA report prints on at most 6 A4 pages with no clipped table.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { Warehouse } from '../../src/db/connection.js';
import { loadFiles } from '../../src/ingest/load.js';
import { packageRoot } from '../../src/paths.js';
import { writeAllReports, type WrittenReport } from '../../src/reportSet.js';
import { minutes, pct1 } from '../../src/reports/format.js';
import type { FunnelReport } from '../../src/metrics/funnel.js';
import type { SlaReport, SpeedToLeadReport } from '../../src/sla/types.js';
import type { BacktestReport } from '../../src/scoring/backtestTypes.js';
import { openInChromium, type OpenedReport, skipBrowserTests } from '../helpers/browser.js';

const asOf = '2026-11-01T00:00:00Z';
// every page the demo and the build write
const names = ['overview', 'funnel', 'speed-to-lead', 'sla', 'routing', 'pipeline', 'scoring-backtest', 'hygiene'] as const;
// the overview is tiles only: no table, no chart
const tilesOnly = new Set<string>(['overview']);
let written: WrittenReport[] = [];
const json = (name: string) => JSON.parse(readFileSync(written.find((r) => r.name === name)!.json, 'utf8'));

/** Tables whose content is wider than their scroll box, as "section: columns px > box px". */
async function overflowingTables(page: OpenedReport): Promise<string[]> {
  return page.page.evaluate(() =>
    [...document.querySelectorAll('.table-wrap')]
      .filter((w) => (w as HTMLElement).offsetParent !== null && w.scrollWidth > w.clientWidth + 1)
      .map((w) => `${w.closest('section')?.id}: ${w.scrollWidth} > ${w.clientWidth}`),
  );
}

/**
 * Words drawn on more than one line: every visible text node of tables, tiles and intros is split
 * at spaces, and each word's Range must have a single client rect (a word broken inside has two).
 */
async function brokenWords(page: OpenedReport): Promise<string[]> {
  return page.page.evaluate(() => {
    const broken: string[] = [];
    for (const el of document.querySelectorAll('td, th, .tile, .intro, .meta dd, .warnings li, .definitions dd')) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const m of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          // distinct line tops: one for a whole word
          if (new Set(rects.map((r) => Math.round(r.top))).size > 1) broken.push(m[0]);
        }
      }
    }
    return broken;
  });
}

describe.skipIf(skipBrowserTests())('reports at a glance, on the sample data in Chromium', () => {
  const shots = process.env.GLANCE_SHOTS;
  beforeAll(async () => {
    const out = mkdtempSync(join(tmpdir(), 'revops-glance-'));
    const config = parseConfig({ timezone: 'America/New_York' });
    const wh = await Warehouse.open({ path: ':memory:' });
    try {
      await loadFiles(wh, config, { paths: [join(packageRoot, 'sample-data')], crm: 'auto', snapshotAt: new Date(asOf) });
      written = await writeAllReports(wh, config, { outDir: out, asOf });
    } finally {
      wh.close();
    }
    if (shots) mkdirSync(shots, { recursive: true });
  }, 240_000);

  describe.each(names)('%s', (name) => {
    let wide: OpenedReport;
    let narrow: OpenedReport;
    beforeAll(async () => {
      const html = written.find((r) => r.name === name)!.html;
      wide = await openInChromium(html, { width: 1400 });
      narrow = await openInChromium(html, { width: 800 });
    }, 60_000);
    afterAll(async () => {
      await wide?.close();
      await narrow?.close();
    });

    it('loads nothing and logs no error, at either width', () => {
      for (const page of [wide, narrow]) {
        expect(page.consoleErrors).toEqual([]);
        expect(page.requests).toEqual([]);
      }
    });

    it('fits every table in its card at 1400 px', async () => {
      expect(await overflowingTables(wide)).toEqual([]);
    });

    it('breaks no word inside, at 1400 px and at 800 px', async () => {
      expect(await brokenWords(wide)).toEqual([]);
      expect(await brokenWords(narrow)).toEqual([]);
    });

    it('wraps cells at spaces only and keeps the first column in view when a table scrolls', async () => {
      if (tilesOnly.has(name)) {
        expect(await narrow.page.evaluate(() => document.querySelectorAll('td').length)).toBe(0);
        return;
      }
      const styles = await narrow.page.evaluate(() => {
        const td = document.querySelector('td');
        const first = document.querySelector('tbody td:first-child');
        const s = td ? getComputedStyle(td) : null;
        return { wrap: s?.overflowWrap, wordBreak: s?.wordBreak, sticky: first ? getComputedStyle(first).position : null, nums: s?.fontVariantNumeric };
      });
      expect(styles).toEqual({ wrap: 'normal', wordBreak: 'normal', sticky: 'sticky', nums: 'tabular-nums' });
    });

    it('draws every chart with marks', async () => {
      if (tilesOnly.has(name)) {
        expect(await wide.page.evaluate(() => document.querySelectorAll('figure.chart').length)).toBe(0);
        return;
      }
      const charts = await wide.page.evaluate(() =>
        [...document.querySelectorAll('figure.chart')].map(
          (f) => f.querySelectorAll('svg g[class^="mark-"] > path, svg g[class^="mark-"] > text, svg g[class^="mark-"] > line').length,
        ),
      );
      expect(charts.length).toBeGreaterThanOrEqual(1);
      expect(charts.filter((marks) => marks === 0)).toEqual([]);
    });

    it('takes a screenshot at 1400 px', async () => {
      if (!shots) return;
      await wide.screenshot(join(shots, `${name}-1400.png`));
      await narrow.screenshot(join(shots, `${name}-800.png`));
    });
  });

  /** The tiles of a page as { key: value text }. */
  async function tiles(name: string): Promise<Record<string, string>> {
    const page = await openInChromium(written.find((r) => r.name === name)!.html, { width: 1400 });
    try {
      return Object.fromEntries(
        await page.page.evaluate(() =>
          [...document.querySelectorAll('.tiles .tile')].map((t) => [(t as HTMLElement).dataset.tile, t.querySelector('.tile-value')?.textContent ?? '']),
        ),
      );
    } finally {
      await page.close();
    }
  }

  it('funnel tiles: Lead→MQL, MQL→SQL, SQL→Opportunity and win rate from the JSON', async () => {
    const report = json('funnel') as FunnelReport;
    const conv = (id: string) => pct1(report.stages.find((s) => s.stage === id)!.conversionFromPrevious);
    expect(await tiles('funnel')).toEqual({
      'lead-to-mql': conv('mql'),
      'mql-to-sql': conv('sql'),
      'sql-to-opportunity': conv('opportunity'),
      'win-rate': conv('customer'),
    });
  });

  it('speed-to-lead tiles: median business response and share within the SLA', async () => {
    const report = json('speed-to-lead') as SpeedToLeadReport;
    expect(await tiles('speed-to-lead')).toEqual({
      'median-business-response': minutes(report.overall.medianBusinessMinutes),
      'within-sla': pct1(report.overall.withinTarget),
    });
  });

  it('SLA tiles: compliance of every SLA', async () => {
    const report = json('sla') as SlaReport;
    expect(await tiles('sla')).toEqual(Object.fromEntries(report.slas.map((s) => [`sla-${s.name.replace(/[^a-z0-9]+/g, '-')}`, pct1(s.compliance)])));
  });

  it('backtest tiles: the verdict and the holdout recall of each rule', async () => {
    const report = json('scoring-backtest') as BacktestReport;
    const all = [...report.models.map((m) => m.holdout), report.baseline.holdout];
    expect(await tiles('scoring-backtest')).toEqual({
      verdict: all.some((m) => m.inconclusive) ? 'inconclusive' : 'conclusive',
      ...Object.fromEntries(report.models.map((m) => [`rule-${m.role}`, `${pct1(m.holdout.recall)} recall`])),
      'rule-baseline': `${pct1(report.baseline.holdout.recall)} recall`,
    });
  });

  it('prints the SLA report on at most 6 A4 pages, every report with no clipped table', async () => {
    const pages: Record<string, number> = {};
    for (const name of names) {
      const page = await openInChromium(written.find((r) => r.name === name)!.html, { width: 1400 });
      try {
        await page.page.emulateMedia({ media: 'print' });
        expect(await overflowingTables(page), name).toEqual([]);
        const pdf = await page.page.pdf({ format: 'A4' });
        if (shots) writeFileSync(join(shots, `${name}.pdf`), pdf);
        pages[name] = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
      } finally {
        await page.close();
      }
    }
    console.info(`printed pages: ${JSON.stringify(pages)}`);
    expect(pages.sla).toBeGreaterThan(0);
    expect(pages.sla).toBeLessThanOrEqual(6);
  }, 120_000);
});
