/**
 * Every report the tool makes, written into one folder: what `demo` and the nightly `build` run.
 * Each entry computes its report from an open warehouse and writes its HTML and JSON.
 */
import { join } from 'node:path';
import type { Config } from './config/config.js';
import type { Warehouse } from './db/connection.js';
import { writeAtomically } from './atomicFile.js';
import { defaultFunnelStages } from './commands/funnel.js';
import { computeFunnel } from './metrics/funnel.js';
import { resolveWindow } from './metrics/window.js';
import { buildModels } from './models/build.js';
import { overviewOn, pipelineIfDeals } from './commands/overview.js';
import { pipelineOn } from './commands/pipeline.js';
import type { PipelineReport } from './pipeline/types.js';
import { speedToLeadAndSlaOn } from './commands/slaReports.js';
import { routingOn } from './commands/routing.js';
import { routingReportDocument } from './reports/routingReport.js';
import { hygieneOn } from './commands/hygiene.js';
import { hygieneReportDocument } from './reports/hygieneReport.js';
import { funnelReportDocument } from './reports/funnelReport.js';
import { overviewReportDocument } from './reports/overviewReport.js';
import { pipelineReportDocument } from './reports/pipelineReport.js';
import { backtestReportDocument } from './reports/backtestReport.js';
import { runBacktest } from './scoring/backtest.js';
import { backtestSpec } from './scoring/backtestSpec.js';
import { decisionRecord } from './scoring/decisionRecord.js';
import { templates } from './scoring/templates.js';
import { slaReportDocument } from './reports/slaReport.js';
import { speedToLeadReportDocument } from './reports/speedToLeadReport.js';
import { renderReportHtml } from './reports/html.js';
import type { ReportDocument } from './reports/types.js';
import type { SlaReport, SpeedToLeadReport } from './sla/types.js';
import { generatedBy } from './version.js';

export interface WrittenReport {
  name: string;
  html: string;
  json: string;
  /** the report's headline numbers, for the build index */
  headline: Record<string, number | null>;
}

export interface ReportSetOptions {
  outDir: string;
  asOf: string;
  since?: string;
  progress?: (message: string) => void;
}

export interface MadeReport {
  json: unknown;
  document: ReportDocument;
  headline: Record<string, number | null>;
  /** further files written beside the report, e.g. the backtest's decision record */
  files?: { name: string; content: string }[];
}

interface ReportDefinition {
  name: string;
  make(wh: Warehouse, config: Config, options: ReportSetOptions): Promise<MadeReport>;
}

/** The report set's backtest: the PLG template against it with an MQL threshold 15 points higher. */
export function backtestModels() {
  const current = templates.plg;
  const candidate = {
    ...templates.plg,
    name: `${templates.plg.name} (stricter)`,
    version: `${templates.plg.version}-strict`,
    threshold: templates.plg.threshold + 15,
  };
  return { current, candidate };
}

/**
 * The overview shows the speed-to-lead and SLA reports' own numbers, with the same options: one
 * report set computes each once, both from one build of the SLA outcomes per period
 * (src/commands/slaReports.ts).
 */
const shared = new WeakMap<
  ReportSetOptions,
  { slaReports?: Promise<{ speedToLead: SpeedToLeadReport; sla: SlaReport }>; pipeline?: Promise<PipelineReport | undefined> }
>();
function sharedReports(wh: Warehouse, config: Config, options: ReportSetOptions) {
  const made = shared.get(options) ?? {};
  shared.set(options, made);
  const window = { since: options.since ?? '1y', asOf: options.asOf };
  const slaReports = () => (made.slaReports ??= speedToLeadAndSlaOn(wh, config, window));
  return {
    speedToLead: async () => (await slaReports()).speedToLead,
    sla: async () => (await slaReports()).sla,
    pipeline: () => (made.pipeline ??= pipelineIfDeals(wh, config, window)),
  };
}

