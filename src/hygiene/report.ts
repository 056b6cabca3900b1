/**
 * The hygiene report (docs/hygiene.md): duplicates in tiers, required fields by stage, stuck and
 * stale leads, unknown stages and unowned leads, and the stage distribution, in one JSON contract.
 * The marts must be built first (buildModels).
 */
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { dataFreshness } from '../metrics/freshness.js';
import type { ReportWindow } from '../metrics/window.js';
import { withZoneAssumption, zoneAssumption } from '../metrics/zoneAssumption.js';
import { timed } from '../timing.js';
import { completenessSection } from './completeness.js';
import { duplicatesSection } from './duplicates.js';
import { leadStatusSections } from './leadStatus.js';
import { listLimit } from './models.js';
import type { HygieneReport } from './types.js';

export async function computeHygiene(wh: Warehouse, config: Config, window: ReportWindow): Promise<HygieneReport> {
  const duplicates = await timed('  duplicates', duplicatesSection(wh, config));
  const completeness = await timed('  required fields', completenessSection(wh, config));
  const status = await timed('  lead status', leadStatusSections(wh, config, window));
  const warnings: string[] = [];
  if (duplicates.leads === 0) warnings.push('No lead records in the warehouse: nothing to check for duplicates.');
  if (config.hygiene.defaultCountry === null) {
    warnings.push('No hygiene.defaultCountry: phones without a leading + are matched only where the lead has a known country.');
  }
  for (const rule of completeness.rules) if (rule.count === 0) warnings.push(`No records in the scope of required-field rule "${rule.rule}" (${rule.scope}).`);
  return {
    report: 'hygiene',
    asOf: window.asOf.toISOString(),
    listLimit,
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    dataFreshness: await dataFreshness(wh, window.asOf),
    ...withZoneAssumption(await zoneAssumption(wh)),
    duplicates,
    completeness,
    ...status,
    warnings,
  };
}
