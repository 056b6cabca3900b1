/**
 * Stuck and stale leads, leads in an unknown stage or without an owner, and the stage
 * distribution with its bottleneck (docs/hygiene.md), from sql/hygiene/hygiene__stage_medians.sql,
 * hygiene__lead_status.sql and hygiene__stage_flow.sql. DuckDB flags and counts; this module shapes the rows.
 */
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { usageError } from '../errors.js';
import type { ReportWindow } from '../metrics/window.js';
import { isoText, listLimit, materialise } from './models.js';
import type { FlaggedLead, HygieneReport, StageFlow, StageMedian, StaleLead, StuckLead } from './types.js';

export const ageBuckets = ['< 7 d', '7–30 d', '30–90 d', '90–180 d', '≥ 180 d'];

type Sections = Pick<HygieneReport, 'stuck' | 'stale' | 'unknownStage' | 'unowned' | 'distribution'>;

/**
 * The bottleneck: among stages that grew (growth > 0) and are not excluded, the one with the
 * largest growth ÷ exits; growth with no exit at all ranks first; ties go to the larger growth,
 * then the earlier stage. Null when no stage grew.
 */
export function bottleneckOf(flow: readonly StageFlow[], excluded: readonly string[]): string | null {
  const ranked = flow
    .map((f, order) => ({ ...f, order }))
    .filter((f) => f.growth > 0 && !excluded.includes(f.stage))
    .sort((a, b) => (b.growthPerExit ?? Number.POSITIVE_INFINITY) - (a.growthPerExit ?? Number.POSITIVE_INFINITY) || b.growth - a.growth || a.order - b.order);
  return ranked[0]?.stage ?? null;
}

const flagged = (r: { lead_id: string; stage: string | null; stage_raw: string | null; created_at: string | null; owner_id: string | null }): FlaggedLead => ({
  leadId: r.lead_id,
  stage: r.stage,
  stageRaw: r.stage_raw,
  createdAt: r.created_at,
  ownerId: r.owner_id,
});

