/**
 * Speed-to-lead: time from the start (MQL by default) to the first sales touch, in real and
 * business minutes, from the first-touch SLA's instances in sla_outcomes (build them first with
 * buildSlaOutcomes). DuckDB aggregates; this module shapes the few rows into the JSON contract.
 */
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { usageError } from '../errors.js';
import { dataFreshness } from '../metrics/freshness.js';
import { withZoneAssumption, zoneAssumption } from '../metrics/zoneAssumption.js';
import { rate, wilson95 } from '../metrics/wilson.js';
import type { ReportWindow } from '../metrics/window.js';
import { timed } from '../timing.js';
import { describeTarget, type SlaDefinition } from './definitions.js';
import { type ResponseBucket, responseBuckets, type ResponseStats, type SpeedToLeadGroup, type SpeedToLeadReport } from './types.js';

export interface SpeedToLeadOptions {
  window: ReportWindow;
  /** the touch SLA measured */
  sla: SlaDefinition;
  bucketClock?: 'business' | 'wall';
  by?: string;
  /** stage reached = converted (default 'sql') */
  conversionStage?: string;
}

interface StatsRow {
  dimension: string;
  key: string;
  n: number;
  touched: number;
  met: number;
  breached: number;
  median_minutes: number | null;
  median_business_minutes: number | null;
  p90_business_minutes: number | null;
}

// Values keep full double precision: the JSON is for machines; tables, CSV and HTML round when they show them.

/** The touch SLA speed-to-lead measures: the one named, else the first SLA whose end is a touch. */
export function touchSla(slas: readonly SlaDefinition[], name?: string): SlaDefinition {
  const sla = name ? slas.find((s) => s.name === name) : slas.find((s) => s.config.end.kind === 'touch');
  if (!sla) throw usageError(name ? `no SLA named "${name}" in the config` : 'speed-to-lead needs an SLA whose end is a touch (see docs/sla.md)');
  if (sla.config.end.kind !== 'touch') throw usageError(`SLA "${sla.name}" does not end with a touch`);
  return sla;
}

const stats = (row: StatsRow | undefined): ResponseStats => ({
  n: row?.n ?? 0,
  touched: row?.touched ?? 0,
  medianMinutes: row?.median_minutes ?? null,
  medianBusinessMinutes: row?.median_business_minutes ?? null,
  p90BusinessMinutes: row?.p90_business_minutes ?? null,
  withinTarget: rate(row?.met ?? 0, (row?.met ?? 0) + (row?.breached ?? 0)),
});

export async function computeSpeedToLead(wh: Warehouse, config: Config, options: SpeedToLeadOptions): Promise<SpeedToLeadReport> {
  const { window, sla } = options;
  const conversionStage = options.conversionStage ?? 'sql';
  const conversionOrder = config.stages.findIndex((s) => s.id === conversionStage) + 1;
  if (conversionOrder === 0) throw usageError(`conversion stage "${conversionStage}" is not a stage of the config`);
  const timezone = config.calendar.timezone ?? config.timezone;
  const bucketClock = options.bucketClock ?? 'business';
  const instances = await wh.modelSql('sla/speed_to_lead__instances.sql');
  await timed(
    '  instances',
    wh.run(`create or replace temp table speed_to_lead_instances as\n${instances}`, {
      sla: sla.name,
      convert_order: conversionOrder,
      as_of: window.asOf,
      timezone,
      bucket_clock: bucketClock,
    }),
  );
  const rows = await timed('  stats', wh.all<StatsRow>(await wh.modelSql('sla/speed_to_lead__stats.sql')));
  const bucketRows = await wh.all<{ bucket: ResponseBucket | null; n: number; converted: number }>(
    `select bucket, cast(count(*) as integer) as n, cast(count(*) filter (where converted) as integer) as converted
     from speed_to_lead_instances group by bucket order by bucket collate "C"`,
  );
  const coverage = await wh.all<{ weekday: number; hour: number; arrivals: number; touched: number; median_minutes: number | null }>(
    `select arrival_weekday as weekday, arrival_hour as hour, cast(count(*) as integer) as arrivals,
            cast(count(end_at) as integer) as touched, quantile_cont(wall_minutes, 0.5) as median_minutes
     from speed_to_lead_instances group by arrival_weekday, arrival_hour order by weekday, hour`,
  );

  const overallRow = rows.find((r) => r.dimension === '');
  const overall = { ...stats(overallRow), decided: (overallRow?.met ?? 0) + (overallRow?.breached ?? 0) };
  const byBucket = new Map(bucketRows.map((r) => [r.bucket, r]));
  const dimensions: SpeedToLeadGroup['dimension'][] = ['owner', 'team', 'source', ...(options.by ? (['by'] as const) : [])];
  const groups = dimensions.flatMap((dimension) =>
    rows.filter((r) => r.dimension === dimension).map((r): SpeedToLeadGroup => ({ dimension, key: r.key, ...stats(r) })),
  );
  const warnings: string[] = [];
  if (overall.n === 0) warnings.push(`No ${sla.label} start between ${window.from.toISOString()} and ${window.to.toISOString()}: nothing to measure.`);
  const unmeasured = byBucket.get(null)?.n ?? 0;
  if (unmeasured > 0) warnings.push(`${unmeasured} touches fall outside the business calendar and have no business time.`);
  const start = sla.config.start;
  return {
    report: 'speed-to-lead',
    asOf: window.asOf.toISOString(),
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    start: start.kind === 'stage' ? start.stage : `event:${start.eventType}`,
    sla: { name: sla.name, target: describeTarget(sla.config.target), targetMinutes: sla.targetMinutes, clock: sla.clock },
    bucketClock,
    dataFreshness: await timed('  freshness', dataFreshness(wh, window.asOf)),
    ...withZoneAssumption(await zoneAssumption(wh)),
    overall,
    buckets: responseBuckets.map((bucket) => {
      const n = byBucket.get(bucket)?.n ?? 0;
      return { bucket, n, share: rate(n, overall.n) };
    }),
    groups,
    coverage: coverage.map((c) => ({ weekday: c.weekday, hour: c.hour, arrivals: c.arrivals, touched: c.touched, medianMinutes: c.median_minutes })),
    coverageTimezone: timezone,
    conversionByBucket: responseBuckets.map((bucket) => {
      const row = byBucket.get(bucket);
      const [converted, n] = [row?.converted ?? 0, row?.n ?? 0];
      return { bucket, n, converted, conversion: rate(converted, n), ci95: wilson95(converted, n) };
    }),
    conversionStage,
    warnings,
  };
}
