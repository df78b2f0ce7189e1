/**
 * Kolmogorov-Smirnov tests of continuous samples: against a fully specified CDF, and against a normal whose mean and
 * variance are estimated from the sample (Lilliefors). For continuous software noise only: lattice output rejects
 * any continuous null once the sample is large (use chi-square against the predicted pmf instead).
 */
import { InvalidParameterError } from '../errors.ts';
import { kolmogorovSurvival, normalCdf } from './special.ts';
import { requireContinuousNull, requireSamples, sortedCopy, type NumericSamples, type TestResult } from './samples.ts';

/** Result of a KS test. */
export interface KsResult extends TestResult {
  /** D = max(D+, D-). */
  readonly statistic: number;
  readonly dPlus: number;
  readonly dMinus: number;
  readonly sampleSize: number;
  /** Critical values of D at significance 0.10, 0.05, 0.01 for this n. */
  readonly criticalValues: { readonly 0.1: number; readonly 0.05: number; readonly 0.01: number };
}

/** D+ and D- over the runs of equal values (F continuous): D+ at the end of a run, D- at its start. */
function dStatistics(sorted: Float64Array, cdf: (x: number) => number): { dPlus: number; dMinus: number } {
  const n = sorted.length;
  let dPlus = 0;
  let dMinus = 0;
  for (let i = 0; i < n;) {
    const x = sorted[i]!;
    let j = i + 1;
    while (j < n && sorted[j] === x) j++;
    const f = cdf(x);
    if (!(f >= 0 && f <= 1)) throw new InvalidParameterError(`cdf returned ${f} at ${x}`);
    dPlus = Math.max(dPlus, j / n - f);
    dMinus = Math.max(dMinus, f - i / n);
    i = j;
  }
  return { dPlus, dMinus };
}

/**
 * One-sample KS test against a fully specified continuous CDF; a CDF that jumps at a sample value (a discrete null,
 * e.g. a binomial) raises `DiscreteNullError`: D and its null distribution hold for continuous nulls only. p-value from the Kolmogorov limit with Stephens'
 * (1970) finite-n correction D (√n + 0.12 + 0.11/√n), accurate to about 1 % of p for n >= 5.
 *
 * @example
 * ksTest(Float64Array.of(-1.2, -0.3, 0.1, 0.4, 1.5), normalCdf).pValue; // ~0.98
 */
export function ksTest(values: NumericSamples, cdf: (x: number) => number): KsResult {
  requireSamples(values.length, 5, 'Kolmogorov-Smirnov');
  const sorted = sortedCopy(values);
  requireContinuousNull(sorted, cdf, 'Kolmogorov-Smirnov');
  const n = sorted.length;
  const { dPlus, dMinus } = dStatistics(sorted, cdf);
  const d = Math.max(dPlus, dMinus);
  const sn = Math.sqrt(n);
  const factor = sn + 0.12 + 0.11 / sn;
  return {
    statistic: d,
    dPlus,
    dMinus,
    sampleSize: n,
    pValue: kolmogorovSurvival(d * factor),
    // Stephens (1974), Case 0: D (√n + 0.12 + 0.11/√n) = 1.224, 1.358, 1.628.
    criticalValues: { 0.1: 1.224 / factor, 0.05: 1.358 / factor, 0.01: 1.628 / factor },
  };
}

/**
 * Lilliefors p-value of D for a normal with estimated mean and variance: Dallal & Wilkinson (1986) for p < 0.1,
 * Stephens' modified statistic polynomial otherwise (the scheme of R's nortest::lillie.test).
 */
function lillieforsP(d: number, n: number): number {
  const kd = n <= 100 ? d : d * Math.pow(n / 100, 0.49);
  const nd = Math.min(n, 100);
  let p = Math.exp(
    -7.01256 * kd * kd * (nd + 2.78019) + 2.99587 * kd * Math.sqrt(nd + 2.78019) - 0.122119 + 0.974598 / Math.sqrt(nd) + 1.67997 / nd,
  );
  if (p > 0.1) {
    const kk = (Math.sqrt(n) - 0.01 + 0.85 / Math.sqrt(n)) * d;
    if (kk <= 0.302) p = 1;
    else if (kk <= 0.5) p = 2.76773 - 19.828315 * kk + 80.709644 * kk ** 2 - 138.55152 * kk ** 3 + 81.218052 * kk ** 4;
    else if (kk <= 0.9) p = -4.901232 + 40.662806 * kk - 97.490286 * kk ** 2 + 94.029866 * kk ** 3 - 32.355711 * kk ** 4;
    else if (kk <= 1.31) p = 6.198765 - 19.558097 * kk + 23.186922 * kk ** 2 - 12.234627 * kk ** 3 + 2.423045 * kk ** 4;
    else p = 0;
  }
  return Math.min(1, Math.max(0, p));
}

/**
 * KS test of normality with mean and variance estimated from the sample (Lilliefors). Critical values of Stephens
 * (1974), Case 3: D (√n - 0.01 + 0.85/√n) = 0.819 (10 %), 0.895 (5 %), 1.035 (1 %).
 *
 * @example
 * lillieforsTest(Float64Array.of(2.1, 1.9, 2.4, 2.0, 1.6, 2.2, 1.8)).pValue; // large: consistent with a normal
 */
export function lillieforsTest(values: NumericSamples): KsResult {
  requireSamples(values.length, 5, 'Lilliefors');
  const sorted = sortedCopy(values);
  const n = sorted.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += sorted[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sorted[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  if (!(sd > 0)) throw new InvalidParameterError('Lilliefors test: all samples are equal');
  const { dPlus, dMinus } = dStatistics(sorted, (x) => normalCdf((x - mean) / sd));
  const d = Math.max(dPlus, dMinus);
  const factor = Math.sqrt(n) - 0.01 + 0.85 / Math.sqrt(n);
  return {
    statistic: d,
    dPlus,
    dMinus,
    sampleSize: n,
    pValue: lillieforsP(d, n),
    criticalValues: { 0.1: 0.819 / factor, 0.05: 0.895 / factor, 0.01: 1.035 / factor },
  };
}
