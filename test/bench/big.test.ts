/** The big bench's arithmetic: following a row across scales and the growth exponent it prints. */
import { describe, expect, it } from 'vitest';
import { growthExponent, rowKey } from '../../bench/big.js';

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
