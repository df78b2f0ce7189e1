/**
 * xoshiro128** (Blackman & Vigna) as hardware: four 32-bit state registers, the output is a function of the current
 * state and the state advances when asked. Its output sequence is bit-identical to the software generator with the
 * same four state words, so a simulation model can draw the same random stream on every backend.
 */
import type { Module } from '../core/module.ts';
import { C, cat, type Signal, type Value, type ValueLike } from '../core/value.ts';

/** Rotate a 32-bit value left by `k`. */
function rotl32(x: Value, k: number): Value {
  return cat(x.bits(31 - k, 0), x.bits(31, 32 - k));
}

/** Low 32 bits of `x * k` for a small constant `k`. */
function mulConst32(x: Value, k: number): Value {
  return x.mul(C(k)).trunc(32);
}

/**
 * Declares the generator's registers in `m` (domain `domain`) and returns its current 32-bit output.
 * The state starts at `seed` (four words, not all zero) and steps once per cycle in which `advance` is 1.
 * @example const u = xoshiro128ss(m, 'rng', [1, 2, 3, 4], pulseEn); const coin = u.msb();
 */
export function xoshiro128ss(m: Module, name: string, seed: readonly [number, number, number, number], advance: ValueLike, domain = 'sync'): Value {
  const words: number[] = seed.map((w) => w >>> 0);
  if (!words.some((w) => w !== 0)) words[0] = 1; // all-zero is the lock-up state
  const [s0, s1, s2, s3] = words.map((w, i) => m.signal(`${name}_s${i}`, 32, { reset: w })) as [Signal, Signal, Signal, Signal];
  const out = mulConst32(rotl32(mulConst32(s1, 5), 7), 9);
  const t = s1.shl(9);
  const n2 = s2.xor(s0);
  const n3 = s3.xor(s1);
  const d = m.domain(domain);
  m.If(advance, () => {
    d.sync(s0, s0.xor(n3));
    d.sync(s1, s1.xor(n2));
    d.sync(s2, n2.xor(t));
    d.sync(s3, rotl32(n3, 11));
  });
  return out;
}