export const reportDefinitions: ReportDefinition[] = [
  {
    // First: the one page a reader opens first, each tile linking to the report below that explains it.
    name: 'overview',
    async make(wh, config, options) {
      const { report, sources } = await overviewOn(
        wh,
        config,
        { since: options.since ?? '1y', asOf: options.asOf },
        {
          speedToLead: await sharedReports(wh, config, options).speedToLead(),
          sla: await sharedReports(wh, config, options).sla(),
          pipeline: await sharedReports(wh, config, options).pipeline(),
        },
      );
      return { json: report, document: overviewReportDocument(report, sources, generatedBy), headline: {} };
    },
  },
  {
    name: 'funnel',
    async make(wh, config, options) {
      const window = resolveWindow({ since: options.since ?? '1y', asOf: options.asOf });
      const report = await computeFunnel(wh, config, {
        window,
        stages: defaultFunnelStages(config),
        skipped: 'count',
        by: 'source',
        interval: 'month',
        previous: true,
      });
      const mqlToSql = report.stages.find((s) => s.stage === 'sql')?.conversionFromPrevious ?? null;
      return { json: report, document: funnelReportDocument(report, generatedBy), headline: { mqlToSql } };
    },
  },
  {
    name: 'speed-to-lead',
    async make(wh, config, options) {
      const report = await sharedReports(wh, config, options).speedToLead();
      return {
        json: report,
        document: speedToLeadReportDocument(report, generatedBy),
        headline: { speedToLeadMedianMinutes: report.overall.medianBusinessMinutes },
      };
    },
  },
  {
    name: 'sla',
    async make(wh, config, options) {
      const report = await sharedReports(wh, config, options).sla();
      const firstTouch = report.slas[0];
      return { json: report, document: slaReportDocument(report, generatedBy), headline: { slaCompliance: firstTouch?.compliance ?? null } };
    },
  },
  {
    name: 'routing',
    async make(wh, config, options) {
      const report = await routingOn(wh, config, { since: options.since ?? '1y', asOf: options.asOf });
      return {
        json: report,
        document: routingReportDocument(report, generatedBy),
        headline: { unassignedLeads: report.unassigned.count, medianTimeToAssignBusinessMinutes: report.timeToAssign.fromCreated.medianBusinessMinutes },
      };
    },
  },
  {
    name: 'pipeline',
    async make(wh, config, options) {
      const report =
        (await sharedReports(wh, config, options).pipeline()) ?? (await pipelineOn(wh, config, { since: options.since ?? '1y', asOf: options.asOf }));
      return {
        json: report,
        document: pipelineReportDocument(report, generatedBy),
        headline: { dealWinRate: report.summary.winRate, velocityPerDay: report.summary.velocityPerDay },
      };
    },
  },
  {
    // The PLG template against a stricter candidate: what raising the MQL threshold would do.
    name: 'scoring-backtest',
    async make(wh, _config, options) {
      const { current, candidate } = backtestModels();
      const spec = backtestSpec({ asOf: options.asOf, decision: 'created+7d', target: 'sql', horizon: '90d' });
      const report = await runBacktest(wh, spec, { current, candidate });
      report.decisionRecordPath = 'decision-record.json';
      return {
        json: report,
        document: backtestReportDocument(report, generatedBy),
        headline: {},
        files: [{ name: 'decision-record.json', content: `${JSON.stringify(decisionRecord(report), null, 2)}\n` }],
      };
    },
  },
  {
    // After the existing reports: the data-quality audit, its flow window the set's.
    name: 'hygiene',
    async make(wh, config, options) {
      const report = await hygieneOn(wh, config, { since: options.since ?? '1y', asOf: options.asOf });
      return {
        json: report,
        document: hygieneReportDocument(report, generatedBy),
        headline: { duplicateRate: report.duplicates.duplicateRate, requiredFieldsComplete: report.completeness.overall },
      };
    },
  },
];

/** Writes a made report into `dir` (each file to a temporary name, then renamed); returns the file names. */
export async function writeReportFiles(dir: string, name: string, made: MadeReport): Promise<{ html: string; json: string; files: string[] }> {
  const html = `${name}.html`;
  const json = `${name}.json`;
  await writeAtomically(join(dir, html), await renderReportHtml(made.document));
  await writeAtomically(join(dir, json), `${JSON.stringify(made.json, null, 2)}\n`);
  for (const file of made.files ?? []) await writeAtomically(join(dir, file.name), file.content);
  return { html, json, files: (made.files ?? []).map((f) => f.name) };
}

export async function writeAllReports(wh: Warehouse, config: Config, options: ReportSetOptions): Promise<WrittenReport[]> {
  await buildModels(wh, config);
  const written: WrittenReport[] = [];
  for (const definition of reportDefinitions) {
    options.progress?.(`writing ${definition.name}`);
    const made = await definition.make(wh, config, options);
    const files = await writeReportFiles(options.outDir, definition.name, made);
    written.push({ name: definition.name, html: join(options.outDir, files.html), json: join(options.outDir, files.json), headline: made.headline });
  }
  return written;
}
