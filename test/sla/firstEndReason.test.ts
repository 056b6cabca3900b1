/**
 * A required reason is the reason of the entry that ended the instance, the first one, even when a
 * later entry of the same instance carries one. L90: MQL 04-02, disqualified 04-03 without a
 * reason, recycled 04-04 with ENG-02, no second MQL; L91: MQL 04-02, disqualified 04-03 with
 * BAD-FIT. By hand, rejection_reason (no deadline, reason required): L90 breached (missing
 * fields, ended 04-03), L91 met → eligible 2, met 1, breached 1.
 * (The ends took the least reason by entry order among entries that had one: L90 passed as met.)
 */
import { describe, expect, it } from 'vitest';
import { computeSlaReport } from '../../src/sla/compliance.js';
import { openTestWarehouse } from '../helpers/db.js';
import { fixtureConfig, fixtureWindow, loadSlaFixture } from './support.js';

const files = ['owners', 'leads', 'stage_events'].map((f) => `sla/first-end-reason/${f}.csv`);

describe('a required reason', () => {
  it("is the first end's, not a later entry's", async () => {
    const wh = await openTestWarehouse();
    const slas = await loadSlaFixture(wh, fixtureConfig, fixtureWindow, undefined, files);
    const report = await computeSlaReport(wh, { window: fixtureWindow, slas });
    const reason = report.slas.find((s) => s.name === 'rejection_reason')!;
    expect([reason.eligible, reason.met, reason.breached]).toEqual([2, 1, 1]);
    const breach = report.breaches.filter((b) => b.sla === 'rejection_reason').map((b) => [b.leadId, b.kind, b.endAt]);
    expect(breach).toEqual([['L90', 'missing_fields', '2024-04-03T14:00:00Z']]);
  });
});
