/**
 * The hand-built routing fixture (test/fixtures/routing/canonical): four New York reps (Dara is
 * inactive), 09:00–17:00 Mon–Fri on the default New York calendar; the window is February and
 * March 2024 up to Wednesday 2024-03-20 00:00 UTC. Every expected value is worked out in the tests.
 */
import { type ConfigInput, parseConfig } from '../../src/config/config.js';
import { routingOn } from '../../src/commands/routing.js';
import type { RoutingReport } from '../../src/routing/types.js';
import { openTestWarehouse } from '../helpers/db.js';
import { loadFixtures } from '../helpers/load.js';

export const routingFiles = ['owners', 'leads', 'field_history', 'stage_events', 'activities', 'engagement_events'].map((f) => `routing/canonical/${f}.csv`);

export const asOf = '2024-03-20T00:00:00Z';

export async function routingReport(routing: NonNullable<ConfigInput['routing']> = {}): Promise<RoutingReport> {
  const wh = await openTestWarehouse();
  const config = parseConfig({ timezone: 'America/New_York', routing: { abm: { accounts: { 'ACC-2': 1 } }, ...routing } });
  await loadFixtures(wh, routingFiles, config);
  return routingOn(wh, config, { from: '2024-02-01', to: '2024-03-19', asOf });
}
