/**
 * `revops-report speed-to-lead`: time from MQL (or the configured start) to the first sales
 * touch, in real and business minutes. Returns the JSON contract of docs/sla.md; with `out`, also
 * writes the HTML report (or the JSON) there.
 */
import { type Config, loadConfig } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { usageError } from '../errors.js';
import { previousPeriodJson, previousWindow } from '../metrics/previousPeriod.js';
import { type ReportWindow, resolveWindow } from '../metrics/window.js';
import { buildModels } from '../models/build.js';
import { resolveSlas, type SlaDefinition } from '../sla/definitions.js';
import { buildSlaOutcomes, ownerZoneWarnings } from '../sla/outcomes.js';
import { computeSpeedToLead, touchSla } from '../sla/speedToLead.js';
import type { SpeedToLeadPrevious, SpeedToLeadReport } from '../sla/types.js';
import type { ReportCommandOptions } from './options.js';
import { writeAtomically } from '../atomicFile.js';
import { renderOutput } from './emit.js';
import { speedToLeadOutputs } from './slaOutputs.js';
import { timed } from '../timing.js';
import { withExistingWarehouse } from './warehouse.js';

export interface SpeedToLeadCommandOptions extends ReportCommandOptions {
  /** an extra breakdown by a lead attribute (owner, team and source are always given) */
  by?: string;
  /** the touch SLA to measure (default: the first SLA ending in a touch) */
  sla?: string;
  /** which elapsed time the response buckets read (default business) */
  clock?: 'business' | 'wall';
  format?: 'table' | 'json' | 'html' | 'csv';
  out?: string;
}

/** The report on an open warehouse: what the command and the nightly build both run. */
export async function speedToLeadOn(
  wh: Warehouse,
  config: Config,
  options: Pick<SpeedToLeadCommandOptions, 'since' | 'from' | 'to' | 'asOf' | 'by' | 'sla' | 'clock'> & { previous?: boolean },
): Promise<SpeedToLeadReport> {
  const window = resolveWindow(options);
  if (options.clock && options.clock !== 'business' && options.clock !== 'wall') throw usageError('--clock is "business" or "wall"');
  const slas = resolveSlas(config);
  const sla = touchSla(slas, options.sla);
  await timed('models', buildModels(wh, config));
  // the previous period first: the current window's relations are the ones left on the connection
  const previous = options.previous === false ? undefined : await timed('previous period', previousSpeedToLead(wh, config, window, sla, options.clock));
  const built = await timed('outcomes', buildSlaOutcomes(wh, config, { window, slas: [sla], by: options.by, outcomesAs: 'view' }));
  const result = await timed('report', computeSpeedToLead(wh, config, { window, sla, by: options.by, bucketClock: options.clock }));
  result.warnings.push(...ownerZoneWarnings(built));
  return previous ? { ...result, previous } : result;
}

/** The same SLA's overall figures for the window before, measured as of that window's end. */
async function previousSpeedToLead(
  wh: Warehouse,
  config: Config,
  current: ReportWindow,
  sla: SlaDefinition,
  clock: 'business' | 'wall' | undefined,
): Promise<SpeedToLeadPrevious> {
  const window = previousWindow(current);
  await buildSlaOutcomes(wh, config, { window, slas: [sla], outcomesAs: 'view' });
  return speedToLeadPreviousOf(wh, config, window, sla, clock);
}

/** The previous period's figures from sla_outcomes already built for that window (`window`). */
export async function speedToLeadPreviousOf(
  wh: Warehouse,
  config: Config,
  window: ReportWindow,
  sla: SlaDefinition,
  clock: 'business' | 'wall' | undefined,
): Promise<SpeedToLeadPrevious> {
  const report = await computeSpeedToLead(wh, config, { window, sla, bucketClock: clock });
  return { ...previousPeriodJson(window), overall: report.overall };
}

export async function speedToLead(options: SpeedToLeadCommandOptions = {}): Promise<SpeedToLeadReport> {
  const config = loadConfig(options.config);
  const report = await withExistingWarehouse(options.db, (wh) => speedToLeadOn(wh, config, options));
  if (options.out) {
    // one file at --out, in the command's format (html unless json): the CLI's renderers, written atomically
    const text = await renderOutput(options.format === 'json' ? 'json' : 'html', speedToLeadOutputs(report));
    await writeAtomically(options.out, text);
  }
  return report;
}
