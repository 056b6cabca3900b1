/**
 * Empty windows read "no data", never "NaN": every formatter and every page builder on reports
 * with nothing to count.
 */
import { describe, expect, it } from 'vitest';
import { ciText, ciWhole, days, formatValue, int, minutes, pct, pct1 } from '../../src/reports/format.js';
import { funnelReportDocument } from '../../src/reports/funnelReport.js';
import { renderReportHtml } from '../../src/reports/html.js';
import { slaReportDocument } from '../../src/reports/slaReport.js';
import { speedToLeadReportDocument } from '../../src/reports/speedToLeadReport.js';
import { funnelTiles, slaTiles, speedToLeadTiles } from '../../src/reports/tiles.js';
import { emptyFunnel, emptySla, emptySpeedToLead } from './emptyReports.js';

/** Visible text of a page: tags dropped, so "NaN" in markup or in an SVG label is caught too. */
const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '');

describe('formatters on values that are not numbers', () => {
  it.each([NaN, Infinity, -Infinity, null, undefined])('%s prints the missing mark', (value) => {
    for (const f of [int, pct, pct1, days, minutes]) expect(f(value)).toBe('—');
    expect(formatValue(value)).toBe('—');
  });

  it('prints no interval from NaN bounds', () => {
    expect(ciText([NaN, NaN])).toBe('');
    expect(ciWhole([NaN, 0.5])).toBeNull();
    expect(ciWhole([0.375, 0.964])).toBe('38–96%');
  });
});

describe('empty reports', () => {
  it('speed-to-lead: tiles say "no data" and the page prints no NaN', async () => {
    const tiles = speedToLeadTiles(emptySpeedToLead);
    expect(tiles.map((t) => [t.key, t.value])).toEqual([
      ['median-business-response', 'no data'],
      ['within-sla', 'no data'],
    ]);
    const html = await renderReportHtml(speedToLeadReportDocument(emptySpeedToLead, 'revops-report test'));
    expect(text(html)).not.toMatch(/NaN|Infinity/);
    expect(html).toContain('no data');
  });

  it('SLA: no NaN and a "no data" tile', async () => {
    expect(slaTiles(emptySla).map((t) => t.value)).toEqual(['no data']);
    const html = await renderReportHtml(slaReportDocument(emptySla, 'revops-report test'));
    expect(text(html)).not.toMatch(/NaN|Infinity/);
  });

  it('funnel: no NaN, every benchmark tile "no data" with nothing to divide by', async () => {
    const tiles = funnelTiles(emptyFunnel);
    expect(tiles.map((t) => [t.value, t.detail, t.statusText])).toEqual(Array(4).fill(['no data', '0 of 0', 'nothing to divide by']));
    const html = await renderReportHtml(funnelReportDocument(emptyFunnel, 'revops-report test'));
    expect(text(html)).not.toMatch(/NaN|Infinity/);
  });
});
