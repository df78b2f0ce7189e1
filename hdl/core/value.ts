/**
 * Values: the expression tree of the HDL. A handful of primitive operators (the `OpName`s) carry all semantics;
 * every convenience method is derived from them once, here. The same tree is evaluated on constants by
 * `evaluate.ts` (the semantic oracle), printed by the Verilog emitter and compiled by the simulators.
 *
 * Width and signedness rules live in `shape.ts`.
 */
import { HdlError, WidthError } from './errors.ts';
import { CallSite, type SourceLoc } from './source-loc.ts';
import {
  type Shape, bitsFor, checkFits, namedShape, commonShape, formatShape, shapeOfConst, shapesEqual, signed, unsigned, checkWidth,
} from './shape.ts';

/** The primitive operators. Everything else is built from these. */
export type OpName =
  | 'add' | 'sub' | 'mul' | 'neg'
  | 'div' | 'mod'            // Verilog `/` and `%` on the operator's shape; by zero: all ones / the dividend
  | 'not' | 'and' | 'or' | 'xor'
  | 'shl' | 'shr'            // shift by a constant `amount`; width kept; `shr` is arithmetic on signed operands
  | 'shlv' | 'shrv'          // shift by an unsigned value; width kept; amounts ≥ width give 0 (or all sign bits)
  | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge'
  | 'redand' | 'redor' | 'redxor'
  | 'mux'                    // operands: [select (1 bit), whenTrue, whenFalse]
  | 'slice'                  // bits lo .. lo+width-1 of the operand, unsigned
  | 'concat'                 // operands most significant first, unsigned
  | 'ext'                    // widen to `shape.width`, zero- or sign-extending by the operand's signedness
  | 'cast';                  // reinterpret the same bits with another signedness

/**
 * Anything that can stand where a value is expected: a Value, or an integer constant. Not a JavaScript `boolean`:
 * `a === b` on two Signals is a JavaScript comparison of objects, never hardware, so it must not type-check (and
 * throws at run time); write `a.eq(b)`, or `C(true)` for a constant bit.
 */
export type ValueLike = Value | number | bigint;

/** Base class of every expression node. Immutable; records where it was created. */
export abstract class Value {
  abstract readonly kind: 'const' | 'signal' | 'op';
  readonly shape: Shape;
  /** @internal */
  readonly site: CallSite;

  protected constructor(shape: Shape, site?: CallSite) {
    this.shape = shape;
    this.site = site ?? new CallSite();
  }

  /** Where in the user's code this node was created. */
  get loc(): SourceLoc | undefined {
    return this.site.loc;
  }
  get width(): number {
    return this.shape.width;
  }
  get signed(): boolean {
    return this.shape.signed;
  }

  // ---- arithmetic (never loses bits) ----
  /** Sum; one bit wider than the common shape of the operands. */
  add(b: ValueLike): Value {
    const s = commonShape(this.shape, shapeOfLike(b));
    return op('add', { width: s.width + 1, signed: s.signed }, [this, b]);
  }
  /** Difference; always signed, one bit wider than the common shape (every difference fits). */
  sub(b: ValueLike): Value {
    return op('sub', signed(commonShape(this.shape, shapeOfLike(b)).width + 1), [this, b]);
  }
  /** Product; as wide as both operands together (an unsigned operand of a signed product gains a sign bit first). */
  mul(b: ValueLike): Value {
    const bs = shapeOfLike(b);
    const sgn = this.signed || bs.signed;
    const wa = this.width + (sgn && !this.signed ? 1 : 0);
    const wb = bs.width + (sgn && !bs.signed ? 1 : 0);
    return op('mul', { width: wa + wb, signed: sgn }, [this, b]);
  }
  /**
   * Quotient, truncated toward zero (Verilog `/`). Unsigned operands give their common shape; signed ones a signed
   * shape one bit wider than the common one, so `-2^(w-1) / -1` fits. Dividing by zero gives all ones (`-1` when
   * signed), as RISC-V does; every backend and the emitted Verilog (which guards the division) agree.
   * @example C(-7, signed(4)).div(2) // -3, shape s6
   */
  div(b: ValueLike): Value {
    const s = commonShape(this.shape, shapeOfLike(b));
    return op('div', s.signed ? signed(s.width + 1) : s, [this, b]);
  }
  /**
   * Remainder with the sign of the dividend (Verilog `%`), on the common shape of the operands; `x % 0` is `x`.
   * @example C(-7, signed(4)).mod(2) // -1
   */
  mod(b: ValueLike): Value {
    return op('mod', commonShape(this.shape, shapeOfLike(b)), [this, b]);
  }
  /** Negation; signed and one bit wider. */
  neg(): Value {
    return op('neg', signed(this.width + 1), [this]);
  }

