/** Exact pmfs of sums of bits (Hamming weights): binomial for identical bits, Poisson-binomial otherwise. */
import { InvalidParameterError } from '../errors.ts';
import { latticePmf, type LatticePmf } from './lattice.ts';
import { binomialPmf as binomialMass } from './special.ts';

/**
 * Binomial pmf of the number of ones among `n` independent bits each 1 with probability `p`, on codes 0..n.
 *
 * @example
 * binomialPmf(4, 0.5).probs; // [1/16, 4/16, 6/16, 4/16, 1/16]
 */
export function binomialPmf(n: number, p: number): LatticePmf {
  if (!Number.isInteger(n) || n < 0) throw new InvalidParameterError(`binomial n must be an integer >= 0, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new InvalidParameterError(`binomial p must be in [0, 1], got ${p}`);
  const probs = new Float64Array(n + 1);
  let total = 0;
  for (let k = 0; k <= n; k++) {
    probs[k] = binomialMass(k, n, p);
    total += probs[k]!;
  }
  for (let k = 0; k <= n; k++) probs[k] = probs[k]! / total;
  return latticePmf({ offset: 0, probs });
}

/**
 * Poisson-binomial pmf of the number of ones among independent bits with P(bit i = 1) = `ones[i]`, by the exact
 * O(n²) recursion (no FFT, no normal approximation).
 *
 * @example
 * poissonBinomialPmf([0.1, 0.9]).probs; // [0.09, 0.82, 0.09]
 */
export function poissonBinomialPmf(ones: ArrayLike<number>): LatticePmf {
  const n = ones.length;
  const probs = new Float64Array(n + 1);
  probs[0] = 1;
  for (let i = 0; i < n; i++) {
    const p = ones[i]!;
    if (!(p >= 0 && p <= 1)) throw new InvalidParameterError(`P(bit ${i} = 1) must be in [0, 1], got ${p}`);
    for (let k = i + 1; k >= 1; k--) probs[k] = probs[k]! * (1 - p) + probs[k - 1]! * p;
    probs[0] = probs[0]! * (1 - p);
  }
  return latticePmf({ offset: 0, probs });
}
