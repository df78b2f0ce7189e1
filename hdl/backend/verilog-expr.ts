/**
 * Prints the nets of one module netlist as Verilog-2005 whose meaning does not depend on Verilog's context-width and
 * signedness rules.
 *
 * Invariant: `text(n)` has natural (self-determined) width and signedness of net `n`, and is only ever placed in a
 * context of exactly that width and signedness, because every operand is first brought to its operator's shape by
 * `ext` (a concatenation, which isolates its operand, or a sign-extension of a named value). So the emitted code
 * computes exactly what the operator table computes, which the semantics tests check with Icarus and Verilator.
 *
 * Nets used more than once, and nets that would nest deeper than {@link MAX_INLINE_DEPTH} operators, are hoisted
 * into named wires in net order, so printing never recurses deeper than that bound whatever the design's depth.
 * The printer records which bits of each name it printed, so lint waivers go on exactly the names read in part.
 */
import { type Shape, commonShape, shapesEqual } from '../core/shape.ts';
import { HdlError } from '../core/errors.ts';
import { type Cell, type Net, type NetlistModule, type OpCell, coneOf } from '../ir/netlist.ts';
import { EnumLiterals } from './verilog-enum.ts';

/** Operator nesting depth above which a subexpression gets a wire of its own. */
export const MAX_INLINE_DEPTH = 24;

/** A Verilog literal of `value` at `shape`. */
export function literal(value: bigint, shape: Shape): string {
  const w = shape.width;
  if (!shape.signed) return `${w}'d${value}`;
  if (value >= 0n) return `${w}'sd${value}`;
  if (value === -(1n << BigInt(w - 1))) return `${w}'sh${BigInt.asUintN(w, value).toString(16)}`;
  return `-${w}'sd${-value}`;
}

/** `[w-1:0]` or nothing for one bit, with `signed` where needed: the part of a declaration after `wire`/`reg`. */
export function declRange(shape: Shape): string {
  return `${shape.signed ? 'signed ' : ''}${shape.width > 1 ? `[${shape.width - 1}:0] ` : ''}`;
}

const BINARY: Partial<Record<OpCell['op'], string>> = {
  add: '+', sub: '-', mul: '*', and: '&', or: '|', xor: '^', eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=',
};
const LOW_BITS_OPS: Partial<Record<OpCell['op'], string>> = { add: '+', sub: '-', mul: '*', and: '&', or: '|', xor: '^' };

/** Prints the nets of one module, hoisting shared, deep or unnameable subexpressions into wires. */
export class ExprPrinter {
  private readonly cells: readonly Cell[];
  private readonly temps = new Map<Net, string>();
  /** Declarations of temporaries, in creation order (operands first): `[name, 'wire [7:0] t = ...;']`. */
  readonly tempDecls: { readonly name: string; readonly shape: Shape; readonly text: string }[] = [];
  private readonly uses: Int32Array;
  private readonly hoist: Uint8Array;
  /** Names printed whole, and bit ranges of names printed in part. */
  private readonly whole = new Set<string>();
  private readonly parts = new Map<string, [number, number][]>();
  /** Names of enumeration members (`localparam`s) printed in place of literals. */
  readonly enums: EnumLiterals;

  constructor(private readonly nm: NetlistModule, roots: Iterable<Net>) {
    this.cells = nm.cells;
    this.enums = new EnumLiterals(nm);
    const rootList = [...roots];
    const reach = coneOf(this.cells, rootList);
    const uses = new Int32Array(this.cells.length);
    for (const r of rootList) uses[r]!++;
    for (let n = 0; n < this.cells.length; n++) {
      const c = this.cells[n]!;
      if (reach[n] && c.kind === 'op') for (const a of c.args) uses[a]!++;
    }
    this.uses = uses;
    // Forward pass: which nets get wires (shared and not cheap, or too deep to inline).
    const hoist = new Uint8Array(this.cells.length);
    const depth = new Int32Array(this.cells.length);
    for (let n = 0; n < this.cells.length; n++) {
      const c = this.cells[n]!;
      if (!reach[n] || c.kind !== 'op') continue;
      if (uses[n]! > 1 && !this.isCheap(c)) { hoist[n] = 1; continue; }
      let d = 0;
      for (const a of c.args) if (this.cells[a]!.kind === 'op' && !hoist[a]) d = Math.max(d, depth[a]!);
      depth[n] = d + 1;
      if (depth[n]! > MAX_INLINE_DEPTH) { hoist[n] = 1; depth[n] = 0; }
    }
    this.hoist = hoist;
    for (let n = 0; n < this.cells.length; n++) if (hoist[n]) this.makeTemp(n);
  }

  /** Verilog text of net `n` (see the invariant above). */
  text(n: Net): string {
    const c = this.cells[n]!;
    if (c.kind === 'const') return literal(c.value, c.shape);
    const named = this.nameOf(n);
    if (named !== undefined) { this.whole.add(named); return named; }
    return this.opText(c as OpCell);
  }

  shape(n: Net): Shape {
    return this.cells[n]!.shape;
  }

