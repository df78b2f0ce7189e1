/**
 * Special functions used by the tests, delegated to @stdlib where its result is accurate (erfc, log-gamma, normal and
 * chi-square quantiles, binomial distribution). Two are written here, each with the reason:
 * - the regularised incomplete gamma ({@link igamc}): @stdlib/math-base-special-gammainc 0.3.1 is wrong by up to
 *   2.5e-2 for shape a >= 1000 near x = a (e.g. Q(2000, 1955.28) = 0.8661 instead of 0.8414; checked against mpmath),
 *   which breaks the block-frequency and serial p-values of SP 800-22 (a = 3906, 8192). The Cephes algorithm that
 *   the NIST reference code uses is coded instead and tested against mpmath;
 * - the Kolmogorov limiting distribution ({@link kolmogorovSurvival}): no npm package provides it for large n.
 */
import erfcLib from '@stdlib/math-base-special-erfc';
import gammalnLib from '@stdlib/math-base-special-gammaln';
import normal from '@stdlib/stats-base-dists-normal';
import chisquare from '@stdlib/stats-base-dists-chisquare';
import binomialCdfLib from '@stdlib/stats-base-dists-binomial-cdf';
import binomialPmfLib from '@stdlib/stats-base-dists-binomial-pmf';

const MACHEP = 1.1102230246251565e-16;
const MAXLOG = 709.782712893384;
const BIG = 4503599627370496;
const BIGINV = 2.220446049250313e-16;

/** e^(a ln x - x) / Γ(a), or 0 if it underflows. */
function gammaPrefactor(a: number, x: number): number {
  const ax = a * Math.log(x) - x - gammalnLib(a);
  return ax < -MAXLOG ? 0 : Math.exp(ax);
}

/**
 * Lower regularised incomplete gamma P(a, x) (Cephes `igam`: power series for x < a, else 1 - Q).
 *
 * @example
 * igam(1, 1); // 1 - exp(-1) ~ 0.6321
 */
export function igam(a: number, x: number): number {
  if (x <= 0 || a <= 0) return 0;
  if (x > 1 && x > a) return 1 - igamc(a, x);
  const ax = gammaPrefactor(a, x);
  if (ax === 0) return 0;
  let r = a;
  let c = 1;
  let ans = 1;
  do {
    r += 1;
    c *= x / r;
    ans += c;
  } while (c / ans > MACHEP);
  return (ans * ax) / a;
}

/**
 * Upper regularised incomplete gamma Q(a, x) (Cephes `igamc`, the p-value function of NIST SP 800-22: continued
 * fraction for x >= a, else 1 - P).
 *
 * @example
 * igamc(1, 1); // exp(-1) ~ 0.3679
 */
export function igamc(a: number, x: number): number {
  if (x <= 0 || a <= 0) return 1;
  if (x < 1 || x < a) return 1 - igam(a, x);
  const ax = gammaPrefactor(a, x);
  if (ax === 0) return 0;
  let y = 1 - a;
  let z = x + y + 1;
  let c = 0;
  let pkm2 = 1;
  let qkm2 = x;
  let pkm1 = x + 1;
  let qkm1 = z * x;
  let ans = pkm1 / qkm1;
  let t: number;
  do {
    c += 1;
    y += 1;
    z += 2;
    const yc = y * c;
    const pk = pkm1 * z - pkm2 * yc;
    const qk = qkm1 * z - qkm2 * yc;
    if (qk !== 0) {
      const r = pk / qk;
      t = Math.abs((ans - r) / r);
      ans = r;
    } else t = 1;
    pkm2 = pkm1;
    pkm1 = pk;
    qkm2 = qkm1;
    qkm1 = qk;
    if (Math.abs(pk) > BIG) {
      pkm2 *= BIGINV;
      pkm1 *= BIGINV;
      qkm2 *= BIGINV;
      qkm1 *= BIGINV;
    }
  } while (t > MACHEP);
  return ans * ax;
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
