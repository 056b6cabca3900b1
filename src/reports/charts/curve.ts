/**
 * A curve on the unit square, for the scoring backtest: cumulative gains (share of leads worked
 * → share of wins caught) or precision–recall. The optional diagonal is what random ordering
 * would achieve, the line a score must beat to be worth routing on.
 */
import type { TopLevelSpec } from 'vega-lite';
import { chartValues, type FieldOf, vegaLiteSchema } from './data.js';
import { muted } from './theme.js';

export interface CurveChartOptions<Row extends object> {
  rows: readonly Row[];
  /** Field with x in 0..1. */
  x: FieldOf<Row>;
  /** Field with y in 0..1. */
  y: FieldOf<Row>;
  /** Optional field with one curve per value (model version, current rule vs candidate). */
  series?: FieldOf<Row>;
  title: string;
  xTitle: string;
  yTitle: string;
  seriesTitle?: string;
  /** Draw the y = x diagonal (random ordering). */
  baseline?: boolean;
  /** Points to mark and label on the curves, e.g. where each model's threshold sits. */
  marks?: readonly { x: number; y: number; label: string }[];
}

/** Markers along a curve: about this many per series, so overlapping curves stay told apart. */
const markersPerCurve = 12;

export function curveChart<Row extends object>(options: CurveChartOptions<Row>): TopLevelSpec {
  const { rows, x, y, series } = options;
  const unit = { domain: [0, 1], nice: false, zero: true };
  const axis = { format: '.0%', tickCount: 5 };
  const values = chartValues('curveChart', rows, [x, y, series]).map((row, i) => ({ ...row, pointOrder: i }));
  // Every k-th point of each series carries a marker (offset per series, so identical curves
  // show both shapes side by side instead of one hiding the other).
  const perSeries = new Map<unknown, number>();
  const seriesOf = (v: Record<string, unknown>) => (series ? v[series] : '');
  for (const v of values) perSeries.set(seriesOf(v), (perSeries.get(seriesOf(v)) ?? 0) + 1);
  const seen = new Map<unknown, number>();
  const keys = [...perSeries.keys()];
  const marked = values.map((v) => {
    const key = seriesOf(v);
    const i = seen.get(key) ?? 0;
    seen.set(key, i + 1);
    const step = Math.max(1, Math.ceil((perSeries.get(key) ?? 1) / markersPerCurve));
    const offset = Math.floor((keys.indexOf(key) * step) / Math.max(2, keys.length));
    return { ...v, marker: i % step === offset % step };
  });
  const seriesEncoding = series
    ? {
        color: { field: series, type: 'nominal' as const, sort: null, title: options.seriesTitle ?? null },
        strokeDash: { field: series, type: 'nominal' as const, sort: null, title: options.seriesTitle ?? null },
      }
    : {};
  const markers = {
    transform: [{ filter: 'datum.marker' }],
    mark: { type: 'point' as const, filled: true, size: 50 },
    encoding: {
      x: { field: x, type: 'quantitative' as const, scale: unit, title: options.xTitle, axis },
      y: { field: y, type: 'quantitative' as const, scale: unit, title: options.yTitle, axis },
      ...(series
        ? {
            color: { field: series, type: 'nominal' as const, sort: null, title: options.seriesTitle ?? null },
            shape: { field: series, type: 'nominal' as const, sort: null, title: options.seriesTitle ?? null },
          }
        : {}),
    },
  };
  const curve = {
    mark: { type: 'line' as const, interpolate: 'linear' as const },
    encoding: {
      x: { field: x, type: 'quantitative' as const, scale: unit, title: options.xTitle, axis },
      y: { field: y, type: 'quantitative' as const, scale: unit, title: options.yTitle, axis },
      // Points join in row order (the caller sorts along the curve), not by x: on a
      // precision-recall curve several points share one recall.
      order: { field: 'pointOrder', type: 'quantitative' as const },
      ...seriesEncoding,
    },
  };
  const drawn = { data: { values: marked }, layer: series ? [curve, markers] : [curve] };
  const marks = options.marks?.length
    ? [
        {
          data: { values: options.marks.map((m) => ({ markX: m.x, markY: m.y, markLabel: m.label })) },
          encoding: {
            x: { field: 'markX', type: 'quantitative' as const, scale: unit, title: options.xTitle, axis },
            y: { field: 'markY', type: 'quantitative' as const, scale: unit, title: options.yTitle, axis },
          },
          layer: [
            { mark: { type: 'point' as const, shape: 'diamond', size: 140, filled: false, strokeWidth: 2, color: '#1f2933' } },
            {
              mark: { type: 'text' as const, align: 'left' as const, dx: 9, dy: -9, fontWeight: 'bold' as const },
              encoding: { text: { field: 'markLabel', type: 'nominal' as const } },
            },
          ],
        },
      ]
    : [];
  const diagonal = {
    data: {
      values: [
        { baselineX: 0, baselineY: 0 },
        { baselineX: 1, baselineY: 1 },
      ],
    },
    mark: { type: 'line' as const, color: muted, strokeDash: [4, 4], strokeWidth: 1 },
    encoding: {
      x: { field: 'baselineX', type: 'quantitative' as const, scale: unit, title: options.xTitle, axis },
      y: { field: 'baselineY', type: 'quantitative' as const, scale: unit, title: options.yTitle, axis },
    },
  };
  return {
    $schema: vegaLiteSchema,
    title: options.title,
    description: options.title,
    width: 420,
    height: 320,
    layer: [...(options.baseline ? [diagonal] : []), drawn, ...marks],
  } as TopLevelSpec;
}
