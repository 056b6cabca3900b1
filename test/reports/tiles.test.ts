/**
 * Headline tiles from hand-made report contracts: the value, the counts behind it, the interval and
 * where it sits against its benchmark range or goal.
 */
import { describe, expect, it } from 'vitest';
import { funnelBenchmarks, slaComplianceGoal } from '../../src/reports/benchmarks.js';
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
