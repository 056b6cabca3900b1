/**
 * Headline tiles from hand-made report contracts: the value, the counts behind it, the interval and
 * where it sits against its benchmark range or goal.
 */
import { describe, expect, it } from 'vitest';
import { funnelBenchmarks, slaComplianceGoal } from '../../src/reports/benchmarks.js';
import { renderReportHtml } from '../../src/reports/html.js';
import { funnelTiles, slaTiles, speedToLeadTiles } from '../../src/reports/tiles.js';
import { emptyFunnel, emptySla, emptySpeedToLead } from './emptyReports.js';

const reached = (stage: string, n: number, ci95: [number, number] | null = null, conversionFromPrevious: number | null = null) => ({
  ...emptyFunnel.stages.find((s) => s.stage === stage)!,
  reached: n,
  ci95,
  conversionFromPrevious,
});

describe('funnel tiles', () => {
  it('reads each adjacent step from the report and judges it against its range', () => {
    const report = {
      ...emptyFunnel,
      stages: [
        reached('lead', 200),
        reached('mql', 20, [0.066, 0.149], 0.1), // 20 / 200 = 10%: inside 5–15%
        reached('sql', 5, [0.111, 0.469], 0.25), // 5 / 20 = 25%: below 30–50%
        reached('opportunity', 4, [0.376, 0.964], 0.8), // 4 / 5 = 80%: above 50–70%
        reached('customer', 1, [0.046, 0.699], 0.25), // 1 / 4 = 25%: inside 20–30%
      ],
    };
    expect(funnelTiles(report).map((t) => [t.key, t.value, t.detail, t.interval, t.target, t.statusText])).toEqual([
      ['lead-to-mql', '10.0%', '20 of 200', '95% interval 6.6%–14.9%', 'benchmark 5–15%', 'within the range'],
      ['mql-to-sql', '25.0%', '5 of 20', '95% interval 11.1%–46.9%', 'benchmark 30–50%', 'below the range'],
      ['sql-to-opportunity', '80.0%', '4 of 5', '95% interval 37.6%–96.4%', 'benchmark 50–70%', 'above the range'],
      ['win-rate', '25.0%', '1 of 4', '95% interval 4.6%–69.9%', 'benchmark 20–30%', 'within the range'],
    ]);
  });

  it('divides reached by reached, with a Wilson interval, when a stage between is not listed', () => {
    // a configured SAL stage between MQL and SQL: MQL → SQL = 4 / 10, Wilson 95% 16.8%–68.7%
    const sal = { ...reached('mql', 6, null, 0.6), stage: 'sal', label: 'SAL' };
    const report = { ...emptyFunnel, stages: [reached('lead', 40), reached('mql', 10, null, 0.25), sal, reached('sql', 4, null, 0.667)] };
    const [, mqlToSql, sqlToOpp] = funnelTiles(report);
    expect([mqlToSql!.value, mqlToSql!.detail, mqlToSql!.interval]).toEqual(['40.0%', '4 of 10', '95% interval 16.8%–68.7%']);
    expect([sqlToOpp!.value, sqlToOpp!.statusText]).toEqual(['no data', 'stage not in this funnel']);
  });

  it('keeps every range in one module, as docs/metrics.md lists them', () => {
    expect(funnelBenchmarks.map((b) => [b.label, b.low, b.high])).toEqual([
      ['Lead → MQL', 0.05, 0.15],
      ['MQL → SQL', 0.3, 0.5],
      ['SQL → Opportunity', 0.5, 0.7],
      ['Win rate', 0.2, 0.3],
    ]);
    expect(slaComplianceGoal).toBe(0.9);
  });
});

describe('speed-to-lead and SLA tiles', () => {
  it('judges the median against the 5-minute ideal and the SLA target', () => {
    const tile = (median: number) =>
      speedToLeadTiles({
        ...emptySpeedToLead,
        overall: { ...emptySpeedToLead.overall, n: 10, touched: 9, medianBusinessMinutes: median, withinTarget: 0.875 },
      });
    expect(tile(4)[0]!.statusText).toBe('under the ideal');
    expect(tile(65).map((t) => [t.value, t.statusText])).toEqual([
      ['1h 05m', 'within the SLA, over the ideal'],
      ['87.5%', 'below the goal'],
    ]);
    expect(tile(241)[0]!.statusText).toBe('over the SLA target');
    expect(tile(65)[0]!.detail).toBe('9 of 10 starts touched');
  });

  it('gives each SLA its compliance, counts and interval against the 90% goal', () => {
    const sla = { ...emptySla.slas[0]!, eligible: 30, met: 26, breached: 2, pending: 2, compliance: 26 / 28, ci95: [0.774, 0.98] as [number, number] };
    const [tile] = slaTiles({ ...emptySla, slas: [sla] });
    expect([tile!.value, tile!.detail, tile!.interval, tile!.target, tile!.statusText]).toEqual([
      '92.9%',
      '26 of 28 met · 2 pending',
      '95% interval 77.4%–98.0%',
      'goal ≥ 90% within 4 business hours',
      'meets the goal',
    ]);
    const [low] = slaTiles({ ...emptySla, slas: [{ ...sla, met: 20, breached: 8, compliance: 20 / 28, ci95: [0.529, 0.848] }] });
    expect(low!.statusText).toBe('below the goal');
  });
});

