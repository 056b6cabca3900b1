/** The funnel on a terminal: fitted to the width, the trend and the --by groups each one table, rates rounded once. */
import { describe, expect, it } from 'vitest';
import { funnelText } from '../../src/commands/funnelText.js';
import type { FunnelReport, FunnelStage } from '../../src/metrics/funnel.js';

const sp = (n: number) => ' '.repeat(n);

const stage = (over: Partial<FunnelStage> & Pick<FunnelStage, 'stage' | 'label' | 'reached'>): FunnelStage => ({
  conversionFromPrevious: null,
  conversionFromTop: null,
  ci95: null,
  medianDaysFromPrevious: null,
  p90DaysFromPrevious: null,
  open: 0,
  impliedBySkip: 0,
  reentries: 0,
  outOfOrder: 0,
  ...over,
});

/** 13 leads, 7 MQLs, 2 SQLs; intervals are Wilson 95% of 7/13 and 2/7 (0.2914–0.7679, 0.0822–0.6411). */
const stages = (lead: number, mql: number, sql: number): FunnelStage[] => [
  stage({ stage: 'lead', label: 'Lead', reached: lead, conversionFromTop: lead ? 1 : null }),
  stage({ stage: 'mql', label: 'MQL', reached: mql, conversionFromPrevious: lead ? mql / lead : null, conversionFromTop: lead ? mql / lead : null }),
  stage({ stage: 'sql', label: 'SQL', reached: sql, conversionFromPrevious: mql ? sql / mql : null, conversionFromTop: lead ? sql / lead : null }),
];

const all: FunnelStage[] = [
  stage({ stage: 'lead', label: 'Lead', reached: 13, conversionFromTop: 1 }),
  stage({
    stage: 'mql',
    label: 'MQL',
    reached: 7,
    conversionFromPrevious: 7 / 13,
    conversionFromTop: 7 / 13,
    ci95: [0.29143795714506004, 0.7679393219046169],
    medianDaysFromPrevious: 2.5,
    p90DaysFromPrevious: 6,
    open: 3,
    impliedBySkip: 1,
  }),
  stage({
    stage: 'sql',
    label: 'SQL',
    reached: 2,
    conversionFromPrevious: 2 / 7,
    conversionFromTop: 2 / 13,
    ci95: [0.08221892400405678, 0.6410655481673808],
    medianDaysFromPrevious: 4,
    p90DaysFromPrevious: 10.2,
    open: 4,
    reentries: 1,
  }),
];

const report = (over: Partial<FunnelReport> = {}): FunnelReport => ({
  report: 'funnel',
  asOf: '2024-04-01T00:00:00.000Z',
  window: { from: '2024-01-01T00:00:00.000Z', to: '2024-04-01T00:00:00.000Z' },
  cohortStage: 'lead',
  skipped: 'count',
  dataFreshness: null,
  maturedWindowDays: null,
  stages: all,
  groups: [],
  trend: [],
  period: [{ stage: 'lead', entries: 13 }],
  warnings: [],
  ...over,
});

/** The lines of the block under a heading (blocks are separated by a blank line). */
const block = (text: string, heading: string) =>
  text
    .split('\n\n')
    .find((b) => b.startsWith(heading))
    ?.split('\n') ?? [];

