/**
 * `revops-report routing`: the lead-routing audit: distribution per owner against the expected
 * share, unassigned and leaky leads, time to assign, ABM tier response SLAs and buying committees.
 * Returns the JSON contract of docs/routing.md.
 */
import { type Config, loadConfig } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { resolveWindow } from '../metrics/window.js';
import { buildModels } from '../models/build.js';
import { buildRoutingModels } from '../routing/build.js';
import { computeRouting } from '../routing/compute.js';
import type { RoutingReport } from '../routing/types.js';
import { ownerZoneWarnings } from '../sla/outcomes.js';
import { timed } from '../timing.js';
import type { ReportCommandOptions } from './options.js';
import { withExistingWarehouse } from './warehouse.js';

export type RoutingCommandOptions = ReportCommandOptions;

/** The report on an open warehouse: what the command and the nightly build both run. */
export async function routingOn(wh: Warehouse, config: Config, options: Pick<RoutingCommandOptions, 'since' | 'from' | 'to' | 'asOf'>): Promise<RoutingReport> {
  const window = resolveWindow(options);
  await timed('models', buildModels(wh, config));
  const built = await timed('routing models', buildRoutingModels(wh, config, window));
  const report = await timed('report', computeRouting(wh, config, window));
  report.warnings.push(...ownerZoneWarnings(built));
  return report;
}

export async function routing(options: RoutingCommandOptions = {}): Promise<RoutingReport> {
  const config = loadConfig(options.config);
  return withExistingWarehouse(options.db, (wh) => routingOn(wh, config, options));
}
