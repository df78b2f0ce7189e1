/**
 * Expression code generation: turns nets of the netlist IR into straight-line JavaScript that computes exactly what
 * the operator table (hdl/ir/ops.ts) computes. Every value lives in one of three representations by its width:
 * - `i` (1..32 bits): a JS number that is the canonical value (signed: int32 range; unsigned 32: uint32 range);
 * - `d` (33..53 bits): a JS number holding the exact integer (doubles are exact below 2^53);
 * - `w` (54+ bits): 32-bit limbs, one local each (see limbs.ts, which generates their code).
 * Each operator net becomes one `const` (computed once per scope: common subexpressions are shared). Truncations
 * of wide arithmetic read only the low limbs, so `a.mul(b).trunc(32)` computes one limb of the product.
 * Generation recurses at most {@link CUT_DEPTH} operators deep: deeper nets are first computed at cut points, so
 * expressions of any depth compile without growing the call stack.
 */
import type { Shape } from '../../hdl/core/shape.ts';
import type { Cell, Net, OpCell } from '../../hdl/ir/netlist.ts';
import { SimError } from './errors.ts';
import { limbCount, limbKey, type LimbHost, LimbGen } from './limbs.ts';

/** Operator depth between the cut points of deep expressions. */
export const CUT_DEPTH = 48;

/** Locals per generated function before values go to the spill array `H.SN`. */
export const MAX_LOCALS = 4096;

/**
 * Depth of every net of a table (0 for constants and signals) and its cut points: a net is a cut when the longest
 * chain of operators below it that meets no other cut reaches {@link CUT_DEPTH}. One forward pass.
 */
export function netDepths(cells: readonly Cell[]): { depth: Int32Array; cut: Uint8Array } {
  const depth = new Int32Array(cells.length);
  const uncut = new Int32Array(cells.length);
  const cut = new Uint8Array(cells.length);
  for (let n = 0; n < cells.length; n++) {
    const c = cells[n]!;
    if (c.kind !== 'op') continue;
    let m = 0;
    let u = 0;
    for (const a of c.args) { if (depth[a]! > m) m = depth[a]!; if (uncut[a]! > u) u = uncut[a]!; }
    depth[n] = m + 1;
    uncut[n] = u + 1;
    if (uncut[n]! >= CUT_DEPTH) { cut[n] = 1; uncut[n] = 0; }
  }
  return { depth, cut };
}

/** How a value of a shape is held in generated code. */
export type Rep = 'i' | 'd' | 'w';

export function repOf(shape: Shape): Rep {
  return shape.width <= 32 ? 'i' : shape.width <= 53 ? 'd' : 'w';
}

/** Helpers the generated code calls (passed in as `H`). */
export const HELPERS = {
  /** Parity of a 32-bit pattern. */
  par32(x: number): number {
    x ^= x >>> 16; x ^= x >>> 8; x ^= x >>> 4; x ^= x >>> 2; x ^= x >>> 1;
    return x & 1;
  },
  /** Parity of the low `w` (33..53) bits of an integer double. */
  parD(x: number, w: number): number {
    const hi = Math.floor(x / 4294967296) & (2 ** (w - 32) - 1);
    return HELPERS.par32((x >>> 0) ^ hi);
  },
  /** Bitwise and/or/xor of two integer doubles (two's complement, any sign), exact below 2^53. */
  bitD(op: 0 | 1 | 2, a: number, b: number): number {
    const ah = Math.floor(a / 4294967296), bh = Math.floor(b / 4294967296);
    const al = a >>> 0, bl = b >>> 0;
    const h = op === 0 ? ah & bh : op === 1 ? ah | bh : ah ^ bh;
    const l = op === 0 ? al & bl : op === 1 ? al | bl : al ^ bl;
    return h * 4294967296 + (l >>> 0);
  },
  /** Wraps an integer double into `w` bits (33..53), signed or unsigned. Exact for any integer double. */
  wrapD(x: number, w: number, signed: boolean): number {
    const m = 2 ** w;
    let r = x % m;
    if (r < 0) r += m;
    if (signed && r >= m / 2) r -= m;
    return r + 0; // no -0
  },
};

