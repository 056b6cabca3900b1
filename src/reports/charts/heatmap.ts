/**
 * A grid of two categories coloured by a measure: the speed-to-lead coverage view (weekday ×
 * hour of day: where do MQLs arrive, where do they wait). Fixed domains keep every weekday and
 * hour on the grid even when the window had no leads then, so gaps show as gaps.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ColumnFormat } from '../types.js';
import { chartValues, type FieldOf, vegaLiteSchema } from './data.js';
import { axisFormat, chartWidth } from './theme.js';

export const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
export const hoursOfDay = Array.from({ length: 24 }, (_, h) => h);

export interface HeatmapOptions<Row extends object> {
  rows: readonly Row[];
  /** Column category, e.g. hour of day. */
  x: FieldOf<Row>;
  /** Row category, e.g. weekday. */
  y: FieldOf<Row>;
  /** The measure that sets the colour. */
  value: FieldOf<Row>;
  title: string;
  format?: ColumnFormat;
  /** Every column in order; defaults to hours 0–23. */
  xDomain?: readonly (string | number)[];
  /** Every row in order; defaults to Mon–Sun. */
  yDomain?: readonly (string | number)[];
  xTitle?: string;
  yTitle?: string;
  valueTitle?: string;
}

export function heatmap<Row extends object>(options: HeatmapOptions<Row>): TopLevelSpec {
  const { rows, x, y, value } = options;
  const xDomain = [...(options.xDomain ?? hoursOfDay)];
  const yDomain = [...(options.yDomain ?? weekdays)];
  return {
    $schema: vegaLiteSchema,
    title: options.title,
    description: options.title,
    width: chartWidth,
    height: { step: 24 },
    data: { values: chartValues('heatmap', rows, [x, y, value]) },
    mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
    encoding: {
      x: {
        field: x,
        type: 'ordinal',
        scale: { domain: xDomain },
        title: options.xTitle ?? 'Hour of day (UTC)',
        axis: { labelAngle: 0, ticks: false, domain: false },
      },
      y: {
        field: y,
        type: 'ordinal',
        scale: { domain: yDomain },
        title: options.yTitle ?? null,
        axis: { ticks: false, domain: false },
      },
      color: {
        field: value,
        type: 'quantitative',
        scale: { scheme: 'blues' },
        title: options.valueTitle ?? null,
        legend: { ...axisFormat(options.format), gradientLength: 240 },
      },
    },
  };
}
