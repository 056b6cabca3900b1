import { describe, expect, it } from 'vitest';
import { Random } from '../../src/sample/random.js';

describe('Random (mulberry32)', () => {
  it('produces the published mulberry32 sequence', () => {
    // Reference values from an independent Python port of mulberry32 (seeds 42 and 0).
    const a = new Random(42);
    expect([a.next(), a.next(), a.next()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
    const b = new Random(0);
    expect(b.next()).toBe(0.26642920868471265);
    expect(b.next()).toBe(0.0003297457005828619);
  });

  it('gives each lead its own stream, identical on every run', () => {
    const first = Random.forItem(42, 7).next();
    expect(Random.forItem(42, 7).next()).toBe(first);
    expect(Random.forItem(42, 8).next()).not.toBe(first);
    expect(Random.forItem(43, 7).next()).not.toBe(first);
  });

  it('draws integers inside the inclusive bounds and weighted picks in proportion', () => {
    const rng = new Random(1);
    const counts = { a: 0, b: 0 };
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < 20_000; i++) {
      const n = rng.int(3, 5);
      min = Math.min(min, n);
      max = Math.max(max, n);
      counts[rng.weighted(['a', 'b'] as const, [1, 3])]++;
    }
    expect([min, max]).toEqual([3, 5]);
    // weight 1 of 4 → 25% expected; 20,000 draws put one standard deviation at ~0.3%
    expect(counts.a / 20_000).toBeGreaterThan(0.24);
    expect(counts.a / 20_000).toBeLessThan(0.26);
  });
});