const P32 = 4294967296;

/** Wraps a (possibly out-of-range, integer-valued) JS number expression into an `i` shape. */
function wrapI(x: string, s: Shape): string {
  const w = s.width;
  if (s.signed) return w === 32 ? `((${x}) | 0)` : `(((${x}) << ${32 - w}) >> ${32 - w})`;
  return w === 32 ? `((${x}) >>> 0)` : `((${x}) & ${2 ** w - 1})`;
}

/** Literal of a canonical value: a number (`i`, `d`) or a BigInt (`big`, for a `switch` on a wide subject). */
export function literal(value: bigint, rep: Rep | 'big'): string {
  if (rep === 'w') throw new SimError('internal: a wide value has no single literal (use its limbs)');
  if (rep === 'big') return value < 0n ? `(${value}n)` : `${value}n`;
  return value < 0n ? `(${value})` : String(value);
}

type Scope = Map<Net, string>;

/**
 * Generates code for values into a line buffer. `signal(s)` names the local that holds a signal's canonical value.
 * Scopes follow the generated blocks (`if`/`switch` bodies), so a value computed inside a branch is not reused outside.
 */
export class ExprGen implements LimbHost {
  private readonly scopes: Scope[] = [new Map()];
  /** Limbs of wide values (by net and limb count), per scope like {@link scopes}. */
  private readonly limbScopes: Map<number, string[]>[] = [new Map()];
  /** The limb code generator (wide values). */
  readonly w: LimbGen = new LimbGen(this);
  private readonly depth: Int32Array;
  private readonly cutPoint: Uint8Array;
  private cutting = false;
  private locals = 0;
  private spillN = 0;
  private n = 0;
  lines: string[] = [];
  indent = '  ';

  constructor(private readonly cells: readonly Cell[], private readonly signal: (s: number) => string, depths?: { depth: Int32Array; cut: Uint8Array }, private readonly prefix = 't') {
    const d = depths ?? netDepths(cells);
    this.depth = d.depth;
    this.cutPoint = d.cut;
  }

  /** The shape of a net. */
  sh(n: Net): Shape {
    return this.cells[n]!.shape;
  }

  emit(line: string): void {
    this.lines.push(this.indent + line);
  }
  /** Opens a nested scope (a block); close it with {@link close}. */
  open(): void {
    this.scopes.push(new Map());
    this.limbScopes.push(new Map());
    this.indent += '  ';
  }
  close(): void {
    this.scopes.pop();
    this.limbScopes.pop();
    this.indent = this.indent.slice(2);
  }
  /** Forgets every value computed so far (e.g. at the start of a new loop body). */
  reset(): void {
    this.scopes.length = 0;
    this.scopes.push(new Map());
    this.limbScopes.length = 0;
    this.limbScopes.push(new Map());
  }
  fresh(prefix = this.prefix): string {
    return `${prefix}${this.n++}`;
  }

