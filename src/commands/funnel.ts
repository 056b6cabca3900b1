/** `revops-report funnel`: stage conversion for a cohort, from the terminal to an offline HTML report. */
import { type Config, loadConfig } from '../config/config.js';
import { usageError } from '../errors.js';
import { computeFunnel, type FunnelReport, type Interval, type SkippedMode } from '../metrics/funnel.js';
import { durationSeconds, resolveWindow } from '../metrics/window.js';
import { buildModels } from '../models/build.js';
import { toCsv } from '../reports/escape.js';
import { funnelReportDocument } from '../reports/funnelReport.js';
import { timed } from '../timing.js';
import { generatedBy } from '../version.js';
import type { ReportOutputs } from './emit.js';
import { funnelText } from './funnelText.js';
import type { ReportCommandOptions } from './options.js';
import { withExistingWarehouse } from './warehouse.js';

export interface FunnelCommandOptions extends ReportCommandOptions {
  cohortStage?: string;
  stages?: string;
  by?: string;
  interval?: string;
  window?: string;
  skipped?: string;
}

/** The default funnel: Lead through Customer where the config has them, else every stage. */
export function defaultFunnelStages(config: Config): string[] {
  const ids = config.stages.map((s) => s.id);
  const from = ids.indexOf('lead');
  const to = ids.indexOf('customer');
  return from >= 0 && to > from ? ids.slice(from, to + 1) : ids;
}

export function resolveFunnelStages(config: Config, stages?: string, cohortStage?: string): string[] {
  const known = config.stages.map((s) => s.id);
  let list = stages
    ? stages
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean)
    : defaultFunnelStages(config);
  const unknown = list.filter((s) => !known.includes(s));
  if (unknown.length) throw usageError(`--stages: unknown stage ${unknown.join(', ')} (stages: ${known.join(', ')})`);
  list = known.filter((s) => list.includes(s)); // config order
  if (cohortStage) {
    const cohort = cohortStage.toLowerCase();
    if (!known.includes(cohort)) throw usageError(`--cohort-stage: unknown stage ${cohortStage} (stages: ${known.join(', ')})`);
    if (!list.includes(cohort)) throw usageError(`--cohort-stage ${cohort} is not among --stages ${list.join(',')}`);
    list = list.slice(list.indexOf(cohort));
  }
  if (list.length < 2) throw usageError('a funnel needs at least two stages');
  return list;
}

export async function funnel(options: FunnelCommandOptions): Promise<FunnelReport> {
  const config = loadConfig(options.config);
  const window = resolveWindow(options);
  const stages = resolveFunnelStages(config, options.stages, options.cohortStage);
  const skipped = (options.skipped ?? 'count') as SkippedMode;
  if (!['count', 'strict'].includes(skipped)) throw usageError('--skipped must be count or strict');
  if (options.interval && !['week', 'month', 'quarter'].includes(options.interval)) throw usageError('--interval must be week, month or quarter');
  const by = options.by?.trim().toLowerCase();
  return withExistingWarehouse(options.db, async (wh) => {
    await timed('models up to date', buildModels(wh, config));
    const report = await computeFunnel(wh, config, {
      window,
      stages,
      skipped,
      by,
      interval: options.interval as Interval | undefined,
      maturedSeconds: options.window ? durationSeconds(options.window, '--window') : undefined,
      previous: true,
    });
    if (by && report.groups.length > 0 && report.groups.every((g) => g.key === '(none)')) {
      report.warnings.push(
        `No lead in the cohort has a value for "${by}": every lead is in "(none)". Canonical fields: source, owner, team, segment; or any lead field kept at load.`,
      );
    }
    return report;
  });
}

/** `by` names the breakdown field in the terminal table's heading. */
export function funnelOutputs(report: FunnelReport, by?: string): ReportOutputs {
  return {
    name: 'funnel',
    json: report,
    table: (width) => funnelText(report, width, by?.trim().toLowerCase() || 'group'),
    csv: () => {
      const columns = [
        'group',
        'stage',
        'reached',
        'conversionFromPrevious',
        'ciLow',
        'ciHigh',
        'conversionFromTop',
        'medianDaysFromPrevious',
        'p90DaysFromPrevious',
        'open',
        'impliedBySkip',
        'reentries',
        'outOfOrder',
      ];
      const flatten = (group: string, stages: FunnelReport['stages']) =>
        stages.map((s) => ({ ...s, group, ciLow: s.ci95?.[0] ?? null, ciHigh: s.ci95?.[1] ?? null }));
      return toCsv(columns, [...flatten('(all)', report.stages), ...report.groups.flatMap((g) => flatten(g.key, g.stages))]);
    },
    document: () => funnelReportDocument(report, generatedBy),
  };
}
