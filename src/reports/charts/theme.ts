/**
 * The one look every chart shares, applied at compile time (vega.ts) so chart specs stay about
 * data. Fonts are a fixed list, matching reports/report.css, because server-side rendering has no
 * font metrics to fall back on: the same spec must give the same SVG on every machine.
 */
import type { Config } from 'vega-lite';
import type { ColumnFormat } from '../types.js';

export const chartFont = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** Width of the plotting area in px; SVGs scale down in the page, so this is the layout grid. */
export const chartWidth = 680;

/** Categorical palette: colour-blind friendly, calm enough for print. */
export const palette = ['#2f6db5', '#e8833a', '#3a9d6e', '#c4463a', '#7d5bb0', '#8c6d46', '#d16fa8', '#6b7280'];

export const primary = palette[0] ?? '#2f6db5';
export const muted = '#9aa3ae';

export const chartConfig: Config = {
  font: chartFont,
  background: 'white',
  padding: 8,
  view: { stroke: null },
  title: { fontSize: 14, fontWeight: 600, anchor: 'start', color: '#1f2933', offset: 12 },
  axis: {
    labelColor: '#3e4c59',
    titleColor: '#3e4c59',
    labelFontSize: 11,
    titleFontSize: 11,
    titleFontWeight: 600,
    domainColor: '#9aa5b1',
    tickColor: '#9aa5b1',
    gridColor: '#e4e7eb',
  },
  legend: {
    labelColor: '#3e4c59',
    titleColor: '#3e4c59',
    labelFontSize: 11,
    titleFontSize: 11,
    orient: 'bottom',
    labelLimit: 480,
    columnPadding: 16,
  },
  range: { category: palette },
  bar: { color: primary },
  line: { color: primary, strokeWidth: 2 },
  point: { color: primary, filled: true, size: 40 },
  text: { color: '#1f2933', fontSize: 11 },
};

/**
 * Axis and legend label formatting per column format, in Vega's own d3-format / expression
 * language (the SVG is rendered without our JavaScript, so format.ts cannot be called there).
 */
export function axisFormat(format: ColumnFormat | undefined): { format?: string; labelExpr?: string } {
  switch (format) {
    case 'int':
      return { format: ',d' };
    case 'pct':
      return { format: '.0%' };
    case 'pct1':
      return { format: '.1%' };
    case 'days':
      return { format: ',.1f' };
    case 'minutes':
      // Same reading as format.minutes: "45m", "2h 05m".
      return {
        // An empty domain hands the legend NaN: say so instead of printing "NaNh NaNm".
        labelExpr:
          "!isFinite(datum.value) ? 'no data' : datum.value < 60 ? format(datum.value, ',d') + 'm' : " +
          "floor(datum.value / 60) + 'h ' + pad(format(datum.value % 60, 'd'), 2, '0', 'left') + 'm'",
      };
    default:
      return {};
  }
}
