/**
 * Expression code generation: turns nets of the netlist IR into straight-line JavaScript that computes exactly what
 * the operator table (hdl/ir/ops.ts) computes. Every value lives in one of three representations by its width:
 * - `i` (1..32 bits): a JS number that is the canonical value (signed: int32 range; unsigned 32: uint32 range);
 * - `d` (33..53 bits): a JS number holding the exact integer (doubles are exact below 2^53);
 * - `b` (54+ bits): a BigInt.
 * Each operator net becomes one `const` (computed once per scope: common subexpressions are shared). Truncations
 * of wide arithmetic read only the low bits (`Math.imul`, `| 0`), so `a.mul(b).trunc(32)` never touches BigInt.
 * Generation recurses at most {@link CUT_DEPTH} operators deep: deeper nets are first computed at cut points, so
 * expressions of any depth compile without growing the call stack.
 */
import type { Shape } from '../../hdl/core/shape.ts';
import type { Cell, Net, OpCell } from '../../hdl/ir/netlist.ts';
import { SimError } from './errors.ts';

/** Operator depth between the cut points of deep expressions. */
export const CUT_DEPTH = 48;

/** Locals per generated function before values go to spill arrays (`H.SN` numbers, `H.SB` bigints). */
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
export type Rep = 'i' | 'd' | 'b';

