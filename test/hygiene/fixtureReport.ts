/** The hygiene report of the canonical fixture (test/fixtures/hygiene/canonical) as of 2026-11-01. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hygieneOn } from '../../src/commands/hygiene.js';
import { writeIssuesCsv } from '../../src/hygiene/issuesCsv.js';
import { parseConfig } from '../../src/config/config.js';
import { Warehouse } from '../../src/db/connection.js';
import type { HygieneReport } from '../../src/hygiene/types.js';
import { loadFixtures } from '../helpers/load.js';

export const hygieneFixture = ['leads.csv', 'stage_events.csv', 'activities.csv', 'opportunities.csv'].map((f) => `hygiene/canonical/${f}`);

export async function hygieneFixtureReport(): Promise<HygieneReport> {
  return (await hygieneFixtureRun()).report;
}

/** The report, and the CSV `hygiene --format csv` writes from the warehouse for it. */
export async function hygieneFixtureRun(): Promise<{ report: HygieneReport; warehouseCsv: string }> {
  const wh = await Warehouse.open({ path: ':memory:' });
  try {
    const config = parseConfig({});
    await loadFixtures(wh, hygieneFixture, config);
    const report = await hygieneOn(wh, config, { since: '1y', asOf: '2026-11-01T00:00:00Z' });
    const path = join(mkdtempSync(join(tmpdir(), 'revops-hygiene-')), 'hygiene.csv');
    await writeIssuesCsv(wh, path);
    return { report, warehouseCsv: readFileSync(path, 'utf8') };
  } finally {
    wh.close();
  }
}
