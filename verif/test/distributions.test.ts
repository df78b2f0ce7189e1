import { describe, expect, it } from 'vitest';
import {
  applyKronecker,
  bitTransitionPower,
  independentBitsPmf,
  markovBitsPmf,
  stationaryBitsPmf,
  wordMassesToPmf,
} from '../stats/bit-words.ts';
import { binomialPmf, poissonBinomialPmf } from '../stats/bit-sums.ts';
import { discretisedNormal, normalMass } from '../stats/discretised-normal.ts';
import { compareToNormal, klDivergence, maxCdfGap, maxReachableZ, momentErrors, totalVariation } from '../stats/distances.ts';
import { latticePmf, pmfMoments, standardised } from '../stats/lattice.ts';
import { treeFromPmf, treePmf, treeWordMasses } from '../stats/sampling-tree.ts';
import { chiSquareGof } from '../stats/chi-square.ts';
import { xoshiro128ss } from '../props/prng.ts';
import { sampleIndependentBits, sampleTree, toSigned } from '../props/samplers.ts';
import { InvalidDistributionError, InvalidParameterError, LatticeMismatchError } from '../errors.ts';
import { normalCdf } from '../stats/special.ts';

/** Explicit 2^n x 2^n transition matrix: Kronecker product T_{n-1} ⊗ ... ⊗ T_0 of the one-step 2x2 matrices. */
function explicitMatrix(tr: readonly { p01: number; p10: number }[]): number[][] {
  let m: number[][] = [[1]];
  for (let k = 0; k < tr.length; k++) {
    const t = [
      [1 - tr[k]!.p01, tr[k]!.p01],
      [tr[k]!.p10, 1 - tr[k]!.p10],
    ];
    // new = t ⊗ m (bit k becomes the most significant so far).
    const size = m.length;
    const next = Array.from({ length: 2 * size }, () => new Array<number>(2 * size).fill(0));
    for (let a = 0; a < 2; a++)
      for (let b = 0; b < 2; b++)
        for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) next[a * size + i]![b * size + j] = t[a]![b]! * m[i]![j]!;
    m = next;
  }
  return m;
}

function vecMat(x: number[], m: number[][]): number[] {
  return m[0]!.map((_, j) => x.reduce((s, xi, i) => s + xi * m[i]![j]!, 0));
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  expect(worst).toBeLessThan(tol);
}

describe('lattice pmf', () => {
  it('validates masses', () => {
    expect(() => latticePmf({ offset: 0, probs: [0.5, 0.6] })).toThrow(InvalidDistributionError);
    expect(() => latticePmf({ offset: 0, probs: [-0.1, 1.1] })).toThrow(InvalidDistributionError);
    expect(() => latticePmf({ offset: 0.5, probs: [1] })).toThrow(InvalidParameterError);
  });
  it('standardises', () => {
    const z = standardised(binomialPmf(20, 0.3));
    const m = pmfMoments(z);
    expect(m.mean).toBeCloseTo(0, 12);
    expect(m.variance).toBeCloseTo(1, 12);
  });
});

describe('discretised normal', () => {
  it('puts the clipped tails in the end cells', () => {
    const ref = discretisedNormal({ minCode: -8, maxCode: 7, step: 0.5 });
    let total = 0;
    for (const p of ref.probs) total += p;
    expect(total).toBeCloseTo(1, 14);
    // First cell is (-inf, -3.75], last is [3.25, inf) for nearest rounding with step 0.5.
    expect(ref.probs[0]).toBeCloseTo(normalCdf(-3.75), 14);
    expect(ref.probs[15]).toBeCloseTo(1 - normalCdf(3.25), 14);
    expect(ref.probs[8]).toBeCloseTo(normalCdf(0.25) - normalCdf(-0.25), 14);
  });
  it('supports truncation cells and stays accurate in the far tail', () => {
    const ref = discretisedNormal({ minCode: 0, maxCode: 3, rounding: 'floor', mean: 2, sd: 1 });
    expect(ref.probs[2]).toBeCloseTo(normalCdf(1) - normalCdf(0), 14);
    // Q(9) - Q(10), far beyond where 1 - Φ would cancel to 0.
    expect(normalMass(9, 10) / (1.1285884059538405e-19 - 7.619853024160527e-24)).toBeCloseTo(1, 9);
  });
});

