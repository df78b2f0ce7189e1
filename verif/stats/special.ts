/**
 * Special functions used by the tests, all delegated to @stdlib (incomplete gamma, erfc, log-gamma, normal and
 * chi-square distributions, binomial distribution). Only the Kolmogorov limiting distribution is written here: no
 * npm package provides it for large n (see {@link kolmogorovSurvival}).
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import erfcLib from '@stdlib/math-base-special-erfc';
import gammalnLib from '@stdlib/math-base-special-gammaln';
import normal from '@stdlib/stats-base-dists-normal';
import chisquare from '@stdlib/stats-base-dists-chisquare';
import binomialCdfLib from '@stdlib/stats-base-dists-binomial-cdf';
import binomialPmfLib from '@stdlib/stats-base-dists-binomial-pmf';

/**
 * Upper regularised incomplete gamma Q(a, x) (Cephes' `igamc`, the p-value function of NIST SP 800-22).
 *
 * @example
 * igamc(1, 1); // exp(-1) ~ 0.3679
 */
export function igamc(a: number, x: number): number {
  if (x <= 0) return 1;
  return gammainc(x, a, true, true);
}

/**
 * Complementary error function.
 *
 * @example
 * erfc(0); // 1
 */
export function erfc(x: number): number {
  return erfcLib(x);
}

/**
 * Natural logarithm of the gamma function.
 *
 * @example
 * lgamma(5); // ln 24
 */
export function lgamma(x: number): number {
  return gammalnLib(x);
}

/**
 * Standard normal CDF Φ(z).
 *
 * @example
 * normalCdf(0); // 0.5
 */
export function normalCdf(z: number): number {
  return normal.cdf(z, 0, 1);
}

/**
 * Standard normal upper tail 1 - Φ(z), accurate far into the tail.
 *
 * @example
 * normalSf(8); // ~6.2e-16
 */
export function normalSf(z: number): number {
  return 0.5 * erfcLib(z / Math.SQRT2);
}

/**
 * ln Φ(z), accurate in the far lower tail.
 *
 * @example
 * logNormalCdf(-30); // ~ -454.3
 */
export function logNormalCdf(z: number): number {
  return normal.logcdf(z, 0, 1);
}

/**
 * Standard normal quantile Φ⁻¹(p).
 *
 * @example
 * normalQuantile(0.975); // ~1.96
 */
export function normalQuantile(p: number): number {
  return normal.quantile(p, 0, 1);
}

/**
 * Chi-square upper tail P(X² > x) with `df` degrees of freedom (via the upper incomplete gamma, no cancellation).
 *
 * @example
 * chiSquareSf(3.84, 1); // ~0.05
 */
export function chiSquareSf(x: number, df: number): number {
  return igamc(df / 2, x / 2);
}

/**
 * Chi-square quantile.
 *
 * @example
 * chiSquareQuantile(0.95, 1); // ~3.84
 */
export function chiSquareQuantile(p: number, df: number): number {
  return chisquare.quantile(p, df);
}

/**
 * Binomial CDF P(X <= k), X ~ Bin(n, p).
 *
 * @example
 * binomialCdf(5, 10, 0.5); // ~0.623
 */
export function binomialCdf(k: number, n: number, p: number): number {
  return binomialCdfLib(k, n, p);
}

/**
 * Binomial pmf P(X = k), X ~ Bin(n, p).
 *
 * @example
 * binomialPmf(5, 10, 0.5); // ~0.246
 */
export function binomialPmf(k: number, n: number, p: number): number {
  return binomialPmfLib(k, n, p);
}

/**
 * Survival function of the Kolmogorov distribution, P(K > x) = 2 Σ_{k>=1} (-1)^(k-1) exp(-2 k² x²).
 * Written here because @stdlib/stats-kstest only offers the exact Marsaglia-Tsang-Wang distribution, whose cost grows
 * like (nD)³ log n and is unusable at n = 10^6; this alternating series converges in a few terms for x > 0.2 and
 * the small-x branch uses the Jacobi-theta form sqrt(2π)/x Σ exp(-(2k-1)² π² / (8x²)).
 *
 * @example
 * kolmogorovSurvival(1.358); // ~0.05
 */
export function kolmogorovSurvival(x: number): number {
  if (x <= 0) return 1;
  if (x < 1) {
    const c = (-Math.PI * Math.PI) / (8 * x * x);
    let s = 0;
    for (let k = 1; k <= 7; k += 2) s += Math.exp(c * k * k);
    return 1 - (Math.sqrt(2 * Math.PI) / x) * s;
  }
  let s = 0;
  for (let k = 1; k <= 100; k++) {
    const t = Math.exp(-2 * k * k * x * x);
    s += k % 2 === 1 ? t : -t;
    if (t < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * s));
}
