import { describe, expect, it } from 'vitest';
import { barChart, curveChart, funnelChart, heatmap, lineChart } from '../../src/reports/charts/index.js';
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
    const spec = barChart({ rows: [{ source: 'Webinar', rate: 0.31 }], x: 'source', y: 'rate', title: 'MQL → SQL by source', format: 'pct1', horizontal: true });
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
    const spec = curveChart({ rows, x: 'share', y: 'wins', series: 'rule', title: 'Cumulative gains', xTitle: 'Leads worked', yTitle: 'Wins caught', baseline: true });
    const layers = (spec as { layer: object[] }).layer;
    expect(layers).toHaveLength(2);
    expect(values(layers[0] as object)).toEqual([{ baselineX: 0, baselineY: 0 }, { baselineX: 1, baselineY: 1 }]);
    // points keep row order through pointOrder, not x order
    expect(values(layers[1] as object).map((v) => v.pointOrder)).toEqual([0, 1, 2]);
    expectGolden('curve-chart.json', specJson(spec));
  });

  it('has a single layer without the baseline', () => {
    const spec = curveChart({ rows, x: 'share', y: 'wins', title: 'Precision–recall', xTitle: 'Recall', yTitle: 'Precision' });
    expect((spec as { layer: object[] }).layer).toHaveLength(1);
  });
});
