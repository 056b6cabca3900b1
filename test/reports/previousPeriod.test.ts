/**
 * The previous period behind each tile's change, on a hand-made export in a real warehouse:
 * `--since 90d --as-of 2026-07-01` compares the cohort of [2026-04-02, 2026-07-01) with that of
 * [2026-01-02, 2026-04-02), the latter measured as of 2026-04-02.
 *   previous: P1–P10 lead + MQL on 2026-02-02; P1–P4 SQL 2026-02-10; P5 SQL only on 2026-05-01,
 *             after the previous as-of, so it does not count there: 4 of 10.
 *   current:  C1–C10 lead + MQL on 2026-05-04; C1–C7 SQL 2026-05-12: 7 of 10.
 * MQL → SQL: 70.0% against 40.0% = +30.0 pts; pooled 11/20, z = 0.3 / √(0.55·0.45·0.2) = 1.35 < 1.96.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { slaOn } from '../../src/commands/sla.js';
import { speedToLeadOutputs } from '../../src/commands/slaOutputs.js';
import { speedToLeadOn } from '../../src/commands/speedToLead.js';
import { parseConfig } from '../../src/config/config.js';
import type { Warehouse } from '../../src/db/connection.js';
import { loadFiles } from '../../src/ingest/load.js';
import { computeFunnel, type FunnelReport } from '../../src/metrics/funnel.js';
import { previousWindow } from '../../src/metrics/previousPeriod.js';
import { resolveWindow } from '../../src/metrics/window.js';
import { buildModels } from '../../src/models/build.js';
import { funnelReportDocument } from '../../src/reports/funnelReport.js';
import { renderReportHtml } from '../../src/reports/html.js';
import { funnelTiles } from '../../src/reports/tiles.js';
import { openTestWarehouse } from '../helpers/db.js';

const config = parseConfig({ timezone: 'UTC' });
const stages = ['lead', 'mql', 'sql', 'opportunity', 'customer'];
const options = { since: '90d', asOf: '2026-07-01T00:00:00Z' };

function writeExport(extra: { leads: string[]; events: string[] } = { leads: [], events: [] }): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'revops-previous-'));
  const ids = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i + 1}`);
  const leads = [
    ...ids('P', 10).map((id) => `${id},${id}@example.com,2026-02-02T09:00:00Z`),
    ...ids('C', 10).map((id) => `${id},${id}@example.com,2026-05-04T09:00:00Z`),
  ];
  const events = [
    ...ids('P', 10).flatMap((id) => [`${id},lead,2026-02-02T09:00:00Z`, `${id},mql,2026-02-02T10:00:00Z`]),
    ...ids('P', 4).map((id) => `${id},sql,2026-02-10T10:00:00Z`),
    'P5,sql,2026-05-01T10:00:00Z',
    ...ids('C', 10).flatMap((id) => [`${id},lead,2026-05-04T09:00:00Z`, `${id},mql,2026-05-04T10:00:00Z`]),
    ...ids('C', 7).map((id) => `${id},sql,2026-05-12T10:00:00Z`),
  ];
  writeFileSync(join(dir, 'leads.csv'), `lead_id,email,created_at\n${[...leads, ...extra.leads].join('\n')}\n`);
  writeFileSync(join(dir, 'stage_events.csv'), `lead_id,stage,entered_at\n${[...events, ...extra.events].join('\n')}\n`);
  return [join(dir, 'leads.csv'), join(dir, 'stage_events.csv')];
}

let wh: Warehouse;
let report: FunnelReport;

beforeAll(async () => {
  wh = await openTestWarehouse();
  await loadFiles(wh, config, { paths: writeExport(), crm: 'auto' });
  await buildModels(wh, config, { force: true });
  report = await computeFunnel(wh, config, { window: resolveWindow(options), stages, skipped: 'count', previous: true });
}, 120_000);

describe('previous window', () => {
  it('is the window of the same length ending where the current one starts, as of its own end', () => {
    const previous = previousWindow(resolveWindow({ since: '90d', asOf: '2026-07-01T00:00:00Z' }));
    expect([previous.from, previous.to, previous.asOf].map((d) => d.toISOString())).toEqual([
      '2026-01-02T00:00:00.000Z',
      '2026-04-02T00:00:00.000Z',
      '2026-04-02T00:00:00.000Z',
    ]);
    // --from/--to (both days included: 31 days) observed until the end of 2026-05-01: the previous
    // window is the 31 days before 2026-03-01 and keeps the same lag after its end
    const fixed = previousWindow(resolveWindow({ from: '2026-03-01', to: '2026-03-31', asOf: '2026-05-01' }));
    expect([fixed.from, fixed.to, fixed.asOf].map((d) => d.toISOString())).toEqual([
      '2026-01-29T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
      '2026-04-01T00:00:00.000Z',
    ]);
  });

  it('counts the previous cohort with the same query, as of its own end, in the JSON', () => {
    expect(report.previous).toMatchObject({
      window: { from: '2026-01-02T00:00:00.000Z', to: '2026-04-02T00:00:00.000Z' },
      asOf: '2026-04-02T00:00:00.000Z',
      days: 90,
    });
    const reached = (stages: FunnelReport['stages']) => stages.map((s) => [s.stage, s.reached]);
    // P5's SQL of 2026-05-01 came after the previous as-of: 4, not 5
    expect(reached(report.previous!.stages)).toEqual([
      ['lead', 10],
      ['mql', 10],
      ['sql', 4],
      ['opportunity', 0],
      ['customer', 0],
    ]);
    expect(reached(report.stages).slice(0, 3)).toEqual([
      ['lead', 10],
      ['mql', 10],
      ['sql', 7],
    ]);
  });

  it('shows MQL → SQL +30.0 pts against 40.0% of 10, within noise', () => {
    const tile = funnelTiles(report).find((t) => t.key === 'mql-to-sql')!;
    expect([tile.value, tile.detail]).toEqual(['70.0%', '7 of 10']);
    expect(tile.change).toEqual({
      text: '▲ +30.0 pts vs the previous 90 days',
      delta: '▲ +30.0 pts',
      direction: 'up',
      previous: 'previous 40.0% of 10',
      noise: 'within noise (z-test, 95%)',
      period: '2026-01-02 – 2026-04-02, as of 2026-04-02',
    });
    // SQL → Opportunity: nobody reached it in either period; the previous has 4 SQLs, the current 7
    expect(funnelTiles(report).find((t) => t.key === 'sql-to-opportunity')!.change?.text).toBe('■ ±0.0 pts vs the previous 90 days');
    // Win rate: no opportunity in the previous period, nothing to compare with
    expect(funnelTiles(report).find((t) => t.key === 'win-rate')!.change?.text).toBe('no previous data');
  });

  it('writes the change and what "previous" means on the page', async () => {
    const html = await renderReportHtml(funnelReportDocument(report, 'revops-report test'));
    const tile = html.slice(html.indexOf('id="tile-mql-to-sql"'), html.indexOf('id="tile-sql-to-opportunity"'));
    expect(tile).toContain('class="tile-change tile-change-up" title="previous period: 2026-01-02 – 2026-04-02, as of 2026-04-02"');
    expect(tile.replace(/<[^>]+>/g, '')).toContain('▲ +30.0 pts vs the previous 90 days');
    expect(tile.replace(/<[^>]+>/g, '')).toContain('previous 40.0% of 10 · within noise (z-test, 95%)');
    expect(html.replace(/<[^>]+>/g, '')).toContain('Change vs the previous 90 days: 2026-01-02 – 2026-04-02, measured as of 2026-04-02');
  });

  it('gives speed-to-lead and the SLAs the previous period of the same window', async () => {
    const speed = await speedToLeadOn(wh, config, options);
    // 10 MQL starts in each window, none touched: both breached by their own as-of
    expect([speed.previous?.window.from, speed.previous?.asOf, speed.previous?.overall.n, speed.overall.n]).toEqual([
      '2026-01-02T00:00:00.000Z',
      '2026-04-02T00:00:00.000Z',
      10,
      10,
    ]);
    // nobody touched in either window: no median to compare; 0 of 10 within the SLA in both
    const table = speedToLeadOutputs(speed).table(120).split('\n');
    expect(table).toContain('Headline, change vs the previous 90 days');
    expect(table.find((l) => l.startsWith('Median response'))).toMatch(/no data\s+0 of 10 starts touched\s+no previous data$/);
    expect(table.find((l) => l.startsWith('Within SLA'))).toMatch(/0\.0%\s+0 of 10 decided\s+■ ±0\.0 pts\s+0\.0% of 10\s+within$/);
    const sla = await slaOn(wh, config, options);
    const firstTouch = sla.previous?.slas.find((s) => s.name === sla.slas[0]!.name);
    expect([firstTouch?.eligible, sla.slas[0]!.eligible]).toEqual([10, 10]);
  }, 60_000);
});

describe('previous period with a maturity --window', () => {
  it('applies the window relative to the previous as-of: a late MQL there is immature, not converted', async () => {
    // P11 reached MQL on 2026-03-20, 13 days before the previous as-of (2026-04-02), and SQL on 2026-03-25:
    // with a 30-day window it is immature there; measured from the current as-of it would count as converted
    const late = {
      leads: ['P11,P11@example.com,2026-03-20T09:00:00Z'],
      events: ['P11,lead,2026-03-20T09:00:00Z', 'P11,mql,2026-03-20T10:00:00Z', 'P11,sql,2026-03-25T10:00:00Z'],
    };
    const own = await openTestWarehouse();
    await loadFiles(own, config, { paths: writeExport(late), crm: 'auto' });
    await buildModels(own, config, { force: true });
    const matured = await computeFunnel(own, config, { window: resolveWindow(options), stages, skipped: 'count', maturedSeconds: 30 * 86400, previous: true });
    const sql = matured.previous!.stages.find((s) => s.stage === 'sql')!;
    expect(sql.matured).toEqual({ eligible: 10, converted: 4, immature: 1, conversion: 0.4 });
    expect(matured.stages.find((s) => s.stage === 'sql')!.matured).toEqual({ eligible: 10, converted: 7, immature: 0, conversion: 0.7 });
    const tile = funnelTiles(matured).find((t) => t.key === 'mql-to-sql')!;
    expect([tile.change?.text, tile.change?.previous]).toEqual(['▲ +30.0 pts vs the previous 90 days', 'previous 40.0% of 10']);
    const doc = funnelReportDocument(matured, 'revops-report test');
    expect(doc.tilesNote).toContain("Matured conversion uses the same 30-day rule, counted back from each period's own as-of.");
  }, 60_000);
});

describe('previous period on a terminal', () => {
  it('prints the headline with its change, fitted to the width', async () => {
    const { funnelText } = await import('../../src/commands/funnelText.js');
    const wide = funnelText(report, 120).split('\n');
    const at = wide.indexOf('Headline, change vs the previous 90 days');
    expect(wide[at + 1]).toBe('(2026-01-02 – 2026-04-02, as of 2026-04-02)');
    expect(wide.find((l) => l.startsWith('MQL → SQL'))).toMatch(/^MQL → SQL\s+70\.0%\s+7 of 10\s+▲ \+30\.0 pts\s+40\.0% of 10\s+within$/);
    // 50 columns: the noise verdict and the previous value give way, the change stays
    const narrow = funnelText(report, 50).split('\n');
    const row = narrow.find((l) => l.startsWith('MQL → SQL'))!;
    expect(row).toContain('▲ +30.0 pts');
    expect(row).not.toContain('within');
    const block = narrow.slice(narrow.indexOf('Headline, change vs the previous 90 days'));
    const headline = block.slice(0, block.indexOf(''));
    // heading, window, column heads and rule, four tiles, two lines saying what was left out
    expect(headline).toHaveLength(2 + 2 + 4 + 2);
    expect(headline.at(-2)).toBe('(left out: noise (z-test, 95%), previous, of;');
    expect(Math.max(...headline.map((l) => [...l].length))).toBeLessThanOrEqual(50);
  });
});
