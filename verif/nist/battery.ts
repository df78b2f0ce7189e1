/** The whole SP 800-22 battery with the standard's recommended parameters, on one bit stream. */
import { InsufficientDataError } from '../errors.ts';
import { checkBits, NIST_ALPHA, type Bits, type NistResult } from './common.ts';
import { blockFrequencyTest, frequencyTest } from './frequency.ts';
import { longestRunTest, runsTestNist } from './runs.ts';
import { rankTest } from './rank.ts';
import { dftTest } from './dft.ts';
import { nonOverlappingTemplateBattery, overlappingTemplateTest } from './templates.ts';
import { universalTest } from './universal.ts';
import { linearComplexityTest } from './linear-complexity.ts';
import { approximateEntropyTest, serialTest } from './serial.ts';
import { cumulativeSumsTest, randomExcursionsTest, randomExcursionsVariantTest } from './random-walks.ts';

/** Parameters of the battery (defaults: those of SP 800-22 §2 and the reference code's defaults). */
export interface NistBatteryOptions {
  readonly blockFrequencyM?: number;
  readonly templateLength?: number;
  readonly overlappingTemplateLength?: number;
  readonly approximateEntropyM?: number;
  readonly serialM?: number;
  readonly linearComplexityM?: number;
}

/** One test of the battery: its p-values (several for the multi-valued tests), or why it was skipped. */
export interface NistBatteryEntry {
  readonly test: string;
  /** All p-values the test produced (e.g. 148 for the non-overlapping templates of length 9). */
  readonly pValues: readonly number[];
  /** Whether every p-value is >= 0.01 (true for a skipped test). */
  readonly passed: boolean;
  /** Reason the test was not applicable to this stream (too short, too few cycles). */
  readonly skipped?: string;
  /** Milliseconds spent. */
  readonly ms: number;
}

/** Result of {@link nistBattery}. */
export interface NistBatteryResult {
  readonly entries: readonly NistBatteryEntry[];
  /** Number of p-values below 0.01 over the whole battery. */
  readonly failures: number;
  /** Number of p-values computed. */
  readonly pValueCount: number;
}

/**
 * Runs all 15 tests of SP 800-22 rev 1a on one stream (10^6 bits recommended). Each p-value is judged at 0.01; with
 * ~190 p-values a perfect generator fails about two of them on average, so judge a battery by the count and spread of
 * its p-values over many streams (SP 800-22 §4), not by one failure.
 *
 * @example
 * const r = nistBattery(sampleBits(xoshiro128ss(1), 1_000_000));
 * r.entries.map((e) => `${e.test}: ${Math.min(...e.pValues)}`);
 */
export function nistBattery(bits: Bits, opts: NistBatteryOptions = {}): NistBatteryResult {
  checkBits(bits, 'NIST battery');
  const run = (test: string, f: () => readonly number[]): NistBatteryEntry => {
    const t0 = performance.now();
    try {
      const pValues = f();
      return { test, pValues, passed: pValues.every((p) => p >= NIST_ALPHA), ms: performance.now() - t0 };
    } catch (e) {
      if (e instanceof InsufficientDataError) return { test, pValues: [], passed: true, skipped: e.message, ms: performance.now() - t0 };
      throw e;
    }
  };
  const one = (r: NistResult): number[] => [r.pValue];
  const excursions = (r: { applicable: boolean; cycles: number; states: readonly { pValue: number }[] }): number[] => {
    if (!r.applicable) throw new InsufficientDataError(`only ${r.cycles} cycles in the random walk`);
    return r.states.map((s) => s.pValue);
  };
  const entries = [
    run('frequency', () => one(frequencyTest(bits))),
    run('block-frequency', () => one(blockFrequencyTest(bits, opts.blockFrequencyM ?? 128))),
    run('cumulative-sums', () => [cumulativeSumsTest(bits, 'forward').pValue, cumulativeSumsTest(bits, 'reverse').pValue]),
    run('runs', () => one(runsTestNist(bits))),
    run('longest-run', () => one(longestRunTest(bits))),
    run('rank', () => one(rankTest(bits))),
    run('dft', () => one(dftTest(bits))),
    run('non-overlapping-template', () => nonOverlappingTemplateBattery(bits, opts.templateLength ?? 9).map((r) => r.pValue)),
    run('overlapping-template', () => one(overlappingTemplateTest(bits, opts.overlappingTemplateLength ?? 9))),
    run('universal', () => one(universalTest(bits))),
    run('approximate-entropy', () => one(approximateEntropyTest(bits, opts.approximateEntropyM ?? 10))),
    run('random-excursions', () => excursions(randomExcursionsTest(bits))),
    run('random-excursions-variant', () => excursions(randomExcursionsVariantTest(bits))),
    run('serial', () => [...serialTest(bits, opts.serialM ?? 16).pValues]),
    run('linear-complexity', () => one(linearComplexityTest(bits, opts.linearComplexityM ?? 500))),
  ];
  let failures = 0;
  let pValueCount = 0;
  for (const e of entries) {
    pValueCount += e.pValues.length;
    for (const p of e.pValues) if (p < NIST_ALPHA) failures++;
  }
  return { entries, failures, pValueCount };
}
