/**
 * The pipeline report on hand-computed deals (handFixture.ts): every number below is worked out
 * by hand from the fixture, in days between the dates given (2024 is a leap year).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pipelineOn } from '../../src/commands/pipeline.js';
import { pipelineOutputs } from '../../src/commands/pipelineOutputs.js';
import { parseConfig } from '../../src/config/config.js';
import { defaultOpenDealStages } from '../../src/config/dealStages.js';
import type { PipelineReport } from '../../src/pipeline/types.js';
import { caseDir } from '../hostile/harness.js';
import { insertDeals } from './fixture.js';
import { handWarehouse } from './handFixture.js';

const options = { from: '2024-01-01', to: '2024-03-31', asOf: '2024-03-31' };

describe('pipeline report on hand-computed deals', () => {
  let report: PipelineReport;
  beforeAll(async () => {
    const wh = await handWarehouse();
    const quota = join(caseDir('pipeline-quota-'), 'quota.csv');
    writeFileSync(quota, 'period,owner,amount\n2024-Q1,o1,10000\n2024-Q2,Dana Reyes,"6,000"\n');
    report = await pipelineOn(wh, parseConfig({}), { ...options, quota });
    wh.close();
  });

  it('states the window and as-of', () => {
    expect(report.asOf).toBe('2024-04-01T00:00:00.000Z');
    expect(report.window).toEqual({ from: '2024-01-01T00:00:00.000Z', to: '2024-04-01T00:00:00.000Z' });
  });

  it('counts stage reached with skips implied, conversion and where deals die', () => {
    expect(report.stages.map((s) => [s.stage, s.reached, s.impliedBySkip, s.lostHere, s.openNow])).toEqual([
      ['qualified', 6, 0, 0, 1],
      ['discovery', 5, 1, 1, 2],
      ['demo', 3, 2, 0, 0],
      ['proposal', 3, 0, 0, 2],
      ['negotiation', 2, 1, 0, 0],
      ['closed_won', 2, 0, 0, 0],
    ]);
    expect(report.stages.map((s) => s.conversionFromPrevious)).toEqual([null, 5 / 6, 3 / 5, 1, 2 / 3, 1]);
  });

  it('estimates time in stage with open stays censored (Kaplan–Meier), the ended and open figures beside it', () => {
    const t = Object.fromEntries(
      report.stages.map((s) => [s.stage, [s.medianDaysInStage, s.p90DaysInStage, s.endedStays, s.openStays, s.medianEndedDays, s.medianOpenDays]]),
    );
    // Qualified: ended 1, 4, 5, 10, 12, 24 and R1 open 46 days: S(10) = 6/7·5/6·4/5·3/4 = 3/7 ≤ ½; never ≤ 0.1
    expect(t.qualified).toEqual([10, null, 6, 1, 7.5, 46]);
    // Discovery: 10, 10, 30 ended and O1 open 89 days, longer than every ended stay: S(10) = ½, S(30) = ¼
    expect(t.discovery).toEqual([10, null, 3, 1, 10, 89]);
    expect(t.demo).toEqual([10, 10, 1, 0, 10, null]);
    // Proposal: 30 and 10 ended, O2 open 36 days (S1's stay began before the window)
    expect(t.proposal).toEqual([30, null, 2, 1, 20, 36]);
    expect(t.negotiation).toEqual([25, 25, 1, 0, 25, null]);
  });

  it('takes the win rate over deals closed in the window; a reopened deal is not lost', () => {
    const s = report.summary;
    expect([s.won, s.lost, s.winRate, s.winRateByAmount]).toEqual([2, 1, 2 / 3, 4000 / 4500]);
    expect(s.ci95.winRate![0]).toBeCloseTo(0.2077, 4);
    expect(s.ci95.winRate![1]).toBeCloseTo(0.9385, 4);
  });

  it('measures the cycle created → won and velocity from the trailing twelve months', () => {
    expect([report.summary.medianCycleDays, report.summary.p90CycleDays]).toEqual([55, 59]);
    expect([report.summary.open, report.summary.openAmount, report.summary.openWithoutAmount]).toEqual([5, 5200, 1]);
    expect(report.velocity).toEqual({
      from: '2023-04-01T00:00:00.000Z',
      to: '2024-04-01T00:00:00.000Z',
      openDeals: 5,
      won: 2,
      lost: 1,
      winRate: 2 / 3,
      averageWonAmount: 2000,
      averageCycleDays: 55,
      velocityPerDay: (5 * 2000 * (2 / 3)) / 55,
    });
    expect(report.summary.velocityPerDay).toBe(report.velocity.velocityPerDay);
  });

  it('breaks the win rate down by source', () => {
    expect(report.groups.map((g) => [g.key, g.won, g.lost, g.winRate, g.open])).toEqual([
      ['(none)', 0, 0, null, 5],
      ['Paid', 0, 1, 0, 0],
      ['Webinar', 2, 0, 1, 0],
    ]);
  });

  it('lists open pipeline by stage and age bucket, an unvalued deal apart', () => {
    expect(report.openPipeline.map((o) => [o.stage, o.ageBucket, o.deals, o.amount, o.withoutAmount])).toEqual([
      ['qualified', '60-89 days', 1, 800, 0],
      // O1 (no amount) is 90 days old, P1 108
      ['discovery', '90-179 days', 2, 900, 1],
      ['proposal', '60-89 days', 1, 1500, 0],
      ['proposal', '90-179 days', 1, 2000, 0],
    ]);
  });

  it('flags deals over twice the median time won deals spent in their stage', () => {
    // thresholds: Qualified 2 × 7.5, Discovery 2 × 10, Proposal 2 × 20; ordered by days ÷ threshold
    // (or days since the last change ÷ 14, whichever is larger)
    expect(report.stale.map((s) => [s.opportunityId, s.stage, s.daysInStage, s.thresholdDays, s.amount])).toEqual([
      ['P1', 'discovery', 108, 20, 900],
      ['O1', 'discovery', 89, 20, null],
      ['R1', 'qualified', 46, 15, 800],
      ['S1', 'proposal', 122, 40, 2000],
      ['O2', 'proposal', 36, 40, 1500],
    ]);
    expect(report.stale[1]!.owner).toBe('Sam <b>Lee</b>');
  });

  it('flags mid and late stages with no stage, amount or close-date change in 14 days, saying which rule flagged each', () => {
    // Proposal is a mid/late stage (the third open stage on). O2 entered it 02-25 and nothing moved
    // since: 36 days > 14, under the slow-stage 40. S1's last change (amount and close date) was 03-05:
    // 27 days, and 122 in stage > 40. P1's last change (02-10, 51 days) and O1's (01-03) are in
    // Discovery, R1's (03-01) in Qualified: early stages, so only the slow-stage rule can flag them.
    expect(report.stale.map((s) => [s.opportunityId, s.reason, s.daysSinceChange, s.noChangeDays])).toEqual([
      ['P1', ['slow-stage'], 51, null],
      ['O1', ['slow-stage'], 89, null],
      ['R1', ['slow-stage'], 31, null],
      ['S1', ['slow-stage', 'no-change'], 27, 14],
      ['O2', ['no-change'], 36, 14],
    ]);
    expect(report.summary.snoozed).toBe(0);
  });

  it('counts every close-date push, those crossing a month or quarter apart, and lists deals pushed twice', () => {
    expect(report.pushTotals).toEqual({ dealsMoved: 4, dealsPushed: 2, dealsPushedTwice: 1, pushes: 3, monthPushes: 3, quarterPushes: 2, pullIns: 2 });
    expect(report.pushes.map((p) => [p.opportunityId, p.pushes, p.monthPushes, p.quarterPushes, p.daysPushed, p.closeDateBefore, p.closeDate])).toEqual([
      ['R1', 2, 2, 1, 61 + 46, '2024-03-15', '2024-06-30'],
    ]);
  });

  it('reconciles the waterfall to the cent, each bucket with its deals', () => {
    const w = report.waterfall;
    expect([w.closeFrom, w.closeTo, w.reconciled, w.stageMoves]).toEqual(['2024-01-01', '2024-03-31', true, 0]);
    expect(Object.fromEntries(w.buckets.map((b) => [b.bucket, [b.amount, b.deals]]))).toEqual({
      start: [3500, 2],
      new: [3500, 3],
      pulled_in: [700, 1],
      increased: [200, 1],
      won: [4000, 2],
      lost: [500, 1],
      pushed_out: [2000, 1],
      pulled_out: [0, 0],
      decreased: [500, 1],
      end: [900, 2],
    });
    expect(w.deals.map((d) => [d.opportunityId, d.entry, d.exit, d.change])).toEqual([
      ['L1', 'new', 'lost', 0],
      ['O1', 'new', 'end', 0],
      ['P1', 'pulled_in', 'end', 200],
      ['S1', 'start', 'pushed_out', -500],
      ['W1', 'start', 'won', 0],
      ['W2', 'new', 'won', 0],
    ]);
  });

  it('works out coverage against the quota still to close, and the coverage needed', () => {
    expect(report.coverage).toEqual({
      needed: 1.5,
      winRate: 2 / 3,
      // as of the end of 2024-03-31: the current period is Q1
      current: { period: '2024-Q1', quota: 10000, won: 4000, remaining: 6000, pipeline: 900, coverage: 0.15 },
      rows: [
        { period: '2024-Q1', scope: 'owner', key: 'o1', quota: 10000, won: 4000, remaining: 6000, pipeline: 900, pipelineDeals: 1, coverage: 0.15 },
        { period: '2024-Q2', scope: 'owner', key: 'Dana Reyes', quota: 6000, won: 0, remaining: 6000, pipeline: 4300, pipelineDeals: 3, coverage: 4300 / 6000 },
      ],
    });
  });
});

describe('pipeline report options', () => {
  it('groups by a deal field (--by product) and keeps one pipeline apart (--pipeline)', async () => {
    const wh = await handWarehouse();
    await wh.run(
      `insert into opportunity_fields (opportunity_id, field, value, load_id) values ('W1', 'product', 'Core', 1), ('W2', 'product', 'Core', 1), ('L1', 'product', 'Add-on', 1)`,
    );
    await wh.run(`update opportunities set pipeline = 'Renewals' where opportunity_id in ('W2', 'L1')`);
    const all = await pipelineOn(wh, parseConfig({}), { ...options, by: 'Product' });
    expect(all.groups.map((g) => [g.key, g.won, g.lost])).toEqual([
      ['(none)', 0, 0],
      ['Add-on', 0, 1],
      ['Core', 2, 0],
    ]);
    expect(all.warnings).toContain('2 pipelines are mixed in these figures; --pipeline NAME keeps one apart.');
    const renewals = await pipelineOn(wh, parseConfig({}), { ...options, pipeline: 'Renewals' });
    expect([renewals.pipeline, renewals.summary.won, renewals.summary.lost, renewals.summary.open]).toEqual(['Renewals', 1, 1, 0]);
    expect(renewals.warnings.some((w) => w.includes('pipelines are mixed'))).toBe(false);
    wh.close();
  });

  it('takes a stage multiplier from the config: Discovery at 10× (100 days) flags P1 only there', async () => {
    const wh = await handWarehouse();
    const config = parseConfig({ dealStages: { open: defaultOpenDealStages.map((s) => (s.id === 'discovery' ? { ...s, staleMultiplier: 10 } : s)) } });
    const report = await pipelineOn(wh, config, options);
    // P1: 108 ÷ 100 = 1.08 now ranks after O2's 36 ÷ 14
    expect(report.stale.map((s) => [s.opportunityId, s.thresholdDays])).toEqual([
      ['R1', 15],
      ['S1', 40],
      ['O2', 40],
      ['P1', 100],
    ]);
    wh.close();
  });

  it('takes the no-change stages and days from the config: Discovery on, 60 days', async () => {
    const wh = await handWarehouse();
    const config = parseConfig({ dealStages: { noChangeStages: ['discovery'], noChangeDays: 60 } });
    const report = await pipelineOn(wh, config, options);
    // O1: no change since 01-03, 89 days > 60 in Discovery; P1's 51 days are under 60; Proposal is off
    expect(report.stale.map((s) => [s.opportunityId, s.reason])).toEqual([
      ['P1', ['slow-stage']],
      ['O1', ['slow-stage', 'no-change']],
      ['R1', ['slow-stage']],
      ['S1', ['slow-stage']],
    ]);
    wh.close();
  });

  it('refuses a no-change stage no open stage names', () => {
    expect(() => parseConfig({ dealStages: { noChangeStages: ['demos'] } })).toThrow(/noChangeStages.*"demos"/);
  });

  it('does not flag a snoozed deal whose resume date is after the as-of, and counts it', async () => {
    const wh = await handWarehouse();
    // S1 resumes 04-15 (after the as-of): not flagged by either rule. O2's resume date 03-15 is
    // past: flagged as before. P1's value is no date: flagged, and the warning names it.
    await wh.run(
      `insert into opportunity_fields (opportunity_id, field, value, load_id) values ('S1', 'snooze_until', '2024-04-15', 1), ('O2', 'resume_date', '2024-03-15', 1), ('P1', 'snooze_until', 'next quarter', 1)`,
    );
    const report = await pipelineOn(wh, parseConfig({}), options);
    expect(report.stale.map((s) => s.opportunityId)).toEqual(['P1', 'O1', 'R1', 'O2']);
    expect(report.summary.snoozed).toBe(1);
    expect(pipelineOutputs(report).table()).toContain('4 stale deals (1 snoozed not counted)');
    expect(report.warnings).toContain(
      '1 open deal has a snooze field (snooze_until, resume_date) that is not a date: not treated as snoozed (e.g. P1: "next quarter").',
    );
    // a configured field name replaces the defaults
    const renamed = await pipelineOn(wh, parseConfig({ dealStages: { snoozeFields: ['Resume Date'] } }), options);
    expect(renamed.stale.map((s) => s.opportunityId)).toEqual(['P1', 'O1', 'R1', 'S1', 'O2']);
    expect(renamed.summary.snoozed).toBe(0);
    wh.close();
  });

  it('refuses a quota file it cannot read whole, naming the lines', async () => {
    const wh = await handWarehouse();
    const quota = join(caseDir('pipeline-quota-'), 'quota.csv');
    writeFileSync(quota, 'period,team,amount\n2024-Q1,East,1000\nQ2 2024,East,2000\n2024-Q3,East,lots\n');
    await expect(pipelineOn(wh, parseConfig({}), { ...options, quota })).rejects.toThrow(
      /line 3 \(period "Q2 2024", amount "2000"\), line 4 \(period "2024-Q3", amount "lots"\)/,
    );
    wh.close();
  });
});

describe('a deal without history', () => {
  it('starts in its current stage when created, and the report says its close date has no history', async () => {
    const wh = await handWarehouse();
    await insertDeals(wh, [{ id: 'X1', stage: 'Negotiation/Review', created: '2024-02-01', amount: 100, close: '2024-03-15' }], []);
    const report = await pipelineOn(wh, parseConfig({}), options);
    wh.close();
    expect(report.stages.find((s) => s.stage === 'negotiation')).toMatchObject({ reached: 3, openNow: 1, openStays: 1, medianOpenDays: 60 });
    expect(report.waterfall.deals.find((d) => d.opportunityId === 'X1')).toMatchObject({ entry: 'new', exit: 'end', endAmount: 100 });
    expect(report.waterfall.reconciled).toBe(true);
    expect(report.warnings).toContain(
      '1 of 9 deals have no close-date history: pushes cannot be seen for them, and the waterfall reads their current close date and amount at both dates.',
    );
  });
});