  /**
   * Absolute value; unsigned and as wide as the operand (`|-2^(w-1)|` fits), an unsigned value unchanged.
   * @example C(-128, signed(8)).abs() // 128, shape u8
   */
  abs(): Value {
    if (!this.signed) return this;
    return mux(this.msb(), this.neg().trunc(this.width).asUnsigned(), this.asUnsigned());
  }
  /**
   * The smaller of two values, compared by value, on their common shape.
   * @example a.min(b)
   */
  min(b: ValueLike): Value {
    const bv = valueOf(b);
    return mux(this.lt(bv), this, bv);
  }
  /**
   * The larger of two values, compared by value, on their common shape.
   * @example a.max(b)
   */
  max(b: ValueLike): Value {
    const bv = valueOf(b);
    return mux(this.gt(bv), this, bv);
  }

  // ---- bitwise ----
  /** Bitwise NOT; same shape. */
  not(): Value {
    return op('not', this.shape, [this]);
  }
  /** Bitwise AND on the common shape. */
  and(b: ValueLike): Value {
    return op('and', commonShape(this.shape, shapeOfLike(b)), [this, b]);
  }
  /** Bitwise OR on the common shape. */
  or(b: ValueLike): Value {
    return op('or', commonShape(this.shape, shapeOfLike(b)), [this, b]);
  }
  /** Bitwise XOR on the common shape. */
  xor(b: ValueLike): Value {
    return op('xor', commonShape(this.shape, shapeOfLike(b)), [this, b]);
  }

  // ---- shifts (keep the width: resize first to keep the bits shifted out) ----
  /** Shift left by a constant or by an unsigned value; the width is kept, bits shifted out are lost. */
  shl(amount: number | Value): Value {
    return shift(this, 'shl', 'shlv', amount);
  }
  /** Shift right by a constant or an unsigned value: arithmetic for signed values, logical for unsigned; width kept. */
  shr(amount: number | Value): Value {
    return shift(this, 'shr', 'shrv', amount);
  }

  /**
   * Rotate left by a constant or an unsigned value (taken modulo the width); same shape.
   * @example C(0b1001, 4).rotl(1) // 0b0011
   */
  rotl(amount: number | Value): Value {
    return rotate(this, amount, true);
  }
  /**
   * Rotate right by a constant or an unsigned value (taken modulo the width); same shape.
   * @example C(0b1001, 4).rotr(1) // 0b1100
   */
  rotr(amount: number | Value): Value {
    return rotate(this, amount, false);
  }

  // ---- comparisons (on the common shape, so signed and unsigned compare by value) ----
  eq(b: ValueLike): Value { return cmp('eq', this, b); }
  ne(b: ValueLike): Value { return cmp('ne', this, b); }
  lt(b: ValueLike): Value { return cmp('lt', this, b); }
  le(b: ValueLike): Value { return cmp('le', this, b); }
  gt(b: ValueLike): Value { return cmp('gt', this, b); }
  ge(b: ValueLike): Value { return cmp('ge', this, b); }

  // ---- reductions ----
  /** 1 when every bit is 1. */
  all(): Value { return op('redand', unsigned(1), [this]); }
  /** 1 when any bit is 1. */
  any(): Value { return op('redor', unsigned(1), [this]); }
  /** Parity: XOR of all bits. */
  xorReduce(): Value { return op('redxor', unsigned(1), [this]); }
  /** Same as {@link any}: 1 when the value is not zero. */
  bool(): Value { return this.width === 1 && !this.signed ? this : this.any(); }

  // ---- bit selection ----
  /** Bits `hi` down to `lo` (inclusive, Verilog order); unsigned. */
  bits(hi: number, lo: number): Value {
    if (!Number.isInteger(hi) || !Number.isInteger(lo) || lo < 0 || hi < lo || hi >= this.width) {
      throw new HdlError(`bits(${hi}, ${lo}) is outside ${formatShape(this.shape)} (valid: ${this.width - 1} >= hi >= lo >= 0)`, [new CallSite().loc]);
    }
    if (lo === 0 && hi === this.width - 1 && !this.signed) return this;
    return op('slice', unsigned(hi - lo + 1), [this], lo);
  }
  /** Bit `i` (0 = least significant); unsigned 1 bit. */
  bit(i: number): Value {
    return this.bits(i, i);
  }
  /** Bit selected by a value; 0 when the index is past the top bit. */
  bitAt(index: Value): Value {
    return this.asUnsigned().shr(index).bit(0);
  }
  /** The most significant bit. */
  msb(): Value {
    return this.bit(this.width - 1);
  }

