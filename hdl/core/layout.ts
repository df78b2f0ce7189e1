/**
 * Data layouts (after Amaranth's `lib.data`): a shape whose bits have named parts — a struct or union
 * (`hdl/core/struct.ts`) or a `Vec` of equal elements (`hdl/core/vec.ts`). A layout is an ordinary unsigned shape to
 * every operator and backend; a *view* of a value of that width adds typed members (`fields`, `at`) that read — and,
 * when the value is a signal or part of one, assign — its parts. The parts are plain slices, so every backend sees
 * ordinary cells.
 */
import { HdlError } from './errors.ts';
import { labelOf, lvalueOf, registerLValue, setLabel } from './lvalue.ts';
import type { Module } from './module.ts';
import { type Shape, checkWidth, formatShape, unsigned } from './shape.ts';
import { CallSite } from './source-loc.ts';
import { Const, Operator, type Signal, type SignalOptions, Value, type ValueLike, coerceForAssign, valueOf } from './value.ts';

/** What a field (or a Vec element) may be: a width (unsigned), a shape (signed, an enum), or another layout. */
export type FieldLayout = number | Shape | AnyLayout;

/** Any layout, whatever its members. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parameters are only read back by inference
export type AnyLayout = Layout<any, any, any>;

/** The view a field reads as: a layout's view, or a plain value. */
export type ViewOf<L> = L extends Layout<infer M, infer _I, infer _D> ? Value & M : Value;
/** What builds a field: a value, an integer, or (for a layout) its field values. */
export type InitOf<L> = L extends Layout<infer _M, infer I, infer _D> ? ValueLike | I : ValueLike;
/** A field's value read back from bits (`decode`): a bigint, or the layout's decoded object. */
export type DecodedOf<L> = L extends Layout<infer _M, infer _I, infer D> ? D : bigint;

/** A layout is out of range or misused (an index past the end, an unknown field, a value of the wrong width). */
export class LayoutError extends HdlError {}

/** Signal options of a layout-shaped signal: the reset may be given as field values. */
export interface LayoutSignalOptions<I> extends Omit<SignalOptions, 'reset'> {
  reset?: I | number | bigint;
}

/**
 * Base of the layouts: an unsigned shape of `width` bits with a view type `M`, field values `I` and decoded form `D`.
 */
export abstract class Layout<M, I, D> implements Shape {
  readonly signed = false;
  abstract readonly width: number;
  /** The layout's name (Verilog comments, messages). */
  abstract readonly layoutName: string;
  /** @internal phantom members, read only by the types `ViewOf`, `InitOf`, `DecodedOf`. */
  declare readonly phantom: { readonly members: M; readonly init: I; readonly decoded: D };

  /** @internal adds the view's members to `v` (a value of this width, fresh for this view). */
  abstract attach(v: Value, label: string): void;
  /** A value built from field values (missing fields are 0). */
  abstract pack(init: I): Value;
  /** The bits of constant field values (reset values, expected values in tests). */
  abstract encode(init: I): bigint;
  /** Field values of a bit pattern (what a testbench reads). */
  abstract decode(bits: bigint): D;
  /** One line naming the parts and their bits (Verilog declaration comments). */
  abstract describe(): string;
  /** @internal the direct parts: `{ key: 'count' | '[2]', lo, layout }`. */
  abstract parts(): readonly { readonly key: string; readonly lo: number; readonly layout: FieldLayout }[];

  /**
   * A view of `value` (of exactly this width): the same bits with this layout's members. Assignable when `value` is
   * a signal or part of one.
   * @example const e = Entry.view(mem.read(addr)); m.comb(valid, e.fields.valid);
   */
  view(value: Value): Value & M {
    const v = valueOf(value);
    if (v.width !== this.width) throw new LayoutError(`${this.layoutName} is ${this.width} bits wide, the value viewed is ${formatShape(v.shape)}`, [new CallSite().loc]);
    const fresh = viewed.has(v) || v.signed ? new Operator('slice', unsigned(this.width), [v], 0) : v;
    viewed.add(fresh);
    this.attach(fresh, labelOf(v) ?? 'value');
    return fresh as Value & M;
  }

  /**
   * Declares a signal of this layout in `m` and returns its view.
   * @example const e = Entry.signal(m, 'entry', { reset: { valid: 1 } }); m.sync(e.fields.count, 0);
   */
  signal(m: Module, name: string, opts: LayoutSignalOptions<I> = {}): Signal & M {
    return this.declare(m.signal(name, this, this.signalOptions(opts)));
  }
  /** Declares an input port of this layout and returns its view. @example const req = Req.input(m, 'req'); */
  input(m: Module, name: string, opts: LayoutSignalOptions<I> = {}): Signal & M {
    return this.declare(m.input(name, this, this.signalOptions(opts)));
  }
  /** Declares an output port of this layout and returns its view. @example const rsp = Rsp.output(m, 'rsp'); */
  output(m: Module, name: string, opts: LayoutSignalOptions<I> = {}): Signal & M {
    return this.declare(m.output(name, this, this.signalOptions(opts)));
  }

  private declare(s: Signal): Signal & M {
    viewed.add(s);
    this.attach(s, s.name);
    return s as Signal & M;
  }
  private signalOptions(opts: LayoutSignalOptions<I>): SignalOptions {
    const { reset, ...rest } = opts;
    if (reset === undefined) return rest;
    return { ...rest, reset: typeof reset === 'number' || typeof reset === 'bigint' ? reset : this.encode(reset as I) };
  }
}

