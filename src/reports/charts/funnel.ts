/**
 * The lifecycle funnel: one horizontal bar per stage, top stage first, each labelled with how
 * many leads reached it and what share of the top stage that is.
 */
import type { TopLevelSpec } from 'vega-lite';
import { int, pct1 } from '../format.js';
import { chartValues, vegaLiteSchema } from './data.js';
import { chartWidth } from './theme.js';

export interface FunnelStage {
  /** Stage id (e.g. `mql`), kept in the data for tests and tooltips. */
  stage: string;
  label: string;
  /** Leads that reached the stage (ever entered it, or a later one) in the window. */
  reached: number;
  /** reached ÷ reached at the top stage, 0..1. */
  conversionFromTop: number;
}

export interface FunnelChartOptions {
  title?: string;
}

export function funnelChart(stages: readonly FunnelStage[], options: FunnelChartOptions = {}): TopLevelSpec {
  const values = chartValues('funnelChart', stages, ['stage', 'label', 'reached', 'conversionFromTop']).map((row, i) => {
    const stage = stages[i] as FunnelStage;
    // The label is made here, with format.ts, so the chart reads exactly like the table below it.
    return { ...row, text: `${int(stage.reached)} · ${pct1(stage.conversionFromTop)}` };
  });
  // Leave a fifth of the width beyond the longest bar for its label.
  const top = Math.max(1, ...stages.map((s) => s.reached));
  return {
    $schema: vegaLiteSchema,
    title: options.title ?? 'Lifecycle funnel',
    description: 'Leads reaching each lifecycle stage, with conversion from the top stage',
    width: chartWidth,
    height: { step: 34 },
    data: { values },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelFontSize: 12, labelPadding: 8, ticks: false, domain: false } },
      x: { field: 'reached', type: 'quantitative', axis: null, scale: { domain: [0, top * 1.2], nice: false } },
    },
    layer: [
      { mark: { type: 'bar', cornerRadiusEnd: 2, height: { band: 0.72 } } },
      { mark: { type: 'text', align: 'left', baseline: 'middle', dx: 6 }, encoding: { text: { field: 'text', type: 'nominal' } } },
    ],
  };
}
