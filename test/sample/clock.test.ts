import { describe, expect, it } from 'vitest';
import { isoSeconds, naiveLocal, nextBusinessMoment, zoneOffset } from '../../src/sample/clock.js';

const at = (iso: string) => Date.parse(iso);
const H = 3_600_000;

describe('sample clock', () => {
  it('follows US daylight saving (2026-03-08 07:00Z: EST -5 h becomes EDT -4 h)', () => {
    expect(zoneOffset('America/New_York', at('2026-03-08T06:59:00Z'))).toBe(-5 * H);
    expect(zoneOffset('America/New_York', at('2026-03-08T07:00:00Z'))).toBe(-4 * H);
    expect(zoneOffset('Asia/Kolkata', at('2026-03-08T07:00:00Z'))).toBe(5.5 * H);
    expect(zoneOffset('Europe/Berlin', at('2026-07-01T00:00:00Z'))).toBe(2 * H);
  });

  it('renders HubSpot naive portal time and canonical ISO seconds', () => {
    // 2026-07-04 13:05:09Z is 09:05 in New York (EDT, UTC-4)
    expect(naiveLocal('America/New_York', at('2026-07-04T13:05:09.750Z'))).toBe('2026-07-04 09:05');
    expect(isoSeconds(at('2026-07-04T13:05:09.750Z'))).toBe('2026-07-04T13:05:09Z');
    expect(isoSeconds(at('2024-02-29T23:59:59Z'))).toBe('2024-02-29T23:59:59Z');
  });

  it('moves out-of-hours moments to 09:00 local on the next working day', () => {
    // Friday 2026-10-30 19:30 in Berlin (CET from Oct 25, UTC+1) → Monday 2026-11-02 09:00 CET = 08:00Z
    expect(nextBusinessMoment('Europe/Berlin', at('2026-10-30T18:30:00Z'))).toBe(at('2026-11-02T08:00:00Z'));
    // Tuesday 07:10 in Los Angeles (PDT, UTC-7) → same day 09:00 PDT = 16:00Z
    expect(nextBusinessMoment('America/Los_Angeles', at('2026-06-02T14:10:00Z'))).toBe(at('2026-06-02T16:00:00Z'));
    // inside hours: unchanged (Wednesday 11:00 in Kolkata = 05:30Z)
    expect(nextBusinessMoment('Asia/Kolkata', at('2026-06-03T05:30:00Z'))).toBe(at('2026-06-03T05:30:00Z'));
  });
});