/** Values that already carry a view (a second view gets a fresh slice, so members never clash). */
const viewed = new WeakSet<Value>();


/** @internal true when `f` is a layout. */
export function isLayout(f: FieldLayout): f is AnyLayout {
  return f instanceof Layout;
}

/** @internal the shape of a field. */
export function fieldShape(f: FieldLayout): Shape {
  return typeof f === 'number' ? unsigned(checkWidth(f)) : f;
}

/** @internal the view of bits `lo..` of `base` as field `f` (a fresh value, labelled for messages). */
export function readField(base: Value, lo: number, f: FieldLayout, label: string): Value {
  const shape = fieldShape(f);
  const lv = lvalueOf(base);
  // A field of a field is one slice of the outer value (`e[19:17]`, not a slice of a slice).
  const inner = base instanceof Operator && base.op === 'slice' ? { of: base.operands[0]!, lo: base.param + lo } : { of: base, lo };
  let v: Value = new Operator('slice', unsigned(shape.width), [inner.of], inner.lo);
  if (shape.signed) v = v.asSigned();
  if (lv) registerLValue(v, { ...lv, lo: lv.lo + lo, shape: v.shape, label });
  setLabel(v, label);
  if (isLayout(f)) {
    viewed.add(v);
    f.attach(v, label);
  }
  return v;
}

/** @internal the unsigned bits of a field's value (a layout's field values are packed; missing is 0). */
export function packField(init: unknown, f: FieldLayout, label: string): Value {
  if (isLayout(f) && isInitObject(init)) return f.pack(init);
  const shape = fieldShape(f);
  const v = coerceForAssign((init ?? 0) as ValueLike, shape, label);
  if (v instanceof Const) return new Const(BigInt.asUintN(shape.width, v.value), unsigned(shape.width));
  return v.asUnsigned();
}

/** @internal the bits of a constant field value. */
export function encodeField(init: unknown, f: FieldLayout, label: string): bigint {
  if (isLayout(f) && isInitObject(init)) return f.encode(init);
  const v = packField(init, f, label);
  if (!(v instanceof Const)) throw new LayoutError(`${label}: encode() takes constants only; use pack() for values`, [new CallSite().loc]);
  return v.value;
}

/** @internal a field's value from its bits. */
export function decodeField(bits: bigint, f: FieldLayout): unknown {
  if (isLayout(f)) return f.decode(bits);
  const shape = fieldShape(f);
  return shape.signed ? BigInt.asIntN(shape.width, bits) : BigInt.asUintN(shape.width, bits);
}

/** @internal a value of `width` bits from parts at given low bits (gaps are 0); one constant when all parts are. */
export function placeParts(parts: readonly { readonly lo: number; readonly bits: Value }[], width: number): Value {
  const sorted = [...parts].sort((a, b) => b.lo - a.lo);
  if (sorted.every((p) => p.bits instanceof Const)) {
    let acc = 0n;
    for (const p of sorted) acc |= (p.bits as Const).value << BigInt(p.lo);
    return new Const(acc, unsigned(width));
  }
  const pieces: Value[] = [];
  let top = width;
  for (const p of sorted) {
    const end = p.lo + p.bits.width;
    if (end < top) pieces.push(new Const(0n, unsigned(top - end)));
    pieces.push(p.bits);
    top = p.lo;
  }
  if (top > 0) pieces.push(new Const(0n, unsigned(top)));
  return pieces.length === 1 ? pieces[0]! : new Operator('concat', unsigned(width), pieces);
}

function isInitObject(x: unknown): x is object {
  return typeof x === 'object' && x !== null && !(x instanceof Value);
}

/**
 * One-line description of a shape when it is a layout (for Verilog declaration comments), else undefined.
 * @example describeLayout(Vec(4, 8)) // 'vec4: 4 x u8'
 */
export function describeLayout(shape: Shape): string | undefined {
  return shape instanceof Layout ? shape.describe() : undefined;
}

/** One leaf field of a layout: its path (`pos.x`, `tags.2`, `3.valid`), low bit, width and signedness. */
export interface LayoutLeaf {
  readonly path: string;
  readonly lo: number;
  readonly width: number;
  readonly signed: boolean;
}

/**
 * The leaf fields of a shape, in bit order, when it is a layout (nested layouts flattened); empty otherwise.
 * Waveform writers use it to show a struct signal field by field.
 * @example layoutLeaves(defineStruct('p', { x: 3, y: signed(3) })) // [{ path: 'x', lo: 0, ... }, { path: 'y', lo: 3, ... }]
 */
export function layoutLeaves(shape: Shape): LayoutLeaf[] {
  if (!(shape instanceof Layout)) return [];
  const out: LayoutLeaf[] = [];
  const walk = (f: FieldLayout, path: string, lo: number): void => {
    const parts = isLayout(f) ? f.parts() : [];
    if (parts.length === 0) {
      const s = fieldShape(f);
      out.push({ path, lo, width: s.width, signed: s.signed });
      return;
    }
    for (const p of parts) walk(p.layout, `${path}${path ? '.' : ''}${p.key.replace(/^\[(\d+)\]$/, '$1')}`, lo + p.lo);
  };
  walk(shape, '', 0);
  return out.sort((a, b) => a.lo - b.lo);
}
