/**
 * Every report the tool makes, written into one folder: what `demo` and the nightly `build` run.
 * Each entry computes its report from an open warehouse and writes its HTML and JSON.
 */
import { join } from 'node:path';
import type { Config } from './config/config.js';
import type { Warehouse } from './db/connection.js';
import { writeAtomically } from './commands/emit.js';
import { defaultFunnelStages } from './commands/funnel.js';
import { computeFunnel } from './metrics/funnel.js';
import { resolveWindow } from './metrics/window.js';
import { buildModels } from './models/build.js';
import { slaOn } from './commands/sla.js';
import { speedToLeadOn } from './commands/speedToLead.js';
import { funnelReportDocument } from './reports/funnelReport.js';
import { slaReportDocument } from './reports/slaReport.js';
import { speedToLeadReportDocument } from './reports/speedToLeadReport.js';
import { renderReportHtml } from './reports/html.js';
import type { ReportDocument } from './reports/types.js';
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

interface ReportDefinition {
  name: string;
  make(wh: Warehouse, config: Config, options: ReportSetOptions): Promise<{ json: unknown; document: ReportDocument; headline: Record<string, number | null> }>;
}

export const reportDefinitions: ReportDefinition[] = [
  {
    name: 'funnel',
    async make(wh, config, options) {
      const window = resolveWindow({ since: options.since ?? '1y', asOf: options.asOf });
      const report = await computeFunnel(wh, config, { window, stages: defaultFunnelStages(config), skipped: 'count', by: 'source', interval: 'month' });
      const mqlToSql = report.stages.find((s) => s.stage === 'sql')?.conversionFromPrevious ?? null;
      return { json: report, document: funnelReportDocument(report, generatedBy), headline: { mqlToSql } };
    },
  },
  {
    name: 'speed-to-lead',
    async make(wh, config, options) {
      const report = await speedToLeadOn(wh, config, { since: options.since ?? '1y', asOf: options.asOf });
      return { json: report, document: speedToLeadReportDocument(report, generatedBy), headline: { speedToLeadMedianMinutes: report.overall.medianBusinessMinutes } };
    },
  },
  {
    name: 'sla',
    async make(wh, config, options) {
      const report = await slaOn(wh, config, { since: options.since ?? '1y', asOf: options.asOf });
      const firstTouch = report.slas[0];
      return { json: report, document: slaReportDocument(report, generatedBy), headline: { slaCompliance: firstTouch?.compliance ?? null } };
    },
  },
];

export async function writeAllReports(wh: Warehouse, config: Config, options: ReportSetOptions): Promise<WrittenReport[]> {
  await buildModels(wh, config);
  const written: WrittenReport[] = [];
  for (const definition of reportDefinitions) {
    options.progress?.(`writing ${definition.name}`);
    const { json, document, headline } = await definition.make(wh, config, options);
    const html = join(options.outDir, `${definition.name}.html`);
    const jsonPath = join(options.outDir, `${definition.name}.json`);
    await writeAtomically(html, await renderReportHtml(document));
    await writeAtomically(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
    written.push({ name: definition.name, html, json: jsonPath, headline });
  }
  return written;
}
