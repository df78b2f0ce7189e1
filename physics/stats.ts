/** Small statistics helpers of the physics part (binomial intervals). */

/** A probability estimate with its 95 % Wilson score interval. */
export interface Estimate {
  readonly p: number;
  readonly lo: number;
  readonly hi: number;
}

/**
 * Wilson score interval of k successes in n trials at normal quantile z (1.96: 95 %).
 *
 * @example
 * wilson(30, 100); // { p: 0.3, lo: 0.219, hi: 0.396 }
 */
export function wilson(k: number, n: number, z = 1.96): Estimate {
  if (n <= 0) return { p: NaN, lo: 0, hi: 1 };
  const p = k / n;
  const z2 = z * z;
  const den = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / den;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / den;
  return { p, lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/**
 * z statistic of the difference of two independent binomial proportions (pooled variance); 0 when both are 0 or 1.
 *
 * @example
 * twoProportionZ(480, 1000, 520, 1000); // ≈ −1.79
 */
export function twoProportionZ(k1: number, n1: number, k2: number, n2: number): number {
  const p = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  return se === 0 ? 0 : (k1 / n1 - k2 / n2) / se;
}
