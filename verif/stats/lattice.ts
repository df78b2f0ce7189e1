/**
 * Probability mass functions on a fixed-point lattice: the values a B-bit hardware word can take.
 * Cell i holds the integer code `offset + i`, whose real value is `origin + step * code`.
 */
import { InvalidDistributionError, InvalidParameterError, LatticeMismatchError } from '../errors.ts';

/** A pmf over consecutive integer codes; `probs[i]` is P(code = offset + i). */
export interface LatticePmf {
  /** Integer code of the first cell. */
  readonly offset: number;
  /** Masses of consecutive codes; non-negative, summing to 1. */
  readonly probs: Float64Array;
  /** Real value of code 0. */
  readonly origin: number;
  /** Real value of one code step (the LSB weight). */
  readonly step: number;
}

/** Central moments of a distribution, in real units. */
export interface Moments {
  readonly mean: number;
  readonly variance: number;
  readonly skewness: number;
  readonly excessKurtosis: number;
}

/** Tolerance on the total mass of a pmf. */
const MASS_TOLERANCE = 1e-9;

/**
 * Builds a validated lattice pmf. Masses must be finite, non-negative and sum to 1 within 1e-9.
 *
 * @example
 * const coin = latticePmf({ offset: 0, probs: [0.5, 0.5] });
 * coin.probs[1]; // 0.5
 */
export function latticePmf(init: {
  offset: number;
  probs: ArrayLike<number>;
  origin?: number;
  step?: number;
}): LatticePmf {
  const { offset } = init;
  const origin = init.origin ?? 0;
  const step = init.step ?? 1;
  if (!Number.isSafeInteger(offset)) throw new InvalidParameterError(`lattice offset must be an integer, got ${offset}`);
  if (!Number.isFinite(origin)) throw new InvalidParameterError(`lattice origin must be finite, got ${origin}`);
  if (!(step > 0) || !Number.isFinite(step)) throw new InvalidParameterError(`lattice step must be > 0, got ${step}`);
  const probs = Float64Array.from(init.probs);
  if (probs.length === 0) throw new InvalidDistributionError('pmf has no cells');
  let total = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    if (!(p >= 0) || !Number.isFinite(p)) {
      throw new InvalidDistributionError(`pmf mass of code ${offset + i} is ${p}: masses must be finite and >= 0`);
    }
    total += p;
  }
  if (Math.abs(total - 1) > MASS_TOLERANCE) throw new InvalidDistributionError(`pmf masses sum to ${total}, not 1`);
  return { offset, probs, origin, step };
}

/**
 * Real value of a code on the lattice of `pmf`.
 *
 * @example
 * latticeValue(latticePmf({ offset: -2, probs: [0.25, 0.25, 0.25, 0.25], step: 0.5 }), -2); // -1
 */
export function latticeValue(pmf: LatticePmf, code: number): number {
  return pmf.origin + pmf.step * code;
}

/**
 * Converts integer hardware codes to real values on the lattice of `pmf` (one allocation for the whole batch).
 *
 * @example
 * latticeValues(Int32Array.of(-2, 3), latticePmf({ offset: 0, probs: [1], step: 0.5 })); // Float64Array [-1, 1.5]
 */
export function latticeValues(
  codes: ArrayLike<number>,
  lattice: { readonly origin: number; readonly step: number },
): Float64Array {
  const out = new Float64Array(codes.length);
  const { origin, step } = lattice;
  for (let i = 0; i < codes.length; i++) out[i] = origin + step * codes[i]!;
  return out;
}

/**
 * Raw central moments μ_1..μ_8 (μ_1 = mean, the others about the mean) of a lattice pmf, in real units.
 * Index r of the result is μ_r; index 0 is 1.
 *
 * @example
 * pmfCentralMoments(latticePmf({ offset: -1, probs: [0.5, 0, 0.5] }))[2]; // 1
 */
export function pmfCentralMoments(pmf: LatticePmf): Float64Array {
  const { probs, offset, origin, step } = pmf;
  let mean = 0;
  for (let i = 0; i < probs.length; i++) mean += probs[i]! * (origin + step * (offset + i));
  const mu = new Float64Array(9);
  mu[0] = 1;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    if (p === 0) continue;
    const d = origin + step * (offset + i) - mean;
    let dr = d;
    for (let r = 2; r <= 8; r++) {
      dr *= d;
      mu[r] += p * dr;
    }
  }
  mu[1] = mean;
  return mu;
}

