/**
 * Shapes (width and signedness) and the width rules of meram-hdl, all in one place.
 *
 * The stand we take (see docs/hdl-language.md, "Widths and signedness"):
 * 1. Arithmetic never loses bits: `add` grows by one bit, `mul` to the sum of widths, `sub` and `neg` give a signed
 *    result wide enough for every difference. Bits are only dropped by an explicit `trunc`/`slice`/`resize`
 *    or by the width-preserving shifts.
 * 2. Operands of one operation are first brought to a common shape without changing their values: an unsigned
 *    operand meeting a signed one becomes signed and one bit wider (as in Amaranth). Verilog's rule — any unsigned
 *    operand makes the whole expression unsigned — is never relied on; the emitter extends every operand explicitly.
 * 3. An assignment may widen (zero- or sign-extending by the source's signedness) but never narrow, and never turn a
 *    signed value into an unsigned signal implicitly: either would change a value silently, so both are errors.
 */
import { ConstRangeError, WidthError } from './errors.ts';
import { callerLoc, type SourceLoc } from './source-loc.ts';

/** Largest width a signal may have. Wide enough for every datapath this project needs; limits runaway growth. */
export const MAX_WIDTH = 4096;

/** Width (1..MAX_WIDTH bits) and signedness of a value. */
export interface Shape {
  readonly width: number;
  readonly signed: boolean;
}

/**
 * An unsigned shape.
 * @example unsigned(8) // { width: 8, signed: false }
 */
export function unsigned(width: number): Shape {
  return { width: checkWidth(width), signed: false };
}

/**
 * A signed (two's complement) shape.
 * @example signed(16) // { width: 16, signed: true }
 */
export function signed(width: number): Shape {
  return { width: checkWidth(width), signed: true };
}

/** Checks a width: an integer from 1 to {@link MAX_WIDTH}; otherwise a {@link WidthError} naming the user's line. */
export function checkWidth(width: number): number {
  if (!Number.isInteger(width) || width < 1 || width > MAX_WIDTH) {
    throw new WidthError(`width must be an integer from 1 to ${MAX_WIDTH}, got ${width}`, [callerLoc()]);
  }
  return width;
}

/** `u8`, `s16`: a compact text form used in messages. */
export function formatShape(s: Shape): string {
  return `${s.signed ? 's' : 'u'}${s.width}`;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.width === b.width && a.signed === b.signed;
}

/** Smallest and largest value representable in a shape. */
export function shapeRange(s: Shape): { min: bigint; max: bigint } {
  const w = BigInt(s.width);
  return s.signed ? { min: -(1n << (w - 1n)), max: (1n << (w - 1n)) - 1n } : { min: 0n, max: (1n << w) - 1n };
}

/** Does `value` fit `shape` exactly? */
export function fits(value: bigint, shape: Shape): boolean {
  const { min, max } = shapeRange(shape);
  return value >= min && value <= max;
}

/** Throws a {@link ConstRangeError} when `value` does not fit `shape`. */
export function checkFits(value: bigint, shape: Shape, what: string, loc?: SourceLoc | (() => SourceLoc | undefined)): void {
  if (!fits(value, shape)) {
    const { min, max } = shapeRange(shape);
    // A location given as a function is resolved only here: reading one formats a stack trace, which is slow.
    throw new ConstRangeError(`${what}: ${value} does not fit ${formatShape(shape)} (range ${min}..${max})`, [typeof loc === 'function' ? loc() : loc]);
  }
}

/** The smallest shape that holds a constant: unsigned for values ≥ 0, signed for negative ones. */
export function shapeOfConst(value: bigint): Shape {
  if (value >= 0n) return unsigned(Math.max(1, value.toString(2).length));
  return signed((-value - 1n).toString(2).length + 1);
}

/** Wraps `value` into `shape` (two's complement): the bit pattern of the low `width` bits, read with the signedness. */
export function wrap(value: bigint, shape: Shape): bigint {
  return shape.signed ? BigInt.asIntN(shape.width, value) : BigInt.asUintN(shape.width, value);
}

/**
 * The common shape that holds every value of every operand: unsigned if all are unsigned, else signed with room for
 * each unsigned operand's largest value.
 */
export function commonShape(...shapes: Shape[]): Shape {
  const anySigned = shapes.some((s) => s.signed);
  let width = 1;
  for (const s of shapes) width = Math.max(width, anySigned && !s.signed ? s.width + 1 : s.width);
  return { width: checkWidth(width), signed: anySigned };
}

/** Number of bits needed to index `count` items (at least 1). */
export function bitsFor(count: number): number {
  let b = 1;
  while (2 ** b < count) b++;
  return b;
}

/** A shape whose values have names: an enumeration (`hdl/core/enum.ts`). Other shapes have no names. */
export interface NamedShape extends Shape {
  /** The enumeration's name (prefix of its Verilog `localparam`s). */
  readonly typeName: string;
  /** Member names by value, in declaration order. */
  readonly names: ReadonlyMap<bigint, string>;
}

/** The names of a shape's values, when it is an enumeration. */
export function namedShape(s: Shape): NamedShape | undefined {
  return 'typeName' in s && 'names' in s ? (s as NamedShape) : undefined;
}
