/**
 * Samplers that turn a {@link Prng} into test data without per-sample allocation: fair or biased bits, normal noise,
 * words drawn from any lattice pmf, and the hardware architectures themselves (independent bits, bit sums, MSB-first
 * sampling trees), so that the exact pmfs of `verif/stats` can be checked against simulated generators.
 */
import { InvalidParameterError } from '../errors.ts';
import { pmfCdf, type LatticePmf } from '../stats/lattice.ts';
import type { Prng } from './prng.ts';

/**
 * `n` bits, each 1 with probability `p` (default 0.5).
 *
 * @example
 * sampleBits(xoshiro128ss(1), 1_000_000, 0.51); // a 1 % biased stream
 */
export function sampleBits(rng: Prng, n: number, p = 0.5): Uint8Array {
  const out = new Uint8Array(n);
  if (p === 0.5) {
    for (let i = 0; i < n; i += 32) {
      const w = rng.nextUint32();
      const m = Math.min(32, n - i);
      for (let j = 0; j < m; j++) out[i + j] = (w >>> j) & 1;
    }
  } else {
    for (let i = 0; i < n; i++) out[i] = rng.nextFloat() < p ? 1 : 0;
  }
  return out;
}

/**
 * `n` normal variates N(mean, sd²) by the Marsaglia polar method.
 *
 * @example
 * sampleNormal(xoshiro128ss(7), 1000); // Float64Array of N(0,1) values
 */
export function sampleNormal(rng: Prng, n: number, mean = 0, sd = 1): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    let u: number, v: number, s: number;
    do {
      u = 2 * rng.nextFloat() - 1;
      v = 2 * rng.nextFloat() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    out[i] = mean + sd * u * f;
    if (i + 1 < n) out[i + 1] = mean + sd * v * f;
  }
  return out;
}

/**
 * `n` integer codes drawn from a lattice pmf (inverse CDF by bisection, O(log cells) per sample).
 *
 * @example
 * sampleLattice(xoshiro128ss(3), binomialPmf(16, 0.5), 10_000); // Int32Array of codes 0..16
 */
export function sampleLattice(rng: Prng, pmf: LatticePmf, n: number): Int32Array {
  const cdf = pmfCdf(pmf);
  const last = cdf.length - 1;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.nextFloat() * cdf[last]!;
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    out[i] = pmf.offset + lo;
  }
  return out;
}

/**
 * Simulates MSB-first conditional sampling hardware: each word is drawn bit by bit from the tree's node probabilities
 * (heap order, as in `treePmf`). Returns raw words (unsigned, bit n-1 first drawn).
 *
 * @example
 * sampleTree(xoshiro128ss(5), [0.5, 0.2, 0.8], 1000); // Int32Array of words 0..3
 */
export function sampleTree(rng: Prng, nodeOnes: ArrayLike<number>, n: number): Int32Array {
  const bits = Math.log2(nodeOnes.length + 1);
  if (!Number.isInteger(bits) || bits < 1 || bits > 30) {
    throw new InvalidParameterError(`a sampling tree has 2^n - 1 nodes, got ${nodeOnes.length}`);
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let node = 0;
    let word = 0;
    for (let d = 0; d < bits; d++) {
      const b = rng.nextFloat() < nodeOnes[node]! ? 1 : 0;
      word = (word << 1) | b;
      node = 2 * node + 1 + b;
    }
    out[i] = word;
  }
  return out;
}

/**
 * Simulates a word of independent bits (bit k is 1 with probability ones[k], bit 0 the LSB). Returns raw words.
 *
 * @example
 * sampleIndependentBits(xoshiro128ss(9), [0.5, 0.5, 0.5], 100); // uniform on 0..7
 */
export function sampleIndependentBits(rng: Prng, ones: ArrayLike<number>, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let w = 0;
    for (let k = 0; k < ones.length; k++) if (rng.nextFloat() < ones[k]!) w |= 1 << k;
    out[i] = w;
  }
  return out;
}

/**
 * Converts raw n-bit words to two's complement values in place (words >= 2^(n-1) become negative).
 *
 * @example
 * toSigned(Int32Array.of(0, 1, 2, 3), 2); // Int32Array [0, 1, -2, -1]
 */
export function toSigned(words: Int32Array, bits: number): Int32Array {
  const half = 1 << (bits - 1);
  for (let i = 0; i < words.length; i++) if (words[i]! >= half) words[i] = words[i]! - 2 * half;
  return words;
}
