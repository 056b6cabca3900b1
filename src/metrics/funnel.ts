/**
 * The funnel: cohort conversion per stage (overall, per --by group, per cohort period) and the
 * period view of stage entries. DuckDB aggregates (sql/metrics/funnel__*.sql); this module only
 * shapes the few aggregate rows into the documented JSON contract (docs/metrics.md).
 */
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { funnelSql } from './funnelSql.js';
import { timed } from '../timing.js';
import { dataFreshness } from './freshness.js';
import { withZoneAssumption, zoneAssumption } from './zoneAssumption.js';
import { rate, wilson95 } from './wilson.js';
import type { ReportWindow } from './window.js';
import { type PreviousPeriodJson, previousPeriodJson, previousWindow } from './previousPeriod.js';

export type SkippedMode = 'count' | 'strict';
export type Interval = 'week' | 'month' | 'quarter';

export interface FunnelOptions {
  window: ReportWindow;
  stages: string[];
  skipped: SkippedMode;
  by?: string;
  interval?: Interval;
  /** matured conversion: only leads this many seconds past the previous stage count */
  maturedSeconds?: number;
  /** also count the previous period (previousPeriod.ts) for the headline tiles' change */
  previous?: boolean;
}

/** The previous period's cohort: the same stages and rules, overall only (no groups, no trend). */
export interface FunnelPrevious extends PreviousPeriodJson {
  stages: FunnelStage[];
}

export interface FunnelStage {
  stage: string;
  label: string;
  reached: number;
  conversionFromPrevious: number | null;
  conversionFromTop: number | null;
  ci95: [number, number] | null;
  medianDaysFromPrevious: number | null;
  p90DaysFromPrevious: number | null;
  open: number;
  impliedBySkip: number;
  reentries: number;
  outOfOrder: number;
  matured?: { eligible: number; converted: number; immature: number; conversion: number | null };
}

export interface FunnelReport {
  report: 'funnel';
  asOf: string;
  window: { from: string; to: string };
  cohortStage: string;
  skipped: SkippedMode;
  dataFreshness: string | null;
  /** naive timestamps read in an assumed UTC (metrics/zoneAssumption.ts); absent when none were */
  zoneAssumption?: string;
  maturedWindowDays: number | null;
  stages: FunnelStage[];
  groups: { key: string; stages: FunnelStage[] }[];
  trend: { period: string; stages: FunnelStage[] }[];
  period: { stage: string; entries: number }[];
  warnings: string[];
  /** with FunnelOptions.previous: the previous period's stages (docs/metrics.md, "Previous period") */
  previous?: FunnelPrevious;
}

interface CountRow {
  is_group: boolean;
  is_period: boolean;
  group_key: string | null;
  period: string | null;
  stage: string;
  position: number;
  reached: number;
  previous_reached: number;
  implied_by_skip: number;
  reentries: number;
  open: number;
  out_of_order: number;
  median_days_from_previous: number | null;
  p90_days_from_previous: number | null;
  matured_eligible: number;
  matured_converted: number;
}

function shapeStages(rows: CountRow[], labels: Map<string, string>, maturedSeconds?: number): FunnelStage[] {
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  const top = sorted[0]?.reached ?? 0;
  return sorted.map((row, i) => {
    const first = i === 0;
    const matured =
      maturedSeconds && !first
        ? {
            eligible: row.matured_eligible,
            converted: row.matured_converted,
            immature: row.previous_reached - row.matured_eligible,
            conversion: rate(row.matured_converted, row.matured_eligible),
          }
        : undefined;
    const [k, n] = matured ? [matured.converted, matured.eligible] : [row.reached, row.previous_reached];
    const ci = first ? null : wilson95(k, n);
    // full double precision: the JSON is for machines; tables, CSV and HTML round when they show it
    return {
      stage: row.stage,
      label: labels.get(row.stage) ?? row.stage,
      reached: row.reached,
      conversionFromPrevious: first ? null : rate(k, n),
      conversionFromTop: rate(row.reached, top),
      ci95: ci,
      medianDaysFromPrevious: first ? null : row.median_days_from_previous,
      p90DaysFromPrevious: first ? null : row.p90_days_from_previous,
      open: first ? 0 : row.open,
      impliedBySkip: row.implied_by_skip,
      reentries: row.reentries,
      outOfOrder: first ? 0 : row.out_of_order,
      ...(matured ? { matured } : {}),
    };
  });
}

/** The listed stages' orders in cfg_stages, ascending (the funnel's positions 1..n). */
async function listedOrders(wh: Warehouse, stages: string[]): Promise<number[]> {
  const rows = await wh.all<{ stage_order: number }>(`select stage_order from cfg_stages where stage in (select unnest($stages)) order by stage_order`, {
    stages,
  });
  return rows.map((r) => r.stage_order);
}

/**
 * The funnel's two model queries for one window, run as one: the cohort's lead stages are a CTE of
 * the counts query (funnel__stage_counts.sql reads funnel_lead_stages), not a table written first.
 */
