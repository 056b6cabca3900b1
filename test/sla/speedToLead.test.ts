/**
 * Speed-to-lead on the hand-built fixture (test/fixtures/sla/canonical). Clocks: New York
 * (EDT, UTC-4) for Ana and the owner-less L05, Berlin (CEST, UTC+2) for Dara; 09:00–17:00 Mon–Fri.
 * MQL → first touch, real minutes / business minutes, by hand:
 *   L01 Mon 14:00Z → call 14:03Z (the automated email at 14:01 does not count)       3 /   3   met
 *   L02 Mon 20:30Z (16:30 NY) → call Tue 13:15Z (09:15 NY); the 19:00Z email is
 *       before the MQL and does not count                                         1005 /  45   met
 *   L03 Tue 06:00Z (08:00 Berlin) → call 07:20Z (09:20)                             80 /  20   met
 *   L04 Wed 13:00Z (15:00 Berlin) → call Thu 09:30Z (11:30); automated email skipped 1230 / 270  breached
 *   L05 Thu 15:00Z, no owner, never touched; deadline Thu 19:00Z has passed          — / —    breached
 *   L06 first MQL 04-01 14:00Z (16:00 Berlin) → call 15:00Z                         60 /  60   met
 *   L06 re-MQL Wed 14:00Z (16:00 Berlin) → call Thu 07:30Z (09:30)                1050 /  90   met
 *   L07 Fri 16:00Z (12:00 NY), touched 19:00Z, after the as-of: not yet touched       — / —    pending
 *   L08 Mon 16:00Z (12:00 NY) → note 16:10Z (type other: no) → email Tue 16:00Z     1440 / 480  breached
 *       (the lead's own incoming email at 16:30Z is not a touch)
 *   L09's MQL (03-28) is before the window.
 */
import { describe, expect, it } from 'vitest';
import { wilson95 } from '../../src/metrics/wilson.js';
import { computeSpeedToLead, touchSla } from '../../src/sla/speedToLead.js';
import { openTestWarehouse } from '../helpers/db.js';
import { fixtureConfig, fixtureWindow, loadSlaFixture } from './support.js';

async function report(options: { by?: string; bucketClock?: 'business' | 'wall' } = {}) {
  const wh = await openTestWarehouse();
  const slas = await loadSlaFixture(wh, fixtureConfig, fixtureWindow, options.by);
  return computeSpeedToLead(wh, fixtureConfig, { window: fixtureWindow, sla: touchSla(slas), ...options });
}

