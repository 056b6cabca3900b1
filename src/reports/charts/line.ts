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
}

export function lineChart<Row extends object>(options: LineChartOptions<Row>): TopLevelSpec {
  const { rows, x, y, series } = options;
  const values = chartValues('lineChart', rows, [x, y, series]);
  // A quarter of weekly labels side by side fits; more periods than that tilt to stay legible.
  const periods = new Set(values.map((v) => v[x])).size;
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
      ...(series
        ? { color: { field: series, type: 'nominal' as const, sort: null, title: options.seriesTitle ?? null } }
        : {}),
    },
    layer: [{ mark: { type: 'line' } }, { mark: { type: 'point' } }],
  };
}