export async function leadStatusSections(wh: Warehouse, config: Config, window: ReportWindow): Promise<Sections> {
  const { hygiene } = config;
  const stageIds = new Set(config.stages.map((s) => s.id));
  const unknownExcluded = hygiene.stuckExcludeStages.filter((s) => !stageIds.has(s));
  if (unknownExcluded.length) throw usageError(`hygiene.stuckExcludeStages: ${unknownExcluded.join(', ')} is not a stage of the config`);
  await materialise(wh, 'hygiene__stage_medians', { as_of: window.asOf });
  await materialise(wh, 'hygiene__lead_status', {
    as_of: window.asOf,
    stuck_multiple: hygiene.stuckMultiple,
    excluded_stages: hygiene.stuckExcludeStages,
    stale_months: hygiene.staleMonths,
  });
  await materialise(wh, 'hygiene__stage_flow', { from: window.from, to: window.to, as_of: window.asOf });

  const medians = await wh.all<{ stage: string; completed_stays: number; median_days: number | null; current: number; stuck: number }>(
    `select m.stage, m.completed_stays, m.median_days,
            cast(count(s.lead_id) as integer) as current, cast(count(s.lead_id) filter (where s.is_stuck) as integer) as stuck
     from hygiene__stage_medians m
     left join hygiene__lead_status s on s.stage = m.stage
     group by m.stage, m.stage_order, m.completed_stays, m.median_days
     order by m.stage_order`,
  );
  const stuck = await wh.all<{ lead_id: string; stage: string; entered_at: string; days_in_stage: number; median_days: number; owner_id: string | null }>(
    `select lead_id, stage, ${isoText('entered_at')} as entered_at, days_in_stage, median_days, owner_id
     from hygiene__lead_status where is_stuck order by days_in_stage / median_days desc, lead_id collate "C" limit $limit`,
    { limit: listLimit },
  );
  const stale = await wh.all<{ lead_id: string; stage: string | null; last_activity_at: string | null; created_at: string | null; owner_id: string | null }>(
    `select lead_id, stage, ${isoText('last_activity_at')} as last_activity_at, ${isoText('created_at')} as created_at, owner_id
     from hygiene__lead_status where is_stale order by greatest(last_activity_at, created_at), lead_id collate "C" limit $limit`,
    { limit: listLimit },
  );
  const flaggedList = (flag: 'is_unknown_stage' | 'is_unowned') =>
    wh.all<{ lead_id: string; stage: string | null; stage_raw: string | null; created_at: string | null; owner_id: string | null }>(
      `select lead_id, stage, stage_raw, ${isoText('created_at')} as created_at, owner_id
       from hygiene__lead_status where ${flag} order by lead_id collate "C" limit $limit`,
      { limit: listLimit },
    );
  const unknown = (await flaggedList('is_unknown_stage')).map(flagged);
  const unowned = (await flaggedList('is_unowned')).map(flagged);
  const counts = await wh.one<{ stuck: number; stale: number; unknown: number; unowned: number }>(
    `select cast(count(*) filter (where is_stuck) as integer) as stuck, cast(count(*) filter (where is_stale) as integer) as stale,
            cast(count(*) filter (where is_unknown_stage) as integer) as unknown, cast(count(*) filter (where is_unowned) as integer) as unowned
     from hygiene__lead_status`,
  );
  const cells = await wh.all<{ stage: string; age_bucket: string; leads: number }>(
    `select s.stage, s.age_bucket, cast(count(*) as integer) as leads
     from hygiene__lead_status s join cfg_stages using (stage)
     where s.age_bucket is not null
     group by s.stage, cfg_stages.stage_order, s.age_bucket
     order by cfg_stages.stage_order, list_position($buckets, s.age_bucket)`,
    { buckets: ageBuckets },
  );
  const flowRows = await wh.all<{ stage: string; entered: number; exited: number; growth: number; growth_per_exit: number | null; current_leads: number }>(
    `select stage, entered, exited, growth, growth_per_exit, current_leads from hygiene__stage_flow order by stage_order`,
  );
  const flow = flowRows.map(
    (f): StageFlow => ({ stage: f.stage, entered: f.entered, exited: f.exited, growth: f.growth, growthPerExit: f.growth_per_exit, current: f.current_leads }),
  );
  return {
    stuck: {
      multiple: hygiene.stuckMultiple,
      excludedStages: hygiene.stuckExcludeStages,
      stages: medians.map(
        (m): StageMedian => ({ stage: m.stage, completedStays: m.completed_stays, medianDays: m.median_days, current: m.current, stuck: m.stuck }),
      ),
      count: counts?.stuck ?? 0,
      leads: stuck.map(
        (s): StuckLead => ({
          leadId: s.lead_id,
          stage: s.stage,
          enteredAt: s.entered_at,
          daysInStage: s.days_in_stage,
          medianDays: s.median_days,
          multiple: s.days_in_stage / s.median_days,
          ownerId: s.owner_id,
        }),
      ),
    },
    stale: {
      months: hygiene.staleMonths,
      count: counts?.stale ?? 0,
      leads: stale.map(
        (s): StaleLead => ({ leadId: s.lead_id, stage: s.stage, lastActivityAt: s.last_activity_at, createdAt: s.created_at, ownerId: s.owner_id }),
      ),
    },
    unknownStage: { count: counts?.unknown ?? 0, leads: unknown },
    unowned: { count: counts?.unowned ?? 0, leads: unowned },
    distribution: {
      ageBuckets,
      cells: cells.map((c) => ({ stage: c.stage, ageBucket: c.age_bucket, leads: c.leads })),
      flow,
      bottleneck: bottleneckOf(flow, hygiene.stuckExcludeStages),
    },
  };
}