describe('independent bits and the Kronecker-product Markov chain', () => {
  it('fair bits give the uniform word, signed words are ordered by value', () => {
    const u = independentBitsPmf(new Array(8).fill(0.5));
    expect(u.probs.every((p) => Math.abs(p - 1 / 256) < 1e-15)).toBe(true);
    const s = independentBitsPmf([0.2, 0.7], { signed: true });
    // values -2 (word 10), -1 (11), 0 (00), 1 (01)
    expectClose(s.probs, [0.8 * 0.7, 0.2 * 0.7, 0.8 * 0.3, 0.2 * 0.3], 1e-15);
    expect(s.offset).toBe(-2);
  });

  it('matches the explicit 2^n x 2^n matrix for n = 1..5, any start, 0..9 steps', () => {
    const rng = xoshiro128ss(2024);
    for (let n = 1; n <= 5; n++) {
      const tr = Array.from({ length: n }, () => ({ p01: rng.nextFloat(), p10: rng.nextFloat() }));
      const start = Array.from({ length: 1 << n }, () => rng.nextFloat());
      const sum = start.reduce((a, b) => a + b, 0);
      const init = Float64Array.from(start, (v) => v / sum);
      const m = explicitMatrix(tr);
      let x = Array.from(init);
      for (let t = 0; t <= 9; t++) {
        const fast = markovBitsPmf({ transitions: tr, steps: t, initial: init });
        expectClose(fast.probs, x, 1e-13);
        x = vecMat(x, m);
      }
    }
  });

  it('reaches the stationary product distribution and follows q_n = (1 - (1-2p)^n)/2 from all-zero', () => {
    const tr = new Array(6).fill({ p01: 0.3, p10: 0.3 });
    const after5 = markovBitsPmf({ transitions: tr, steps: 5 });
    const q = (1 - Math.pow(1 - 0.6, 5)) / 2;
    expectClose(after5.probs, independentBitsPmf(new Array(6).fill(q)).probs, 1e-14);
    const far = markovBitsPmf({ transitions: tr, steps: 400 });
    expectClose(far.probs, stationaryBitsPmf(tr).probs, 1e-14);
    expect(stationaryBitsPmf(tr).probs[17]).toBeCloseTo(1 / 64, 15);
  });

  it('keeps precision for tiny switching probabilities', () => {
    const [, m01] = bitTransitionPower({ p01: 1e-12, p10: 1e-12 }, 3);
    expect(m01 / 3e-12).toBeCloseTo(1, 9);
  });

  it('applies a Kronecker product in place', () => {
    const x = Float64Array.of(1, 0, 0, 0);
    applyKronecker(x, [
      [0.5, 0.5, 0.5, 0.5],
      [1, 0, 0, 1],
    ]);
    expectClose(x, [0.5, 0.5, 0, 0], 1e-16);
  });

  it('agrees with simulated hardware (chi-square, fixed seed)', () => {
    const ones = [0.5, 0.3, 0.8, 0.55, 0.1, 0.5];
    const pmf = independentBitsPmf(ones);
    const words = sampleIndependentBits(xoshiro128ss(11), ones, 200_000);
    expect(chiSquareGof(words, pmf).pValue).toBeGreaterThan(0.01);
  });
});

describe('sums of bits', () => {
  it('Poisson-binomial with equal probabilities is the binomial', () => {
    expectClose(poissonBinomialPmf(new Array(30).fill(0.37)).probs, binomialPmf(30, 0.37).probs, 1e-14);
  });
  it('Poisson-binomial matches enumeration of all 2^n words', () => {
    const ones = [0.1, 0.9, 0.35, 0.5, 0.62, 0.05, 0.77, 0.4, 0.3, 0.99];
    const words = independentBitsPmf(ones).probs;
    const brute = new Float64Array(ones.length + 1);
    for (let w = 0; w < words.length; w++) {
      let pop = 0;
      for (let k = 0; k < ones.length; k++) pop += (w >>> k) & 1;
      brute[pop] = brute[pop]! + words[w]!;
    }
    expectClose(poissonBinomialPmf(ones).probs, brute, 1e-15);
  });
  it('binomial(4, 1/2)', () => {
    expectClose(binomialPmf(4, 0.5).probs, [1 / 16, 4 / 16, 6 / 16, 4 / 16, 1 / 16], 1e-15);
  });
});