  /** `n` as a value of `shape` (which must hold all of n's values). */
  ext(n: Net, shape: Shape): string {
    const c = this.cells[n]!;
    if (shapesEqual(c.shape, shape)) return this.text(n);
    if (c.kind === 'const') return literal(c.value, shape);
    if (c.kind === 'op' && c.op === 'ext') return this.ext(c.args[0]!, shape);
    const k = shape.width - c.shape.width;
    if (k < 0 || (c.shape.signed && !shape.signed)) throw new HdlError(`internal: cannot extend ${c.shape.width}-bit value to ${shape.width}`);
    let bits: string;
    if (k === 0) bits = this.text(n);
    else if (!c.shape.signed) bits = `{${k}'d0, ${this.text(n)}}`;
    else {
      const a = this.atom(n);
      const sign = c.shape.width === 1 ? a : this.select(n, c.shape.width - 1, c.shape.width - 1);
      bits = k === 1 ? `{${sign}, ${a}}` : `{{${k}{${sign}}}, ${a}}`;
    }
    return shape.signed ? `$signed(${bits})` : bits;
  }

  /** A name (or literal) for `n`, read whole. */
  atom(n: Net): string {
    const c = this.cells[n]!;
    if (c.kind !== 'op') return this.text(n);
    const t = this.temps.get(n) ?? this.makeTemp(n);
    this.whole.add(t);
    return t;
  }

  /** Bits `hi`..`lo` of net `n` by a bit select on its name (recorded as a part read). */
  select(n: Net, hi: number, lo: number): string {
    const c = this.cells[n]!;
    const base = c.kind === 'op' ? this.temps.get(n) ?? this.makeTemp(n) : c.kind === 'signal' ? this.nameOf(n)! : null;
    if (base === null) throw new HdlError('internal: bit select of a constant');
    let l = this.parts.get(base);
    if (!l) this.parts.set(base, (l = []));
    l.push([lo, hi]);
    return hi === lo ? `${base}[${lo}]` : `${base}[${hi}:${lo}]`;
  }

  /** Records that a name was printed whole outside expressions (clocks in sensitivity lists, instance pins). */
  markRead(name: string): void {
    this.whole.add(name);
  }

  /** True when every bit of `name` (of `width` bits) was printed. */
  fullyRead(name: string, width: number): boolean {
    if (this.whole.has(name)) return true;
    const ranges = (this.parts.get(name) ?? []).slice().sort((a, b) => a[0] - b[0]);
    let next = 0;
    for (const [lo, hi] of ranges) { if (lo > next) return false; next = Math.max(next, hi + 1); }
    return next >= width;
  }

  /** True when any bit of `name` was printed. */
  anyRead(name: string): boolean {
    return this.whole.has(name) || this.parts.has(name);
  }

  private nameOf(n: Net): string | undefined {
    const c = this.cells[n]!;
    if (c.kind === 'signal') {
      const name = this.nm.names.get(this.nm.signals[c.signal]!.signal);
      if (name === undefined) throw new HdlError(`internal: signal '${this.nm.signals[c.signal]!.path}' has no Verilog name in module '${this.nm.name}'`);
      return name;
    }
    return this.temps.get(n);
  }

  private isCheap(c: OpCell): boolean {
    return (c.op === 'slice' || c.op === 'cast' || c.op === 'not') && this.cells[c.args[0]!]!.kind !== 'op';
  }

  private makeTemp(n: Net): string {
    const name = this.nm.allocator.claim(`t${this.tempDecls.length}`);
    const c = this.cells[n] as OpCell;
    const rhs = this.opText(c); // operands get their own wires first, so declarations come before uses
    this.temps.set(n, name);
    this.tempDecls.push({ name, shape: c.shape, text: `wire ${declRange(c.shape)}${name} = ${rhs};` });
    return name;
  }

  private inline(n: Net): boolean {
    return this.cells[n]!.kind === 'op' && (this.uses[n] ?? 0) <= 1 && !this.temps.has(n) && !this.hoist[n];
  }

  /**
   * The low `w` bits of an arithmetic or bitwise node, computed at width `w` (arithmetic modulo 2^w commutes with
   * truncation), so `count.add(1).trunc(8)` prints as `count + 8'd1`. Null when the node is of another kind.
   */
  private lowBits(n: Net, w: number): string | null {
    const o = this.cells[n] as OpCell;
    const u = { width: w, signed: false };
    const operand = (x: Net): string => {
      const xc = this.cells[x]!;
      if (xc.shape.width >= w) {
        if (xc.shape.width === w) return xc.shape.signed ? `$unsigned(${this.text(x)})` : this.text(x);
        if (xc.kind === 'const') return literal(BigInt.asUintN(w, xc.value), u);
        const low = this.inline(x) ? this.lowBits(x, w) : null;
        return low ?? this.select(x, w - 1, 0);
      }
      if (xc.kind === 'const') return literal(BigInt.asUintN(w, xc.value), u);
      const e = this.ext(x, { width: w, signed: xc.shape.signed });
      return xc.shape.signed ? `$unsigned(${e})` : e;
    };
    const bin = LOW_BITS_OPS[o.op];
    if (bin) return `${paren(operand(o.args[0]!))} ${bin} ${paren(operand(o.args[1]!))}`;
    if (o.op === 'not') return `~${paren(operand(o.args[0]!))}`;
    if (o.op === 'neg') return `-${paren(operand(o.args[0]!))}`;
    if (o.op === 'shl') return `${paren(operand(o.args[0]!))} << ${o.param}`;
    return null;
  }

