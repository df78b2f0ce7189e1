/** The normal distribution discretised onto a fixed-point lattice, with the clipped tails added to the end cells. */
import { InvalidParameterError } from '../errors.ts';
import { latticePmf, type LatticePmf } from './lattice.ts';
import { normalCdf, normalSf } from './special.ts';

/** How a continuous value is mapped to a code: to the nearest code, or down to the code below (truncation). */
export type Rounding = 'nearest' | 'floor';

/** Options of {@link discretisedNormal}. */
export interface DiscretisedNormalOptions {
  /** Smallest code (e.g. -2^(B-1) for a signed B-bit word). */
  readonly minCode: number;
  /** Largest code (e.g. 2^(B-1) - 1). */
  readonly maxCode: number;
  /** Real value per code (LSB weight). Default 1. */
  readonly step?: number;
  /** Real value of code 0. Default 0. */
  readonly origin?: number;
  /** Mean of the normal. Default 0. */
  readonly mean?: number;
  /** Standard deviation of the normal. Default 1. */
  readonly sd?: number;
  /** Cell of a code: [v - step/2, v + step/2) for 'nearest' (default), [v, v + step) for 'floor'. */
  readonly rounding?: Rounding;
}

/** P(a < Z < b) for a standard normal Z, without cancellation in either tail. */
export function normalMass(a: number, b: number): number {
  if (a >= 0) return normalSf(a) - normalSf(b);
  if (b <= 0) return normalCdf(b) - normalCdf(a);
  return 1 - normalCdf(a) - normalSf(b);
}

/**
 * Cell masses Φ(upper) - Φ(lower) of N(mean, sd²) on the codes minCode..maxCode, the mass below the first cell added
 * to it and the mass above the last cell added to it (what a saturating quantiser does).
 *
 * @example
 * // 8-bit signed output with LSB 1/32: values -4 .. 3.97
 * const ref = discretisedNormal({ minCode: -128, maxCode: 127, step: 1 / 32 });
 * ref.probs.length; // 256
 */
export function discretisedNormal(opts: DiscretisedNormalOptions): LatticePmf {
  const { minCode, maxCode } = opts;
  const step = opts.step ?? 1;
  const origin = opts.origin ?? 0;
  const mean = opts.mean ?? 0;
  const sd = opts.sd ?? 1;
  if (!Number.isSafeInteger(minCode) || !Number.isSafeInteger(maxCode) || maxCode < minCode) {
    throw new InvalidParameterError(`discretisedNormal: need integer minCode <= maxCode, got ${minCode}..${maxCode}`);
  }
  if (!(sd > 0)) throw new InvalidParameterError(`discretisedNormal: sd must be > 0, got ${sd}`);
  const shift = (opts.rounding ?? 'nearest') === 'nearest' ? -0.5 : 0;
  const n = maxCode - minCode + 1;
  const probs = new Float64Array(n);
  // Lower edge of cell i in z units; the first lower edge is -infinity and the last upper edge +infinity.
  const edge = (i: number): number => (origin + step * (minCode + i + shift) - mean) / sd;
  for (let i = 0; i < n; i++) {
    const a = i === 0 ? -Infinity : edge(i);
    const b = i === n - 1 ? Infinity : edge(i + 1);
    probs[i] = normalMass(a, b);
  }
  // Renormalise the rounding residue (< 1e-15) so the pmf validates exactly.
  let total = 0;
  for (let i = 0; i < n; i++) total += probs[i]!;
  for (let i = 0; i < n; i++) probs[i] = probs[i]! / total;
  return latticePmf({ offset: minCode, probs, origin, step });
}
