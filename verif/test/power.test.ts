/**
 * Power checks: every check must fail on the failure mode it exists for, at the sample size used here, and pass on a
 * good generator; all streams come from fixed seeds, so the outcome is deterministic.
 */
import { describe, expect, it } from 'vitest';
import { noiseCheckBattery } from '../stats/battery.ts';
import { chiSquareGof } from '../stats/chi-square.ts';
import { momentTest } from '../stats/moments.ts';
import { tailTest } from '../stats/tails.ts';
import { andersonDarlingTest } from '../stats/anderson-darling.ts';
import { ksTest, lillieforsTest } from '../stats/kolmogorov-smirnov.ts';
import { latticeValues } from '../stats/lattice.ts';
import { normalCdf } from '../stats/special.ts';
import { xoshiro128ss } from '../props/prng.ts';
import { sampleBits, sampleNormal } from '../props/samplers.ts';
import { frequencyTest, blockFrequencyTest } from '../nist/frequency.ts';
import { longestRunTest, runsTestNist } from '../nist/runs.ts';
import { rankTest } from '../nist/rank.ts';
import { dftTest } from '../nist/dft.ts';
import { nonOverlappingTemplateTest, overlappingTemplateTest } from '../nist/templates.ts';
import { universalTest } from '../nist/universal.ts';
import { linearComplexityTest } from '../nist/linear-complexity.ts';
import { approximateEntropyTest, serialTest } from '../nist/serial.ts';
import { cumulativeSumsTest, randomExcursionsTest, randomExcursionsVariantTest } from '../nist/random-walks.ts';
import { nistBattery } from '../nist/battery.ts';
import {
  biasedWords,
  correlatedBits,
  correlatedWords,
  goodWords,
  missingLsbWords,
  PREDICTED,
  quantisedNormalWords,
  stuckBitWords,
  uniformWords,
} from './fixtures/faulty.ts';

const N = 1_000_000;
const ALPHA = 0.01;

describe('noise check battery on 10^6 8-bit words', () => {
  it('passes a good MSB-first tree generator and quantised normal noise', () => {
    expect(noiseCheckBattery(goodWords(1, N), PREDICTED).passed).toBe(true);
    expect(noiseCheckBattery(quantisedNormalWords(2, N), PREDICTED).passed).toBe(true);
  });

  const failing = (codes: Int32Array, check: string): void => {
    const r = noiseCheckBattery(codes, PREDICTED);
    expect(r.passed).toBe(false);
    expect(r.checks.find((c) => c.name === check)!.passed).toBe(false);
  };
  it('chi-square fails on a stuck bit', () => failing(stuckBitWords(3, N), 'chi-square'));
  it('chi-square and moments fail on a missing LSB', () => {
    failing(missingLsbWords(4, N), 'chi-square');
    failing(missingLsbWords(4, N), 'moments');
  });
  it('chi-square, moments and tails fail on uniform instead of normal', () => {
    for (const c of ['chi-square', 'moments', 'tails']) failing(uniformWords(5, N), c);
  });
  it('chi-square and moments fail on a 1 % sign bias', () => {
    failing(biasedWords(6, N), 'chi-square');
    failing(biasedWords(6, N), 'moments');
  });
  it('moments fail on a variance 2 % too large (and the variance z-test names it)', () => {
    const codes = quantisedNormalWords(7, N, 0.02);
    failing(codes, 'moments');
    const r = momentTest(latticeValues(codes, PREDICTED), PREDICTED);
    expect(r.variance.pValue).toBeLessThan(ALPHA / 4);
    expect(r.mean.pValue).toBeGreaterThan(ALPHA / 4);
  });
  it('autocorrelation and runs fail on lag-1 correlation 0.05, while the marginal checks pass', () => {
    const codes = correlatedWords(8, N, 0.05);
    failing(codes, 'autocorrelation');
    failing(codes, 'runs');
    expect(chiSquareGof(codes, PREDICTED).pValue).toBeGreaterThan(ALPHA);
  });
  it('tails fail when the generator cannot reach beyond 3 sigma', () => {
    const codes = goodWords(9, N);
    for (let i = 0; i < codes.length; i++) codes[i] = Math.max(-96, Math.min(96, codes[i]!));
    const r = tailTest(latticeValues(codes, PREDICTED), { ks: [3] });
    expect(r.pValue).toBeLessThan(ALPHA);
  });
});

