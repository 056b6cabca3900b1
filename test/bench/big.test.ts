/** The big bench's arithmetic: following a row across scales and the growth exponent it prints. */
import { describe, expect, it } from 'vitest';
import { growthExponent, rowKey } from '../../bench/big.js';
import { benchRepeats, fastestOf } from '../../bench/child.js';

describe('the big bench', () => {
  it('follows a row across scales by its name without sizes', () => {
    expect(rowKey('hygiene (1,000,000 leads, 20% near-duplicates)')).toBe(rowKey('hygiene (10,000,000 leads, 20% near-duplicates)'));
    expect(rowKey('load 5 files vs the duties floor')).toBe('load # files vs the duties floor');
    expect(rowKey('funnel (warm)')).not.toBe(rowKey('funnel (first after load)'));
  });

  it('fits the exponent of time against size on a log-log scale', () => {
    // 10x the data in 10x the time is linear; in 100x the time, quadratic
    expect(
      growthExponent([
        { x: 1e6, y: 3 },
        { x: 1e7, y: 30 },
      ]),
    ).toBeCloseTo(1, 12);
    expect(
      growthExponent([
        { x: 1e6, y: 2 },
        { x: 1e7, y: 200 },
      ]),
    ).toBeCloseTo(2, 12);
    // three points on y = 5·x^1.1 give 1.1 exactly; a missing point is left out
    const points = [1e5, 1e6, 1e7].map((x) => ({ x, y: 5 * x ** 1.1 }));
    expect(growthExponent([...points, { x: 3e6, y: null }])).toBeCloseTo(1.1, 12);
  });

  it('gives no exponent from fewer than two measured scales', () => {
    expect(growthExponent([{ x: 1e6, y: 4 }])).toBeNull();
    expect(
      growthExponent([
        { x: 1e6, y: 4 },
        { x: 1e7, y: null },
      ]),
    ).toBeNull();
  });
});

describe('a measurement repeated (BENCH_REPEAT)', () => {
  const runs = (...measured: { seconds: number; peakRssMb: number | null; tempPeakMb: number | null; code?: number | null }[]) => {
    let calls = 0;
    return { next: async () => measured[calls++]!, calls: () => calls };
  };

  it('keeps the fastest time, with the most RSS and spill any run took', async () => {
    const three = runs(
      { seconds: 50, peakRssMb: 4100, tempPeakMb: 900 },
      { seconds: 41, peakRssMb: 3900, tempPeakMb: null },
      { seconds: 45, peakRssMb: 4700, tempPeakMb: 1200 },
    );
    expect(await fastestOf(three.next, 3)).toEqual({ seconds: 41, peakRssMb: 4700, tempPeakMb: 1200 });
    expect(three.calls()).toBe(3);
  });

  it('runs once by default, and stops at a failed run, which it returns', async () => {
    const once = runs({ seconds: 7, peakRssMb: 800, tempPeakMb: 0, code: 0 }, { seconds: 1, peakRssMb: 1, tempPeakMb: 0, code: 0 });
    expect(await fastestOf(once.next, benchRepeats())).toEqual({ seconds: 7, peakRssMb: 800, tempPeakMb: 0, code: 0 });
    expect(once.calls()).toBe(1);
    const failing = runs(
      { seconds: 9, peakRssMb: 900, tempPeakMb: 0, code: 0 },
      { seconds: 2, peakRssMb: 5000, tempPeakMb: 0, code: 1 },
      { seconds: 1, peakRssMb: 1, tempPeakMb: 0, code: 0 },
    );
    expect(await fastestOf(failing.next, 3)).toEqual({ seconds: 2, peakRssMb: 5000, tempPeakMb: 0, code: 1 });
    expect(failing.calls()).toBe(2);
  });
});
