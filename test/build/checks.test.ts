import { describe, expect, it } from 'vitest';
import { checkRejectRate, checkStaleness, failedChecksMessage, rejectRate } from '../../src/build/checks.js';

const input = (read: number, rejected: number, skipped?: string) => ({
  file: 'x.csv',
  sha256: '',
  detected: 'canonical',
  object: 'leads',
  read,
  loaded: read - rejected,
  rejected,
  duplicates: 0,
  ...(skipped ? { skipped } : {}),
});

describe('data checks', () => {
  it('counts rejects only in files loaded this run', () => {
    // 30 of 1000 + 10 of 1000 = 40 of 2000 = 2%; the skipped file's numbers are an earlier load's
    const rate = rejectRate([input(1000, 30), input(1000, 10), input(500, 400, 'already loaded')]);
    expect(rate).toEqual({ rows: 40, read: 2000, rate: 0.02 });
    expect(checkRejectRate(rate, 0.02)?.passed).toBe(true);
    expect(checkRejectRate(rate, 0.019)).toEqual({ check: 'max-reject-rate', limit: '1.90%', value: '2.00% (40 of 2000 rows read this run)', passed: false });
    expect(checkRejectRate(rate, undefined)).toBeNull();
  });

  it('fails staleness when the newest record is older than the limit at the as-of', () => {
    const asOf = new Date('2026-11-02T00:00:00Z');
    // 2026-10-31 12:00 is 1.5 days before the as-of
    expect(checkStaleness('2026-10-31T12:00:00.000Z', asOf, '2d')?.passed).toBe(true);
    const stale = checkStaleness('2026-10-29T12:00:00.000Z', asOf, '2d')!;
    expect(stale).toEqual({ check: 'max-staleness', limit: '2d', value: 'newest record 2026-10-29T12:00:00.000Z, 3.5 days before the as-of', passed: false });
    expect(checkStaleness(null, asOf, '2d')?.passed).toBe(false);
    expect(failedChecksMessage([stale])).toBe(
      'data check failed: max-staleness 2d exceeded: newest record 2026-10-29T12:00:00.000Z, 3.5 days before the as-of',
    );
  });
});
