/**
 * `Vec`: `length` equal elements side by side (element 0 in the lowest bits), each a width, a shape, a struct or a
 * nested `Vec` (after Amaranth's `ArrayLayout` and Chisel's `Vec`).
 *
 * `v.at(i)` with a constant reads (and assigns) one element; a constant past the end is a `LayoutError`.
 * `v.at(index)` with an unsigned value selects at run time:
 * - **read**: the selected element; an index past the last element reads **0** (as memory reads past the depth and
 *   `bitAt` do: Verilog's X would make 4-state simulators disagree). Built as a shift of the whole vector.
 * - **write** (`m.sync(v.at(i), d)`): only the selected element changes; an index past the last element writes
 *   nothing (as Verilog does). Built as a `case` on the index with one partial assignment per element.
 *
 * @example
 * const Regs = Vec(4, 8);
 * const regs = Regs.signal(m, 'regs');
 * m.If(we, () => m.sync(regs.at(waddr), wdata));      // one element written
 * m.comb(rdata, regs.at(raddr));                      // one element read
 */
import { HdlError } from './errors.ts';
import { LayoutError, Layout, type DecodedOf, type FieldLayout, type InitOf, type ViewOf, decodeField, encodeField, fieldShape, packField, placeParts, readField } from './layout.ts';
import { labelOf, lvalueOf, registerLValue } from './lvalue.ts';
import { checkWidth, formatShape, unsigned } from './shape.ts';
import { CallSite } from './source-loc.ts';
import { C, Operator, type Value, cat } from './value.ts';

/** What a Vec view adds to a value. */
export interface VecMembers<E extends FieldLayout> {
  readonly layout: VecLayout<E>;
  /** Number of elements. */
  readonly length: number;
  /**
   * Element `index`: a constant (checked against the length) or an unsigned value (reads past the end give 0,
   * writes past it change nothing). Assignable when the view is over a signal.
   */
  at(index: number | Value): ViewOf<E>;
  /** Every element, in order (constant indices). */
  elements(): ViewOf<E>[];
}
/** A value with the elements of a Vec of `E`. */
export type VecView<E extends FieldLayout> = Value & VecMembers<E>;

/** A Vec layout. Create with {@link Vec}. */
export class VecLayout<E extends FieldLayout> extends Layout<VecMembers<E>, readonly InitOf<E>[], DecodedOf<E>[]> {
  readonly width: number;
  /** Bits per element. */
  readonly stride: number;
  readonly layoutName: string;

  constructor(readonly length: number, readonly element: E, name?: string) {
    super();
    const site = new CallSite();
    if (!Number.isInteger(length) || length < 1) throw new HdlError(`Vec length must be a positive integer, got ${length}`, [site.loc]);
    this.stride = fieldShape(element).width;
    this.width = checkWidth(length * this.stride);
    this.layoutName = name ?? `vec${length}`;
  }

  /** @internal */
  attach(v: Value, label: string): void {
    const at = (index: number | Value): ViewOf<E> => this.select(v, label, index);
    Object.defineProperty(v, 'layout', { value: this, enumerable: false });
    Object.defineProperty(v, 'length', { value: this.length, enumerable: false });
    Object.defineProperty(v, 'at', { value: at, enumerable: false });
    Object.defineProperty(v, 'elements', { value: () => Array.from({ length: this.length }, (_, i) => at(i)), enumerable: false });
  }

  private select(v: Value, label: string, index: number | Value): ViewOf<E> {
    if (typeof index === 'number') {
      if (!Number.isInteger(index) || index < 0 || index >= this.length) {
        throw new LayoutError(`${label}.at(${index}): index out of range for ${this.length} elements (valid: 0..${this.length - 1})`, [new CallSite().loc]);
      }
      return readField(v, index * this.stride, this.element, `${label}[${index}]`) as ViewOf<E>;
    }
    if (index.signed) throw new HdlError(`${label}.at(): the index must be unsigned, got ${formatShape(index.shape)}`, [index.loc]);
    const k = Math.log2(this.stride);
    const amount = Number.isInteger(k) ? (k === 0 ? index : cat(index, C(0, k))) : index.mul(this.stride);
    const shifted = new Operator('shrv', unsigned(this.width), [v, amount]);
    const label1 = `${label}[${labelOf(index) ?? 'i'}]`;
    const e = readField(shifted, 0, this.element, label1);
    const base = lvalueOf(v);
    if (base) registerLValue(e, { signal: base.signal, lo: base.lo, shape: e.shape, dynamic: [...base.dynamic, { index, count: this.length, stride: this.stride }], label: label1 });
    return e as ViewOf<E>;
  }

  /**
   * A value from element values (values, integers, or field values of struct elements); missing elements are 0.
   * @example Vec(3, 4).pack([1, x, 2])
   */
  pack(init: readonly InitOf<E>[]): Value {
    this.checkCount(init.length);
    return placeParts(init.map((x, i) => ({ lo: i * this.stride, bits: packField(x, this.element, `${this.layoutName}[${i}]`) })), this.width);
  }

  /** The bits of constant element values. @example Vec(2, 8).encode([1, 2]) // 0x0201n */
  encode(init: readonly InitOf<E>[]): bigint {
    this.checkCount(init.length);
    return init.reduce<bigint>((acc, x, i) => acc | (encodeField(x, this.element, `${this.layoutName}[${i}]`) << BigInt(i * this.stride)), 0n);
  }

  /** The element values of a bit pattern. @example Vec(2, 8).decode(0x0201n) // [1n, 2n] */
  decode(bits: bigint): DecodedOf<E>[] {
    return Array.from({ length: this.length }, (_, i) => decodeField(BigInt.asUintN(this.stride, bits >> BigInt(i * this.stride)), this.element) as DecodedOf<E>);
  }

  /** @internal */
  parts(): readonly { readonly key: string; readonly lo: number; readonly layout: FieldLayout }[] {
    return Array.from({ length: this.length }, (_, i) => ({ key: `[${i}]`, lo: i * this.stride, layout: this.element }));
  }

  /** `vec4: 4 x u8` */
  describe(): string {
    const s = fieldShape(this.element);
    return `${this.layoutName}: ${this.length} x ${s instanceof Layout ? s.layoutName : formatShape(s)}`;
  }

  private checkCount(n: number): void {
    if (n > this.length) throw new LayoutError(`${this.layoutName}: ${n} elements given for a Vec of ${this.length}`, [new CallSite().loc]);
  }
}

/**
 * A Vec layout of `length` elements of `element` (a width, a shape, a struct or another Vec).
 * @example
 * const Table = Vec(8, signed(12));
 * const t = Table.signal(m, 'table');
 * m.sync(t.at(3), t.at(2));
 */
export function Vec<const E extends FieldLayout>(length: number, element: E, opts: { name?: string } = {}): VecLayout<E> {
  return new VecLayout(length, element, opts.name);
}
