/**
 * Prints expressions as Verilog-2005 whose meaning does not depend on Verilog's context-width and signedness rules.
 *
 * Invariant: `text(v)` has natural (self-determined) width `v.width` and signedness `v.signed`, and is only ever
 * placed in a context of exactly that width and signedness, because every operand is first brought to its
 * operator's shape by `ext` (a concatenation, which isolates its operand, or a sign-extension of a named value).
 * So the emitted code computes exactly what `evaluate` computes, which the semantics tests check with Icarus and
 * Verilator.
 */
import type { NetlistModule } from '../core/netlist.ts';
import { type Shape, commonShape, shapesEqual } from '../core/shape.ts';
import { type Const, type Operator, type Signal, type Value } from '../core/value.ts';
import { HdlError } from '../core/errors.ts';

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

const BINARY: Partial<Record<Operator['op'], string>> = {
  add: '+', sub: '-', mul: '*', and: '&', or: '|', xor: '^', eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=',
};

/** Prints the expressions of one module, hoisting shared or unnameable subexpressions into wires. */
export class ExprPrinter {
  private readonly temps = new Map<Value, string>();
  /** Declarations of temporaries, in creation order: `wire [7:0] t = ...;` */
  readonly tempDecls: string[] = [];
  private readonly uses = new Map<Value, number>();

  constructor(private readonly nm: NetlistModule, roots: Iterable<Value>) {
    const seen = new Set<Value>();
    const stack = [...roots];
    for (const r of stack) this.uses.set(r, (this.uses.get(r) ?? 0) + 1);
    while (stack.length) {
      const v = stack.pop()!;
      if (seen.has(v)) continue;
      seen.add(v);
      if (v.kind === 'op') for (const o of (v as Operator).operands) { this.uses.set(o, (this.uses.get(o) ?? 0) + 1); stack.push(o); }
    }
  }

  /** Verilog text of `v` (see the invariant above). */
  text(v: Value): string {
    if (v.kind === 'const') return literal((v as Const).value, v.shape);
    if (v.kind === 'signal') return this.name(v as Signal);
    const t = this.temps.get(v);
    if (t) return t;
    const o = v as Operator;
    if ((this.uses.get(v) ?? 0) > 1 && !this.isCheap(o)) return this.hoist(o);
    return this.opText(o);
  }

  /** `v` as a value of `shape` (which must hold all of v's values). */
  ext(v: Value, shape: Shape): string {
    if (shapesEqual(v.shape, shape)) return this.text(v);
    if (v.kind === 'const') return literal((v as Const).value, shape);
    if (v.kind === 'op' && (v as Operator).op === 'ext') return this.ext((v as Operator).operands[0]!, shape);
    const k = shape.width - v.width;
    if (k < 0 || (v.signed && !shape.signed)) throw new HdlError(`internal: cannot extend ${v.width}-bit value to ${shape.width}`);
    let bits: string;
    if (k === 0) bits = this.text(v);
    else if (!v.signed) bits = `{${k}'d0, ${this.text(v)}}`;
    else {
      const a = this.atom(v);
      const sign = v.width === 1 ? a : `${a}[${v.width - 1}]`;
      bits = k === 1 ? `{${sign}, ${a}}` : `{{${k}{${sign}}}, ${a}}`;
    }
    return shape.signed ? `$signed(${bits})` : bits;
  }

  /** A name (or literal) for `v`: a bit select needs one. */
  atom(v: Value): string {
    if (v.kind !== 'op') return this.text(v);
    return this.temps.get(v) ?? this.hoist(v as Operator);
  }

  private name(s: Signal): string {
    const n = this.nm.names.get(s);
    if (n === undefined) throw new HdlError(`internal: signal '${s.name}' has no Verilog name in module '${this.nm.name}'`, [s.loc]);
    return n;
  }

  private isCheap(o: Operator): boolean {
    return (o.op === 'slice' || o.op === 'cast' || o.op === 'not') && o.operands[0]!.kind !== 'op';
  }

  private hoist(o: Operator): string {
    const name = this.nm.allocator.claim(`t${this.tempDecls.length}`);
    this.temps.set(o, name);
    const rhs = this.opText(o);
    this.tempDecls.push(`  wire ${declRange(o.shape)}${name} = ${rhs};`);
    return name;
  }

