/**
 * Uniform sources of the CMOS baselines: the "conventional CMOS PRNG" of the seed paper, as a leap-forward LFSR
 * (a 32-bit maximal-length LFSR stepped 32 times per clock, so each cycle gives a fresh 32-bit word) or as
 * xoshiro128** (hdl/lib/xoshiro.ts, 128 state bits, one 32-bit word per clock).
 */
import type { Module } from '../../hdl/core/module.ts';
import type { Value, ValueLike } from '../../hdl/core/value.ts';
import { lfsrNext } from '../../hdl/lib/lfsr.ts';
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
    let next: Value = state;
    for (let k = 0; k < 32; k++) next = lfsrNext(next);
    m.If(advance, () => m.sync(state, next));
    return state;
  });
}

/** Number of 32-bit words that hold `terms` fields of `termBits` bits. */
export function uniformCount(termBits: number, terms: number): number {
  return Math.ceil((termBits * terms) / 32);
}