describe('continuous-noise tests on 10^5 samples', () => {
  const n = 100_000;
  it('KS, Lilliefors and Anderson-Darling pass N(0,1) noise', () => {
    const x = sampleNormal(xoshiro128ss(10), n);
    expect(ksTest(x, normalCdf).pValue).toBeGreaterThan(ALPHA);
    expect(lillieforsTest(x).pValue).toBeGreaterThan(ALPHA);
    expect(andersonDarlingTest(x, { kind: 'normal' }).pValue).toBeGreaterThan(ALPHA);
    expect(andersonDarlingTest(x, { kind: 'estimated-normal' }).pValue).toBeGreaterThan(ALPHA);
  });
  it('all fail on uniform noise of the same variance', () => {
    const rng = xoshiro128ss(11);
    const x = Float64Array.from({ length: n }, () => (rng.nextFloat() - 0.5) * Math.sqrt(12));
    expect(ksTest(x, normalCdf).pValue).toBeLessThan(ALPHA);
    expect(lillieforsTest(x).pValue).toBeLessThan(ALPHA);
    expect(andersonDarlingTest(x, { kind: 'normal' }).pValue).toBeLessThan(ALPHA);
    expect(andersonDarlingTest(x, { kind: 'estimated-normal' }).pValue).toBeLessThan(ALPHA);
  });
  it('the fully specified tests fail on a 2 % variance error that the estimated-parameter tests cannot see', () => {
    const x = sampleNormal(xoshiro128ss(12), 10 * n, 0, Math.sqrt(1.02));
    expect(andersonDarlingTest(x, { kind: 'normal' }).pValue).toBeLessThan(ALPHA);
    expect(andersonDarlingTest(x, { kind: 'estimated-normal' }).pValue).toBeGreaterThan(ALPHA);
  });
  it('a KS test of lattice output against the continuous normal rejects it: why step 1 uses the pmf', () => {
    const codes = goodWords(13, N);
    expect(ksTest(latticeValues(codes, PREDICTED), normalCdf).pValue).toBeLessThan(ALPHA);
    expect(chiSquareGof(codes, PREDICTED).pValue).toBeGreaterThan(ALPHA);
  });
});