  /**
   * The low `w` bits of an arithmetic or bitwise node, computed at width `w` (arithmetic modulo 2^w commutes with
   * truncation), so `count.add(1).trunc(8)` prints as `count + 8'd1`. Null when the node is of another kind.
   */
  private lowBits(v: Value, w: number): string | null {
    const o = v as Operator;
    const OPS: Partial<Record<Operator['op'], string>> = { add: '+', sub: '-', mul: '*', and: '&', or: '|', xor: '^' };
    const u = { width: w, signed: false };
    const operand = (x: Value): string => {
      if (x.width >= w) {
        if (x.width === w) return x.signed ? `$unsigned(${this.text(x)})` : this.text(x);
        if (x.kind === 'const') return literal(BigInt.asUintN(w, (x as Const).value), u);
        const low = x.kind === 'op' && (this.uses.get(x) ?? 0) <= 1 && !this.temps.has(x) ? this.lowBits(x, w) : null;
        return low ?? `${this.atom(x)}[${w - 1}:0]`;
      }
      if (x.kind === 'const') return literal(BigInt.asUintN(w, (x as Const).value), u);
      const e = this.ext(x, { width: w, signed: x.signed });
      return x.signed ? `$unsigned(${e})` : e;
    };
    const bin = OPS[o.op];
    if (bin) return `${this.paren(operand(o.operands[0]!))} ${bin} ${this.paren(operand(o.operands[1]!))}`;
    if (o.op === 'not') return `~${this.paren(operand(o.operands[0]!))}`;
    if (o.op === 'neg') return `-${this.paren(operand(o.operands[0]!))}`;
    if (o.op === 'shl') return `${this.paren(operand(o.operands[0]!))} << ${o.param}`;
    return null;
  }

  private paren(s: string): string {
    return /^[A-Za-z_$][A-Za-z0-9_$]*(\[[^\]]*\])?$|^\{.*\}$|^\d+'s?[dhb][0-9a-fA-F]+$|^\$(un)?signed\(.*\)$/.test(s) && balanced(s) ? s : `(${s})`;
  }

  private opText(o: Operator): string {
    const [a, b, c] = o.operands as Value[];
    const s = o.shape;
    const bin = BINARY[o.op];
    if (bin) {
      const isCmp = o.op === 'eq' || o.op === 'ne' || o.op === 'lt' || o.op === 'le' || o.op === 'gt' || o.op === 'ge';
      const opShape = isCmp ? commonShape(a!.shape, b!.shape) : s;
      return `${this.paren(this.ext(a!, opShape))} ${bin} ${this.paren(this.ext(b!, opShape))}`;
    }
    switch (o.op) {
      case 'neg': return `-${this.paren(this.ext(a!, s))}`;
      case 'not': return `~${this.paren(this.text(a!))}`;
      case 'shl': return `${this.paren(this.text(a!))} << ${o.param}`;
      case 'shr': return `${this.paren(this.text(a!))} ${s.signed ? '>>>' : '>>'} ${o.param}`;
      case 'shlv': return `${this.paren(this.text(a!))} << ${this.paren(this.text(b!))}`;
      case 'shrv': return `${this.paren(this.text(a!))} ${s.signed ? '>>>' : '>>'} ${this.paren(this.text(b!))}`;
      case 'redand': return `&${this.paren(this.text(a!))}`;
      case 'redor': return `|${this.paren(this.text(a!))}`;
      case 'redxor': return `^${this.paren(this.text(a!))}`;
      case 'mux': return `${this.paren(this.text(a!))} ? ${this.paren(this.ext(b!, s))} : ${this.paren(this.ext(c!, s))}`;
      case 'slice': {
        if (o.param === 0 && a!.kind === 'op' && (this.uses.get(a!) ?? 0) <= 1 && !this.temps.has(a!)) {
          const low = this.lowBits(a!, s.width);
          if (low !== null) return low;
        }
        if (a!.kind === 'const') return literal(BigInt.asUintN(s.width, (a as Const).value >> BigInt(o.param)), s);
        const base = this.atom(a!);
        if (a!.width === 1) return a!.signed ? `$unsigned(${base})` : base;
        return s.width === 1 ? `${base}[${o.param}]` : `${base}[${o.param + s.width - 1}:${o.param}]`;
      }
      case 'concat': return `{${o.operands.map((x) => this.text(x)).join(', ')}}`;
      case 'ext': return this.ext(a!, s);
      case 'cast': return `${s.signed ? '$signed' : '$unsigned'}(${this.text(a!)})`;
      default: throw new HdlError(`internal: no Verilog for operator '${o.op}'`);
    }
  }
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
