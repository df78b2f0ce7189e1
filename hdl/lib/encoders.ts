/**
 * Encoders and decoders (after Amaranth's `lib.coding`): one-hot to binary, priority (lowest set bit first), and
 * binary to one-hot. Plain functions over values: they build comparisons and multiplexers, nothing stateful.
 */
import { bitsFor } from '../core/shape.ts';
import { C, type Value, mux } from '../core/value.ts';

/** An index with a flag saying whether it means anything. */
export interface EncodedIndex {
  /** The index (unsigned, `bitsFor(width)` bits); 0 when `valid` is 0. */
  readonly index: Value;
  /** 1 when the input had a bit to encode (the one-hot encoder: exactly one bit). */
  readonly valid: Value;
}

/**
 * One-hot to binary: the index of the set bit of `v`; `valid` is 1 only when exactly one bit is set (the index is
 * 0 otherwise).
 * @example const { index, valid } = oneHotEncode(grant); // grant: u4 = 0b0100 -> index 2, valid 1
 */
export function oneHotEncode(v: Value): EncodedIndex {
  const w = bitsFor(v.width);
  let index: Value = C(0, w);
  let seen: Value = C(0, 1);
  let twice: Value = C(0, 1);
  for (let i = 0; i < v.width; i++) {
    const b = v.bit(i);
    twice = twice.or(seen.and(b));
    seen = seen.or(b);
    if (i > 0) index = index.or(mux(b, C(i, w), C(0, w)));
  }
  const valid = seen.and(twice.not());
  return { index: mux(valid, index, C(0, w)), valid };
}

/**
 * Priority encoder: the index of the lowest set bit of `v` (bit 0 has the highest priority); `valid` is 0 when no
 * bit is set (the index is 0 then).
 * @example const { index, valid } = priorityEncode(requests); // 0b0110 -> index 1, valid 1
 */
export function priorityEncode(v: Value): EncodedIndex {
  const w = bitsFor(v.width);
  let index: Value = C(0, w);
  for (let i = v.width - 1; i >= 0; i--) index = mux(v.bit(i), C(i, w), index);
  return { index, valid: v.any() };
}

/**
 * Binary to one-hot: `width` bits with only bit `index` set (all zero when `index >= width`).
 * @example oneHotDecode(sel, 4) // sel = 2 -> 0b0100
 */
export function oneHotDecode(index: Value, width: number): Value {
  return C(1, width).shl(index.asUnsigned());
}

/**
 * The lowest set bit of `v` alone (`v & -v`): a one-hot grant for a fixed-priority arbiter; 0 when `v` is 0.
 * @example lowestSetBit(C(0b0110, 4)) // 0b0010
 */
export function lowestSetBit(v: Value): Value {
  const u = v.asUnsigned();
  return u.and(u.not().add(1).trunc(u.width));
}