describe('NIST SP 800-22 power on 10^6 bits', () => {
  it('a good generator passes every test (each judged at 0.01 / its number of p-values)', () => {
    // Fixed seed whose walk has >= 500 cycles, so the excursion tests apply (about half of 10^6-bit streams do).
    const r = nistBattery(sampleBits(xoshiro128ss(16), N));
    for (const e of r.entries) {
      expect(e.skipped).toBeUndefined();
      expect(Math.min(...e.pValues)).toBeGreaterThan(ALPHA / e.pValues.length);
    }
  });
  it('frequency, block frequency and cumulative sums fail on a 1 % bias', () => {
    const bits = sampleBits(xoshiro128ss(15), N, 0.51);
    expect(frequencyTest(bits).pValue).toBeLessThan(ALPHA);
    expect(cumulativeSumsTest(bits, 'forward').pValue).toBeLessThan(ALPHA);
    expect(cumulativeSumsTest(bits, 'reverse').pValue).toBeLessThan(ALPHA);
  });
  it('block frequency fails on blocks alternately biased by ±3 % (overall balanced)', () => {
    const rng = xoshiro128ss(16);
    const bits = new Uint8Array(N);
    for (let i = 0; i < N; i++) bits[i] = rng.nextFloat() < (Math.floor(i / 128) % 2 ? 0.53 : 0.47) ? 1 : 0;
    expect(frequencyTest(bits).pValue).toBeGreaterThan(ALPHA);
    expect(blockFrequencyTest(bits, 128).pValue).toBeLessThan(ALPHA);
  });
  it('runs, serial and approximate entropy fail on lag-1 correlation 0.05', () => {
    const bits = correlatedBits(xoshiro128ss(17), N, 0.05);
    expect(runsTestNist(bits).pValue).toBeLessThan(ALPHA);
    expect(serialTest(bits, 16).pValue).toBeLessThan(ALPHA);
    expect(approximateEntropyTest(bits, 10).pValue).toBeLessThan(ALPHA);
  });
  it('longest run fails when runs of ones are cut at 12', () => {
    const bits = sampleBits(xoshiro128ss(18), N);
    let run = 0;
    for (let i = 0; i < N; i++) {
      if (bits[i] && run === 12) bits[i] = 0;
      run = bits[i] ? run + 1 : 0;
    }
    expect(longestRunTest(bits).pValue).toBeLessThan(ALPHA);
  });
  it('rank fails when each 32 x 32 matrix has a dependent row', () => {
    const bits = sampleBits(xoshiro128ss(19), N);
    for (let m = 0; m + 1024 <= N; m += 1024) for (let j = 0; j < 32; j++) bits[m + 31 * 32 + j] = bits[m + j]! ^ bits[m + 32 + j]!;
    expect(rankTest(bits).pValue).toBeLessThan(ALPHA);
  });
  it('DFT fails on periodic features', () => {
    const bits = sampleBits(xoshiro128ss(20), N);
    for (let i = 0; i < N; i++) {
      if (i % 101 < 2) bits[i] = 0;
      if (i % 107 < 2) bits[i] = 1;
    }
    expect(dftTest(bits).pValue).toBeLessThan(ALPHA);
  });
  it('non-overlapping template fails when 000000001 is over-represented', () => {
    const bits = sampleBits(xoshiro128ss(21), N);
    for (let i = 0; i + 9 <= N; i += 4000) bits.set([0, 0, 0, 0, 0, 0, 0, 0, 1], i);
    expect(nonOverlappingTemplateTest(bits, '000000001').pValue).toBeLessThan(ALPHA);
  });
  it('overlapping template fails when runs of nine ones are over-represented', () => {
    const bits = sampleBits(xoshiro128ss(22), N);
    for (let i = 0; i + 9 <= N; i += 3000) bits.fill(1, i, i + 9);
    expect(overlappingTemplateTest(bits).pValue).toBeLessThan(ALPHA);
  });
  it("Maurer's universal test fails on a compressible (4 % biased) stream", () => {
    expect(universalTest(sampleBits(xoshiro128ss(23), N, 0.54)).pValue).toBeLessThan(ALPHA);
  });
  it('linear complexity fails on an LFSR of degree 200', () => {
    const bits = sampleBits(xoshiro128ss(24), N);
    // x^200 + x^5 + ... : any recurrence of order 200 gives linear complexity <= 200 in every 500-bit block.
    for (let i = 200; i < N; i++) bits[i] = bits[i - 200]! ^ bits[i - 199]! ^ bits[i - 3]!;
    expect(linearComplexityTest(bits, 500).pValue).toBeLessThan(ALPHA);
  });
  it('random excursions and the variant fail on a walk pulled back toward zero (1 % restoring bias, balanced bits)', () => {
    const rng = xoshiro128ss(25);
    const bits = new Uint8Array(N);
    let s = 0;
    for (let i = 0; i < N; i++) {
      bits[i] = rng.nextFloat() < (s > 0 ? 0.49 : s < 0 ? 0.51 : 0.5) ? 1 : 0;
      s += bits[i] ? 1 : -1;
    }
    expect(frequencyTest(bits).pValue).toBeGreaterThan(ALPHA);
    const re = randomExcursionsTest(bits);
    const rv = randomExcursionsVariantTest(bits);
    expect(re.applicable).toBe(true);
    expect(re.pValue).toBeLessThan(ALPHA / 8);
    expect(rv.pValue).toBeLessThan(ALPHA / 18);
  });
});