/**
 * Mean, variance, skewness and excess kurtosis of a lattice pmf, in real units.
 *
 * @example
 * pmfMoments(latticePmf({ offset: 0, probs: [0.5, 0.5] })); // { mean: 0.5, variance: 0.25, skewness: 0, excessKurtosis: -2 }
 */
export function pmfMoments(pmf: LatticePmf): Moments {
  const mu = pmfCentralMoments(pmf);
  const v = mu[2]!;
  return {
    mean: mu[1]!,
    variance: v,
    skewness: v > 0 ? mu[3]! / Math.pow(v, 1.5) : 0,
    excessKurtosis: v > 0 ? mu[4]! / (v * v) - 3 : 0,
  };
}

/**
 * The same pmf with its lattice values mapped affinely so that its mean is 0 and its variance 1 (e.g. a binomial bit
 * sum read as a z-score).
 *
 * @example
 * const z = standardised(latticePmf({ offset: 0, probs: [0.25, 0.5, 0.25] }));
 * pmfMoments(z).variance; // 1
 */
export function standardised(pmf: LatticePmf): LatticePmf {
  const { mean, variance } = pmfMoments(pmf);
  if (!(variance > 0)) throw new InvalidDistributionError('cannot standardise a pmf with zero variance');
  const sd = Math.sqrt(variance);
  return { offset: pmf.offset, probs: pmf.probs, origin: (pmf.origin - mean) / sd, step: pmf.step / sd };
}

/**
 * The same pmf placed on another value grid (origin and step), e.g. to read unsigned codes as fixed-point numbers.
 *
 * @example
 * withValueGrid(latticePmf({ offset: 0, probs: [0.5, 0.5] }), { origin: -0.5, step: 1 }).origin; // -0.5
 */
export function withValueGrid(pmf: LatticePmf, grid: { origin: number; step: number }): LatticePmf {
  return latticePmf({ offset: pmf.offset, probs: pmf.probs, origin: grid.origin, step: grid.step });
}

/** Two pmfs spread over one common range of codes. */
export interface AlignedPmfs {
  readonly offset: number;
  readonly p: Float64Array;
  readonly q: Float64Array;
}

/**
 * Spreads two pmfs on the same value grid over their common code range (zero-padding each).
 *
 * @example
 * alignPmfs(latticePmf({ offset: 0, probs: [1] }), latticePmf({ offset: 1, probs: [1] })).p; // Float64Array [1, 0]
 */
export function alignPmfs(a: LatticePmf, b: LatticePmf): AlignedPmfs {
  const relTol = 1e-12;
  const sameStep = Math.abs(a.step - b.step) <= relTol * Math.max(a.step, b.step);
  const sameOrigin = Math.abs(a.origin - b.origin) <= relTol * Math.max(a.step, b.step);
  if (!sameStep || !sameOrigin) {
    throw new LatticeMismatchError(
      `pmfs lie on different value grids (origin ${a.origin} vs ${b.origin}, step ${a.step} vs ${b.step})`,
    );
  }
  const lo = Math.min(a.offset, b.offset);
  const hi = Math.max(a.offset + a.probs.length, b.offset + b.probs.length);
  const p = new Float64Array(hi - lo);
  const q = new Float64Array(hi - lo);
  p.set(a.probs, a.offset - lo);
  q.set(b.probs, b.offset - lo);
  return { offset: lo, p, q };
}

/**
 * Cumulative distribution of a lattice pmf: element i is P(code <= offset + i).
 *
 * @example
 * pmfCdf(latticePmf({ offset: 0, probs: [0.25, 0.75] })); // Float64Array [0.25, 1]
 */
export function pmfCdf(pmf: LatticePmf): Float64Array {
  const out = new Float64Array(pmf.probs.length);
  let c = 0;
  for (let i = 0; i < out.length; i++) {
    c += pmf.probs[i]!;
    out[i] = c;
  }
  return out;
}
