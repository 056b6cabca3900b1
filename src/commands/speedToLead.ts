/**
 * `revops-report speed-to-lead`: time from MQL (or the configured start) to the first sales
 * touch, in real and business minutes. Returns the JSON contract of docs/sla.md; with `out`, also
 * writes the HTML report (or the JSON) there.
 */
import { writeFile } from 'node:fs/promises';
import { type Config, loadConfig } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { usageError } from '../errors.js';
import { resolveWindow } from '../metrics/window.js';
import { buildModels } from '../models/build.js';
import { speedToLeadReportDocument } from '../reports/speedToLeadReport.js';
import { resolveSlas } from '../sla/definitions.js';
import { buildSlaOutcomes, ownerZoneWarnings } from '../sla/outcomes.js';
import { computeSpeedToLead, touchSla } from '../sla/speedToLead.js';
import type { SpeedToLeadReport } from '../sla/types.js';
import type { ReportCommandOptions } from './options.js';
import { withWarehouse } from './warehouse.js';

export interface SpeedToLeadCommandOptions extends ReportCommandOptions {
  /** an extra breakdown by a lead attribute (owner, team and source are always given) */
  by?: string;
  /** the touch SLA to measure (default: the first SLA ending in a touch) */
  sla?: string;
  /** which elapsed time the response buckets read (default business) */
  clock?: 'business' | 'wall';
  format?: 'table' | 'json' | 'html' | 'csv';
  out?: string;
  /** "revops-report 0.1.0", shown in the HTML footer */
  generatedBy?: string;
}

/** The report on an open warehouse: what the command and the nightly build both run. */
export async function speedToLeadOn(wh: Warehouse, config: Config, options: Pick<SpeedToLeadCommandOptions, 'since' | 'from' | 'to' | 'asOf' | 'by' | 'sla' | 'clock'>): Promise<SpeedToLeadReport> {
  const window = resolveWindow(options);
  if (options.clock && options.clock !== 'business' && options.clock !== 'wall') throw usageError('--clock is "business" or "wall"');
  const slas = resolveSlas(config);
  const sla = touchSla(slas, options.sla);
  await buildModels(wh, config);
  const built = await buildSlaOutcomes(wh, config, { window, slas: [sla], by: options.by });
  const result = await computeSpeedToLead(wh, config, { window, sla, by: options.by, bucketClock: options.clock });
  result.warnings.push(...ownerZoneWarnings(built));
  return result;
}

export async function speedToLead(options: SpeedToLeadCommandOptions = {}): Promise<SpeedToLeadReport> {
  const config = loadConfig(options.config);
  const report = await withWarehouse(options.db, (wh) => speedToLeadOn(wh, config, options));
  if (options.out) {
    // the HTML renderer (vega, ~0.3 s to load) is imported only when a page is written
    const text = options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n`
      : await (await import('../reports/html.js')).renderReportHtml(speedToLeadReportDocument(report, options.generatedBy));
    await writeFile(options.out, text, 'utf8');
  }
  return report;
}
