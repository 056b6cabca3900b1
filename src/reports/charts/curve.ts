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
}

export function curveChart<Row extends object>(options: CurveChartOptions<Row>): TopLevelSpec {
  const { rows, x, y, series } = options;
  const unit = { domain: [0, 1], nice: false, zero: true };
  const axis = { format: '.0%', tickCount: 5 };
  const curve = {
    data: { values: chartValues('curveChart', rows, [x, y, series]).map((row, i) => ({ ...row, pointOrder: i })) },
    mark: { type: 'line' as const, interpolate: 'linear' as const },
    encoding: {
      x: { field: x, type: 'quantitative' as const, scale: unit, title: options.xTitle, axis },
      y: { field: y, type: 'quantitative' as const, scale: unit, title: options.yTitle, axis },
      // Points join in row order (the caller sorts along the curve), not by x: on a
      // precision-recall curve several points share one recall.
      order: { field: 'pointOrder', type: 'quantitative' as const },
      ...(series
        ? { color: { field: series, type: 'nominal' as const, sort: null, title: options.seriesTitle ?? null } }
        : {}),
    },
  };
  const diagonal = {
    data: { values: [{ baselineX: 0, baselineY: 0 }, { baselineX: 1, baselineY: 1 }] },
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
    layer: options.baseline ? [diagonal, curve] : [curve],
  };
}