  /** `/` or `%` at the operator's shape, guarded so that by zero it gives the operator table's value, never X. */
  private divText(o: OpCell): string {
    const [a, b] = o.args as Net[];
    const s = o.shape;
    const bc = this.cells[b!]!;
    if (bc.kind === 'const' && bc.value !== 0n) return `${paren(this.ext(a!, s))} ${o.op === 'div' ? '/' : '%'} ${paren(this.ext(b!, s))}`;
    const bz = bc.kind === 'op' ? this.atom(b!) : this.text(b!); // read twice: name it once
    if (o.op === 'mod' && this.cells[a!]!.kind === 'op') this.atom(a!);
    const zero = o.op === 'div' ? literal(s.signed ? -1n : (1n << BigInt(s.width)) - 1n, s) : this.ext(a!, s);
    const q = `${paren(this.ext(a!, s))} ${o.op === 'div' ? '/' : '%'} ${paren(this.ext(b!, s))}`;
    return `(${bz} == ${literal(0n, bc.shape)}) ? ${paren(zero)} : (${q})`;
  }

  private opText(o: OpCell): string {
    const [a, b, c] = o.args as Net[];
    const s = o.shape;
    const bin = BINARY[o.op];
    if (bin) {
      const isCmp = o.op === 'eq' || o.op === 'ne' || o.op === 'lt' || o.op === 'le' || o.op === 'gt' || o.op === 'ge';
      const opShape = isCmp ? commonShape(this.shape(a!), this.shape(b!)) : s;
      const side = (x: Net, other: Net): string => {
        const xc = this.cells[x]!;
        return (isCmp && xc.kind === 'const' ? this.enums.forNet(other, xc.value, opShape) : null) ?? paren(this.ext(x, opShape));
      };
      return `${side(a!, b!)} ${bin} ${side(b!, a!)}`;
    }
    switch (o.op) {
      case 'neg': return `-${paren(this.ext(a!, s))}`;
      case 'div': case 'mod': return this.divText(o);
      case 'not': return `~${paren(this.text(a!))}`;
      case 'shl': return `${paren(this.text(a!))} << ${o.param}`;
      case 'shr': return `${paren(this.text(a!))} ${s.signed ? '>>>' : '>>'} ${o.param}`;
      case 'shlv': return `${paren(this.text(a!))} << ${paren(this.text(b!))}`;
      case 'shrv': return `${paren(this.text(a!))} ${s.signed ? '>>>' : '>>'} ${paren(this.text(b!))}`;
      case 'redand': return `&${paren(this.text(a!))}`;
      case 'redor': return `|${paren(this.text(a!))}`;
      case 'redxor': return `^${paren(this.text(a!))}`;
      case 'mux': return `${paren(this.text(a!))} ? ${paren(this.ext(b!, s))} : ${paren(this.ext(c!, s))}`;
      case 'slice': {
        if (o.param === 0 && this.inline(a!)) {
          const low = this.lowBits(a!, s.width);
          if (low !== null) return low;
        }
        const ac = this.cells[a!]!;
        if (ac.kind === 'const') return literal(BigInt.asUintN(s.width, ac.value >> BigInt(o.param)), s);
        if (ac.shape.width === 1) { const base = this.atom(a!); return ac.shape.signed ? `$unsigned(${base})` : base; }
        return this.select(a!, o.param + s.width - 1, o.param);
      }
      case 'concat': return `{${o.args.map((x) => this.text(x)).join(', ')}}`;
      case 'ext': return this.ext(a!, s);
      case 'cast': return `${s.signed ? '$signed' : '$unsigned'}(${this.text(a!)})`;
      default: throw new HdlError(`internal: no Verilog for operator '${o.op}'`);
    }
  }
}

function paren(s: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*(\[[^\]]*\])?$|^\{.*\}$|^\d+'s?[dhb][0-9a-fA-F]+$|^\$(un)?signed\(.*\)$/.test(s) && balanced(s) ? s : `(${s})`;
}

function balanced(s: string): boolean {
  // `{a} + {b}` matches /^\{.*\}$/ but is not one atom: check that the first bracket closes at the end.
  const open = s[0] === '{' ? '{' : s[0] === '$' ? '(' : null;
  if (!open) return true;
  const close = open === '{' ? '}' : ')';
  let depth = 0;
  for (let i = s.indexOf(open); i < s.length; i++) {
    if (s[i] === open) depth++;
    else if (s[i] === close && --depth === 0) return i === s.length - 1;
  }
  return false;
}
