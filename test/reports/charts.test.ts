import { describe, expect, it } from 'vitest';
import { barChart, curveChart, funnelChart, heatmap, lineChart, rateBarChart } from '../../src/reports/charts/index.js';
import { renderChartSvg } from '../../src/reports/vega.js';
import { maxChartRows } from '../../src/reports/charts/data.js';
import { expectGolden, specJson } from './golden.js';

// Shared inputs, invented: a small mid-market funnel and a week of SLA outcomes.
const stages = [
  { stage: 'lead', label: 'Lead', reached: 2910, conversionFromTop: 1 },
  { stage: 'mql', label: 'MQL', reached: 412, conversionFromTop: 412 / 2910 },
  { stage: 'sql', label: 'SQL', reached: 167, conversionFromTop: 167 / 2910 },
];

/** The inline data of a single-view or layered spec. */
function values(spec: object): Record<string, unknown>[] {
  const data = (spec as { data?: { values?: Record<string, unknown>[] } }).data;
  return data?.values ?? [];
}

describe('funnelChart', () => {
  const spec = funnelChart(stages);

  it('labels each bar with count and share of the top stage', () => {
    // 412 / 2910 = 0.14158 → 14.2%; 167 / 2910 = 0.05739 → 5.7%
    expect(values(spec).map((v) => v.text)).toEqual(['2,910 · 100.0%', '412 · 14.2%', '167 · 5.7%']);
  });

  it('keeps stage order and leaves 20% headroom for the labels', () => {
    const encoding = (spec as { encoding: { y: { sort: unknown }; x: { scale: { domain: number[] } } } }).encoding;
    expect(encoding.y.sort).toBeNull();
    // top stage 2910 × 1.2 = 3492
    expect(encoding.x.scale.domain).toEqual([0, 3492]);
  });

  it('matches its golden spec', () => expectGolden('funnel-chart.json', specJson(spec)));
});

describe('barChart', () => {
  const rows = [
    { week: '2024-W14', outcome: 'Within SLA', mqls: 52, owner: 'not charted' },
    { week: '2024-W14', outcome: 'Breached', mqls: 9, owner: 'not charted' },
    { week: '2024-W15', outcome: 'Within SLA', mqls: 59, owner: 'not charted' },
    { week: '2024-W15', outcome: 'Breached', mqls: 14, owner: 'not charted' },
  ];

  it('copies only the charted fields into the spec', () => {
    const spec = barChart({ rows, x: 'week', y: 'mqls', color: 'outcome', title: 'MQLs by SLA outcome', format: 'int' });
    expect(values(spec)[0]).toEqual({ week: '2024-W14', mqls: 52, outcome: 'Within SLA' });
    expectGolden('bar-chart-stacked.json', specJson(spec));
  });

  it('puts categories on y when horizontal, with the measure axis formatted', () => {
    const spec = barChart({
      rows: [{ source: 'Webinar', rate: 0.31 }],
      x: 'source',
      y: 'rate',
      title: 'MQL → SQL by source',
      format: 'pct1',
      horizontal: true,
    });
    const encoding = (spec as { encoding: { y: { field: string }; x: { field: string; axis: { format: string } } } }).encoding;
    expect(encoding.y.field).toBe('source');
    expect(encoding.x.field).toBe('rate');
    expect(encoding.x.axis.format).toBe('.1%');
    expectGolden('bar-chart-horizontal.json', specJson(spec));
  });

  it('refuses raw rows', () => {
    const raw = Array.from({ length: maxChartRows + 1 }, (_, i) => ({ id: String(i), n: 1 }));
    expect(() => barChart({ rows: raw, x: 'id', y: 'n', title: 'x', format: 'int' })).toThrow(/not an aggregate/);
  });

  it('turns DuckDB bigints and Dates into JSON values', () => {
    const spec = barChart({ rows: [{ day: new Date('2024-03-04T00:00:00Z'), n: 7n }], x: 'day', y: 'n', title: 'x', format: 'int' });
    expect(values(spec)).toEqual([{ day: '2024-03-04T00:00:00.000Z', n: 7 }]);
  });
});

