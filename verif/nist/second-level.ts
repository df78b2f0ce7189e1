/**
 * The second-level analysis of SP 800-22 §4.2 over m sequences: for every p-value of the battery (each template, each
 * random-excursion state, ...), (1) the proportion of sequences passing at α must lie in p̂ ± 3 √(p̂(1 - p̂)/m),
 * p̂ = 1 - α; (2) the p-values must be uniform: their counts in ten bins of [0, 1), χ² = Σ (F_i - m/10)² / (m/10),
 * P-value_T = igamc(9/2, χ²/2) >= 0.0001 (computed only with at least 55 sequences, as the standard asks).
 * A test with many p-values (148 templates) fails some checks by chance; {@link nistSecondLevel} also judges each
 * test as a family: its number of failing proportion checks against the binomial law of that number, and its smallest
 * uniformity P-value_T against 0.0001 divided by its number of checks.
 */
import { InsufficientDataError } from '../errors.ts';
import { binomialCdf, igamc } from '../stats/special.ts';
import { NIST_ALPHA } from './common.ts';
import type { NistBatteryResult } from './battery.ts';

/** Second-level results of one p-value of the battery (e.g. template 000000001). */
export interface SecondLevelCheck {
  readonly test: string;
  readonly index: number;
  /** Sequences that produced this p-value (random excursions skip some). */
  readonly sequences: number;
  readonly proportion: number;
  readonly interval: readonly [number, number];
  readonly proportionOk: boolean;
  /** P-value_T of the uniformity test; null below 55 sequences. */
  readonly uniformityP: number | null;
  readonly uniformityOk: boolean;
}

/** One test of the battery over all its p-values. */
export interface SecondLevelTest {
  readonly test: string;
  readonly checks: readonly SecondLevelCheck[];
  /** Checks failing the proportion or the uniformity criterion (SP 800-22's per-check verdicts). */
  readonly failing: number;
  /** Probability that a perfect generator fails at least as many proportion checks (exact binomial masses). */
  readonly proportionP: number;
  /** Smallest uniformity P-value_T over the checks (1 without any). */
  readonly minUniformityP: number;
  /** proportionP >= familyAlpha and minUniformityP >= 0.0001 / (number of checks). */
  readonly passed: boolean;
}

/** Result of {@link nistSecondLevel}. */
export interface SecondLevelResult {
  readonly sequences: number;
  readonly tests: readonly SecondLevelTest[];
  readonly passed: boolean;
}

/** Uniformity P-value_T of SP 800-22 §4.2.2 (ten bins). */
export function pValueUniformity(pValues: readonly number[]): number {
  const m = pValues.length;
  const bins = new Float64Array(10);
  for (const p of pValues) bins[Math.min(9, Math.floor(p * 10))]++;
  let chi = 0;
  for (const f of bins) chi += (f - m / 10) ** 2 / (m / 10);
  return igamc(4.5, chi / 2);
}

/**
 * Runs the second-level analysis on battery results of m sequences. `familyAlpha` (default 0.001) judges each test's
 * number of failing proportion checks: a count whose probability under a perfect generator is below it fails the test
 * (the chance per check is the exact binomial mass below the interval, about 0.02 at m = 60, 0.003 at m = 1000).
 * @example
 * const r = nistSecondLevel(seqs.map((s) => nistBattery(s)));
 * r.tests.filter((t) => !t.passed).map((t) => t.test);
 */
export function nistSecondLevel(results: readonly NistBatteryResult[], opts: { alpha?: number; familyAlpha?: number } = {}): SecondLevelResult {
  const alpha = opts.alpha ?? NIST_ALPHA;
  const familyAlpha = opts.familyAlpha ?? 0.001;
  if (results.length < 2) throw new InsufficientDataError(`second-level analysis needs several sequences, got ${results.length}`);
  const names = results[0]!.entries.map((e) => e.test);
  const tests = names.map((test): SecondLevelTest => {
    const perIndex: number[][] = [];
    for (const r of results) {
      const e = r.entries.find((x) => x.test === test);
      if (!e || e.skipped) continue;
      e.pValues.forEach((p, i) => (perIndex[i] ??= []).push(p));
    }
    let chance = 0;
    let minU = 1;
    const checks = perIndex.map((ps, index): SecondLevelCheck => {
      const m = ps.length;
      const pass = ps.filter((p) => p >= alpha).length;
      const ph = 1 - alpha;
      const half = 3 * Math.sqrt((ph * (1 - ph)) / m);
      const interval: [number, number] = [ph - half, Math.min(1, ph + half)];
      const proportion = pass / m;
      const uniformityP = m >= 55 ? pValueUniformity(ps) : null;
      // exact chance that a perfect generator's pass count falls below the interval
      const below = Math.ceil(interval[0] * m - 1e-9) - 1;
      chance = Math.max(chance, below >= 0 ? binomialCdf(below, m, ph) : 0);
      if (uniformityP !== null) minU = Math.min(minU, uniformityP);
      return { test, index, sequences: m, proportion, interval, proportionOk: proportion >= interval[0] - 1e-12, uniformityP, uniformityOk: uniformityP === null || uniformityP >= 1e-4 };
    });
    const failing = checks.filter((c) => !c.proportionOk || !c.uniformityOk).length;
    const propFails = checks.filter((c) => !c.proportionOk).length;
    const proportionP = propFails ? 1 - binomialCdf(propFails - 1, checks.length, Math.min(1, chance)) : 1;
    const passed = proportionP >= familyAlpha && minU >= 1e-4 / Math.max(1, checks.length);
    return { test, checks, failing, proportionP, minUniformityP: minU, passed };
  });
  return { sequences: results.length, tests, passed: tests.every((t) => t.passed) };
}
