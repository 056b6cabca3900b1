/**
 * The pipeline report: stage conversion, time in stage, win rate, cycle, velocity, open pipeline,
 * stale deals, close-date pushes, the waterfall and coverage, from the deal marts. DuckDB does the
 * work (sql/pipeline/*.sql); this module shapes the few aggregate rows into the JSON contract.
 * Build the models first (buildModels).
 */
import type { Warehouse } from '../db/connection.js';
import { dataFreshness } from '../metrics/freshness.js';
import { rate, wilson95 } from '../metrics/wilson.js';
import type { ReportWindow } from '../metrics/window.js';
import { withZoneAssumption, zoneAssumption } from '../metrics/zoneAssumption.js';
import { timed } from '../timing.js';
import { computeCoverage } from './coverage.js';
import { byAmount, groupOf, pushedDeal, type RateRow, staleDeal, velocityOf } from './shape.js';
import { num, pipelineRows, pipelineTable } from './sql.js';
import type { PipelineReport, PipelineStage, PushTotals, Velocity } from './types.js';
import { computeWaterfall } from './waterfall.js';
import { pipelineWarnings } from './warnings.js';

export interface PipelineOptions {
  window: ReportWindow;
  /** close dates of the waterfall's period: [from, to) */
  closePeriod: { from: Date; to: Date };
  /** velocity's and the stale thresholds' trailing window of closes starts here (ends at the as-of) */
  trailingFrom: Date;
  by: string;
  pipeline?: string;
  /** the quota CSV, for coverage */
  quotaPath?: string;
  /** the no-change stale rule: the stage ids it watches and its days */
  noChange: { stages: string[]; days: number };
  /** deal fields (snake_case) holding a snoozed deal's resume date */
  snoozeFields: string[];
}

