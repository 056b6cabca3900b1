/**
 * The chi-square p-value against values worked out by hand from closed forms: for df = 2 the tail
 * is e^(−x/2); for df = 4 it is e^(−x/2)(1 + x/2); for df = 1 it is erfc(√(x/2)), whose 5% point
 * is the textbook 3.841459; and the fairness figure of a hand-counted split.
 */
import { describe, expect, it } from 'vitest';
import { chiSquarePValue, logGamma } from '../../src/routing/chiSquare.js';
import { fairness } from '../../src/routing/fairness.js';

describe('chi-square p-value', () => {
  it('matches the closed forms for df 2 and 4', () => {
    for (const x of [0.5, 1.6, 4, 10, 30]) {
      expect(chiSquarePValue(x, 2)).toBeCloseTo(Math.exp(-x / 2), 13);
      expect(chiSquarePValue(x, 4)).toBeCloseTo(Math.exp(-x / 2) * (1 + x / 2), 13);
    }
  });

  it('gives the textbook critical values', () => {
    expect(chiSquarePValue(3.841459, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquarePValue(5.991465, 2)).toBeCloseTo(0.05, 6);
    expect(chiSquarePValue(11.0705, 5)).toBeCloseTo(0.05, 5);
    expect(chiSquarePValue(6.634897, 1)).toBeCloseTo(0.01, 6);
  });

  it('is 1 at zero and null without degrees of freedom', () => {
    expect(chiSquarePValue(0, 3)).toBe(1);
    expect(chiSquarePValue(2, 0)).toBeNull();
    expect(chiSquarePValue(Number.NaN, 2)).toBeNull();
  });

  it('computes ln Γ: Γ(5) = 24, Γ(1/2) = √π', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });
});

describe('fairness of one period', () => {
  it('a 6-3-3 split of 12 leads among three equal owners', () => {
    // expected 4 each: χ² = (4 + 1 + 1) ÷ 4 = 1.5, df 2, p = e^(−0.75); max/min = (6/4) ÷ (3/4) = 2
    const f = fairness([
      { actual: 6, expected: 4 },
      { actual: 3, expected: 4 },
      { actual: 3, expected: 4 },
    ]);
    expect(f).toMatchObject({ total: 12, chiSquare: 1.5, df: 2, maxMinRatio: 2, toAbsentOwners: 0 });
    expect(f.pValue).toBeCloseTo(Math.exp(-0.75), 13);
  });

  it('leaves an owner expected to get nothing out of the test and counts what they got', () => {
    const f = fairness([
      { actual: 2, expected: 2 },
      { actual: 2, expected: 2 },
      { actual: 1, expected: 0 },
    ]);
    expect(f).toMatchObject({ total: 5, chiSquare: 0, df: 1, pValue: 1, maxMinRatio: 1, toAbsentOwners: 1 });
  });

  it('has no ratio when an expecting owner got none, and no test with one owner', () => {
    expect(
      fairness([
        { actual: 3, expected: 1.5 },
        { actual: 0, expected: 1.5 },
      ]).maxMinRatio,
    ).toBeNull();
    expect(fairness([{ actual: 3, expected: 3 }])).toMatchObject({ chiSquare: null, df: null, pValue: null, maxMinRatio: 1 });
  });
});
