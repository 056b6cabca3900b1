/**
 * A trend by period (week, month, quarter): one line per series, a dot per point. Periods are
 * labels made by the metric query ("2024-W07", "2024-03"), not timestamps, so no time zone can
 * shift a point into the neighbouring period; they keep the order of the rows.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ColumnFormat } from '../types.js';
import { chartValues, type FieldOf, vegaLiteSchema } from './data.js';
import { axisFormat, chartWidth } from './theme.js';

export interface LineChartOptions<Row extends object> {
  rows: readonly Row[];
  /** The period label field. */
  x: FieldOf<Row>;
  /** The measure field. */
  y: FieldOf<Row>;
  /** Optional field with one line per value (source, segment, owner). */
  series?: FieldOf<Row>;
  title: string;
  format?: ColumnFormat;
  xTitle?: string;
  yTitle?: string;
  seriesTitle?: string;
  /** Vertical rules at these x values (each must be one of the periods), e.g. model thresholds. */
  markX?: readonly { value: string; label: string }[];
  /** A horizontal target line on the measure. */
  target?: { value: number; label: string };
  /** Fixed measure domain, e.g. [0, 1] for rates. */
  domain?: [number, number];
  /** A dashed line and a point shape per series as well as a colour (print, colour blindness). */
  distinct?: boolean;
  /** One small panel per series (small multiples) instead of lines on top of each other. */
  facet?: boolean;
  /** Panel order for `facet` (default: order of first appearance). */
  seriesOrder?: readonly string[];
}

export function lineChart<Row extends object>(options: LineChartOptions<Row>): TopLevelSpec {
  const { rows, x, y, series } = options;
  const values = chartValues('lineChart', rows, [x, y, series]);
  // A quarter of weekly labels side by side fits; more periods than that tilt to stay legible.
  const periods = new Set(values.map((v) => v[x])).size;
  const extras = options.markX?.length || options.target || options.domain || options.distinct || options.facet;
  if (extras) return annotatedLine(options, values, periods);
  return {
    $schema: vegaLiteSchema,
    title: options.title,
    description: options.title,
    width: chartWidth,
    height: 260,
    data: { values },
    encoding: {
      x: {
        field: x,
        type: 'ordinal',
        sort: null,
        title: options.xTitle ?? null,
        axis: { labelAngle: periods > 13 ? -45 : 0, labelOverlap: 'greedy' },
      },
      y: {
        field: y,
        type: 'quantitative',
        title: options.yTitle ?? null,
        axis: { ...axisFormat(options.format), tickCount: 5 },
      },
      ...(series ? { color: { field: series, type: 'nominal' as const, sort: null, title: options.seriesTitle ?? null } } : {}),
    },
    layer: [{ mark: { type: 'line' } }, { mark: { type: 'point' } }],
  };
}

/** The same line chart as a layered spec with rules, a target and distinct series marks. */
function annotatedLine<Row extends object>(options: LineChartOptions<Row>, values: Record<string, unknown>[], periods: number): TopLevelSpec {
  const { x, y, series } = options;
  const facet = Boolean(options.facet && series);
  const xEnc = {
    field: x,
    type: 'ordinal' as const,
    sort: null,
    title: options.xTitle ?? null,
    axis: { labelAngle: periods > 13 ? -45 : 0, labelOverlap: 'greedy' as const },
  };
  const yEnc = {
    field: y,
    type: 'quantitative' as const,
    title: options.yTitle ?? null,
    ...(options.domain ? { scale: { domain: options.domain, nice: false } } : {}),
    axis: { ...axisFormat(options.format), tickCount: facet ? 3 : 5 },
  };
  const seriesField = (channel: string) => ({
    [channel]: { field: series, type: 'nominal', sort: null, title: options.seriesTitle ?? null, ...(facet ? { legend: null } : {}) },
  });
  const bySeries = series ? seriesField('color') : {};
  const distinct = options.distinct && series && !facet;
  // Rules and the target use `datum` encodings on the data reduced to one row (per panel), so
  // each is drawn once and repeats in facets.
  const once = [{ aggregate: [{ op: 'count', as: 'markRows' }], groupby: facet ? [series] : [] }];
  const layers: Record<string, unknown>[] = [
    { mark: { type: 'line' }, encoding: { x: xEnc, y: yEnc, ...bySeries, ...(distinct ? seriesField('strokeDash') : {}) } },
    { mark: { type: 'point', filled: true }, encoding: { x: xEnc, y: yEnc, ...bySeries, ...(distinct ? seriesField('shape') : {}) } },
  ];
  for (const m of options.markX ?? []) {
    const at = { datum: m.value, type: 'ordinal' as const };
    layers.push(
      { transform: once, mark: { type: 'rule', color: '#1f2933', strokeDash: [3, 3], strokeWidth: 1.5 }, encoding: { x: at } },
      {
        transform: once,
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy: 2, fontWeight: 'bold' },
        encoding: { x: at, y: { value: 0 }, text: { value: m.label } },
      },
    );
  }
  if (options.target) {
    const at = { datum: options.target.value, type: 'quantitative' as const };
    layers.push(
      { transform: once, mark: { type: 'rule', color: '#c4463a', strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { y: at } },
      {
        transform: once,
        mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -2, color: '#c4463a', fontWeight: 'bold' },
        encoding: { x: { value: chartWidth }, y: at, text: { value: options.target.label } },
      },
    );
  }
  const head = { $schema: vegaLiteSchema, title: options.title, description: options.title };
  if (facet) {
    return {
      ...head,
      data: { values },
      facet: {
        row: {
          field: series,
          type: 'nominal',
          sort: options.seriesOrder ? [...options.seriesOrder] : [...new Set(values.map((v) => String(v[series as string])))],
          title: null,
          header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontSize: 12, labelFontWeight: 'bold', labelLimit: 500 },
        },
      },
      spec: { width: chartWidth, height: 70, layer: layers },
      resolve: { scale: { x: 'shared' } },
      spacing: 14,
    } as unknown as TopLevelSpec;
  }
  return { ...head, width: chartWidth, height: 260, data: { values }, layer: layers } as unknown as TopLevelSpec;
}