describe('funnel terminal text', () => {
  it('prints 7 of 13 as 53.8%, rounded once from the exact rate', () => {
    const text = funnelText(report());
    expect(text).toContain('53.8%');
    expect(text).not.toContain('53.9%');
  });

  it('at 80 columns leaves out Implied by skip, Re-entries and P90 days, and says so', () => {
    // whole: Stage 5, Reached 7, From previous 13, 95% interval 12, From top 8, Median days 11, P90 days 8,
    // Open 4, Implied by skip 15, Re-entries 10 = 93 + 9 gaps of 2 = 111 columns. Dropping by priority:
    // Implied by skip (-17) 94, Re-entries (-12) 82, P90 days (-10) 72 <= 80.
    const lines = block(funnelText(report(), 80), 'Stage');
    expect(lines).toEqual([
      'Stage  Reached  From previous  95% interval  From top  Median days  Open',
      '-----  -------  -------------  ------------  --------  -----------  ----',
      `Lead ${sp(2)}${sp(5)}13${sp(2)}${sp(12)}—${sp(2)}${sp(12)}${sp(2)}  100.0%${sp(2)}${sp(10)}—${sp(2)}   0`,
      `MQL  ${sp(2)}${sp(6)}7${sp(2)}${sp(8)}53.8%${sp(2)}29.1%–76.8% ${sp(2)}   53.8%${sp(2)}      2.5 d${sp(2)}   3`,
      `SQL  ${sp(2)}${sp(6)}2${sp(2)}${sp(8)}28.6%${sp(2)}8.2%–64.1%  ${sp(2)}   15.4%${sp(2)}      4.0 d${sp(2)}   4`,
      '(left out: Implied by skip, Re-entries, P90 days; --wide shows all)',
    ]);
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(80);
    // without a width (--wide, or piped with no COLUMNS) every column is there
    expect(block(funnelText(report()), 'Stage')[0]).toBe(
      'Stage  Reached  From previous  95% interval  From top  Median days  P90 days  Open  Implied by skip  Re-entries',
    );
  });

  it('prints the --interval trend: a row per cohort period with each step and its denominator', () => {
    const trend = [
      { period: '2024-01', stages: stages(13, 7, 2) },
      { period: '2024-02', stages: stages(0, 0, 0) },
    ];
    const lines = block(funnelText(report({ trend })), 'Conversion from the previous stage by cohort period');
    // Cohort period 13, Lead 4, "Lead → MQL" 11 ("53.8% of 13"), "MQL → SQL" 10 ("28.6% of 7")
    expect(lines).toEqual([
      'Conversion from the previous stage by cohort period (recent periods are still maturing)',
      'Cohort period  Lead   Lead → MQL   MQL → SQL',
      '-------------  ----  -----------  ----------',
      '2024-01          13  53.8% of 13  28.6% of 7',
      `2024-02           0${sp(12)}—${sp(11)}—`,
    ]);
  });

  it('prints --by as one table with a row per group, comparable down each column', () => {
    const groups = [
      { key: 'Dana Whitfield-Okonkwo', stages: stages(8, 4, 1) },
      { key: 'Li', stages: stages(5, 3, 1) },
    ];
    const text = funnelText(report({ groups }), undefined, 'owner');
    // Dana 4/8 = 50.0%, 1/4 = 25.0%, 1/8 = 12.5% (Wilson 2.2%–47.1%); Li 3/5 = 60.0%, 1/3 = 33.3%, 1/5 = 20.0% (3.6%–62.4%)
    expect(block(text, 'By owner')).toEqual([
      'By owner: conversion from the previous stage, and from Lead to SQL',
      'owner                   Lead  Lead → MQL   MQL → SQL  Lead → SQL  95% interval',
      '----------------------  ----  ----------  ----------  ----------  ------------',
      'Dana Whitfield-Okonkwo     8  50.0% of 8  25.0% of 4       12.5%  2.2%–47.1%',
      'Li                         5  60.0% of 5  33.3% of 3       20.0%  3.6%–62.4%',
    ]);
    // one table, not one per group
    expect(text.match(/^owner /gm)).toHaveLength(1);
    // widths 22, 4, 10, 10, 10, 12 + 5 gaps = 78. At 60 the interval goes first (64), then the last
    // step (52); the whole-funnel rate and the first step stay; names are cut only after that
    expect(block(funnelText(report({ groups }), 60, 'owner'), 'By owner').slice(1)).toEqual([
      'owner                   Lead  Lead → MQL  Lead → SQL',
      '----------------------  ----  ----------  ----------',
      'Dana Whitfield-Okonkwo     8  50.0% of 8       12.5%',
      'Li                         5  60.0% of 5       20.0%',
      '(left out: 95% interval, MQL → SQL; --wide shows all)',
    ]);
  });
});
