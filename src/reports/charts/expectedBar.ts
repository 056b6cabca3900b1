/**
 * Bars of what each category got, with a tick at what it should have got: routing decisions per
 * owner against the expected share. Horizontal (owner names are long); categories keep the rows'
 * order.
 */
import type { TopLevelSpec } from 'vega-lite';
import { chartValues, type FieldOf, vegaLiteSchema } from './data.js';
import { axisFormat, chartWidth, palette } from './theme.js';

export interface ExpectedBarChartOptions<Row extends object> {
  rows: readonly Row[];
  category: FieldOf<Row>;
  actual: FieldOf<Row>;
  expected: FieldOf<Row>;
  title: string;
  measureTitle?: string;
}

export function expectedBarChart<Row extends object>(options: ExpectedBarChartOptions<Row>): TopLevelSpec {
  const { rows, category, actual, expected } = options;
  const values = chartValues('expectedBarChart', rows, [category, actual, expected]);
  const y = { field: category, type: 'nominal' as const, sort: null, title: null, axis: { labelLimit: 200 } };
  const x = (field: string) => ({ field, type: 'quantitative' as const, title: options.measureTitle ?? null, axis: { ...axisFormat('int'), tickCount: 5 } });
  return {
    $schema: vegaLiteSchema,
    title: options.title,
    description: `${options.title}: bars are actual, ticks expected`,
    width: chartWidth,
    height: { step: 26 },
    data: { values },
    layer: [
      { mark: { type: 'bar', cornerRadiusEnd: 2, color: palette[0] }, encoding: { y, x: x(actual) } },
      { mark: { type: 'tick', thickness: 3, color: palette[3] }, encoding: { y, x: { ...x(expected), title: options.measureTitle ?? null } } },
    ],
  };
}
