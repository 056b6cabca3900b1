/**
 * `revops-report sla`: every handoff measured against its SLA (docs/sla.md). Returns the JSON
 * contract; with `out`, also writes the HTML report, the JSON, or (format csv) the breach list.
 */
import { writeFile } from 'node:fs/promises';
import { type Config, loadConfig } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { resolveWindow } from '../metrics/window.js';
import { buildModels } from '../models/build.js';
import { renderReportHtml } from '../reports/html.js';
import { breachesCsv, slaReportDocument } from '../reports/slaReport.js';
import { computeSlaReport } from '../sla/compliance.js';
import { resolveSlas } from '../sla/definitions.js';
import { buildSlaOutcomes } from '../sla/outcomes.js';
import type { SlaReport } from '../sla/types.js';
import { withWarehouse } from './warehouse.js';

export interface SlaCommandOptions {
  db?: string;
  config?: string;
  since?: string;
  from?: string;
  to?: string;
  asOf?: string;
  /** an extra breakdown by a lead attribute (owner, team and week are always given) */
  by?: string;
  format?: 'table' | 'json' | 'html' | 'csv';
  out?: string;
  generatedBy?: string;
}

/** The report on an open warehouse: what the command and the nightly build both run. */
export async function slaOn(wh: Warehouse, config: Config, options: Pick<SlaCommandOptions, 'since' | 'from' | 'to' | 'asOf' | 'by'>): Promise<SlaReport> {
  const window = resolveWindow(options);
  const slas = resolveSlas(config);
  await buildModels(wh, config);
  const built = await buildSlaOutcomes(wh, config, { window, slas, by: options.by });
  const result = await computeSlaReport(wh, { window, slas, by: options.by });
  for (const owner of built.invalidOwnerZones) {
    result.warnings.push(`Owner ${owner.ownerId} has time zone "${owner.timezone}", not an IANA zone: their team's zone is used.`);
  }
  return result;
}

export async function sla(options: SlaCommandOptions = {}): Promise<SlaReport> {
  const config = loadConfig(options.config);
  const report = await withWarehouse(options.db, (wh) => slaOn(wh, config, options));
  if (options.out) {
    const text = options.format === 'csv' ? breachesCsv(report)
      : options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n`
      : await renderReportHtml(slaReportDocument(report, options.generatedBy));
    await writeFile(options.out, text, 'utf8');
  }
  return report;
}