describe('MSB-first sampling tree', () => {
  it('computes the pmf of a small tree by hand', () => {
    expectClose(treeWordMasses([0.5, 0.2, 0.8]), [0.4, 0.1, 0.1, 0.4], 1e-15);
    expectClose(treePmf([0.5, 0.2, 0.8], { signed: true }).probs, [0.1, 0.4, 0.4, 0.1], 1e-15);
  });
  it('a tree with one probability per level is independent bits (level d draws bit n-1-d)', () => {
    const q = [0.3, 0.6, 0.45, 0.9];
    const nodes: number[] = [];
    for (let d = 0; d < 4; d++) for (let j = 0; j < 1 << d; j++) nodes.push(q[d]!);
    expectClose(treePmf(nodes).probs, independentBitsPmf([...q].reverse()).probs, 1e-15);
  });
  it('inverts: treePmf(treeFromPmf(target)) == target, signed and unsigned', () => {
    const target = discretisedNormal({ minCode: -128, maxCode: 127, step: 1 / 32 });
    const nodes = treeFromPmf(target, { signed: true });
    const back = treePmf(nodes, { signed: true, step: 1 / 32 });
    expectClose(back.probs, target.probs, 1e-15);
    const padded = latticePmf({ offset: 0, probs: [...binomialPmf(14, 0.5).probs, 0] });
    expectClose(treePmf(treeFromPmf(padded)).probs, padded.probs, 1e-15);
  });
  it('agrees with simulated hardware (chi-square, fixed seed)', () => {
    const target = discretisedNormal({ minCode: -32, maxCode: 31, step: 1 / 8 });
    const nodes = treeFromPmf(target, { signed: true });
    const codes = toSigned(sampleTree(xoshiro128ss(5), nodes, 200_000), 6);
    const r = chiSquareGof(codes, treePmf(nodes, { signed: true, step: 1 / 8 }));
    expect(r.pValue).toBeGreaterThan(0.01);
  });
});

describe('distances', () => {
  const p = latticePmf({ offset: 0, probs: [0.5, 0.5] });
  const q = latticePmf({ offset: 0, probs: [0.25, 0.75] });
  it('KL, TV and CDF gap on a small example', () => {
    expect(klDivergence(p, q)).toBeCloseTo(0.5 * Math.log(2) + 0.5 * Math.log(2 / 3), 15);
    expect(totalVariation(p, q)).toBeCloseTo(0.25, 15);
    expect(maxCdfGap(p, q)).toBeCloseTo(0.25, 15);
    expect(klDivergence(p, latticePmf({ offset: 1, probs: [1] }))).toBe(Infinity);
  });
  it('refuses pmfs on different grids', () => {
    expect(() => totalVariation(p, latticePmf({ offset: 0, probs: [0.5, 0.5], step: 2 }))).toThrow(LatticeMismatchError);
  });
  it('moment errors and reach', () => {
    expect(momentErrors(binomialPmf(4, 0.5)).mean).toBeCloseTo(2, 14);
    expect(maxReachableZ(latticePmf({ offset: -3, probs: [0, 0.5, 0, 0.5] }))).toBe(2);
  });
  it('a standardised binomial approaches N(0,1); 8 fair bits stay far from it (the mathematical fact)', () => {
    const b16 = compareToNormal(standardised(binomialPmf(16, 0.5)));
    const b64 = compareToNormal(standardised(binomialPmf(64, 0.5)));
    expect(b64.tv).toBeLessThan(b16.tv);
    expect(b64.momentErrors.excessKurtosis).toBeCloseTo(-2 / 64, 12);
    expect(b64.maxAbsZ).toBeCloseTo(8, 12);
    const uniform = compareToNormal(standardised(independentBitsPmf(new Array(8).fill(0.5))));
    expect(uniform.tv).toBeGreaterThan(0.05);
    expect(uniform.momentErrors.excessKurtosis).toBeCloseTo(-1.2, 3);
    const tree = compareToNormal(
      treePmf(treeFromPmf(discretisedNormal({ minCode: -128, maxCode: 127, step: 1 / 32 }), { signed: true }), {
        signed: true,
        step: 1 / 32,
      }),
    );
    expect(tree.tv).toBeLessThan(1e-12);
    expect(tree.maxAbsZ).toBe(4);
  });
  it('word masses to pmf checks its size', () => {
    expect(() => wordMassesToPmf(new Float64Array(3), 2)).toThrow(InvalidParameterError);
  });
});
