/** The hygiene report of the canonical fixture (test/fixtures/hygiene/canonical) as of 2026-11-01. */
import { hygieneOn } from '../../src/commands/hygiene.js';
import { parseConfig } from '../../src/config/config.js';
import { Warehouse } from '../../src/db/connection.js';
import type { HygieneReport } from '../../src/hygiene/types.js';
import { loadFixtures } from '../helpers/load.js';

export const hygieneFixture = ['leads.csv', 'stage_events.csv', 'activities.csv', 'opportunities.csv'].map((f) => `hygiene/canonical/${f}`);

export async function hygieneFixtureReport(): Promise<HygieneReport> {
  const wh = await Warehouse.open({ path: ':memory:' });
  try {
    const config = parseConfig({});
    await loadFixtures(wh, hygieneFixture, config);
    return await hygieneOn(wh, config, { since: '1y', asOf: '2026-11-01T00:00:00Z' });
  } finally {
    wh.close();
  }
}
