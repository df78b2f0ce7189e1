import { describe, expect, it } from 'vitest';
import { chiSquareGof } from '../stats/chi-square.ts';
import { ksTest, lillieforsTest } from '../stats/kolmogorov-smirnov.ts';
import {
  AD_CRITICAL_ESTIMATED_NORMAL,
  AD_CRITICAL_SPECIFIED,
  andersonDarlingPValueEstimated,
  andersonDarlingPValueSpecified,
  andersonDarlingTest,
} from '../stats/anderson-darling.ts';
import { momentTest } from '../stats/moments.ts';
import { exactBinomialTest, tailTest } from '../stats/tails.ts';
import { autocorrelationTest, runsTest } from '../stats/serial-dependence.ts';
import { latticePmf } from '../stats/lattice.ts';
import { binomialPmf } from '../stats/bit-sums.ts';
import { normalCdf } from '../stats/special.ts';
import { xoshiro128ss } from '../props/prng.ts';
import { sampleLattice, sampleNormal } from '../props/samplers.ts';
import { InsufficientDataError } from '../errors.ts';

// Reference values below were computed with SciPy 1.17.1 (scipy.stats.kstest / anderson / binomtest / chisquare).
const X = Float64Array.of(
  0.12, -1.31, 0.87, 2.05, -0.44, 0.31, -0.92, 1.48, -0.07, 0.66, -1.85, 0.23, 1.02, -0.58, 0.49, -0.21, 1.77, -1.12, 0.05,
  0.94, -0.35, 0.71, -2.41, 0.18, 1.33,
);

describe('chi-square goodness of fit', () => {
  it('matches scipy.stats.chisquare', () => {
    const codes = Int32Array.from([...Array(18).fill(0), ...Array(30).fill(1), ...Array(35).fill(2), ...Array(17).fill(3)]);
    const r = chiSquareGof(codes, latticePmf({ offset: 0, probs: [0.2, 0.3, 0.3, 0.2] }));
    expect(r.statistic).toBeCloseTo(1.4833333333333334, 12);
    expect(r.pValue).toBeCloseTo(0.686122296058606, 12);
    expect(r.df).toBe(3);
  });
  it('merges adjacent cells with expected count < 5 and folds the leftover tail into the last group', () => {
    const pmf = latticePmf({ offset: 10, probs: [0.01, 0.02, 0.47, 0.47, 0.02, 0.01] });
    const codes = Int32Array.from({ length: 100 }, (_, i) => 10 + (i % 6));
    const r = chiSquareGof(codes, pmf);
    expect(r.cells.map((c) => [c.fromCode, c.toCode])).toEqual([
      [10, 12],
      [13, 15],
    ]);
    expect(r.cells[0]!.expected).toBeCloseTo(50, 12);
    expect(r.df).toBe(1);
  });
  it('fails at once on a code the pmf cannot produce', () => {
    const r = chiSquareGof(Int32Array.of(0, 1, 1, 0, 5), latticePmf({ offset: 0, probs: [0.5, 0.5] }), { minExpected: 1 });
    expect(r.pValue).toBe(0);
    expect(r.impossible).toBe(1);
  });
  it('refuses a sample too small to leave a degree of freedom', () => {
    expect(() => chiSquareGof(Int32Array.of(0, 1), latticePmf({ offset: 0, probs: [0.5, 0.5] }))).toThrow(InsufficientDataError);
  });
  it('is calibrated: samples from the pmf pass', () => {
    const pmf = binomialPmf(40, 0.5);
    const r = chiSquareGof(sampleLattice(xoshiro128ss(77), pmf, 100_000), pmf);
    expect(r.pValue).toBeGreaterThan(0.01);
  });
});

describe('Kolmogorov-Smirnov', () => {
  it('matches scipy (asymptotic D and p-value within the Stephens correction)', () => {
    const r = ksTest(X, normalCdf);
    expect(r.statistic).toBeCloseTo(0.11993880583837246, 14);
    // scipy exact: 0.8234; limiting distribution: 0.8647. Stephens' correction sits close to exact.
    expect(Math.abs(r.pValue - 0.823429581467588)).toBeLessThan(0.02);
  });
  it('critical values correspond to their significance levels', () => {
    const n = 1000;
    const fake = Float64Array.from({ length: n }, (_, i) => (i + 0.5) / n);
    const r = ksTest(fake, (x) => Math.min(1, Math.max(0, x)));
    expect(r.criticalValues[0.05] * Math.sqrt(n)).toBeCloseTo(1.358 / (1 + 0.12 / Math.sqrt(n) + 0.11 / n), 10);
  });
  it('Lilliefors p-value agrees with Stephens` estimated-normal critical points', () => {
    // A sample whose D* sits at the 5 % point must get p ~ 0.05: check the p-value function through the API's D.
    const r = lillieforsTest(sampleNormal(xoshiro128ss(3), 500, 10, 2));
    expect(r.pValue).toBeGreaterThan(0.01);
    expect(r.criticalValues[0.05]).toBeCloseTo(0.895 / (Math.sqrt(500) - 0.01 + 0.85 / Math.sqrt(500)), 12);
  });
});

