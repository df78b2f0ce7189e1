/**
 * Lattice data and the tests for continuous data: KS and Anderson-Darling refuse a discrete null with a typed error
 * (their statistic and null law assume continuity: KS reported D = 0.198 for a perfect binomial(16) sample whose true
 * sup distance is 0.0014); the tail test classifies lattice points on mean ± k sd the same way however they were
 * computed.
 */
import { describe, expect, it } from 'vitest';
import { ksTest } from '../stats/kolmogorov-smirnov.ts';
import { andersonDarlingTest } from '../stats/anderson-darling.ts';
import { tailTest } from '../stats/tails.ts';
import { latticePmf } from '../stats/lattice.ts';
import { binomialPmf } from '../stats/bit-sums.ts';
import { normalCdf } from '../stats/special.ts';
import { sampleLattice } from '../props/samplers.ts';
import { xoshiro128ss } from '../props/prng.ts';
import { DiscreteNullError } from '../errors.ts';

const pmf = binomialPmf(16, 0.5);
const binomialCdf = (x: number): number => {
  let s = 0;
  for (let k = 0; k <= Math.min(16, Math.floor(x + 1e-12)); k++) s += pmf.probs[k]!;
  return Math.min(1, s);
};

describe('continuous-null tests on lattice data', () => {
  const codes = Float64Array.from(sampleLattice(xoshiro128ss(5), pmf, 20_000));

  it('KS refuses a binomial CDF with DiscreteNullError', () => {
    expect(() => ksTest(codes, binomialCdf)).toThrow(DiscreteNullError);
  });

  it('Anderson-Darling refuses a discrete cdf null with DiscreteNullError', () => {
    expect(() => andersonDarlingTest(codes, { kind: 'cdf', cdf: binomialCdf })).toThrow(DiscreteNullError);
  });

  it('a continuous null on tied data is still accepted, with D taken over runs of ties', () => {
    // Data rounded to 0.5 against N(0,1): ties but a continuous null; D+ and D- match the definition on a tiny case.
    const r = ksTest(Float64Array.of(0, 0, 0, 0.5, -0.5), normalCdf);
    const f0 = normalCdf(0);
    const dPlus = Math.max(1 / 5 - normalCdf(-0.5), 4 / 5 - f0, 1 - normalCdf(0.5));
    const dMinus = Math.max(normalCdf(-0.5) - 0, f0 - 1 / 5, normalCdf(0.5) - 4 / 5);
    expect(r.dPlus).toBeCloseTo(dPlus, 14);
    expect(r.dMinus).toBeCloseTo(dMinus, 14);
  });
});

describe('tail test on lattice points exactly on a threshold', () => {
  // Codes -3..3 with step 0.1 and sd 0.1: the points ±0.3 lie exactly on 3 sd. Computed as 3 * 0.1 they come out
  // 3.0000000000000004 sd, written 0.3 they come out 2.9999999999999996 sd.
  const lattice = latticePmf({ offset: -3, probs: new Array(7).fill(1 / 7), step: 0.1 });
  const literal = Array.from({ length: 7000 }, (_, i) => [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3][i % 7]!);
  const computed = Array.from({ length: 7000 }, (_, i) => ((i % 7) - 3) * 0.1);

  it('counts them as on the threshold (not beyond), however the value was formed', () => {
    for (const values of [literal, computed]) {
      const r = tailTest(values, { ks: [3], sd: 0.1, expected: lattice });
      expect(r.tails[0]!.statistic).toBe(0);
      expect(r.tails[0]!.probability).toBe(0);
      expect(r.pValue).toBe(1);
    }
  });

  it('still counts points beyond it (and fails a sample with too many of them)', () => {
    const r = tailTest(literal, { ks: [2.5], sd: 0.1, expected: lattice });
    expect(r.tails[0]!.probability).toBeCloseTo(2 / 7, 12);
    expect(r.pValue).toBeGreaterThan(0.01);
    const heavy = literal.map((v, i) => (i % 7 === 3 ? 0.3 : v));
    expect(tailTest(heavy, { ks: [2.5], sd: 0.1, expected: lattice }).pValue).toBeLessThan(1e-6);
  });
});
