/**
 * A bar per category (response-time bucket, owner, source, period), optionally stacked by a
 * second category (SLA met / breached). Categories keep the order of the rows: the metric query
 * orders them (buckets in time order, owners by volume), the chart must not re-sort.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ColumnFormat } from '../types.js';
import { chartValues, type FieldOf, vegaLiteSchema } from './data.js';
import { axisFormat, chartWidth } from './theme.js';

export interface BarChartOptions<Row extends object> {
  rows: readonly Row[];
  /** The category field. */
  x: FieldOf<Row>;
  /** The measure field. */
  y: FieldOf<Row>;
  /** Optional field to stack bars by. */
  color?: FieldOf<Row>;
  title: string;
  /** How the measure axis reads. */
  format: ColumnFormat;
  xTitle?: string;
  yTitle?: string;
  colorTitle?: string;
  /** Bars along the y axis, for long category names (owners, sources). */
  horizontal?: boolean;
}

export function barChart<Row extends object>(options: BarChartOptions<Row>): TopLevelSpec {
  const { rows, x, y, color, horizontal = false } = options;
  const values = chartValues('barChart', rows, [x, y, color]);
  const category = {
    field: x,
    type: 'nominal' as const,
    sort: null,
    title: options.xTitle ?? null,
    scale: { paddingInner: 0.25 },
    axis: horizontal ? { labelLimit: 200 } : { labelAngle: 0, labelLimit: 120, labelOverlap: 'greedy' as const },
  };
  const measure = {
    field: y,
    type: 'quantitative' as const,
    title: options.yTitle ?? null,
    axis: { ...axisFormat(options.format), tickCount: 5 },
  };
  return {
    $schema: vegaLiteSchema,
    title: options.title,
    description: options.title,
    width: chartWidth,
    height: horizontal ? { step: 26 } : 260,
    data: { values },
    mark: { type: 'bar', cornerRadiusEnd: 2 },
    encoding: {
      ...(horizontal ? { y: category, x: measure } : { x: category, y: measure }),
      ...(color ? { color: { field: color, type: 'nominal' as const, sort: null, title: options.colorTitle ?? null } } : {}),
    },
  };
}
