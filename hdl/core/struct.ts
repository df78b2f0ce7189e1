/**
 * Structs and unions (after Amaranth's `StructLayout` / `UnionLayout`): a layout declared once with named fields, each
 * a width, a shape (signed, an enum), a nested struct or union, or a `Vec`. Struct fields follow each other from bit 0
 * upwards in declaration order (the first field is the least significant, as in Amaranth); union fields all start at
 * bit 0 and the union is as wide as its widest field.
 *
 * A view's `fields` are typed: `e.fields.count` is the field's value (signed fields read as signed, nested layouts
 * as their views), and a misspelt field is a compile error. When the view is over a signal (or part of one) each
 * field is also an assignment target: `m.sync(e.fields.count, e.fields.count.add(1).trunc(8))`.
 *
 * @example
 * const Op = defineEnum('op', ['READ', 'WRITE'] as const);
 * const Req = defineStruct('req', { op: Op, addr: 10, data: signed(8) });
 * const r = Req.signal(m, 'r');                       // a 19-bit register with fields
 * m.sync(r.fields.addr, r.fields.addr.add(1).trunc(10));
 * m.comb(out, Req.pack({ op: Op.C('WRITE'), addr: 3, data: x }));
 */
import { LayoutError, Layout, type DecodedOf, type FieldLayout, type InitOf, type ViewOf, decodeField, encodeField, fieldShape, packField, placeParts, readField } from './layout.ts';
import { CallSite } from './source-loc.ts';
import { checkWidth, formatShape } from './shape.ts';
import type { Value } from './value.ts';
import { HdlError } from './errors.ts';

/** The fields of a struct or union by name. */
export type FieldsSpec = Readonly<Record<string, FieldLayout>>;

/** The typed fields of a view. */
export type StructFields<F extends FieldsSpec> = { readonly [K in keyof F]: ViewOf<F[K]> };
/** What a struct view adds to a value. */
export interface StructMembers<F extends FieldsSpec> {
  /** The fields, each a value (or a nested view); assignable when the view is over a signal. */
  readonly fields: StructFields<F>;
  readonly layout: StructLayout<F>;
}
/** A value with the fields of struct layout `F`. */
export type StructView<F extends FieldsSpec> = Value & StructMembers<F>;
/** Field values (missing fields are 0). */
export type StructInit<F extends FieldsSpec> = { readonly [K in keyof F]?: InitOf<F[K]> };
/** Field values read back from bits. */
export type StructDecoded<F extends FieldsSpec> = { [K in keyof F]: DecodedOf<F[K]> };

/** A struct or union layout. Create with {@link defineStruct} or {@link defineUnion}. */
export class StructLayout<F extends FieldsSpec> extends Layout<StructMembers<F>, StructInit<F>, StructDecoded<F>> {
  readonly width: number;
  /** Low bit of each field. */
  readonly offsets: Readonly<Record<keyof F, number>>;
  private readonly fieldNames: readonly (keyof F & string)[];

