/**
 * A small seeded PRNG (xoshiro128**, Blackman & Vigna) for reproducible test streams: the same seed gives the same
 * stream on every run and platform. Seeds are expanded with splitmix32 so that nearby seeds give unrelated streams.
 */
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
  let x = seed >>> 0;
  const splitmix = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix();
  let s1 = splitmix();
  let s2 = splitmix();
  let s3 = splitmix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  const nextUint32 = (): number => {
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return r;
  };
  return {
    nextUint32,
    nextFloat: () => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992,
  };
}

function rotl(v: number, k: number): number {
  return (v << k) | (v >>> (32 - k));
}