describe('speed-to-lead', () => {
  it('measures MQL to the first human touch in real and business minutes', async () => {
    const r = await report();
    expect(r.report).toBe('speed-to-lead');
    expect(r.start).toBe('mql');
    expect(r.sla).toEqual({ name: 'first_touch', target: '4 business hours', targetMinutes: 240, clock: 'business' });
    // touched: 7 of 9. real minutes sorted 3 60 80 1005 1050 1230 1440 → median 1005;
    // business sorted 3 20 45 60 90 270 480 → median 60, p90 at rank 5.4: 270 + 0.4 × 210 = 354;
    // within target: met 5 (L01 L02 L03 L06 L06) ÷ judged 8 (L07 pending) = 0.625
    const { p90BusinessMinutes, ...overall } = r.overall;
    expect(overall).toEqual({ n: 9, touched: 7, medianMinutes: 1005, medianBusinessMinutes: 60, withinTarget: 0.625, decided: 8 });
    expect(p90BusinessMinutes).toBeCloseTo(354, 9); // interpolated in floating point: the JSON keeps every digit
  });

  it('buckets business response time and counts the untouched as never', async () => {
    const r = await report();
    // <5m L01; 5–30m L03; 30–60m L02; 1–4h L06 ×2 (60 is not < 60); 4–24h L04 L08; never L05 L07
    expect(r.buckets.map((b) => [b.bucket, b.n, b.share])).toEqual([
      ['<5m', 1, 1 / 9],
      ['5–30m', 1, 1 / 9],
      ['30–60m', 1, 1 / 9],
      ['1–4h', 2, 2 / 9],
      ['4–24h', 2, 2 / 9],
      ['>24h', 0, 0],
      ['never', 2, 2 / 9],
    ]);
  });

  it('buckets real minutes on request', async () => {
    const r = await report({ bucketClock: 'wall' });
    // real: 3 → <5m; 60 → 1–4h; 80 → 1–4h; 1005, 1050, 1230 → 4–24h; 1440 → >24h (not < 1440)
    expect(r.buckets.map((b) => b.n)).toEqual([1, 0, 0, 2, 3, 1, 2]);
  });

  it('groups by current owner, team and source', async () => {
    const r = await report();
    const owner = (key: string) => r.groups.find((g) => g.dimension === 'owner' && g.key === key);
    // Ana: L01 L02 L07 L08, touched 3: business 3 45 480 → 45, real 3 1005 1440 → 1005; met 2 ÷ judged 3
    expect(owner('Ana Ruiz')).toMatchObject({ n: 4, touched: 3, medianBusinessMinutes: 45, medianMinutes: 1005, withinTarget: 2 / 3 });
    // Dara (L06's owner now, both MQLs): L03 L04 L06 L06: business 20 60 90 270 → 75; met 3 of 4
    expect(owner('Dara Singh')).toMatchObject({ n: 4, touched: 4, medianBusinessMinutes: 75, withinTarget: 0.75 });
    expect(owner('(no owner)')).toMatchObject({ n: 1, touched: 0, medianMinutes: null, withinTarget: 0 });
    const teams = r.groups.filter((g) => g.dimension === 'team').map((g) => [g.key, g.n]);
    expect(teams).toEqual([
      ['EMEA SDR', 4],
      ['Inbound SDR', 4],
      ['(no team)', 1],
    ]);
    // Paid Search: L01 L03 L07 (3); Organic Search: L02 L08; Webinar: L04 L06 ×2; Referral: L05
    const sources = Object.fromEntries(r.groups.filter((g) => g.dimension === 'source').map((g) => [g.key, g.n]));
    expect(sources).toEqual({ 'Paid Search': 3, 'Organic Search': 2, Webinar: 3, Referral: 1 });
    expect(r.groups.some((g) => g.dimension === 'by')).toBe(false);
  });

  it('tallies conversion to SQL by response bucket with Wilson intervals', async () => {
    const r = await report();
    // L01 (<5m) and L03 (5–30m) reached SQL; L02 was disqualified; L06 recycled then re-MQL'd without SQL;
    // 4–24h: L08 reached SQL, L04 did not; never: L05 L07
    expect(r.conversionByBucket.map((c) => [c.bucket, c.n, c.converted])).toEqual([
      ['<5m', 1, 1],
      ['5–30m', 1, 1],
      ['30–60m', 1, 0],
      ['1–4h', 2, 0],
      ['4–24h', 2, 1],
      ['>24h', 0, 0],
      ['never', 2, 0],
    ]);
    const half = wilson95(1, 2)!;
    // the JSON carries full double precision: rounding is for tables, CSV and HTML
    expect(r.conversionByBucket[4]!.ci95).toEqual(half);
    expect(r.conversionByBucket[5]!.ci95).toBeNull();
  });

  it('places arrivals on a New York weekday × hour grid', async () => {
    const r = await report();
    expect(r.coverageTimezone).toBe('America/New_York');
    // Monday (1): L01 10:00, L08 12:00, L06's first MQL (04-01) 10:00, L02 16:30 → 10h has two arrivals,
    // touched after 3 and 60 real minutes → median 31.5
    expect(r.coverage.filter((c) => c.weekday === 1)).toEqual([
      { weekday: 1, hour: 10, arrivals: 2, touched: 2, medianMinutes: 31.5 },
      { weekday: 1, hour: 12, arrivals: 1, touched: 1, medianMinutes: 1440 },
      { weekday: 1, hour: 16, arrivals: 1, touched: 1, medianMinutes: 1005 },
    ]);
    expect(r.coverage.reduce((sum, c) => sum + c.arrivals, 0)).toBe(9);
  });

  it('adds a --by breakdown on any lead field', async () => {
    const r = await report({ by: 'source' });
    expect(
      r.groups
        .filter((g) => g.dimension === 'by')
        .map((g) => g.key)
        .sort(),
    ).toEqual(['Organic Search', 'Paid Search', 'Referral', 'Webinar']);
  });
});
