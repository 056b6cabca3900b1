/** The waterfall chart as a pure function: totals stand on zero, each move floats from the running total before it. */
import { describe, expect, it } from 'vitest';
import { waterfallChart } from '../../src/reports/charts/index.js';
import { compileChart } from '../../src/reports/vega.js';
import { expectGolden, specJson } from '../reports/golden.js';

const steps = [
  { label: 'Start', kind: 'total' as const, amount: 3500 },
  { label: 'New', kind: 'up' as const, amount: 3500 },
  { label: 'Won', kind: 'down' as const, amount: 4000 },
  { label: 'Decreased', kind: 'down' as const, amount: 500 },
  { label: 'End', kind: 'total' as const, amount: 2500 },
];

describe('waterfallChart', () => {
  const spec = waterfallChart(steps, 'Pipeline waterfall');

  it('floats each move between the running totals', () => {
    const values = (spec.data as { values: { label: string; low: number; high: number; text: string }[] }).values;
    expect(values.map((v) => [v.label, v.low, v.high, v.text])).toEqual([
      ['Start', 0, 3500, '3,500'],
      ['New', 3500, 7000, '3,500'],
      ['Won', 3000, 7000, '4,000'],
      ['Decreased', 2500, 3000, '500'],
      ['End', 0, 2500, '2,500'],
    ]);
  });

  it('compiles without a Vega-Lite warning and matches its golden spec', () => {
    expect(() => compileChart(spec)).not.toThrow();
    expectGolden('waterfall-chart.json', specJson(spec));
  });
});