  // ---- explicit width and signedness conversion ----
  /** Keep the low `width` bits (same signedness). The only way, besides slicing, to drop bits. */
  trunc(width: number): Value {
    checkWidth(width);
    if (width > this.width) throw new WidthError(`trunc(${width}) cannot widen ${formatShape(this.shape)}: use ext() or resize()`, [new CallSite().loc]);
    if (width === this.width) return this;
    const low = op('slice', unsigned(width), [this], 0);
    return this.signed ? low.asSigned() : low;
  }
  /** Widen to `width` bits: sign-extends signed values, zero-extends unsigned ones. */
  ext(width: number): Value {
    checkWidth(width);
    if (width < this.width) throw new WidthError(`ext(${width}) cannot narrow ${formatShape(this.shape)}: use trunc() or resize()`, [new CallSite().loc]);
    if (width === this.width) return this;
    return op('ext', { width, signed: this.signed }, [this]);
  }
  /** Zero-extend to `width` bits (the result is unsigned). */
  zext(width: number): Value {
    return this.asUnsigned().ext(width);
  }
  /** Sign-extend to `width` bits (the result is signed). */
  sext(width: number): Value {
    return this.asSigned().ext(width);
  }
  /** Extend or truncate to `width` bits, keeping signedness. Truncation is explicit by calling this. */
  resize(width: number): Value {
    return width >= this.width ? this.ext(width) : this.trunc(width);
  }
  /** Same bits read as signed. */
  asSigned(): Value {
    if (this.signed) return this;
    if (this instanceof Operator && this.op === 'cast' && this.operands[0]!.signed) return this.operands[0]!;
    return op('cast', signed(this.width), [this]);
  }
  /** Same bits read as unsigned. */
  asUnsigned(): Value {
    if (!this.signed) return this;
    if (this instanceof Operator && this.op === 'cast' && !this.operands[0]!.signed) return this.operands[0]!;
    return op('cast', unsigned(this.width), [this]);
  }
  /** `n` copies side by side; unsigned. */
  replicate(n: number): Value {
    if (!Number.isInteger(n) || n < 1) throw new HdlError(`replicate(${n}): count must be a positive integer`, [new CallSite().loc]);
    return n === 1 ? this.asUnsigned() : cat(...Array.from({ length: n }, () => this));
  }
}

/** A constant. Created with {@link C} or implicitly from a number. */
export class Const extends Value {
  readonly kind = 'const' as const;
  readonly value: bigint;
  constructor(value: bigint, shape: Shape, site?: CallSite) {
    super(shape, site);
    checkFits(value, shape, 'constant', () => this.loc);
    this.value = value;
  }
}

/** Options of a signal. */
export interface SignalOptions {
  /** Value after reset and at power-on (default 0). A comb-driven signal takes it when no statement assigns it. */
  reset?: number | bigint;
  /** A register without reset: it keeps its value when the domain's reset is asserted. */
  resetLess?: boolean;
  /** Turns a value into a name for waveforms and messages (FSM states use it). */
  decoder?: (value: bigint) => string | undefined;
  /** @internal marks the first stage of a clock-domain synchroniser (silences the crossing warning). */
  syncStage?: boolean;
}

/** A named wire or register. Created by a module builder (`m.input`, `m.output`, `m.signal`). */
export class Signal extends Value {
  readonly kind = 'signal' as const;
  readonly name: string;
  readonly reset: bigint;
  readonly resetLess: boolean;
  readonly decoder: ((value: bigint) => string | undefined) | undefined;
  readonly syncStage: boolean;
  /** @internal the module that declared it (set by the builder). */
  owner: object | undefined;
  constructor(name: string, shape: Shape, opts: SignalOptions = {}, site?: CallSite) {
    super(shape, site);
    if (!/^[A-Za-z_][A-Za-z0-9_$.]*$/.test(name)) {
      throw new HdlError(`signal name '${name}' is not an identifier (letters, digits and _, not starting with a digit)`, [this.loc]);
    }
    this.name = name;
    this.reset = BigInt(opts.reset ?? 0);
    checkFits(this.reset, shape, `reset value of '${name}'`, () => this.loc);
    this.resetLess = opts.resetLess ?? false;
    const named = namedShape(shape);
    this.decoder = opts.decoder ?? (named ? (v) => named.names.get(v) : undefined);
    this.syncStage = opts.syncStage ?? false;
  }
}

