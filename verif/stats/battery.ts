/**
 * The check battery for hardware noise samples (step 1 of the two-step method plus the whole-system checks), run as
 * one family with Bonferroni control: chi-square against the predicted pmf, moments, tail counts, autocorrelation
 * and runs. Each check is judged at α / (number of checks).
 */
import { InvalidParameterError } from '../errors.ts';
import { chiSquareGof } from './chi-square.ts';
import { latticeValues, pmfMoments, type LatticePmf } from './lattice.ts';
import { momentTest } from './moments.ts';
import { tailTest } from './tails.ts';
import { autocorrelationTest, runsTest } from './serial-dependence.ts';
import type { IntegerSamples } from './samples.ts';

/** One check of the battery. */
export interface BatteryCheck {
  readonly name: 'chi-square' | 'moments' | 'tails' | 'autocorrelation' | 'runs';
  readonly statistic: number;
  readonly pValue: number;
  readonly passed: boolean;
  readonly ms: number;
}

/** Result of {@link noiseCheckBattery}. */
export interface NoiseBatteryResult {
  readonly checks: readonly BatteryCheck[];
  /** α / number of checks. */
  readonly alphaPerCheck: number;
  /** True when every check passed. */
  readonly passed: boolean;
}

/** Options of {@link noiseCheckBattery}. */
export interface NoiseBatteryOptions {
  /** Family-wise significance level. Default 0.01. */
  readonly alpha?: number;
  /** Autocorrelation lags 1..maxLag. Default 10. */
  readonly maxLag?: number;
  /** Tail thresholds in standard deviations of the predicted pmf. Default [2, 3, 4]. */
  readonly ks?: readonly number[];
}

/**
 * Runs the five checks on integer codes against the predicted lattice pmf (its grid maps codes to real values).
 * Power at 10^6 samples: a stuck or missing bit, uniform instead of normal, a 1 % bias, a 2 % variance error and a
 * lag-1 correlation of 0.05 all fail (see verif/test/power.test.ts).
 *
 * @example
 * const predicted = treePmf(nodes, { signed: true, step: 1 / 32 });
 * const r = noiseCheckBattery(codes, predicted);
 * r.passed; // false if any check rejects at 0.01 / 5
 */
export function noiseCheckBattery(codes: IntegerSamples, predicted: LatticePmf, opts: NoiseBatteryOptions = {}): NoiseBatteryResult {
  const alpha = opts.alpha ?? 0.01;
  if (!(alpha > 0 && alpha < 1)) throw new InvalidParameterError(`alpha must be in (0, 1), got ${alpha}`);
  const alphaPerCheck = alpha / 5;
  const values = latticeValues(codes, predicted);
  const m = pmfMoments(predicted);
  const timed = (name: BatteryCheck['name'], f: () => { statistic: number; pValue: number }): BatteryCheck => {
    const t0 = performance.now();
    const r = f();
    return { name, statistic: r.statistic, pValue: r.pValue, passed: r.pValue >= alphaPerCheck, ms: performance.now() - t0 };
  };
  const checks = [
    timed('chi-square', () => chiSquareGof(codes, predicted)),
    timed('moments', () => momentTest(values, predicted)),
    timed('tails', () => tailTest(values, { ks: opts.ks ?? [2, 3, 4], mean: m.mean, sd: Math.sqrt(m.variance), expected: predicted })),
    timed('autocorrelation', () => autocorrelationTest(values, { maxLag: opts.maxLag ?? 10 })),
    timed('runs', () => runsTest(codes)),
  ];
  return { checks, alphaPerCheck, passed: checks.every((c) => c.passed) };
}