  constructor(readonly layoutName: string, readonly spec: F, readonly union: boolean) {
    super();
    const site = new CallSite();
    const kind = union ? 'union' : 'struct';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(layoutName)) throw new HdlError(`${kind} name '${layoutName}' is not an identifier`, [site.loc]);
    this.fieldNames = Object.keys(spec) as (keyof F & string)[];
    if (this.fieldNames.length === 0) throw new HdlError(`${kind} '${layoutName}' needs at least one field`, [site.loc]);
    const offsets: Record<string, number> = {};
    let width = 0;
    for (const n of this.fieldNames) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) throw new HdlError(`${kind} '${layoutName}': field '${n}' is not an identifier`, [site.loc]);
      const w = fieldShape(spec[n]!).width;
      offsets[n] = union ? 0 : width;
      width = union ? Math.max(width, w) : width + w;
    }
    this.width = checkWidth(width);
    this.offsets = offsets as Record<keyof F, number>;
  }

  /** @internal */
  attach(v: Value, label: string): void {
    let cache: StructFields<F> | undefined;
    const make = (): StructFields<F> => {
      const f: Record<string, Value> = {};
      for (const n of this.fieldNames) f[n] = readField(v, this.offsets[n], this.spec[n]!, `${label}.${n}`);
      return Object.freeze(f) as StructFields<F>;
    };
    Object.defineProperty(v, 'fields', { get: () => (cache ??= make()), enumerable: false });
    Object.defineProperty(v, 'layout', { value: this, enumerable: false });
  }

  /**
   * A value from field values: values (widened by the assignment rules), integers, or for nested layouts their own
   * field values. Missing fields are 0. A union takes at most one field.
   * @example Req.pack({ op: Op.C('READ'), addr: a })
   */
  pack(init: StructInit<F>): Value {
    const given = this.check(init);
    return placeParts(given.map((n) => ({ lo: this.offsets[n], bits: packField(init[n], this.spec[n]!, `${this.layoutName}.${n}`) })), this.width);
  }

  /**
   * The bits of constant field values.
   * @example Req.encode({ op: Op.encoding('WRITE'), addr: 5 }) // 0b101_1n << ... as a bigint
   */
  encode(init: StructInit<F>): bigint {
    let acc = 0n;
    for (const n of this.check(init)) acc |= encodeField(init[n], this.spec[n]!, `${this.layoutName}.${n}`) << BigInt(this.offsets[n]);
    return acc;
  }

  /**
   * The field values of a bit pattern (signed fields as negative bigints, nested layouts as objects and arrays).
   * @example Req.decode(ctx.get(r)).addr
   */
  decode(bits: bigint): StructDecoded<F> {
    const out: Record<string, unknown> = {};
    for (const n of this.fieldNames) out[n] = decodeField(BigInt.asUintN(fieldShape(this.spec[n]!).width, bits >> BigInt(this.offsets[n])), this.spec[n]!);
    return out as StructDecoded<F>;
  }

  /** @internal */
  parts(): readonly { readonly key: string; readonly lo: number; readonly layout: FieldLayout }[] {
    return this.fieldNames.map((n) => ({ key: n, lo: this.offsets[n], layout: this.spec[n]! }));
  }

  /** `req: op [0], addr [10:1], data [18:11] s8` */
  describe(): string {
    const parts = this.fieldNames.map((n) => {
      const s = fieldShape(this.spec[n]!);
      const lo = this.offsets[n];
      const range = s.width > 1 ? `[${lo + s.width - 1}:${lo}]` : `[${lo}]`;
      const type = s instanceof Layout ? ` ${s.layoutName}` : s.signed ? ` ${formatShape(s)}` : '';
      return `${n} ${range}${type}`;
    });
    return `${this.union ? 'union' : 'struct'} ${this.layoutName}: ${parts.join(', ')}`;
  }

  private check(init: StructInit<F>): (keyof F & string)[] {
    for (const k of Object.keys(init)) {
      if (!(k in this.spec)) throw new LayoutError(`${this.union ? 'union' : 'struct'} '${this.layoutName}' has no field '${k}' (fields: ${this.fieldNames.join(', ')})`, [new CallSite().loc]);
    }
    const given = this.fieldNames.filter((n) => init[n] !== undefined);
    if (this.union && given.length > 1) throw new LayoutError(`union '${this.layoutName}': give one field, got ${given.join(', ')}`, [new CallSite().loc]);
    return given;
  }
}

/**
 * Declares a struct layout: fields from bit 0 upwards in declaration order.
 * @example
 * const Pixel = defineStruct('pixel', { r: 8, g: 8, b: 8 });
 * const p = Pixel.signal(m, 'p');
 * m.sync(p.fields.g, 0xff);                 // p.fields.gg is a compile error
 */
export function defineStruct<const F extends FieldsSpec>(name: string, fields: F): StructLayout<F> {
  return new StructLayout(name, fields, false);
}

/**
 * Declares a union layout: every field starts at bit 0; as wide as the widest field.
 * @example
 * const Word = defineUnion('word', { u: 16, s: signed(16), bytes: Vec(2, 8) });
 * const w = Word.view(x); m.comb(neg, w.fields.s.lt(0));
 */
export function defineUnion<const F extends FieldsSpec>(name: string, fields: F): StructLayout<F> {
  return new StructLayout(name, fields, true);
}