async function stageCountRows(wh: Warehouse, window: ReportWindow, options: FunnelOptions): Promise<CountRow[]> {
  const orders = await listedOrders(wh, options.stages);
  if (orders.length === 0) return [];
  const read = (path: string) => wh.modelSql(path);
  const label = window.asOf === options.window.asOf ? '' : ' (previous period)';
  const query = await funnelSql(orders, read);
  // the maturity rule is relative to the window's own as-of, the previous period's too
  const maturedSeconds = options.maturedSeconds ?? 0;
  return timed(
    `funnel stage counts${label}`,
    wh.all<CountRow>(query, {
      as_of: window.asOf,
      from: window.from,
      to: window.to,
      strict: options.skipped === 'strict',
      group_field: options.by ?? '',
      interval: options.interval ?? '',
      stages: options.stages,
      matured_before: new Date(window.asOf.getTime() - maturedSeconds * 1000),
      window_seconds: maturedSeconds,
    }),
  );
}

const overallStages = (rows: CountRow[], labels: Map<string, string>, options: FunnelOptions) => {
  const overall = rows.filter((r) => !r.is_group && !r.is_period);
  return overall.length ? shapeStages(overall, labels, options.maturedSeconds) : emptyStages(options.stages, labels);
};

/** The previous period's overall stages: the same cohort rules on the window before. */
async function previousStages(wh: Warehouse, labels: Map<string, string>, options: FunnelOptions): Promise<FunnelPrevious> {
  const window = previousWindow(options.window);
  const rows = await stageCountRows(wh, window, { ...options, by: undefined, interval: undefined });
  return { ...previousPeriodJson(window), stages: overallStages(rows, labels, options) };
}

export async function computeFunnel(wh: Warehouse, config: Config, options: FunnelOptions): Promise<FunnelReport> {
  const { window } = options;
  const labels = new Map(config.stages.map((s) => [s.id, s.label]));
  const previous = options.previous ? await previousStages(wh, labels, options) : undefined;
  const maturedSeconds = options.maturedSeconds ?? 0;
  const rows = await stageCountRows(wh, window, options);
  const stages = overallStages(rows, labels, options);
  const byKey = <K extends 'group_key' | 'period'>(key: K, flag: 'is_group' | 'is_period') => {
    const groups = new Map<string, CountRow[]>();
    for (const row of rows.filter((r) => r[flag])) groups.set(row[key]!, [...(groups.get(row[key]!) ?? []), row]);
    return [...groups.entries()].map(([k, groupRows]) => ({ key: k, stages: shapeStages(groupRows, labels, options.maturedSeconds) }));
  };
  const period = await timed('funnel period entries', periodEntries(wh, window, options.stages));
  const warnings: string[] = [];
  if (stages[0]!.reached === 0)
    warnings.push(
      `No lead entered ${labels.get(options.stages[0]!)} between ${window.from.toISOString()} and ${window.to.toISOString()}: the funnel is empty.`,
    );
  const outOfOrder = stages.reduce((sum, s) => sum + s.outOfOrder, 0);
  if (outOfOrder > 0)
    warnings.push(
      `${outOfOrder} stage ${outOfOrder === 1 ? 'entry is' : 'entries are'} dated out of order (a later stage before an earlier one): counted as reached, left out of the days-between-stages figures.`,
    );
  const immature = stages.reduce((sum, s) => sum + (s.matured?.immature ?? 0), 0);
  if (immature > 0)
    warnings.push(
      `${immature} stage transitions are younger than the ${Math.round(maturedSeconds / 86400)}-day window at the as-of and are left out of matured conversion.`,
    );
  return {
    report: 'funnel',
    asOf: window.asOf.toISOString(),
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    cohortStage: options.stages[0]!,
    skipped: options.skipped,
    dataFreshness: await timed('data freshness', dataFreshness(wh, window.asOf)),
    ...withZoneAssumption(await zoneAssumption(wh)),
    maturedWindowDays: options.maturedSeconds ? options.maturedSeconds / 86400 : null,
    stages,
    groups: options.by ? byKey('group_key', 'is_group').map(({ key, stages: s }) => ({ key, stages: s })) : [],
    trend: options.interval ? byKey('period', 'is_period').map(({ key, stages: s }) => ({ period: key, stages: s })) : [],
    period,
    warnings,
    ...(previous ? { previous } : {}),
  };
}

/** Kysely builds this one query: imported when it runs, its package costs the CLI's start-up ~0.3 s of CPU. */
async function periodEntries(wh: Warehouse, window: ReportWindow, stages: string[]) {
  const [{ runQuery }, { periodEntriesQuery }] = await Promise.all([import('../db/kysely.js'), import('./periodEntries.js')]);
  return runQuery(wh, periodEntriesQuery(window, stages));
}

function emptyStages(stages: string[], labels: Map<string, string>): FunnelStage[] {
  return stages.map((stage) => ({
    stage,
    label: labels.get(stage) ?? stage,
    reached: 0,
    conversionFromPrevious: null,
    conversionFromTop: null,
    ci95: null,
    medianDaysFromPrevious: null,
    p90DaysFromPrevious: null,
    open: 0,
    impliedBySkip: 0,
    reentries: 0,
    outOfOrder: 0,
  }));
}
