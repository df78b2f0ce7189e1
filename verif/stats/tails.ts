/** Tail counts beyond k standard deviations, each checked with an exact two-sided binomial test. */
import { InvalidParameterError } from '../errors.ts';
import type { LatticePmf } from './lattice.ts';
import { binomialCdf, binomialPmf, normalSf } from './special.ts';
import { requireSamples, type NumericSamples, type TestResult } from './samples.ts';

/** Result of {@link exactBinomialTest}. */
export interface BinomialTestResult extends TestResult {
  /** The observed count. */
  readonly statistic: number;
  readonly trials: number;
  readonly expected: number;
}

/**
 * Exact two-sided binomial test of `k` successes in `n` trials with success probability `p`: the p-value is the total
 * probability of all counts no more likely than `k` (the rule of R's binom.test), found by bisection on the other
 * tail, so the cost is O(log n) CDF evaluations even for n = 10^7.
 *
 * @example
 * exactBinomialTest(7, 10, 0.5).pValue; // 0.34375
 */
export function exactBinomialTest(k: number, n: number, p: number): BinomialTestResult {
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(k) || k < 0 || k > n) {
    throw new InvalidParameterError(`binomial test needs integers 0 <= k <= n, n >= 1; got k=${k}, n=${n}`);
  }
  if (!(p >= 0 && p <= 1)) throw new InvalidParameterError(`binomial test p must be in [0, 1], got ${p}`);
  const expected = n * p;
  const base = { statistic: k, trials: n, expected };
  if (p === 0) return { ...base, pValue: k === 0 ? 1 : 0 };
  if (p === 1) return { ...base, pValue: k === n ? 1 : 0 };
  const d = binomialPmf(k, n, p) * (1 + 1e-7);
  const mode = Math.floor((n + 1) * p);
  if (k === mode || Math.abs(k - expected) < 1e-12) return { ...base, pValue: 1 };
  let pValue: number;
  if (k < expected) {
    // Smallest j > mode with pmf(j) <= d (pmf decreases above the mode).
    let lo = Math.max(mode, k + 1);
    let hi = n + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (binomialPmf(mid, n, p) <= d) hi = mid;
      else lo = mid + 1;
    }
    pValue = binomialCdf(k, n, p) + (lo <= n ? 1 - binomialCdf(lo - 1, n, p) : 0);
  } else {
    // Largest j < mode with pmf(j) <= d (pmf increases below the mode).
    let lo = -1;
    let hi = Math.min(mode, k - 1);
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (binomialPmf(mid, n, p) <= d) lo = mid;
      else hi = mid - 1;
    }
    pValue = (lo >= 0 ? binomialCdf(lo, n, p) : 0) + (1 - binomialCdf(k - 1, n, p));
  }
  return { ...base, pValue: Math.min(1, Math.max(0, pValue)) };
}

/** One tail count of {@link tailTest}. */
export interface TailCount extends BinomialTestResult {
  /** Threshold in standard deviations: counted are samples with |x - mean| > k·sd. */
  readonly k: number;
  /** Expected probability of the tail. */
  readonly probability: number;
}

/** Result of {@link tailTest}: statistic = smallest per-k p-value, pValue = Bonferroni over the thresholds. */
export interface TailTestResult extends TestResult {
  readonly tails: readonly TailCount[];
}

/**
 * Whether |z| lies beyond the threshold k. A lattice point exactly on mean ± k·sd computes to k times (1 ± a few ulps)
 * depending on how its value was formed; it counts as on the threshold (not beyond) in the samples and in the
 * expected mass alike.
 */
function beyond(z: number, k: number): boolean {
  return z > k * (1 + 1e-9) + 1e-12;
}

/** Options of {@link tailTest}. */
export interface TailTestOptions {
  /** Thresholds in sd. Default [2, 3, 4]. */
  readonly ks?: readonly number[];
  /** Centre and scale of the thresholds. Default 0 and 1. */
  readonly mean?: number;
  readonly sd?: number;
  /** Distribution giving the expected tail masses: a normal (default) or the predicted lattice pmf (real units). */
  readonly expected?: 'normal' | LatticePmf;
}

/**
 * Counts samples beyond k sd of the mean (both tails together) and tests each count against its expected mass with
 * an exact binomial test. Against a lattice pmf the expected mass is that of the cells beyond the same thresholds;
 * lattice points on a threshold (to 1e-9 relative) count as not beyond it, in the samples and the expected mass.
 *
 * @example
 * tailTest(values, { ks: [2, 3, 4] }).tails[1].pValue; // 3-sigma tail against 2·(1 - Φ(3))
 */
export function tailTest(values: NumericSamples, opts: TailTestOptions = {}): TailTestResult {
  const n = values.length;
  requireSamples(n, 1, 'tail test');
  const ks = opts.ks ?? [2, 3, 4];
  const mean = opts.mean ?? 0;
  const sd = opts.sd ?? 1;
  if (!(sd > 0)) throw new InvalidParameterError(`tail test sd must be > 0, got ${sd}`);
  const counts = new Float64Array(ks.length);
  for (let i = 0; i < n; i++) {
    const z = Math.abs(values[i]! - mean) / sd;
    for (let j = 0; j < ks.length; j++) if (beyond(z, ks[j]!)) counts[j]++;
  }
  const expected = opts.expected ?? 'normal';
  const tails = ks.map((k, j): TailCount => {
    let prob: number;
    if (expected === 'normal') prob = 2 * normalSf(k);
    else {
      prob = 0;
      for (let i = 0; i < expected.probs.length; i++) {
        const v = expected.origin + expected.step * (expected.offset + i);
        if (beyond(Math.abs(v - mean) / sd, k)) prob += expected.probs[i]!;
      }
    }
    return { k, probability: prob, ...exactBinomialTest(counts[j]!, n, Math.min(1, prob)) };
  });
  let minP = 1;
  for (const t of tails) minP = Math.min(minP, t.pValue);
  return { statistic: minP, pValue: Math.min(1, ks.length * minP), tails };
}
