/**
 * The Wilson score interval for a proportion k/n at 95%: unlike the normal approximation it stays
 * inside [0, 1] and behaves for small n and rates near 0 or 1, which funnels are full of.
 */
const z = 1.959963984540054;

export function wilson95(successes: number, trials: number): [number, number] | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials))) / (1 + z2n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** k / n, or null when there is nothing to divide by. */
export const rate = (k: number, n: number): number | null => (n > 0 ? k / n : null);
