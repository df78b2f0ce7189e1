/**
 * Fixed-point (Q-format) helpers: aligned addition and multiplication with rounding and saturation.
 * A Q-format value with `int` integer bits (including the sign bit when signed) and `frac` fraction bits is an
 * integer `x` read as `x / 2^frac`.
 */
import { HdlError } from '../core/errors.ts';
import { shapeRange, type Shape } from '../core/shape.ts';
import { C, mux, type Value } from '../core/value.ts';

/** A Q format: `int` integer bits (sign included when signed), `frac` fraction bits. */
export interface QFormat {
  readonly int: number;
  readonly frac: number;
  readonly signed: boolean;
}

/** The shape of a Q format. */
export function qShape(q: QFormat): Shape {
  return { width: q.int + q.frac, signed: q.signed };
}

/** How to drop fraction bits. `half-up` adds half an LSB then floors; `truncate` floors (toward -infinity). */
export type Rounding = 'truncate' | 'half-up';

/**
 * Exact sum of two Q values with fraction bits `fa` and `fb`: aligned to max(fa, fb) fraction bits, no bits lost.
 * @example qAdd(a, 4, b, 2) // result has 4 fraction bits
 */
export function qAdd(a: Value, fa: number, b: Value, fb: number): { value: Value; frac: number } {
  const f = Math.max(fa, fb);
  return { value: align(a, f - fa).add(align(b, f - fb)), frac: f };
}

function align(v: Value, shift: number): Value {
  return shift === 0 ? v : v.ext(v.width + shift).shl(shift);
}

/**
 * Requantises `v` (with `frac` fraction bits) to format `out`: rounds away the extra fraction bits and saturates to
 * the range of `out`.
 */
export function qRequantize(v: Value, frac: number, out: QFormat, rounding: Rounding = 'half-up'): Value {
  const drop = frac - out.frac;
  let x = v;
  if (drop < 0) x = align(x, -drop);
  else if (drop > 0) {
    if (rounding === 'half-up') x = x.add(C(1n << BigInt(drop - 1)));
    x = x.shr(drop);
  }
  return saturate(x, out);
}

/** Clamps `v` (an integer of the same scale as `out`) into the range of `out`. */
export function saturate(v: Value, out: QFormat): Value {
  const shape = qShape(out);
  const { min, max } = shapeRange(shape);
  const hi = v.gt(C(max));
  const lo = v.lt(C(min));
  const inRange = v.signed && !shape.signed ? v.asUnsigned() : v;
  const body = inRange.width > shape.width ? inRange.trunc(shape.width) : inRange.ext(shape.width);
  const cast = shape.signed ? body.asSigned() : body.asUnsigned();
  return mux(hi, C(max, shape), mux(lo, C(min, shape), cast));
}

/**
 * Product of two Q values requantised to `out` with rounding and saturation.
 * @example qMul(a, 8, b, 8, { int: 4, frac: 8, signed: true })
 */
export function qMul(a: Value, fa: number, b: Value, fb: number, out: QFormat, rounding: Rounding = 'half-up'): Value {
  if (out.int + out.frac < 1) throw new HdlError('Q format needs at least one bit');
  return qRequantize(a.mul(b), fa + fb, out, rounding);
}
