/** Test support: load the hand-built SLA fixture and build sla_outcomes for a window. */
import { type Config, parseConfig } from '../../src/config/config.js';
import type { Warehouse } from '../../src/db/connection.js';
import type { ReportWindow } from '../../src/metrics/window.js';
import { resolveSlas } from '../../src/sla/definitions.js';
import { buildSlaOutcomes } from '../../src/sla/outcomes.js';
import { loadFixtures } from '../helpers/load.js';

export const canonicalFiles = ['owners', 'leads', 'stage_events', 'activities', 'field_history'].map((f) => `sla/canonical/${f}.csv`);

/** Default SLAs; the default calendar runs on New York time (09:00–17:00, no holidays configured). */
export const fixtureConfig: Config = parseConfig({ timezone: 'America/New_York' });

/** April 2024 up to Friday 2024-04-12 18:00 UTC (14:00 in New York, 20:00 in Berlin). */
export const asOf = new Date('2024-04-12T18:00:00Z');
export const fixtureWindow: ReportWindow = { from: new Date('2024-04-01T00:00:00Z'), to: asOf, asOf };

export async function loadSlaFixture(
  wh: Warehouse,
  config: Config = fixtureConfig,
  window: ReportWindow = fixtureWindow,
  by?: string,
  files: string[] = canonicalFiles,
) {
  await loadFixtures(wh, files, config);
  const slas = resolveSlas(config);
  await buildSlaOutcomes(wh, config, { window, slas, by });
  return slas;
}

export const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
