/**
 * Which export tables each report has, looked up by report name from the report's JSON. `build
 * --export` writes these for every report it makes; a report without an entry here gets no data
 * files (its HTML and JSON are still written). Add one line per report as its tables exist.
 */
import type { FunnelReport } from '../metrics/funnel.js';
import type { ScoringBacktestJson } from './backtestShape.js';
import { funnelExportTables } from './funnelTables.js';
import { inferTable } from './inferTable.js';
import type { PipelineReport } from '../pipeline/types.js';
import type { SlaReport, SpeedToLeadReport } from '../sla/types.js';
import type { ExportTable } from './types.js';
import { routingExportTables } from './routingTables.js';
import { hygieneExportTables } from './hygieneTables.js';

type TablesOf = (json: unknown) => ExportTable[];

export const reportExportTables: Record<string, TablesOf> = {
  funnel: (json) => funnelExportTables(json as FunnelReport),
  'speed-to-lead': (json) => {
    const report = json as SpeedToLeadReport;
    return [
      inferTable('overall', [report.overall]),
      inferTable('buckets', report.buckets),
      inferTable('groups', report.groups, ['dimension', 'key', 'n', 'touched', 'medianMinutes', 'medianBusinessMinutes', 'p90BusinessMinutes', 'withinTarget']),
      inferTable('coverage', report.coverage, ['weekday', 'hour', 'arrivals', 'touched', 'medianMinutes']),
      inferTable('conversion_by_bucket', report.conversionByBucket),
    ];
  },
  sla: (json) => {
    const report = json as SlaReport;
    return [
      inferTable(
        'slas',
        report.slas.map(({ groups: _groups, ...summary }) => summary),
      ),
      inferTable(
        'groups',
        report.slas.flatMap((s) => s.groups.map((g) => ({ sla: s.name, ...g }))),
        ['sla', 'dimension', 'key', 'eligible', 'met', 'breached', 'pending', 'compliance'],
      ),
      inferTable('breaches', report.breaches, [
        'sla',
        'leadId',
        'ownerId',
        'owner',
        'team',
        'startAt',
        'deadlineAt',
        'endAt',
        'kind',
        'minutesLate',
        'businessMinutesLate',
      ]),
      inferTable('leaks', report.leaks.leads, ['leadId', 'ownerId', 'owner', 'team', 'startAt', 'noOwner', 'noTouch', 'noDisposition']),
    ];
  },
  routing: routingExportTables,
  hygiene: hygieneExportTables,
  pipeline: (json) => {
    const report = json as PipelineReport;
    return [
      inferTable('summary', [{ ...report.summary, ci95: report.summary.ci95.winRate }]),
      inferTable('stages', report.stages),
      inferTable('groups', report.groups),
      inferTable('open_pipeline', report.openPipeline),
      inferTable('stale', report.stale, [
        'opportunityId',
        'name',
        'owner',
        'team',
        'stage',
        'label',
        'reason',
        'daysInStage',
        'thresholdDays',
        'daysSinceChange',
        'noChangeDays',
        'amount',
        'closeDate',
      ]),
      inferTable('pushes', report.pushes, ['opportunityId', 'name', 'owner', 'team', 'stage', 'pushes', 'monthPushes', 'quarterPushes', 'closeDate']),
      // cents stay in the JSON: a sum of them can pass a 32-bit integer column
      inferTable(
        'waterfall',
        report.waterfall.buckets.map(({ cents: _cents, ...bucket }) => bucket),
      ),
      inferTable('waterfall_deals', report.waterfall.deals, ['opportunityId', 'name', 'owner', 'entry', 'exit', 'startAmount', 'endAmount', 'change']),
    ];
  },
  'scoring-backtest': (json) => {
    const report = json as ScoringBacktestJson;
    return [
      inferTable(
        'models',
        report.models.flatMap((m) => (['development', 'holdout'] as const).map((partition) => ({ model: m.name, partition, ...m[partition] }))),
      ),
      inferTable(
        'sweep',
        report.models.flatMap((m) => m.sweep.map((row) => ({ model: m.name, ...row }))),
        ['model', 'partition', 'threshold'],
      ),
      inferTable(
        'deciles',
        report.models.flatMap((m) => m.deciles.map((row) => ({ model: m.name, ...row }))),
        ['model', 'partition', 'decile'],
      ),
    ];
  },
};

/** The report's export tables, or null when the report has none registered. */
export function exportTablesFor(report: string, json: unknown): ExportTable[] | null {
  const tables = reportExportTables[report];
  return tables ? tables(json) : null;
}