describe('lineChart', () => {
  const rows = [
    { month: '2024-01', source: 'Demo request', minutes: 42 },
    { month: '2024-02', source: 'Demo request', minutes: 37 },
    { month: '2024-01', source: 'Webinar', minutes: 190 },
    { month: '2024-02', source: 'Webinar', minutes: 172 },
  ];
  const spec = lineChart({ rows, x: 'month', y: 'minutes', series: 'source', title: 'Median minutes to first contact', format: 'minutes' });

  it('uses period labels in row order and reads minutes as hours and minutes', () => {
    const encoding = (spec as { encoding: { x: { type: string; sort: unknown }; y: { axis: { labelExpr: string } } } }).encoding;
    expect(encoding.x).toMatchObject({ type: 'ordinal', sort: null });
    expect(encoding.y.axis.labelExpr).toContain("'h '");
  });

  it('matches its golden spec', () => expectGolden('line-chart.json', specJson(spec)));
});

describe('heatmap', () => {
  const rows = [
    { weekday: 'Mon', hour: 9, mqls: 6 },
    { weekday: 'Sat', hour: 22, mqls: 1 },
  ];
  const spec = heatmap({ rows, x: 'hour', y: 'weekday', value: 'mqls', title: 'MQLs by weekday and hour', format: 'int' });

  it('fixes the full weekday × hour grid so empty hours still show', () => {
    const encoding = (spec as { encoding: { x: { scale: { domain: unknown[] } }; y: { scale: { domain: unknown[] } } } }).encoding;
    expect(encoding.x.scale.domain).toHaveLength(24);
    expect(encoding.y.scale.domain).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
  });

  it('matches its golden spec', () => expectGolden('heatmap.json', specJson(spec)));
});

describe('curveChart', () => {
  const rows = [
    { share: 0, wins: 0, rule: 'Candidate' },
    { share: 0.5, wins: 0.8, rule: 'Candidate' },
    { share: 1, wins: 1, rule: 'Candidate' },
  ];

  it('draws the diagonal baseline under the curve when asked', () => {
    const spec = curveChart({
      rows,
      x: 'share',
      y: 'wins',
      series: 'rule',
      title: 'Cumulative gains',
      xTitle: 'Leads worked',
      yTitle: 'Wins caught',
      baseline: true,
    });
    const layers = (spec as { layer: object[] }).layer;
    expect(layers).toHaveLength(2);
    expect(values(layers[0] as object)).toEqual([
      { baselineX: 0, baselineY: 0 },
      { baselineX: 1, baselineY: 1 },
    ]);
    // points keep row order through pointOrder, not x order
    expect(values(layers[1] as object).map((v) => v.pointOrder)).toEqual([0, 1, 2]);
    expectGolden('curve-chart.json', specJson(spec));
  });

  it('has a single layer without the baseline', () => {
    const spec = curveChart({ rows, x: 'share', y: 'wins', title: 'Precision–recall', xTitle: 'Recall', yTitle: 'Precision' });
    expect((spec as { layer: object[] }).layer).toHaveLength(1);
  });
});

describe('curves told apart and thresholds marked', () => {
  // two models with the same rules: the same points, which must still be seen as two curves
  const same = [0, 0.25, 0.5, 0.75, 1].flatMap((share) => [
    { share, wins: Math.sqrt(share), rule: 'Current' },
    { share, wins: Math.sqrt(share), rule: 'Candidate' },
  ]);
  const spec = curveChart({
    rows: same,
    x: 'share',
    y: 'wins',
    series: 'rule',
    title: 'Gains',
    xTitle: 'x',
    yTitle: 'y',
    baseline: true,
    marks: [{ x: 0.25, y: 0.5, label: 'current ≥ 60' }],
  }) as unknown as {
    layer: { layer?: { mark: { type: string }; encoding: Record<string, { field?: string }> }[]; data?: { values: Record<string, unknown>[] } }[];
  };

  it('gives each series its own dash and marker shape', () => {
    const [line, markers] = spec.layer[1]!.layer!;
    expect(line!.encoding.strokeDash?.field).toBe('rule');
    expect(markers!.mark.type).toBe('point');
    expect(markers!.encoding.shape?.field).toBe('rule');
  });

  it('marks the threshold points with their labels', () => {
    expect(spec.layer[2]!.data!.values).toEqual([{ markX: 0.25, markY: 0.5, markLabel: 'current ≥ 60' }]);
  });

  it('renders both shapes and the threshold label', async () => {
    const svg = await renderChartSvg(spec as never);
    expect(svg).toContain('current ≥ 60');
    // circle and square symbols for the two series (Vega's default shape range)
    expect(svg).toMatch(/aria-roledescription="point"/);
  });
});

