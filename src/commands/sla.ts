/**
 * `revops-report sla`: every handoff measured against its SLA (docs/sla.md). Returns the JSON
 * contract; with `out`, also writes the HTML report or the JSON. Format csv writes every breach
 * from the warehouse with COPY (to `out`, or to stdout when `out` is absent or '-'), since the
 * report itself lists only the most late ones.
 */
import { type Config, loadConfig } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { previousPeriodJson, previousWindow } from '../metrics/previousPeriod.js';
import { type ReportWindow, resolveWindow } from '../metrics/window.js';
import { buildModels } from '../models/build.js';
import { writeBreachesCsv } from '../sla/breaches.js';
import { computeSlaReport, slaOverallCounts } from '../sla/compliance.js';
import { resolveSlas, type SlaDefinition } from '../sla/definitions.js';
import { buildSlaOutcomes, ownerZoneWarnings } from '../sla/outcomes.js';
import type { SlaPrevious, SlaReport } from '../sla/types.js';
import type { ReportCommandOptions } from './options.js';
import { writeAtomically } from '../atomicFile.js';
import { renderOutput } from './emit.js';
import { slaOutputs } from './slaOutputs.js';
import { timed } from '../timing.js';
import { withExistingWarehouse } from './warehouse.js';

export interface SlaCommandOptions extends ReportCommandOptions {
  /** an extra breakdown by a lead attribute (owner, team and week are always given) */
  by?: string;
  format?: 'table' | 'json' | 'html' | 'csv';
  out?: string;
}

/** The report on an open warehouse: what the command and the nightly build both run. */
export async function slaOn(
  wh: Warehouse,
  config: Config,
  options: Pick<SlaCommandOptions, 'since' | 'from' | 'to' | 'asOf' | 'by'> & { previous?: boolean },
): Promise<SlaReport> {
  const window = resolveWindow(options);
  const slas = resolveSlas(config);
  await timed('models', buildModels(wh, config));
  // the previous period first: the breach CSV reads the current window's sla_outcomes afterwards
  const previous = options.previous === false ? undefined : await timed('previous period', previousSla(wh, config, window, slas));
  const built = await timed('outcomes', buildSlaOutcomes(wh, config, { window, slas, by: options.by, businessMinutes: false }));
  const result = await timed('report', computeSlaReport(wh, { window, slas, by: options.by }));
  result.warnings.push(...ownerZoneWarnings(built));
  return previous ? { ...result, previous } : result;
}

/** Every SLA's overall counts for the window before, measured as of that window's end. */
async function previousSla(wh: Warehouse, config: Config, current: ReportWindow, slas: readonly SlaDefinition[]): Promise<SlaPrevious> {
  const window = previousWindow(current);
  await buildSlaOutcomes(wh, config, { window, slas, businessMinutes: false });
  return slaPreviousOf(wh, window, slas);
}

/** The previous period's counts from sla_outcomes already built for that window (`window`). */
export async function slaPreviousOf(wh: Warehouse, window: ReportWindow, slas: readonly SlaDefinition[]): Promise<SlaPrevious> {
  return { ...previousPeriodJson(window), slas: await slaOverallCounts(wh, slas) };
}

export async function sla(options: SlaCommandOptions = {}): Promise<SlaReport> {
  const config = loadConfig(options.config);
  const report = await withExistingWarehouse(options.db, async (wh) => {
    const result = await slaOn(wh, config, options);
    if (options.format === 'csv') await writeBreachesCsv(wh, options.out);
    return result;
  });
  if (options.out && options.format !== 'csv') {
    // one file at --out, in the command's format (html unless json): the CLI's renderers, written atomically
    const text = await renderOutput(options.format === 'json' ? 'json' : 'html', slaOutputs(report));
    await writeAtomically(options.out, text);
  }
  return report;
}
