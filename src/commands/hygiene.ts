/**
 * `revops-report hygiene`: the monthly data-quality audit (docs/hygiene.md): duplicates in tiers,
 * required fields by stage, stuck, stale, unknown-stage and unowned leads, the stage distribution.
 * Returns the JSON contract; with `out`, also writes the HTML report (or the JSON) there. Format
 * csv writes every flagged record from the warehouse (to `out`, or stdout), since the report's
 * lists hold the first rows only.
 */
import { writeAtomically } from '../atomicFile.js';
import { type Config, loadConfig } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { writeIssuesCsv } from '../hygiene/issuesCsv.js';
import { computeHygiene } from '../hygiene/report.js';
import type { HygieneReport } from '../hygiene/types.js';
import { resolveWindow } from '../metrics/window.js';
import { buildModels } from '../models/build.js';
import { timed } from '../timing.js';
import { renderOutput } from './emit.js';
import { hygieneOutputs } from './hygieneOutputs.js';
import type { ReportCommandOptions } from './options.js';
import { withExistingWarehouse } from './warehouse.js';

export interface HygieneCommandOptions extends ReportCommandOptions {
  format?: 'table' | 'json' | 'html' | 'csv';
  out?: string;
}

/** The report on an open warehouse: what the command and the nightly build both run. The window is the bottleneck's. */
export async function hygieneOn(wh: Warehouse, config: Config, options: Pick<HygieneCommandOptions, 'since' | 'from' | 'to' | 'asOf'>): Promise<HygieneReport> {
  const window = resolveWindow(options);
  await timed('models', buildModels(wh, config));
  return timed('report', computeHygiene(wh, config, window));
}

export async function hygiene(options: HygieneCommandOptions = {}): Promise<HygieneReport> {
  const config = loadConfig(options.config);
  const report = await withExistingWarehouse(options.db, async (wh) => {
    const result = await hygieneOn(wh, config, options);
    if (options.format === 'csv') await writeIssuesCsv(wh, options.out);
    return result;
  });
  if (options.out && options.format !== 'csv') {
    const text = await renderOutput(options.format === 'json' ? 'json' : 'html', hygieneOutputs(report));
    await writeAtomically(options.out, text);
  }
  return report;
}