  private lookup(v: Net, scopes: Scope[] = this.scopes): string | undefined {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const hit = scopes[i]!.get(v);
      if (hit !== undefined) return hit;
    }
    return undefined;
  }

  /** JS expression (a name or a literal) of a narrow (up to 53 bits) net's canonical value in `repOf(v.shape)`. */
  expr(v: Net): string {
    const c = this.cells[v]!;
    if (repOf(c.shape) === 'w') throw new SimError(`internal: net ${v} has ${c.shape.width} bits: read its limbs`);
    if (c.kind === 'const') return literal(c.value, repOf(c.shape));
    if (c.kind === 'signal') return this.signal(c.signal);
    const hit = this.lookup(v);
    if (hit !== undefined) return hit;
    this.prepare(v);
    const code = this.opCode(c);
    const name = this.bind(code);
    this.scopes[this.scopes.length - 1]!.set(v, name);
    return name;
  }

  /** The value of `v` as the parts it is held in: one number expression, or its limbs (wide values). */
  parts(v: Net): string[] {
    return repOf(this.sh(v)) === 'w' ? this.w.limbs(v) : [this.expr(v)];
  }

  /** The parts of `v`'s value converted into shape `to` (wrapped when the shapes differ). */
  partsAs(v: Net, to: Shape): string[] {
    const from = this.sh(v);
    if (from.width === to.width && from.signed === to.signed) return this.parts(v);
    return this.w.resize(v, to);
  }

  cellOf(n: Net): Cell {
    return this.cells[n]!;
  }
  signalName(s: number): string {
    return this.signal(s);
  }
  bindNum(code: string): string {
    return this.bind(code);
  }
  lookupLimbs(key: number): string[] | undefined {
    for (let i = this.limbScopes.length - 1; i >= 0; i--) {
      const hit = this.limbScopes[i]!.get(key);
      if (hit !== undefined) return hit;
    }
    return undefined;
  }
  setLimbs(key: number, limbs: string[]): void {
    this.limbScopes[this.limbScopes.length - 1]!.set(key, limbs);
  }
  /** Computes the cut points of `v`'s cone first when `v` is deep (see {@link netDepths}). */
  prepare(v: Net): void {
    if (this.depth[v]! > CUT_DEPTH && !this.cutting) this.cut(v);
  }

  /**
   * A name for a computed value: a `const` local, or, past {@link MAX_LOCALS} locals in one function (V8 gives every
   * local a slot of the function's frame, and a frame of 10^5 slots overflows the stack), a slot of a spill array.
   */
  private bind(code: string, prefix = this.prefix): string {
    if (this.locals++ < MAX_LOCALS) {
      const name = this.fresh(prefix);
      this.emit(`const ${name} = ${code};`);
      return name;
    }
    const slot = `H.SN[${this.spillN++}]`;
    this.emit(`${slot} = ${code};`);
    return slot;
  }

  /**
   * Computes, in net order, the cut points of `v`'s cone (see {@link netDepths}), so generating `v` itself recurses
   * at most {@link CUT_DEPTH} operators deep before it meets a computed net.
   */
  private cut(v: Net): void {
    const mark = new Uint8Array(v + 1);
    mark[v] = 1;
    const cuts: Net[] = [];
    for (let n = v; n >= 0; n--) {
      if (!mark[n]) continue;
      const c = this.cells[n]!;
      if (c.kind !== 'op' || this.lookup(n) !== undefined || this.lookupLimbs(limbKey(n, limbCount(c.shape))) !== undefined) continue;
      if (n !== v && this.cutPoint[n]) cuts.push(n);
      for (const a of c.args) mark[a] = 1;
    }
    this.cutting = true; // the cut points come in ascending order: each meets the one below it within the bound
    try {
      for (let i = cuts.length - 1; i >= 0; i--) this.parts(cuts[i]!);
    } finally {
      this.cutting = false;
    }
  }

  /** A narrow `v` as a number expression (`i` and `d` values are both JS numbers: only the range differs). */
  as(v: Net, _rep: Rep): string {
    const c = this.cells[v]!;
    if (c.kind === 'const') return literal(c.value, 'd');
    return this.expr(v);
  }

  /** A JS number expression for a shift amount or address, clamped to `limit` (any value >= limit gives limit). */
  clamped(v: Net, limit: number): string {
    const c = this.cells[v]!;
    if (c.kind === 'const') return String(Math.min(Number(c.value), limit));
    if (repOf(c.shape) === 'w') return this.w.clampedWide(v, limit);
    return this.expr(v);
  }

  /** A 1-bit condition as a JS boolean-ish expression. */
  cond(v: Net): string {
    return repOf(this.sh(v)) === 'w' ? this.w.nonZero(v) : this.expr(v);
  }

  /**
   * A number expression whose low 32 bits equal the low 32 bits of `v`'s value. Arithmetic mod 2^32
   * commutes with truncation, so wide sums and products truncated to 32 bits or less compute one limb.
   */
  low(v: Net): string {
    const c = this.cells[v]!;
    if (c.kind === 'const') return String(Number(BigInt.asIntN(32, c.value)));
    const rep = repOf(c.shape);
    if (rep === 'w') return this.w.arg(v, 1)[0]!;
    const e = this.expr(v);
    return rep === 'i' ? e : `(${e} | 0)`;
  }

  private opCode(o: OpCell): string {
    const s = o.shape;
    const rep = repOf(s);
    const [a, b, c] = o.args;
    const w = s.width;
    const wide = this.w.narrowOp(o);
    if (wide !== null) return wide;
    const cmp = (js: string): string => `(${this.as(a!, 'd')} ${js} ${this.as(b!, 'd')} ? 1 : 0)`;
    switch (o.op) {
      case 'eq': return cmp('===');
      case 'ne': return cmp('!==');
      case 'lt': return cmp('<');
      case 'le': return cmp('<=');
      case 'gt': return cmp('>');
      case 'ge': return cmp('>=');
      case 'redor': return `(${this.expr(a!)} !== 0 ? 1 : 0)`;
      case 'redand': {
        const aw = this.sh(a!).width;
        const all = this.sh(a!).signed ? -1n : (1n << BigInt(aw)) - 1n;
        return `(${this.expr(a!)} === ${literal(all, repOf(this.sh(a!)))} ? 1 : 0)`;
      }
      case 'redxor': {
        const aw = this.sh(a!).width;
        const ar = repOf(this.sh(a!));
        if (ar === 'i') return aw === 32 ? `H.par32(${this.expr(a!)})` : `H.par32(${this.expr(a!)} & ${2 ** aw - 1})`;
        return `H.parD(${this.expr(a!)}, ${aw})`;
      }
      case 'mux': return `(${this.cond(a!)} ? ${this.as(b!, rep)} : ${this.as(c!, rep)})`;
      case 'ext': return this.as(a!, rep);
      case 'div': case 'mod': return this.divCode(o);
      default: break;
    }
    if (rep === 'i') return this.opI(o, s, w);
    return this.opD(o, s, w);
  }

  /**
   * Quotient and remainder of narrow results as the operator table defines them (by zero: all ones / the dividend).
   * The operands are no wider than the result, so they divide exact doubles (`Math.trunc` of a quotient of integers
   * below 2^53 is exact; `+ 0` turns -0 into 0). Wide results divide in limbs.ts.
   */
  private divCode(o: OpCell): string {
    const s = o.shape;
    const A = this.as(o.args[0]!, 'd');
    const B = this.as(o.args[1]!, 'd');
    if (o.op === 'mod') return `(${B} === 0 ? ${A} : ${A} % ${B} + 0)`;
    const ones = literal(s.signed ? -1n : (1n << BigInt(s.width)) - 1n, 'd');
    return `(${B} === 0 ? ${ones} : Math.trunc(${A} / ${B}) + 0)`;
  }

  private opI(o: OpCell, s: Shape, w: number): string {
    const [a, b] = o.args;
    const A = (): string => this.expr(a!);
    const B = (): string => this.expr(b!);
    switch (o.op) {
      case 'add': return `${A()} + ${B()}`;
      case 'sub': return `${A()} - ${B()}`;
      case 'mul': return `${A()} * ${B()}`;
      case 'neg': return `-${A()} + 0`;
      case 'not': return s.signed ? `~${A()}` : w === 32 ? `~${A()} >>> 0` : `${A()} ^ ${2 ** w - 1}`;
      case 'and': return s.signed || w < 32 ? `${A()} & ${B()}` : `(${A()} & ${B()}) >>> 0`;
      case 'or': return s.signed || w < 32 ? `${A()} | ${B()}` : `(${A()} | ${B()}) >>> 0`;
      case 'xor': return s.signed || w < 32 ? `${A()} ^ ${B()}` : `(${A()} ^ ${B()}) >>> 0`;
      case 'shl': return o.param >= w ? '0' : wrapI(`${A()} << ${o.param}`, s);
      case 'shr':
        if (s.signed) return `${A()} >> ${Math.min(o.param, 31)}`;
        return o.param >= w ? '0' : `${A()} >>> ${o.param}`;
      case 'shlv': {
        const n = this.clamped(b!, w);
        return `(${n} >= ${w} ? 0 : ${wrapI(`${A()} << ${n}`, s)})`;
      }
      case 'shrv': {
        const n = this.clamped(b!, w);
        if (s.signed) return `${A()} >> (${n} >= ${w} ? 31 : ${n})`;
        return `(${n} >= ${w} ? 0 : ${A()} >>> ${n})`;
      }
      case 'slice': {
        const lo = o.param;
        const ar = repOf(this.sh(a!));
        const mask = w === 32 ? '>>> 0' : `& ${2 ** w - 1}`;
        if (ar === 'i') return lo === 0 && !this.sh(a!).signed && this.sh(a!).width === w ? A() : `(${A()} >>> ${lo}) ${mask}`;
        if (lo + w <= 32) return `(${this.low(a!)} >>> ${lo}) ${mask}`;
        return `Math.floor(${A()} / ${2 ** lo}) ${mask}`;
      }
      case 'concat': {
        let off = 0;
        const parts: string[] = [];
        for (let i = o.args.length - 1; i >= 0; i--) {
          const x = o.args[i]!;
          const xs = this.sh(x);
          const bits = xs.signed || xs.width === 32 ? (xs.width === 32 ? this.expr(x) : `(${this.expr(x)} & ${2 ** xs.width - 1})`) : this.expr(x);
          parts.push(off === 0 ? bits : `(${bits} << ${off})`);
          off += xs.width;
        }
        return w === 32 ? `(${parts.join(' | ')}) >>> 0` : parts.join(' | ');
      }
      case 'cast':
        return s.signed ? (w === 32 ? `${A()} | 0` : `(${A()} << ${32 - w}) >> ${32 - w}`) : (w === 32 ? `${A()} >>> 0` : `${A()} & ${2 ** w - 1}`);
      default: throw new SimError(`internal: no 32-bit code for operator '${o.op}'`);
    }
  }

  private opD(o: OpCell, s: Shape, w: number): string {
    const [a, b] = o.args;
    const A = (): string => this.expr(a!);
    const wrap = (x: string): string => `H.wrapD(${x}, ${w}, ${s.signed})`;
    switch (o.op) {
      case 'add': return `${A()} + ${this.expr(b!)}`;
      case 'sub': return `${A()} - ${this.expr(b!)}`;
      case 'mul': return `${A()} * ${this.expr(b!)}`;
      case 'neg': return `-${A()} + 0`;
      case 'not': return s.signed ? `-${A()} - 1` : `${2 ** w - 1} - ${A()}`;
      case 'and': return `H.bitD(0, ${A()}, ${this.expr(b!)})`;
      case 'or': return `H.bitD(1, ${A()}, ${this.expr(b!)})`;
      case 'xor': return `H.bitD(2, ${A()}, ${this.expr(b!)})`;
      case 'shl': return o.param >= w ? '0' : wrap(`${A()} * ${2 ** o.param}`);
      case 'shr': return `Math.floor(${A()} / ${2 ** Math.min(o.param, w)}) + 0`;
      case 'shlv': {
        const n = this.clamped(b!, w);
        return `(${n} >= ${w} ? 0 : ${wrap(`${A()} * 2 ** ${n}`)})`;
      }
      case 'shrv': {
        const n = this.clamped(b!, w);
        return `Math.floor(${A()} / 2 ** (${n} >= ${w} ? ${w} : ${n})) + 0`;
      }
      case 'slice': {
        const lo = o.param;
        return `H.wrapD(Math.floor(${A()} / ${2 ** lo}), ${w}, false)`;
      }
      case 'concat': {
        let acc = '';
        for (const x of o.args) {
          const e = this.expr(x);
          const xs = this.sh(x);
          const bits = xs.signed ? `(${e} < 0 ? ${e} + ${2 ** xs.width} : ${e})` : e;
          acc = acc === '' ? bits : `(${acc}) * ${2 ** xs.width} + ${bits}`;
        }
        return acc;
      }
      case 'cast':
        return s.signed ? `(${A()} >= ${2 ** (w - 1)} ? ${A()} - ${2 ** w} : ${A()})` : `(${A()} < 0 ? ${A()} + ${2 ** w} : ${A()})`;
      default: throw new SimError(`internal: no 53-bit code for operator '${o.op}'`);
    }
  }
}

export { P32 };