describe('Anderson-Darling', () => {
  it('A² matches scipy for the estimated and fully specified normal', () => {
    const est = andersonDarlingTest(X, { kind: 'estimated-normal' });
    expect(est.a2).toBeCloseTo(0.1469928363713997, 12);
    const spec = andersonDarlingTest(X, { kind: 'normal' });
    expect(spec.a2).toBeCloseTo(0.47046750525194625, 12);
    const viaCdf = andersonDarlingTest(X, { kind: 'cdf', cdf: normalCdf });
    expect(viaCdf.a2).toBeCloseTo(spec.a2, 10);
  });
  it("p-values reproduce Stephens' tables at their critical values (fully specified, Case 0)", () => {
    for (const [alpha, crit] of Object.entries(AD_CRITICAL_SPECIFIED)) {
      expect(Math.abs(andersonDarlingPValueSpecified(crit, 1e6) - Number(alpha))).toBeLessThan(0.0006);
    }
  });
  it("p-values reproduce D'Agostino-Stephens at their critical values (estimated mean and variance)", () => {
    for (const [alpha, crit] of Object.entries(AD_CRITICAL_ESTIMATED_NORMAL)) {
      expect(Math.abs(andersonDarlingPValueEstimated(crit) - Number(alpha))).toBeLessThan(0.0011);
    }
  });
});

describe('moments', () => {
  it('standard errors reduce to 1/n, 2/n, 6/n, 24/n for a normal target', () => {
    const n = 100_000;
    const r = momentTest(sampleNormal(xoshiro128ss(8), n), { kind: 'normal' });
    expect(r.mean.standardError).toBeCloseTo(Math.sqrt(1 / n), 12);
    expect(r.variance.standardError).toBeCloseTo(Math.sqrt(2 / n), 12);
    expect(r.skewness.standardError).toBeCloseTo(Math.sqrt(6 / n), 12);
    expect(r.excessKurtosis.standardError).toBeCloseTo(Math.sqrt(24 / n), 12);
    expect(r.variance.ci[0]).toBeLessThan(1);
    expect(r.variance.ci[1]).toBeGreaterThan(1);
    expect(r.pValue).toBeGreaterThan(0.01);
  });
  it('uses the exact moments of a lattice target', () => {
    const pmf = binomialPmf(10, 0.5);
    const r = momentTest(sampleLattice(xoshiro128ss(9), pmf, 50_000), pmf);
    expect(r.variance.target).toBeCloseTo(2.5, 12);
    expect(r.excessKurtosis.target).toBeCloseTo(-0.2, 12);
    expect(r.pValue).toBeGreaterThan(0.01);
  });
});

describe('tails and the exact binomial test', () => {
  it('matches scipy.stats.binomtest', () => {
    const cases: [number, number, number, number][] = [
      [7, 10, 0.5, 0.34375],
      [3, 100, 0.1, 0.017843766383309492],
      [20, 100, 0.1, 0.0023002489189653513],
      [4520, 100000, 0.0455, 0.6544150426309553],
      [4710, 100000, 0.0455, 0.0155068006831474],
      [0, 50, 0.01, 1],
      [27, 1000000, 0.0000633, 4.2398417636393006e-7],
    ];
    for (const [k, n, p, expected] of cases) {
      expect(exactBinomialTest(k, n, p).pValue / expected).toBeCloseTo(1, 6);
    }
  });
  it('counts both tails beyond k sigma', () => {
    const v = Float64Array.of(0, 2.5, -2.5, 3.5, -4.5, 0.1);
    const r = tailTest(v, { ks: [2, 3, 4] });
    expect(r.tails.map((t) => t.statistic)).toEqual([4, 2, 1]);
  });
});

describe('serial dependence', () => {
  it('autocorrelation of an alternating sequence is -1 at lag 1 and +1 at lag 2 (asymptotically)', () => {
    const v = Float64Array.from({ length: 1000 }, (_, i) => (i % 2 ? 1 : -1));
    const r = autocorrelationTest(v, { maxLag: 2 });
    expect(r.lags[0]!.r).toBeCloseTo(-0.999, 3);
    expect(r.lags[1]!.r).toBeCloseTo(0.998, 3);
    expect(r.pValue).toBe(0);
  });
  it('runs test: alternation gives too many runs, blocks too few', () => {
    const alt = Float64Array.from({ length: 100 }, (_, i) => i % 2);
    const r = runsTest(alt);
    expect(r.runs).toBe(100);
    expect(r.statistic).toBeGreaterThan(9);
    const blocks = Float64Array.from({ length: 100 }, (_, i) => (i < 50 ? 0 : 1));
    expect(runsTest(blocks).statistic).toBeLessThan(-9);
    // Expected count under independence: 2·n1·n2/N + 1.
    expect(r.expectedRuns).toBeCloseTo(51, 12);
  });
});
