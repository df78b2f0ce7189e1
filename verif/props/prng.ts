/**
 * A small seeded PRNG for reproducible test streams: the project's one xoshiro128** (`common/rng.ts`), seeded with
 * splitmix32 so that nearby seeds give unrelated streams. The same seed gives the same stream on every run and platform.
 */
import { Rng } from '../../common/rng.ts';
import { InvalidParameterError } from '../errors.ts';

/** A seeded stream of 32-bit words and derived variates. */
export interface Prng {
  /** Next uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Next uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number;
}

/**
 * Creates a xoshiro128** generator from a 32-bit integer seed.
 *
 * @example
 * const rng = xoshiro128ss(42);
 * rng.nextFloat(); // same value on every run
 */
export function xoshiro128ss(seed: number): Prng {
  if (!Number.isInteger(seed)) throw new InvalidParameterError(`PRNG seed must be an integer, got ${seed}`);
  const r = Rng.fromSeed(seed);
  return { nextUint32: () => r.nextU32(), nextFloat: () => r.nextDouble() };
}
