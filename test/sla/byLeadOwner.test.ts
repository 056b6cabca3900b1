/**
 * A touch SLA that counts only the lead's current owner (`byLeadOwner`), on the hand-built fixture.
 * L06 is Dara's (OWN-BER); its first MQL (04-01 14:00Z) was called by Ana (OWN-NY) at 15:00Z, which
 * no longer counts, and Dara's call of 04-11 07:30Z comes after the re-MQL of 04-10 14:00Z, so it
 * belongs to the re-MQL only. By hand, 4 business hours:
 *   met L01 L02 L03 and L06's re-MQL (as in speedToLead.test.ts: all touched by their owner)
 *   breached L04 L05 L08 (as before) and L06's first MQL (never touched by Dara before the re-MQL)
 *   pending L07 → eligible 9, met 4, breached 4, compliance 4 / 8 = 0.5
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { computeSlaReport } from '../../src/sla/compliance.js';
import { openTestWarehouse } from '../helpers/db.js';
import { fixtureWindow, loadSlaFixture } from './support.js';

const config = parseConfig({
  timezone: 'America/New_York',
  slas: [
    {
      name: 'owner_touch',
      start: { kind: 'stage', stage: 'mql' },
      end: { kind: 'touch', byLeadOwner: true },
      target: { amount: 4, unit: 'businessHours' },
    },
  ],
});

describe('touch SLA by the lead owner only', () => {
  it("ignores another rep's touch and keeps each touch to its own instance", async () => {
    const wh = await openTestWarehouse();
    const slas = await loadSlaFixture(wh, config);
    const report = await computeSlaReport(wh, { window: fixtureWindow, slas });
    expect(report.slas.map((s) => [s.eligible, s.met, s.breached, s.pending, s.compliance])).toEqual([[9, 4, 4, 1, 0.5]]);
    const l06 = report.breaches.filter((b) => b.leadId === 'L06').map((b) => [b.startAt, b.kind, b.endAt]);
    expect(l06).toEqual([['2024-04-01T14:00:00Z', 'open', null]]);
  });
});