describe('change against the previous period', () => {
  const period = { window: { from: '2026-08-02T00:00:00.000Z', to: '2026-10-01T00:00:00.000Z' }, asOf: '2026-10-01T00:00:00.000Z', days: 60 };

  it('says the median response change as a duration, faster or slower, without a noise test', () => {
    const speed = (median: number | null, touched: number) => ({
      ...emptySpeedToLead.overall,
      n: 10,
      touched,
      medianBusinessMinutes: median,
      withinTarget: touched ? 0.5 : null,
      decided: 10,
    });
    const tiles = speedToLeadTiles({ ...emptySpeedToLead, overall: speed(48, 9) }, { ...period, overall: speed(60, 8) });
    // 48 − 60 = −12 business minutes
    expect(tiles[0]!.change).toEqual({
      text: '▼ 12m faster vs the previous 60 days',
      delta: '▼ 12m faster',
      direction: 'down',
      previous: 'previous 1h 00m over 8 touched',
      period: '2026-08-02 – 2026-10-01, as of 2026-10-01',
    });
    // within SLA: 5 of 10 in both: no change, pooled z = 0
    expect([tiles[1]!.detail, tiles[1]!.change?.text, tiles[1]!.change?.noise]).toEqual([
      '5 of 10 decided',
      '■ ±0.0 pts vs the previous 60 days',
      'within noise (z-test, 95%)',
    ]);
    const slower = speedToLeadTiles({ ...emptySpeedToLead, overall: speed(125, 9) }, { ...period, overall: speed(60, 8) });
    expect(slower[0]!.change?.text).toBe('▲ 1h 05m slower vs the previous 60 days');
  });

  it('says "no previous data" when the previous window is empty, and nothing false', () => {
    const sla = { ...emptySla.slas[0]!, eligible: 30, met: 26, breached: 2, pending: 2, compliance: 26 / 28, ci95: [0.774, 0.98] as [number, number] };
    const empty = { name: sla.name, eligible: 0, met: 0, breached: 0, pending: 0, compliance: null, ci95: null };
    const [tile] = slaTiles({ ...emptySla, slas: [sla] }, { ...period, slas: [empty] });
    expect(tile!.change).toEqual({
      text: 'no previous data',
      delta: 'no previous data',
      direction: 'none',
      period: '2026-08-02 – 2026-10-01, as of 2026-10-01',
    });
    const [speed] = speedToLeadTiles(emptySpeedToLead, { ...period, overall: emptySpeedToLead.overall });
    expect(speed!.change?.text).toBe('no previous data');
    // a report without a previous period (an old JSON) shows no change line at all
    expect(slaTiles({ ...emptySla, slas: [sla] })[0]!.change).toBeUndefined();
  });

  it('calls a change beyond noise when the two-proportion z-test at 95% says so', () => {
    // 26 of 28 now against 15 of 30 before: pooled 41/58, z = 0.4286 / √(0.7069·0.2931·(1/28 + 1/30)) = 3.58
    const sla = { ...emptySla.slas[0]!, eligible: 30, met: 26, breached: 2, pending: 2, compliance: 26 / 28, ci95: null };
    const before = { name: sla.name, eligible: 30, met: 15, breached: 15, pending: 0, compliance: 0.5, ci95: null };
    const [tile] = slaTiles({ ...emptySla, slas: [sla] }, { ...period, slas: [before] });
    expect([tile!.change?.text, tile!.change?.previous, tile!.change?.noise]).toEqual([
      '▲ +42.9 pts vs the previous 60 days',
      'previous 50.0% of 30',
      'beyond noise (z-test, 95%)',
    ]);
  });

  it('escapes the change text and its tooltip in the HTML tile', async () => {
    const html = await renderReportHtml({
      title: 't',
      meta: { asOf: '2026-10-01T00:00:00Z', generatedBy: 'test' },
      tiles: [
        {
          key: 'k',
          label: 'L',
          value: '1',
          definition: 'd',
          change: { text: '▲ <b>&', delta: '▲', direction: 'up', previous: 'previous "<i>"', period: '<script>' },
        },
      ],
      warnings: [],
      sections: [],
      definitions: [],
    });
    expect(html).toContain('title="previous period: &lt;script&gt;"');
    expect(html).not.toContain('<b>&');
    expect(html).toContain('&lt;b&gt;&amp;');
    expect(html).toContain('&quot;&lt;i&gt;&quot;');
  });
});
