/** Tests of serial dependence on samples: autocorrelation at several lags (with Ljung-Box) and the runs test. */
import { InvalidParameterError } from '../errors.ts';
import { chiSquareSf, normalSf } from './special.ts';
import { requireSamples, sortedCopy, type NumericSamples, type TestResult } from './samples.ts';

/** One lag of {@link autocorrelationTest}. */
export interface LagCorrelation {
  readonly lag: number;
  /** Sample autocorrelation r_k. */
  readonly r: number;
  /** r_k · sqrt(n), approximately N(0,1) for an independent sequence. */
  readonly z: number;
  readonly pValue: number;
  /** |r_k| <= 4/sqrt(n), the rule of thumb of the statistics reference. */
  readonly withinBound: boolean;
}

/** Result of {@link autocorrelationTest}: the Ljung-Box portmanteau statistic over all lags, and each lag. */
export interface AutocorrelationResult extends TestResult {
  readonly df: number;
  readonly lags: readonly LagCorrelation[];
  /** 4/sqrt(n). */
  readonly bound: number;
}

/**
 * Autocorrelation at lags 1..maxLag (or the given lags), each with a z-test, plus the Ljung-Box statistic
 * Q = n(n+2) Σ r_k²/(n-k) ~ χ²(number of lags). Power: a lag-1 correlation ρ gives z ≈ ρ·sqrt(n) (50 at ρ = 0.05,
 * n = 10^6).
 *
 * @example
 * autocorrelationTest(values, { maxLag: 8 }).lags[0].r; // lag-1 autocorrelation
 */
export function autocorrelationTest(
  values: NumericSamples,
  opts: { maxLag?: number; lags?: readonly number[] } = {},
): AutocorrelationResult {
  const n = values.length;
  const lags = opts.lags ?? Array.from({ length: opts.maxLag ?? 10 }, (_, i) => i + 1);
  for (const k of lags) {
    if (!Number.isInteger(k) || k < 1) throw new InvalidParameterError(`lags must be integers >= 1, got ${k}`);
  }
  const maxLag = Math.max(...lags);
  requireSamples(n, Math.max(20, 4 * maxLag), 'autocorrelation test');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  let c0 = 0;
  for (let i = 0; i < n; i++) c0 += (values[i]! - mean) ** 2;
  if (!(c0 > 0)) throw new InvalidParameterError('autocorrelation test: the sample is constant');
  const bound = 4 / Math.sqrt(n);
  let q = 0;
  const out = lags.map((k): LagCorrelation => {
    let c = 0;
    for (let i = 0; i + k < n; i++) c += (values[i]! - mean) * (values[i + k]! - mean);
    const r = c / c0;
    q += (r * r) / (n - k);
    const z = r * Math.sqrt(n);
    return { lag: k, r, z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))), withinBound: Math.abs(r) <= bound };
  });
  const statistic = n * (n + 2) * q;
  return { statistic, df: lags.length, pValue: chiSquareSf(statistic, lags.length), lags: out, bound };
}

/** Result of {@link runsTest}. */
export interface RunsResult extends TestResult {
  /** z-score of the number of runs. */
  readonly statistic: number;
  readonly runs: number;
  readonly expectedRuns: number;
  /** Samples above and below the threshold (ties are dropped). */
  readonly above: number;
  readonly below: number;
  readonly threshold: number;
}

/**
 * Wald-Wolfowitz runs test: samples are classed above or below a threshold (default: the sample median; samples
 * equal to it are dropped, which matters for lattice data), and the number of runs is compared with its mean
 * 2·n1·n2/N + 1 and variance under independence. Too few runs: positive correlation; too many: alternation.
 *
 * @example
 * runsTest(Float64Array.of(1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2)).statistic; // > 0: too many runs
 */
export function runsTest(values: NumericSamples, opts: { threshold?: number } = {}): RunsResult {
  const n = values.length;
  requireSamples(n, 10, 'runs test');
  let threshold = opts.threshold;
  if (threshold === undefined) {
    const s = sortedCopy(values);
    threshold = n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  }
  let above = 0;
  let below = 0;
  let runs = 0;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const side = v > threshold ? 1 : v < threshold ? -1 : 0;
    if (side === 0) continue;
    if (side > 0) above++;
    else below++;
    if (side !== prev) runs++;
    prev = side;
  }
  const N = above + below;
  if (above === 0 || below === 0) throw new InvalidParameterError('runs test: all samples lie on one side of the threshold');
  const mu = (2 * above * below) / N + 1;
  const variance = (2 * above * below * (2 * above * below - N)) / (N * N * (N - 1));
  const z = (runs - mu) / Math.sqrt(variance);
  return { statistic: z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))), runs, expectedRuns: mu, above, below, threshold };
}