describe('rateBarChart', () => {
  const bars = [
    { category: '<5m', rate: 2 / 7, successes: 2, trials: 7 },
    { category: '5–30m', rate: 20 / 34, successes: 20, trials: 34 },
    { category: 'never', rate: 0, successes: 0, trials: 25 },
    { category: '>24h', rate: null, successes: 0, trials: 0 },
  ];
  const spec = rateBarChart({ bars, title: 'Conversion by response time', target: { value: 0.9, label: 'goal 90%' } });
  const data = values(spec);

  it('carries Wilson 95% bounds, the small flag (n < 20) and a label per bar', () => {
    // wilson95(2, 7) = 0.0822–0.6411; wilson95(20, 34) = 0.4222–0.7364
    expect(data[0]!.low).toBeCloseTo(0.0822, 4);
    expect(data[0]!.high).toBeCloseTo(0.6411, 4);
    expect(data[1]!.low).toBeCloseTo(0.4222, 4);
    expect(data.map((d) => d.small)).toEqual([true, false, false, true]);
    // columns carry a two-line label (value, then n); horizontal bars one line
    expect(data.map((d) => d.label)).toEqual(['28.6%\nn = 7 (small)', '58.8%\nn = 34', '0.0%\nn = 25', 'no data\n(n = 0)']);
    const flat = values(rateBarChart({ bars: bars.slice(0, 1), title: 'x', horizontal: true }));
    expect(flat[0]!.label).toBe('28.6% · n = 7 (small)');
  });

  it('draws the bars, whiskers, value labels and the target line', async () => {
    const svg = await renderChartSvg(spec);
    for (const label of ['28.6%', 'n = 7 (small)', 'n = 25', 'goal 90%']) expect(svg).toContain(label);
    expect(svg).toMatch(/aria-roledescription="rule mark"/);
  });

  it('matches its golden spec', () => expectGolden('rate-bar-chart.json', specJson(spec)));
});

describe('lineChart annotations', () => {
  const rows = ['2026-W01', '2026-W02', '2026-W03'].flatMap((week, i) => [
    { week, sla: 'First touch', compliance: 0.8 + i * 0.05 },
    { week, sla: 'Decision', compliance: 0.5 + i * 0.1 },
  ]);

  it('draws one panel per series with the target in each, drawn once per panel', async () => {
    const spec = lineChart({
      rows,
      x: 'week',
      y: 'compliance',
      series: 'sla',
      title: 'Weekly',
      format: 'pct',
      facet: true,
      domain: [0, 1],
      target: { value: 0.9, label: 'goal 90%' },
    });
    const svg = await renderChartSvg(spec);
    expect(svg.match(/goal 90%/g)).toHaveLength(2);
    expect(svg).toContain('First touch');
    expect(svg).toContain('Decision');
  });

  it('marks thresholds with a labelled rule', async () => {
    const sweep = ['80', '70', '60', '50'].flatMap((threshold, i) => [{ threshold, measure: 'Recall', value: i / 4 }]);
    const spec = lineChart({
      rows: sweep,
      x: 'threshold',
      y: 'value',
      series: 'measure',
      title: 'Sweep',
      format: 'pct',
      markX: [{ value: '60', label: 'current ≥ 60' }],
      distinct: true,
    });
    const svg = await renderChartSvg(spec);
    expect(svg.match(/current ≥ 60/g)).toHaveLength(1);
  });
});
