/**
 * A waterfall: the first and last bars stand on zero, every move between floats from the running
 * total before it to the one after, green when it adds and red when it takes away. The running
 * totals come with the rows (the report reconciles them), so the chart only draws.
 */
import type { TopLevelSpec } from 'vega-lite';
import { int } from '../format.js';
import { chartValues, vegaLiteSchema } from './data.js';
import { axisFormat, chartWidth, palette } from './theme.js';

export interface WaterfallStep {
  label: string;
  /** 'total' for start and end, else whether the step adds or takes away */
  kind: 'total' | 'up' | 'down';
  amount: number;
}

export function waterfallChart(steps: readonly WaterfallStep[], title: string): TopLevelSpec {
  let running = 0;
  const rows = steps.map((s) => {
    const before = s.kind === 'total' ? 0 : running;
    const after = s.kind === 'total' ? s.amount : s.kind === 'up' ? running + s.amount : running - s.amount;
    running = s.kind === 'total' ? s.amount : after;
    return { label: s.label, kind: s.kind, low: Math.min(before, after), high: Math.max(before, after), text: int(s.amount) };
  });
  const values = chartValues('waterfallChart', rows, ['label', 'kind', 'low', 'high', 'text']);
  return {
    $schema: vegaLiteSchema,
    title,
    description: title,
    width: chartWidth,
    height: 280,
    data: { values },
    encoding: {
      x: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelAngle: 0, labelLimit: 90 } },
    },
    layer: [
      {
        mark: { type: 'bar', cornerRadius: 2 },
        encoding: {
          y: { field: 'low', type: 'quantitative', title: null, axis: { ...axisFormat('int'), tickCount: 5 } },
          y2: { field: 'high' },
          color: {
            field: 'kind',
            type: 'nominal',
            scale: { domain: ['total', 'up', 'down'], range: [palette[0]!, palette[2]!, palette[3]!] },
            legend: null,
          },
        },
      },
      {
        mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 10 },
        encoding: { y: { field: 'high', type: 'quantitative' }, text: { field: 'text', type: 'nominal' } },
      },
    ],
  };
}
