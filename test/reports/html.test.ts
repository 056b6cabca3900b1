import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/reports/html.js';
import type { ReportDocument } from '../../src/reports/types.js';
import { expectGolden } from './golden.js';
import { sampleReport } from './sampleReport.js';

const count = (html: string, needle: string) => html.split(needle).length - 1;

/** The page without chart bytes and stylesheet: the structure a golden should pin down. */
const shellOf = (html: string) =>
  html.replace(/<svg[\s\S]*?<\/svg>/g, '<svg>…</svg>').replace(/<style>[\s\S]*?<\/style>/, '<style>/* reports/report.css */</style>');

const minimal = (overrides: Partial<ReportDocument> = {}): ReportDocument => ({
  title: 'SLA',
  meta: { asOf: '2024-07-01', generatedBy: 'revops-report test' },
  warnings: [],
  sections: [],
  definitions: [],
  ...overrides,
});

describe('renderReportHtml on the sample report', async () => {
  const html = await renderReportHtml(sampleReport());

  it('is one self-contained page that forbids every fetch', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    );
    expect(html).not.toMatch(/<script|<img|<link|<iframe|src=["']?http/i);
    expect(html).toContain('.report-header');
    expect(html).toContain('@media print');
  });

  it('inlines one SVG per chart section (six)', () => {
    expect(count(html, '<svg')).toBe(6);
    expect(count(html, '<figure class="chart">')).toBe(6);
  });

  it('shows window, as-of and freshness in the header', () => {
    expect(html).toContain('<dt>Window</dt><dd><span class="nw">2024-04-01</span> – <span class="nw">2024-06-30</span></dd>');
    expect(html).toContain('<dt>As of</dt><dd><span class="nw">2024-07-01</span></dd>');
    expect(html).toContain('<dt>Data freshness</dt><dd>latest event <span class="nw">2024-06-30</span> 17:42 UTC</dd>');
    expect(html).toContain('<dt>Source export</dt><dd><span class="nw">hubspot-contacts-2024-07-01.csv</span></dd>');
  });

  it('escapes hostile text everywhere it lands', () => {
    expect(html).toContain('<li>Owner &quot;&lt;img src=x onerror=alert(1)&gt;&quot; is not in the owners file.</li>');
    expect(html).toContain('<td><span class="nw">&lt;script&gt;alert(2)&lt;/script&gt;</span></td>');
    // template slots and replacement patterns in report text stay literal
    expect(html).toContain('All sources, all segments {{sections}}');
    expect(html).toContain('even if recycled ($&amp; stays literal)');
  });

  it('formats and right-aligns number cells', () => {
    expect(html).toContain('<td>Subscriber</td><td class="num">4,820</td><td class="num">100.0%</td>');
    // 412 / 4820 = 0.08548 → 8.5%
    expect(html).toContain('<td>MQL</td><td class="num">412</td><td class="num">8.5%</td>');
  });

  it('puts the warnings before the first section and the definitions last', () => {
    const warnings = html.indexOf('class="warnings"');
    const firstSection = html.indexOf('<section class="report-section"');
    const definitions = html.indexOf('<section class="definitions"');
    expect(warnings).toBeGreaterThan(0);
    expect(warnings).toBeLessThan(firstSection);
    expect(definitions).toBeGreaterThan(html.lastIndexOf('<section class="report-section"'));
  });

  it('gives every element a unique id, charts included', () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(6);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is deterministic and matches its golden shell', async () => {
    expect(await renderReportHtml(sampleReport())).toBe(html);
    expectGolden('sample-report.html', shellOf(html));
  });
});

describe('renderReportHtml edge cases', () => {
  it('leaves out the warnings box, contents and definitions when there are none', async () => {
    const html = await renderReportHtml(minimal({ sections: [{ id: 'sla', heading: 'SLA' }] }));
    expect(html).not.toContain('class="warnings"');
    expect(html).not.toContain('class="contents"');
    expect(html).not.toContain('class="definitions"');
    expect(html).toContain('<dt>As of</dt><dd><span class="nw">2024-07-01</span></dd>');
  });

  it('says so when a table has no rows', async () => {
    const table = { columns: [{ key: 'owner', label: 'Owner' }], rows: [] };
    const html = await renderReportHtml(minimal({ sections: [{ id: 'owners', heading: 'Owners', table }] }));
    expect(html).toContain('<p class="empty">No rows in this window.</p>');
    expect(html).not.toContain('<table>');
  });

  it('turns section ids into unique anchors', async () => {
    const html = await renderReportHtml(
      minimal({
        sections: [
          { id: 'Speed to Lead!', heading: 'A' },
          { id: 'speed-to-lead', heading: 'B' },
          { id: '"><x', heading: 'C' },
        ],
      }),
    );
    expect(html).toContain('<section class="report-section" id="speed-to-lead">');
    expect(html).toContain('<section class="report-section" id="speed-to-lead-2">');
    expect(html).toContain('<section class="report-section" id="x">');
    expect(html).toContain('<a href="#speed-to-lead-2">B</a>');
  });
});