/** A primitive operator applied to operands. */
export class Operator extends Value {
  readonly kind = 'op' as const;
  readonly op: OpName;
  readonly operands: readonly Value[];
  /** Shift amount for `shl`/`shr`, low bit for `slice`; 0 otherwise. */
  readonly param: number;
  constructor(opName: OpName, shape: Shape, operands: readonly Value[], param = 0, site?: CallSite) {
    super(shape, site);
    this.op = opName;
    this.operands = operands;
    this.param = param;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Free functions of the language.

/**
 * A constant, with its shape given or the smallest that holds it.
 * @example C(5, unsigned(8)); C(-1); C(3n, signed(4))
 */
export function C(value: number | bigint | boolean, shape?: Shape | number): Const {
  const v = toBigInt(value);
  const s = shape === undefined ? shapeOfConst(v) : typeof shape === 'number' ? unsigned(shape) : shape;
  return new Const(v, s);
}

/** The shape `valueOf(x)` has, without building a node (and capturing a call site) for a number. */
function shapeOfLike(x: ValueLike): Shape {
  if (typeof x === 'number' || typeof x === 'bigint') return shapeOfConst(toBigInt(x));
  return valueOf(x).shape;
}

/**
 * Turns a number into a constant; passes values through. A JavaScript boolean is refused (see {@link ValueLike}).
 * `site`: the constant's call site when one is at hand (an operator's own: one stack capture for both).
 */
export function valueOf(x: ValueLike, site?: CallSite): Value {
  if (x instanceof Value) return x;
  if (typeof x === 'boolean') {
    throw new HdlError(`a JavaScript boolean (${String(x)}) is not a hardware value: compare signals with .eq(), not ===; write C(${String(x)}) for a constant bit`, [new CallSite().loc]);
  }
  if (typeof x !== 'number' && typeof x !== 'bigint') throw new HdlError(`expected a hardware value or an integer, got ${typeof x}`, [new CallSite().loc]);
  const v = toBigInt(x);
  return new Const(v, shapeOfConst(v), site);
}

/**
 * Multiplexer: `whenTrue` when `select` is 1, else `whenFalse`, on the common shape of the two.
 * @example mux(sel, a, b)
 */
export function mux(select: ValueLike, whenTrue: ValueLike, whenFalse: ValueLike): Value {
  const s = valueOf(select);
  if (s.width !== 1) throw new WidthError(`mux select must be 1 bit, got ${formatShape(s.shape)}: use .bool() or a comparison`, [s.loc]);
  const t = valueOf(whenTrue);
  const f = valueOf(whenFalse);
  return op('mux', commonShape(t.shape, f.shape), [s.asUnsigned(), t, f]);
}

/**
 * Concatenation, most significant part first (as Verilog's `{a, b}`); unsigned.
 * @example cat(hi4, lo4) // 8 bits
 */
export function cat(...parts: ValueLike[]): Value {
  if (parts.length === 0) throw new HdlError('cat() needs at least one part', [new CallSite().loc]);
  const vs = parts.map((p) => valueOf(p));
  if (vs.length === 1) return vs[0]!.asUnsigned();
  return op('concat', unsigned(vs.reduce((w, v) => w + v.width, 0)), vs);
}

/**
 * A switch-valued expression: the result of the first case whose values contain `subject`, else `otherwise`.
 * Built from comparisons and multiplexers.
 * @example select(state, [[[0, 1], C(5)], [[2], C(7)]], C(0))
 */
export function select(subject: Value, cases: readonly (readonly [readonly (number | bigint)[], ValueLike])[], otherwise: ValueLike): Value {
  let result = valueOf(otherwise);
  for (let i = cases.length - 1; i >= 0; i--) {
    const [values, res] = cases[i]!;
    if (values.length === 0) continue;
    const hit = values.map((v) => caseMatch(subject, v)).reduce((a, b) => a.or(b));
    result = mux(hit, res, result);
  }
  return result;
}

/** `subject == value` with `value` range-checked against the subject's shape. */
export function caseMatch(subject: Value, value: number | bigint): Value {
  const v = toBigInt(value);
  const site = new CallSite();
  checkFits(v, subject.shape, `case value for a ${formatShape(subject.shape)} subject`, () => site.loc);
  return subject.eq(new Const(v, subject.shape));
}

/** Number of bits to count from 0 to `n` inclusive. */
export function widthFor(n: number): number {
  return Math.max(1, bitsFor(n + 1));
}

// ---------------------------------------------------------------------------------------------------------------
// Construction helpers.

function op(name: OpName, shape: Shape, operands: readonly ValueLike[], param = 0): Operator {
  // One stack capture for the operator and its number operands (capturing is most of the cost of building a node).
  const site = new CallSite();
  return new Operator(name, shape, operands.map((x) => valueOf(x, site)), param, site);
}

function cmp(name: OpName, a: Value, b: ValueLike): Value {
  return op(name, unsigned(1), [a, b]);
}

function shift(a: Value, constOp: OpName, varOp: OpName, amount: number | Value): Value {
  if (typeof amount === 'number') {
    if (!Number.isInteger(amount) || amount < 0) throw new HdlError(`shift amount must be a non-negative integer, got ${amount}`, [new CallSite().loc]);
    return amount === 0 ? a : op(constOp, a.shape, [a], amount);
  }
  if (amount.signed) throw new HdlError(`shift amount must be unsigned, got ${formatShape(amount.shape)}: use .asUnsigned() if it cannot be negative`, [amount.loc]);
  return op(varOp, a.shape, [a, amount]);
}

/** Rotation: the doubled bits `{a, a}` shifted by the amount modulo the width, the wanted half kept. */
function rotate(a: Value, amount: number | Value, left: boolean): Value {
  const w = a.width;
  const back = (v: Value): Value => (a.signed ? v.asSigned() : v);
  if (typeof amount === 'number') {
    if (!Number.isInteger(amount) || amount < 0) throw new HdlError(`rotate amount must be a non-negative integer, got ${amount}`, [new CallSite().loc]);
    const k = (left ? amount : w - (amount % w)) % w;
    return k === 0 ? a : back(cat(a.bits(w - 1 - k, 0), a.bits(w - 1, w - k)));
  }
  if (amount.signed) throw new HdlError(`rotate amount must be unsigned, got ${formatShape(amount.shape)}`, [amount.loc]);
  if (w === 1) return a;
  const k = (w & (w - 1)) === 0 ? amount.trunc(Math.min(amount.width, bitsFor(w))) : amount.mod(w);
  const twice = cat(a, a);
  return back(left ? twice.shl(k).bits(2 * w - 1, w) : twice.shr(k).bits(w - 1, 0));
}

export function toBigInt(x: number | bigint | boolean): bigint {
  if (typeof x === 'bigint') return x;
  if (typeof x === 'boolean') return x ? 1n : 0n;
  if (!Number.isSafeInteger(x)) throw new HdlError(`constant ${x} is not a safe integer: pass a bigint`, [new CallSite().loc]);
  return BigInt(x);
}

/** True when a value of shape `from` can be stored in shape `to` without changing any value. */
export function widensTo(from: Shape, to: Shape): boolean {
  if (from.signed === to.signed) return from.width <= to.width;
  if (!from.signed && to.signed) return from.width < to.width;
  return false;
}

/**
 * Converts `value` for assignment to a target of shape `to`: widening is implicit, anything that could change a
 * value is a {@link WidthError} naming both shapes. Constants are range-checked against the target instead.
 */
export function coerceForAssign(value: ValueLike, to: Shape, what: string): Value {
  if (!(value instanceof Value)) {
    if (typeof value !== 'number' && typeof value !== 'bigint') valueOf(value); // throws: booleans are not hardware values
    const v = toBigInt(value);
    const site = new CallSite();
    checkFits(v, to, what, () => site.loc);
    return new Const(v, to);
  }
  if (value instanceof Const && !shapesEqual(value.shape, to)) {
    checkFits(value.value, to, what, () => value.loc);
    return new Const(value.value, to, value.site);
  }
  if (shapesEqual(value.shape, to)) return value;
  if (!widensTo(value.shape, to)) {
    const hint = value.signed && !to.signed
      ? 'a signed value cannot go into an unsigned target implicitly: use .asUnsigned() (and .trunc() if narrower)'
      : `it would drop bits: use .trunc(${to.width}) or .resize(${to.width}) to say so`;
    throw new WidthError(`${what}: cannot assign ${formatShape(value.shape)} to ${formatShape(to)}; ${hint}`, [value.loc]);
  }
  if (value.signed === to.signed) return value.ext(to.width);
  return value.zext(to.width).asSigned(); // unsigned into a wider signed target
}