export function repOf(shape: Shape): Rep {
  return shape.width <= 32 ? 'i' : shape.width <= 53 ? 'd' : 'b';
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
  /** Parity of a non-negative bigint. */
  parB(x: bigint): number {
    let p = 0;
    while (x) { p ^= HELPERS.par32(Number(x & 0xffffffffn)); x >>= 32n; }
    return p;
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

/** Literal of a canonical value in a representation. */
export function literal(value: bigint, rep: Rep): string {
  if (rep === 'b') return value < 0n ? `(${value}n)` : `${value}n`;
  return value < 0n ? `(${value})` : String(value);
}

type Scope = Map<Net, string>;

/**
 * Generates code for values into a line buffer. `signal(s)` names the local that holds a signal's canonical value.
 * Scopes follow the generated blocks (`if`/`switch` bodies), so a value computed inside a branch is not reused outside.
 */
export class ExprGen {
  private readonly scopes: Scope[] = [new Map()];
  private readonly depth: Int32Array;
  private readonly cutPoint: Uint8Array;
  private cutting = false;
  private locals = 0;
  private spillN = 0;
  private spillB = 0;
  /** Low-32-bit forms of wide values, per scope like {@link scopes}. */
  private readonly lowScopes: Scope[] = [new Map()];
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
    this.lowScopes.push(new Map());
    this.indent += '  ';
  }
  close(): void {
    this.scopes.pop();
    this.lowScopes.pop();
    this.indent = this.indent.slice(2);
  }
  /** Forgets every value computed so far (e.g. at the start of a new loop body). */
  reset(): void {
    this.scopes.length = 0;
    this.scopes.push(new Map());
    this.lowScopes.length = 0;
    this.lowScopes.push(new Map());
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

  /** JS expression (a name or a literal) of `v`'s canonical value in `repOf(v.shape)`. */
  expr(v: Net): string {
    const c = this.cells[v]!;
    if (c.kind === 'const') return literal(c.value, repOf(c.shape));
    if (c.kind === 'signal') return this.signal(c.signal);
    const hit = this.lookup(v);
    if (hit !== undefined) return hit;
    if (this.depth[v]! > CUT_DEPTH && !this.cutting) this.cut(v);
    const code = this.opCode(c);
    const name = this.bind(code, repOf(c.shape) === 'b');
    this.scopes[this.scopes.length - 1]!.set(v, name);
    return name;
  }

  /**
   * A name for a computed value: a `const` local, or, past {@link MAX_LOCALS} locals in one function (V8 gives every
   * local a slot of the function's frame, and a frame of 10^5 slots overflows the stack), a slot of a spill array.
   */
  private bind(code: string, big: boolean, prefix = this.prefix): string {
    if (this.locals++ < MAX_LOCALS) {
      const name = this.fresh(prefix);
      this.emit(`const ${name} = ${code};`);
      return name;
    }
    const slot = big ? `H.SB[${this.spillB++}]` : `H.SN[${this.spillN++}]`;
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
      if (c.kind !== 'op' || this.lookup(n) !== undefined) continue;
      if (n !== v && this.cutPoint[n]) cuts.push(n);
      for (const a of c.args) mark[a] = 1;
    }
    this.cutting = true; // the cut points come in ascending order: each meets the one below it within the bound
    try {
      for (let i = cuts.length - 1; i >= 0; i--) this.expr(cuts[i]!);
    } finally {
      this.cutting = false;
    }
  }

  /** `v` converted to another representation (values are unchanged; only the JS type changes). */
  as(v: Net, rep: Rep): string {
    const c = this.cells[v]!;
    const from = repOf(c.shape);
    if (c.kind === 'const') return literal(c.value, rep);
    const e = this.expr(v);
    if (from === rep || (from !== 'b' && rep !== 'b')) return e;
    return rep === 'b' ? `BigInt(${e})` : `Number(${e})`;
  }

  /** A JS number expression for a shift amount or address, clamped to `limit` (any value >= limit gives limit). */
  clamped(v: Net, limit: number): string {
    const c = this.cells[v]!;
    if (c.kind === 'const') return String(Math.min(Number(c.value), limit));
    const e = this.expr(v);
    if (repOf(c.shape) === 'b') return `(${e} >= ${limit}n ? ${limit} : Number(${e}))`;
    return e;
  }

  /** A 1-bit condition as a JS boolean-ish expression. */
  cond(v: Net): string {
    const e = this.expr(v);
    return repOf(this.sh(v)) === 'b' ? `(${e} !== 0n)` : e;
  }

  /**
   * A number expression whose low 32 bits equal the low 32 bits of `v`'s value. Arithmetic mod 2^32
   * commutes with truncation, so wide sums and products truncated to 32 bits or less stay in number arithmetic.
   */
  low(v: Net, depth = 0): string {
    const c = this.cells[v]!;
    if (c.kind === 'const') return String(Number(BigInt.asIntN(32, c.value)));
    const rep = repOf(c.shape);
    const cached = c.kind === 'signal' || this.lookup(v) !== undefined;
    if (!cached && c.kind === 'op' && rep === 'b' && depth < CUT_DEPTH) {
      const hit = this.lookup(v, this.lowScopes);
      if (hit !== undefined) return hit;
      const code = this.lowOp(c, depth + 1);
      if (code !== null) {
        const name = this.bind(code, false, 'l');
        this.lowScopes[this.lowScopes.length - 1]!.set(v, name);
        return name;
      }
    }
    const e = this.expr(v);
    if (rep === 'i') return e;
    if (rep === 'd') return `(${e} | 0)`;
    return `Number(BigInt.asIntN(32, ${e}))`;
  }

  /** Low 32 bits of a wide operator node computed in int32 arithmetic, or null when it has no such form. */
  private lowOp(o: OpCell, d: number): string | null {
    const [a, b] = o.args;
    const L = (x: Net | undefined): string => this.low(x!, d);
    switch (o.op) {
      case 'add': return `(${L(a)} + ${L(b)}) | 0`;
      case 'sub': return `(${L(a)} - ${L(b)}) | 0`;
      case 'neg': return `(-${L(a)}) | 0`;
      case 'mul': return `Math.imul(${L(a)}, ${L(b)})`;
      case 'and': return `${L(a)} & ${L(b)}`;
      case 'or': return `${L(a)} | ${L(b)}`;
      case 'xor': return `${L(a)} ^ ${L(b)}`;
      case 'not': return `~${L(a)}`;
      case 'ext': case 'cast': return L(a);
      case 'shl': return o.param >= 32 ? '0' : `${L(a)} << ${o.param}`;
      case 'slice': return o.param === 0 ? L(a) : null;
      default: return null;
    }
  }

  private opCode(o: OpCell): string {
    const s = o.shape;
    const rep = repOf(s);
    const [a, b, c] = o.args;
    const w = s.width;
    const cmp = (js: string): string => {
      const r: Rep = repOf(this.sh(a!)) === 'b' || repOf(this.sh(b!)) === 'b' ? 'b' : 'd';
      return `(${this.as(a!, r)} ${js} ${this.as(b!, r)} ? 1 : 0)`;
    };
    switch (o.op) {
      case 'eq': return cmp('===');
      case 'ne': return cmp('!==');
      case 'lt': return cmp('<');
      case 'le': return cmp('<=');
      case 'gt': return cmp('>');
      case 'ge': return cmp('>=');
      case 'redor': return repOf(this.sh(a!)) === 'b' ? `(${this.expr(a!)} !== 0n ? 1 : 0)` : `(${this.expr(a!)} !== 0 ? 1 : 0)`;
      case 'redand': {
        const aw = this.sh(a!).width;
        const all = this.sh(a!).signed ? -1n : (1n << BigInt(aw)) - 1n;
        return `(${this.expr(a!)} === ${literal(all, repOf(this.sh(a!)))} ? 1 : 0)`;
      }
      case 'redxor': {
        const aw = this.sh(a!).width;
        const ar = repOf(this.sh(a!));
        if (ar === 'i') return aw === 32 ? `H.par32(${this.expr(a!)})` : `H.par32(${this.expr(a!)} & ${2 ** aw - 1})`;
        if (ar === 'd') return `H.parD(${this.expr(a!)}, ${aw})`;
        return `H.parB(BigInt.asUintN(${aw}, ${this.expr(a!)}))`;
      }
      case 'mux': return `(${this.cond(a!)} ? ${this.as(b!, rep)} : ${this.as(c!, rep)})`;
      case 'ext': return this.as(a!, rep);
      case 'div': case 'mod': return this.divCode(o);
      default: break;
    }
    if (rep === 'i') return this.opI(o, s, w);
    if (rep === 'd') return this.opD(o, s, w);
    return this.opB(o, s, w);
  }

  /**
   * Quotient and remainder as the operator table defines them (by zero: all ones / the dividend). The operands are
   * no wider than the result, so narrow results divide exact doubles (`Math.trunc` of a quotient of integers below
   * 2^53 is exact; `+ 0` turns -0 into 0) and wide ones divide BigInts (which truncate toward zero).
   */
  private divCode(o: OpCell): string {
    const s = o.shape;
    const r: Rep = repOf(s) === 'b' ? 'b' : 'd';
    const A = this.as(o.args[0]!, r);
    const B = this.as(o.args[1]!, r);
    const zero = r === 'b' ? '0n' : '0';
    if (o.op === 'mod') return `(${B} === ${zero} ? ${A} : ${A} % ${B}${r === 'b' ? '' : ' + 0'})`;
    const ones = literal(s.signed ? -1n : (1n << BigInt(s.width)) - 1n, r);
    return r === 'b' ? `(${B} === 0n ? ${ones} : ${A} / ${B})` : `(${B} === 0 ? ${ones} : Math.trunc(${A} / ${B}) + 0)`;
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
        if (ar === 'd') return `Math.floor(${A()} / ${2 ** lo}) ${mask}`;
        return `Number(BigInt.asUintN(${w}, ${A()} >> ${lo}n))`;
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
        if (repOf(this.sh(a!)) === 'b') return `Number(BigInt.asUintN(${w}, ${A()} >> ${lo}n))`;
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

  private opB(o: OpCell, s: Shape, w: number): string {
    const [a, b] = o.args;
    const A = (): string => this.as(a!, 'b');
    const B = (): string => this.as(b!, 'b');
    const wrap = (x: string): string => `BigInt.as${s.signed ? 'Int' : 'Uint'}N(${w}, ${x})`;
    switch (o.op) {
      case 'add': return `${A()} + ${B()}`;
      case 'sub': return `${A()} - ${B()}`;
      case 'mul': return `${A()} * ${B()}`;
      case 'neg': return `-${A()}`;
      case 'not': return s.signed ? `~${A()}` : `${(1n << BigInt(w)) - 1n}n - ${A()}`;
      case 'and': return `${A()} & ${B()}`;
      case 'or': return `${A()} | ${B()}`;
      case 'xor': return `${A()} ^ ${B()}`;
      case 'shl': return o.param >= w ? '0n' : wrap(`${A()} << ${o.param}n`);
      case 'shr': return `${A()} >> ${Math.min(o.param, w)}n`;
      case 'shlv': {
        const n = this.clamped(b!, w);
        return `(${n} >= ${w} ? 0n : ${wrap(`${A()} << BigInt(${n})`)})`;
      }
      case 'shrv': {
        const n = this.clamped(b!, w);
        return `${A()} >> BigInt(${n} >= ${w} ? ${w} : ${n})`;
      }
      case 'slice': return `BigInt.asUintN(${w}, ${A()} >> ${o.param}n)`;
      case 'concat': {
        let off = 0;
        const parts: string[] = [];
        for (let i = o.args.length - 1; i >= 0; i--) {
          const x = o.args[i]!;
          const xs = this.sh(x);
          const e = this.as(x, 'b');
          const bits = xs.signed ? `BigInt.asUintN(${xs.width}, ${e})` : e;
          parts.push(off === 0 ? bits : `(${bits} << ${off}n)`);
          off += xs.width;
        }
        return parts.join(' | ');
      }
      case 'cast': return wrap(A());
      default: throw new SimError(`internal: no wide code for operator '${o.op}'`);
    }
  }
}

export { P32 };