export async function computePipeline(wh: Warehouse, options: PipelineOptions): Promise<PipelineReport> {
  const { window } = options;
  const params = {
    as_of: window.asOf,
    at: window.asOf,
    from: window.from,
    to: window.to,
    trailing_from: options.trailingFrom,
    pipeline: options.pipeline ?? '',
    group_field: options.by,
    no_change_stages: options.noChange.stages,
    no_change_days: options.noChange.days,
    snooze_fields: options.snoozeFields,
  };
  await timed('  state', pipelineTable(wh, 'pipeline_now', 'pipeline__deal_state', params));
  await timed('  deals', pipelineTable(wh, 'pipeline_deals', 'pipeline__deals', params));
  // one connection runs one query at a time: the files run in turn
  const funnel = await timed(
    '  stage_funnel',
    pipelineRows<{ stage: string; label: string; reached: number; implied_by_skip: number; lost_here: number; open_now: number }>(
      wh,
      'pipeline__stage_funnel',
      params,
    ),
  );
  const times = await timed(
    '  time_in_stage',
    pipelineRows<{
      stage: string;
      ended_stays: number;
      open_stays: number;
      median_ended_days: number | null;
      median_open_days: number | null;
      median_days: number | null;
      p90_days: number | null;
    }>(wh, 'pipeline__time_in_stage', params),
  );
  const rates = await timed('  win_rates', pipelineRows<RateRow>(wh, 'pipeline__win_rates', params));
  const open = await timed(
    '  open_pipeline',
    pipelineRows<{ stage: string; stage_label: string; age_bucket: string; deals: number; amount: number; without_amount: number }>(
      wh,
      'pipeline__open_pipeline',
      params,
    ),
  );
  const stale = await timed('  stale', pipelineRows<Record<string, unknown>>(wh, 'pipeline__stale', params));
  await timed('  pushes', pipelineTable(wh, 'pipeline_pushes', 'pipeline__pushes', params));
  const pushes = await wh.all<Record<string, unknown>>(
    `select * from pipeline_pushes where pushes >= 2 order by pushes desc, days_pushed desc, opportunity_id collate "C"`,
  );
  const pushTotals = await wh.one<PushTotals>(
    `select cast(count(*) as integer) as "dealsMoved",
            cast(count(*) filter (where pushes > 0) as integer) as "dealsPushed",
            cast(count(*) filter (where pushes >= 2) as integer) as "dealsPushedTwice",
            cast(coalesce(sum(pushes), 0) as integer) as pushes,
            cast(coalesce(sum(month_pushes), 0) as integer) as "monthPushes",
            cast(coalesce(sum(quarter_pushes), 0) as integer) as "quarterPushes",
            cast(coalesce(sum(pull_ins), 0) as integer) as "pullIns"
     from pipeline_pushes`,
  );
  const timeBy = new Map(times.map((t) => [t.stage, t]));
  const stages = funnel.map((s, i): PipelineStage => {
    const previous = i > 0 ? funnel[i - 1]!.reached : null;
    const t = timeBy.get(s.stage);
    return {
      stage: s.stage,
      label: s.label,
      reached: s.reached,
      conversionFromPrevious: previous === null ? null : rate(s.reached, previous),
      ci95: previous === null ? null : wilson95(s.reached, previous),
      impliedBySkip: s.implied_by_skip,
      lostHere: s.lost_here,
      medianDaysInStage: t?.median_days ?? null,
      p90DaysInStage: t?.p90_days ?? null,
      endedStays: t?.ended_stays ?? 0,
      openStays: t?.open_stays ?? 0,
      medianEndedDays: t?.median_ended_days ?? null,
      medianOpenDays: t?.median_open_days ?? null,
      openNow: s.open_now,
    };
  });
  const overall = rates.find((r) => r.group_key === null);
  const velocity: Velocity = { from: options.trailingFrom.toISOString(), to: window.asOf.toISOString(), ...velocityOf(overall) };
  const won = overall?.won ?? 0;
  const lost = overall?.lost ?? 0;
  const pushedDeals = pushes.map(pushedDeal);
  const waterfall = await timed('  waterfall', computeWaterfall(wh, params, options.closePeriod, window));
  const coverage = options.quotaPath ? await timed('  coverage', computeCoverage(wh, options.quotaPath, params, velocity.winRate)) : null;
  const snoozed = await wh.one<{ n: number }>(`select cast(count(*) as integer) as n from pipeline_deals where is_open and is_snoozed`);
  const freshest = await timed(
    '  deal freshness',
    wh.one<{ freshest: Date | null }>(`select max(changed_at) as freshest from stg_deal_changes where changed_at <= $as_of`, {
      as_of: window.asOf,
    }),
  );
  const leadFreshness = await timed('  lead freshness', dataFreshness(wh, window.asOf));
  const dealFreshness = freshest?.freshest ? new Date(freshest.freshest).toISOString() : null;
  return {
    report: 'pipeline',
    asOf: window.asOf.toISOString(),
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    pipeline: options.pipeline ?? null,
    by: options.by,
    dataFreshness:
      [leadFreshness, dealFreshness]
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1) ?? null,
    ...withZoneAssumption(await zoneAssumption(wh)),
    summary: {
      won,
      lost,
      winRate: rate(won, won + lost),
      winRateByAmount: byAmount(overall?.won_amount ?? null, overall?.lost_amount ?? null),
      open: overall?.open ?? 0,
      openAmount: overall?.open_amount ?? 0,
      openWithoutAmount: overall?.open_without_amount ?? 0,
      medianCycleDays: overall?.median_cycle_days ?? null,
      p90CycleDays: overall?.p90_cycle_days ?? null,
      velocityPerDay: velocity.velocityPerDay,
      snoozed: snoozed?.n ?? 0,
      ci95: { winRate: wilson95(won, won + lost) },
    },
    stages,
    groups: rates.filter((r) => r.group_key !== null).map(groupOf),
    velocity,
    openPipeline: open.map((o) => ({
      stage: o.stage,
      label: o.stage_label,
      ageBucket: o.age_bucket,
      deals: o.deals,
      amount: num(o.amount),
      withoutAmount: o.without_amount,
    })),
    stale: stale.map(staleDeal),
    pushTotals: pushTotals!,
    pushes: pushedDeals,
    waterfall,
    coverage,
    warnings: await timed('  warnings', pipelineWarnings(wh, params, { won, lost, open: overall?.open ?? 0 }, options.snoozeFields)),
  };
}
