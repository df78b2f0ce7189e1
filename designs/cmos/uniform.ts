/**
 * Uniform sources of the CMOS baselines: the "conventional CMOS PRNG" of the seed paper, as a leap-forward LFSR
 * (a 32-bit maximal-length LFSR stepped 32 times per clock, so each cycle gives a fresh 32-bit word) or as
 * xoshiro128** (hdl/lib/xoshiro.ts, 128 state bits, one 32-bit word per clock).
 */
import type { Module } from '../../hdl/core/module.ts';
import { C, cat, type Value, type ValueLike } from '../../hdl/core/value.ts';
import { lfsrTaps } from '../../hdl/lib/lfsr.ts';
import { xoshiro128ss } from '../../hdl/lib/xoshiro.ts';
import { Rng } from '../../common/rng.ts';

/** The uniform generator kind. */
export type PrngKind = 'lfsr' | 'xoshiro';

/**
 * Declares `count` independent 32-bit uniform sources in `m` (seeded from `seed`) that advance when `advance` is 1;
 * returns their current words.
 * @example const [u] = uniformWords(m, 'xoshiro', 1, 7, ready);
 */
export function uniformWords(m: Module, kind: PrngKind, count: number, seed: number, advance: ValueLike): Value[] {
  return Array.from({ length: count }, (_, i) => {
    const r = Rng.stream(seed, 0xc305, i);
    if (kind === 'xoshiro') return xoshiro128ss(m, `prng${i}`, [r.nextU32(), r.nextU32(), r.nextU32(), r.nextU32()], advance);
    const state = m.signal(`lfsr${i}`, 32, { reset: (r.nextU32() | 1) >>> 0 });
    const next = leapMasks(32, 32).map((mask) => balancedXor(state, mask));
    m.If(advance, () => m.sync(state, cat(...next.reverse())));
    return state;
  });
}

/**
 * The leap-forward matrix of the LFSR of hdl/lib/lfsr.ts (shift left, XOR of the taps into bit 0) stepped `steps`
 * times, as one bit mask of the current state per next-state bit (bit i of the result depends on the state bits set
 * in mask i). Computing it here lets the hardware use one balanced XOR tree per bit instead of `steps` chained steps.
 * @example leapMasks(4, 1) // [0b1100, 0b0001, 0b0010, 0b0100]: bit 0 = s3 ^ s2, bit i = s(i-1)
 */
export function leapMasks(width: number, steps: number): bigint[] {
  const taps = lfsrTaps(width);
  let masks = Array.from({ length: width }, (_, b) => 1n << BigInt(b));
  for (let k = 0; k < steps; k++) {
    const fb = taps.reduce((a, t) => a ^ masks[t - 1]!, 0n);
    masks = [fb, ...masks.slice(0, width - 1)];
  }
  return masks;
}

function balancedXor(state: Value, mask: bigint): Value {
  let level: Value[] = [];
  for (let b = 0; b < state.width; b++) if ((mask >> BigInt(b)) & 1n) level.push(state.bit(b));
  while (level.length > 1) {
    const next: Value[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(level[i]!.xor(level[i + 1]!));
    if (level.length % 2) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0] ?? C(0, 1);
}

/** Number of 32-bit words that hold `terms` fields of `termBits` bits. */
export function uniformCount(termBits: number, terms: number): number {
  return Math.ceil((termBits * terms) / 32);
}
