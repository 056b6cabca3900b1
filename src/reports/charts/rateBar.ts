/**
 * Rates by category drawn so they show what they claim: each bar a share 0..1 with its Wilson 95%
 * interval as an error bar, its value and n written beside it (so a 0% bar is still seen), small
 * groups faded and labelled "small", and an optional target line. Categories keep row order.
 */
import type { TopLevelSpec } from 'vega-lite';
import { wilson95 } from '../../metrics/wilson.js';
import { int, pct1 } from '../format.js';
import { vegaLiteSchema, maxChartRows } from './data.js';
import { chartWidth, muted } from './theme.js';

/** Rate charts read their labels beside the bars, so they take more of the page than chartWidth. */
const rateChartWidth = Math.round(chartWidth * 1.15);

/** Below this many trials a rate is too noisy to read on its own; the bar is faded and labelled. */
export const smallGroupSize = 20;

export interface RateBar {
  category: string;
  /** successes ÷ trials, or null when there are no trials */
  rate: number | null;
  successes: number;
  trials: number;
  /** the report's own interval; else Wilson 95% of successes/trials */
  ci95?: readonly [number, number] | null;
  /** The group size shown and judged small: trials by default; a share of a whole counts its successes. */
  size?: number;
}

export interface RateBarChartOptions {
  bars: readonly RateBar[];
  title: string;
  /** Category labels on y (long names: SLAs, sources). */
  horizontal?: boolean;
  /** A target line, e.g. the compliance goal. */
  target?: { value: number; label: string };
  categoryTitle?: string;
  measureTitle?: string;
  /** What n counts, for the labels: "starts", "instances". */
  unit?: string;
}

export function rateBarChart(options: RateBarChartOptions): TopLevelSpec {
  const { bars, horizontal = false, unit = 'n' } = options;
  if (bars.length > maxChartRows) throw new Error(`rateBarChart: ${bars.length} rows is not an aggregate`);
  const values = bars.map((b, order) => {
    const ci = b.ci95 === undefined ? wilson95(b.successes, b.trials) : b.ci95;
    const size = b.size ?? b.trials;
    const small = size < smallGroupSize;
    const rate = b.rate !== null && Number.isFinite(b.rate) ? b.rate : null;
    // Beside a horizontal bar the label has room for one line; above a column it takes two.
    const sep = horizontal ? ' · ' : '\n';
    const label = rate === null ? `no data${sep}(${unit} = 0)` : `${pct1(rate)}${sep}${unit} = ${int(size)}${small ? ' (small)' : ''}`;
    return { order, category: String(b.category), rate: rate ?? 0, low: ci?.[0] ?? null, high: ci?.[1] ?? null, small, label };
  });
  const cat = horizontal ? 'y' : 'x';
  const mea = horizontal ? 'x' : 'y';
  const category = {
    field: 'category',
    type: 'nominal' as const,
    sort: null,
    title: options.categoryTitle ?? null,
    scale: { paddingInner: 0.3 },
    // Vega estimates text width without fonts (≈ 0.8 em a character): limits allow ~55 characters.
    axis: horizontal ? { labelLimit: 500 } : { labelAngle: 0, labelLimit: 140 },
  };
  // Fixed 0..1 (plus room for the labels when horizontal): bars of different charts compare.
  const measureScale = { domain: [0, horizontal ? 1.3 : 1.15], nice: false, zero: true };
  const measure = (field: string) => ({
    field,
    type: 'quantitative' as const,
    scale: measureScale,
    title: options.measureTitle ?? null,
    axis: { format: '.0%', values: [0, 0.25, 0.5, 0.75, 1] },
  });
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: 'bar', cornerRadiusEnd: 2, ...(horizontal ? { height: { band: 0.7 } } : { width: { band: 0.7 } }) },
      encoding: {
        [cat]: category,
        [mea]: measure('rate'),
        opacity: { condition: { test: 'datum.small', value: 0.35 }, value: 1 },
      },
    },
    {
      // the Wilson interval: a dark whisker across the end of each bar
      transform: [{ filter: 'isValid(datum.low) && isValid(datum.high)' }],
      mark: { type: 'rule', color: '#1f2933', strokeWidth: 1.5 },
      encoding: { [cat]: category, [mea]: measure('low'), [`${mea}2`]: { field: 'high' } },
    },
    {
      transform: [{ filter: 'isValid(datum.low) && isValid(datum.high)' }],
      mark: { type: 'tick', color: '#1f2933', thickness: 1.5, size: 10 },
      encoding: { [cat]: category, [mea]: measure('high') },
    },
    {
      transform: [{ filter: 'isValid(datum.low) && isValid(datum.high)' }],
      mark: { type: 'tick', color: '#1f2933', thickness: 1.5, size: 10 },
      encoding: { [cat]: category, [mea]: measure('low') },
    },
    {
      // value and n beside the interval, so an empty or 0% bar still reads
      mark: horizontal
        ? { type: 'text', align: 'left', baseline: 'middle', dx: 6 }
        : // Vega lays extra lines below the anchor: lift the two-line label by one line height.
          { type: 'text', align: 'center', baseline: 'bottom', dy: -18, angle: 0, lineBreak: '\n' },
      encoding: {
        [cat]: category,
        [mea]: measure('labelAt'),
        text: { field: 'label', type: 'nominal' as const },
        color: { condition: { test: 'datum.small', value: muted }, value: '#1f2933' },
      },
      transform: [{ calculate: 'isValid(datum.high) ? datum.high : datum.rate', as: 'labelAt' }],
    },
  ];
  if (options.target) {
    layers.push(
      {
        data: { values: [{ target: options.target.value, targetLabel: options.target.label }] },
        mark: { type: 'rule', color: '#c4463a', strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { [mea]: measure('target') },
      },
      {
        data: { values: [{ target: options.target.value, targetLabel: options.target.label }] },
        // below the plot (horizontal) or at its left edge, clear of the bar labels
        mark: horizontal
          ? { type: 'text', align: 'center', baseline: 'top', dy: 4, color: '#c4463a', fontWeight: 'bold' }
          : { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -2, color: '#c4463a', fontWeight: 'bold' },
        encoding: {
          [mea]: measure('target'),
          ...(horizontal ? { y: { value: { expr: 'height' } } } : { x: { value: 0 } }),
          text: { field: 'targetLabel', type: 'nominal' as const },
        },
      },
    );
  }
  return {
    $schema: vegaLiteSchema,
    title: options.title,
    description: `${options.title}, with 95% Wilson intervals`,
    width: horizontal ? rateChartWidth : { step: Math.max(60, Math.floor(chartWidth / Math.max(1, bars.length))) },
    height: horizontal ? { step: 30 } : 260,
    data: { values },
    layer: layers,
  } as unknown as TopLevelSpec;
}
