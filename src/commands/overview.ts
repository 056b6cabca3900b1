/**
 * `revops-report overview`: the revenue overview, taken from the funnel, speed-to-lead and SLA
 * reports of the same window and as-of (no query of its own), so every tile equals the number on
 * the page it links to. Returns the JSON contract of docs/overview.md.
 */
import { type Config, loadConfig } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { computeFunnel } from '../metrics/funnel.js';
import { overviewFrom, type OverviewReport } from '../metrics/overview.js';
import { resolveWindow } from '../metrics/window.js';
import { buildModels } from '../models/build.js';
import { toCsv } from '../reports/escape.js';
import { renderTextTable } from '../reports/format.js';
import { overviewReportDocument, type OverviewSources } from '../reports/overviewReport.js';
import { periodText, previousLabel } from '../reports/tileChange.js';
import { generatedBy } from '../version.js';
import type { ReportOutputs } from './emit.js';
import { defaultFunnelStages } from './funnel.js';
import type { ReportCommandOptions } from './options.js';
import { pipelineOn } from './pipeline.js';
import { speedToLeadAndSlaOn } from './slaReports.js';
import { withExistingWarehouse } from './warehouse.js';

/** The pipeline report of the same options, or none when no deal was loaded. */
export async function pipelineIfDeals(wh: Warehouse, config: Config, options: Pick<ReportCommandOptions, 'since' | 'from' | 'to' | 'asOf'>) {
  const deals = await wh.one<{ n: number }>(`select cast(count(*) as integer) as n from opportunities`);
  return deals && deals.n > 0 ? await pipelineOn(wh, config, options) : undefined;
}

export interface OverviewMade {
  report: OverviewReport;
  sources: OverviewSources;
}

/** The overview on an open warehouse: what the command, demo and the nightly build all run. */
export async function overviewOn(
  wh: Warehouse,
  config: Config,
  options: Pick<ReportCommandOptions, 'since' | 'from' | 'to' | 'asOf'>,
  /** the speed-to-lead and SLA reports of the same options, when the caller made them already */
  made?: Pick<OverviewSources, 'speedToLead' | 'sla' | 'pipeline'>,
): Promise<OverviewMade> {
  const window = resolveWindow(options);
  await buildModels(wh, config);
  // the same calls the funnel, speed-to-lead and SLA reports make with their defaults
  const funnel = await computeFunnel(wh, config, { window, stages: defaultFunnelStages(config), skipped: 'count', previous: true });
  // one build of the SLA outcomes per period for both reports, when the caller has neither
  const { speedToLead, sla } = made ?? (await speedToLeadAndSlaOn(wh, config, options));
  // velocity comes from the pipeline report, when there are deals to make one of
  const pipeline = made ? made.pipeline : await pipelineIfDeals(wh, config, options);
  const sources = { funnel, speedToLead, sla, pipeline };
  return { report: overviewFrom(funnel, speedToLead, sla, pipeline), sources };
}

export async function overview(options: ReportCommandOptions = {}): Promise<OverviewMade> {
  const config = loadConfig(options.config);
  return withExistingWarehouse(options.db, (wh) => overviewOn(wh, config, options));
}

/** The terminal's value column (the status column says why a value is missing). */
const valueText = (t: OverviewReport['sections'][number]['tiles'][number]) =>
  t.status === 'not-available'
    ? 'not yet available'
    : t.value === null
      ? 'no data'
      : t.unit === 'per-day'
        ? `${Math.round(t.value)} / day`
        : t.benchmark?.unit === 'minutes'
          ? `${(Math.round(t.value * 10) / 10).toFixed(1)} min`
          : `${(t.value * 100).toFixed(1)}%`;

export function overviewOutputs(made: OverviewMade): ReportOutputs {
  const { report } = made;
  // each tile's change as its page shows it (the overview page's tiles are the source reports' own)
  const changes = new Map(
    overviewReportDocument(report, made.sources, generatedBy)
      .sections.flatMap((s) => s.tiles ?? [])
      .map((t) => [t.key, t.change?.delta ?? ''] as const),
  );
  const rows = report.sections.flatMap((s) =>
    s.tiles.map((t) => ({
      section: s.name,
      id: t.id,
      label: t.label,
      value: t.value,
      n: t.n,
      ciLow: t.ci95?.[0] ?? null,
      ciHigh: t.ci95?.[1] ?? null,
      benchmark: t.benchmark?.text ?? '',
      status: t.status,
      link: t.link ?? '',
      shown: valueText(t),
      ci: t.ci95 ? `${(t.ci95[0] * 100).toFixed(1)}–${(t.ci95[1] * 100).toFixed(1)}%` : '',
      change: changes.get(t.id) ?? '',
    })),
  );
  return {
    name: 'overview',
    json: report,
    csv: () => toCsv(['section', 'id', 'label', 'value', 'n', 'ciLow', 'ciHigh', 'benchmark', 'status', 'link'], rows),
    document: () => overviewReportDocument(report, made.sources, generatedBy),
    table: (width) =>
      [
        `Revenue overview · ${report.window.from.slice(0, 10)} → ${report.window.to.slice(0, 10)} · as of ${report.asOf}`,
        report.previous ? `change vs ${previousLabel(report.previous)} (${periodText(report.previous)})` : '',
        renderTextTable(
          [
            { key: 'section', label: 'view', priority: 1 },
            { key: 'label', label: 'metric', abbreviate: true },
            { key: 'shown', label: 'value', align: 'right' },
            { key: 'n', label: 'n', format: 'int', priority: 3 },
            { key: 'ci', label: '95% interval', priority: 2 },
            { key: 'benchmark', label: 'benchmark', priority: 4 },
            { key: 'status', label: 'status', priority: 5 },
            ...(report.previous ? [{ key: 'change', label: 'change', priority: 6 }] : []),
          ],
          rows,
          width,
        ),
        report.warnings.length ? `Warnings:\n${report.warnings.map((w) => `  - ${w}`).join('\n')}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
  };
}
