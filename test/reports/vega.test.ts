import { describe, expect, it } from 'vitest';
import { barChart, funnelChart, heatmap, lineChart } from '../../src/reports/charts/index.js';
import { assertInertSvg, scopeSvgIds } from '../../src/reports/svg.js';
import { renderChartSvg } from '../../src/reports/vega.js';

const xss = '<img src=x onerror=alert(1)>';
const count = (svg: string, needle: string) => svg.split(needle).length - 1;

describe('renderChartSvg', () => {
  const stages = [
    { stage: 'lead', label: 'Lead', reached: 2910, conversionFromTop: 1 },
    { stage: 'mql', label: 'MQL', reached: 412, conversionFromTop: 412 / 2910 },
    { stage: 'sql', label: 'SQL', reached: 167, conversionFromTop: 167 / 2910 },
  ];

  it('renders one bar per funnel stage, with its label as text', async () => {
    const svg = await renderChartSvg(funnelChart(stages));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(count(svg, 'aria-roledescription="bar"')).toBe(3);
    expect(svg).toContain('>412 · 14.2%</text>');
  });

  it('is deterministic, whatever rendered before, and uses the fixed font list', async () => {
    const spec = funnelChart(stages);
    const a = await renderChartSvg(spec);
    // Vega's clip-path counter is process-wide; rendering another chart in between moves it.
    await renderChartSvg(heatmap({ rows: [{ weekday: 'Tue', hour: 3, mqls: 1 }], x: 'hour', y: 'weekday', value: 'mqls', title: 'T' }));
    const b = await renderChartSvg(spec);
    expect(a).toBe(b);
    // the funnel's three rounded bars each get a clip path, numbered from 1
    expect(a).toContain('id="chart-clip-1"');
    expect(a).toContain('url(#chart-clip-3)');
    expect(a).toContain(`font-family="system-ui, -apple-system, 'Segoe UI'`);
    expect(a).not.toMatch(/20\d\d-\d\d-\d\dT/);
  });

  it('draws a point per period and a line per series', async () => {
    const rows = ['2024-01', '2024-02', '2024-03'].flatMap((month, i) => [
      { month, source: 'Demo request', minutes: 40 - i },
      { month, source: 'Webinar', minutes: 190 - i },
    ]);
    const svg = await renderChartSvg(lineChart({ rows, x: 'month', y: 'minutes', series: 'source', title: 'T', format: 'minutes' }));
    expect(count(svg, 'aria-roledescription="point"')).toBe(6);
    expect(count(svg, 'aria-roledescription="line mark"')).toBe(2);
    // 190 min axis ticks read as hours and minutes, e.g. "2h 30m"
    expect(svg).toMatch(/>\dh \d\dm<\/text>/);
  });

  it('keeps a hostile label as text, never as an element', async () => {
    const svg = await renderChartSvg(
      barChart({
        rows: [
          { owner: xss, mqls: 3 },
          { owner: 'Dana', mqls: 5 },
        ],
        x: 'owner',
        y: 'mqls',
        title: xss,
        format: 'int',
      }),
    );
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(count(svg, 'aria-roledescription="bar"')).toBe(2);
    expect(() => assertInertSvg(svg)).not.toThrow();
  });

  it('prefixes gradient ids so two inlined charts do not collide', async () => {
    const spec = heatmap({ rows: [{ weekday: 'Mon', hour: 9, mqls: 4 }], x: 'hour', y: 'weekday', value: 'mqls', title: 'T' });
    const plain = await renderChartSvg(spec);
    const scoped = await renderChartSvg(spec, { idPrefix: 'chart-coverage-' });
    expect(plain).toContain('id="chart-gradient-1"');
    expect(scoped).toContain('id="chart-coverage-gradient-1"');
    expect(scoped).toContain('url(#chart-coverage-gradient-1)');
    expect(scoped).not.toMatch(/id="gradient_/);
    // 7 weekdays × 24 hours in the grid, but only the one row given is drawn
    expect(count(scoped, 'aria-roledescription="rect mark"')).toBe(1);
  });

  it('renders an empty window as an empty chart rather than failing', async () => {
    const svg = await renderChartSvg(heatmap({ rows: [], x: 'hour', y: 'weekday', value: 'mqls', title: 'No MQLs' }));
    expect(count(svg, 'aria-roledescription="rect mark"')).toBe(0);
    expect(svg).toContain('>No MQLs</text>');
  });

  it('refuses to load data from a URL', async () => {
    await expect(
      renderChartSvg({ data: { url: 'https://example.com/leads.csv' }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' } } }),
    ).rejects.toThrow(/chart failed to render: .*load no external data/);
  });

  it('treats a Vega-Lite warning as a bug', async () => {
    await expect(
      renderChartSvg({ data: { values: [{ a: 'x' }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' }, shape: { field: 'a', type: 'nominal' } } }),
    ).rejects.toThrow(/Vega-Lite warnings/);
  });
});

describe('assertInertSvg', () => {
  it.each([
    ['<svg><script>alert(1)</script></svg>', /<script>/],
    ['<svg><g onload="alert(1)"></g></svg>', /event handler/],
    ['<svg><a xlink:href="https://evil.example"><text>x</text></a></svg>', /<a>/],
    ['<svg><rect fill="url(https://evil.example/x)"/></svg>', /external url/],
    ['<svg><foreignObject><div/></foreignObject></svg>', /foreignobject/],
  ])('rejects %s', (svg, message) => {
    expect(() => assertInertSvg(svg)).toThrow(message);
  });

  it('accepts escaped payloads in text and attribute values', () => {
    expect(() =>
      assertInertSvg('<svg><path aria-label="a: &lt;img onerror=x&gt;" fill="url(#clip1)"/><text>&lt;img src=x onerror=alert(1)&gt;</text></svg>'),
    ).not.toThrow();
  });
});

describe('scopeSvgIds', () => {
  it('renames ids and every reference to them', () => {
    const svg =
      '<svg><g clip-path="url(#clip9)"><use href="#gradient_4"/></g><defs><clipPath id="clip9"></clipPath><linearGradient id="gradient_4"/></defs></svg>';
    expect(scopeSvgIds(svg, 'c-')).toBe(
      '<svg><g clip-path="url(#c-clip-1)"><use href="#c-gradient-2"/></g><defs><clipPath id="c-clip-1"></clipPath><linearGradient id="c-gradient-2"/></defs></svg>',
    );
  });
});
