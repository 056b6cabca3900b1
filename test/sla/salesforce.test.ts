/**
 * Speed-to-lead from a Salesforce Data Loader export (test/fixtures/sla/salesforce): MQL is the
 * "MQL" lead status in LeadHistory, touches are Tasks (TaskSubtype ListEmail = an automated mass
 * email), owners' clocks come from User.TimeZoneSidKey. By hand:
 *   Grace (Noor, New York): MQL Mon 14:00Z (10:00) → mass email 14:00:30 skipped → call 14:20Z   20 real / 20 business
 *   Henrik (Lukas, Berlin): MQL Tue 06:00Z (08:00, before opening) → email 07:05Z (09:05)        65 real /  5 business
 *   Olu (Noor): MQL Wed 20:00Z (16:00 NY); the 19:00Z call is before the MQL; call Thu 15:30Z
 *     (11:30 NY): 16:00–17:00 + 09:00–11:30                                                  1170 real / 210 business
 */
import { describe, expect, it } from 'vitest';
import { computeSpeedToLead, touchSla } from '../../src/sla/speedToLead.js';
import { resolveSlas } from '../../src/sla/definitions.js';
import { buildSlaOutcomes } from '../../src/sla/outcomes.js';
import { openTestWarehouse } from '../helpers/db.js';
import { loadFixtures } from '../helpers/load.js';
import { fixtureConfig, fixtureWindow } from './support.js';

describe('speed-to-lead from a Salesforce export', () => {
  it('skips ListEmail tasks and tasks before the MQL, and runs each owner on their own zone', async () => {
    const wh = await openTestWarehouse();
    await loadFixtures(
      wh,
      ['User', 'Lead', 'LeadHistory', 'Task'].map((f) => `sla/salesforce/${f}.csv`),
      fixtureConfig,
    );
    const slas = resolveSlas(fixtureConfig);
    await buildSlaOutcomes(wh, fixtureConfig, { window: fixtureWindow, slas });
    const report = await computeSpeedToLead(wh, fixtureConfig, { window: fixtureWindow, sla: touchSla(slas) });
    // real 20 65 1170 → median 65; business 5 20 210 → median 20, p90 at rank 1.8: 20 + 0.8 × 190 = 172
    expect(report.overall).toEqual({ n: 3, touched: 3, medianMinutes: 65, medianBusinessMinutes: 20, p90BusinessMinutes: 172, withinTarget: 1, decided: 3 });
    // 5 business minutes is not under 5: Henrik lands in 5–30m with Grace
    expect(report.buckets.filter((b) => b.n > 0).map((b) => [b.bucket, b.n])).toEqual([
      ['5–30m', 2],
      ['1–4h', 1],
    ]);
    const teams = report.groups.filter((g) => g.dimension === 'team').map((g) => [g.key, g.n, g.medianBusinessMinutes]);
    expect(teams).toEqual([
      ['Inbound SDR', 2, 115],
      ['EMEA SDR', 1, 5],
    ]);
  });
});
