/**
 * Wide values (54 bits and more) as 32-bit limbs: the code generator of the built-in simulator's `w` representation.
 *
 * A value of `w` bits is held in `L = ceil(w / 32)` int32 limbs, least significant first: limb `k` is bits
 * `32k .. 32k+31` of the value's two's complement pattern, and the top limb is canonical (its bits above `w` are copies
 * of the sign bit for signed shapes, zeros for unsigned ones). So the limbs read as one `32L`-bit number (signed for
 * signed shapes) are the value itself, and widening is appending sign or zero limbs.
 *
 * In generated code every limb is a local (`t12_0`, `t12_1`; signals `s3_0`, ...), so the JIT keeps them in registers
 * like the narrow values; state holds them in an `Int32Array`. Arithmetic is computed only as far as it is read:
 * `a.mul(b).trunc(64)` of 128-bit operands computes the two low limbs of the product, not four. Sums carry through
 * exact doubles, products go through 16-bit digits summed in doubles (exact below 2^53); division and remainder
 * convert to BigInt and call the operator table (hdl/ir/ops.ts), which defines every operator here.
 */
import type { Shape } from '../../hdl/core/shape.ts';
import type { Net, OpCell } from '../../hdl/ir/netlist.ts';
import { evalOp } from '../../hdl/ir/ops.ts';
import { SimError } from './errors.ts';

/**
 * Number of 32-bit limbs of a shape's values.
 * @example
 * limbCount({ width: 65, signed: false }); // 3
 */
export function limbCount(shape: Shape): number {
  return Math.ceil(shape.width / 32);
}

/**
 * The canonical limbs of a value (`count` limbs, sign- or zero-extended by the value's own sign).
 * @example
 * toLimbs(-2n, 2); // [-2, -1]
 * toLimbs(1n << 32n, 2); // [0, 1]
 */
export function toLimbs(value: bigint, count: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < count; k++) out.push(Number(BigInt.asIntN(32, value >> BigInt(32 * k))));
  return out;
}

/**
 * The value of `count` limbs at `at` in `store` (read as a signed number for signed shapes).
 * @example
 * fromLimbs([-2, -1], 0, 2, true); // -2n
 * fromLimbs([-2, -1], 0, 2, false); // 18446744073709551614n
 */
export function fromLimbs(store: ArrayLike<number>, at: number, count: number, signed: boolean): bigint {
  let v = 0n;
  for (let k = count - 1; k >= 0; k--) v = (v << 32n) | BigInt(store[at + k]! >>> 0);
  return signed ? BigInt.asIntN(32 * count, v) : v;
}

let scratch = new Int32Array(64);

/** Helpers the generated limb code calls (merged into `H`). */
export const LIMB_HELPERS = {
  /** A shared scratch array of at least `n` limbs (variable shifts and division pass limbs through it). */
  scr(n: number): Int32Array {
    if (scratch.length < n) scratch = new Int32Array(Math.max(n, scratch.length * 2));
    return scratch;
  },
  /**
   * Division or remainder of the limbs in the scratch array (`la` limbs of the dividend, then `lb` of the divisor),
   * by the operator table; the result's limbs replace the scratch array's first ones.
   */
  divW(mod: boolean, la: number, sa: boolean, lb: number, sb: boolean, w: number, signed: boolean): void {
    const a = fromLimbs(scratch, 0, la, sa);
    const b = fromLimbs(scratch, la, lb, sb);
    const shape = { width: w, signed };
    const r = evalOp(mod ? 'mod' : 'div', shape, [a, b], [{ width: 32 * la, signed: sa }, { width: 32 * lb, signed: sb }]);
    const limbs = toLimbs(r, Math.ceil(w / 32));
    for (let k = 0; k < limbs.length; k++) scratch[k] = limbs[k]!;
  },
};

/** What the limb generator needs of the expression generator (codegen.ts's `ExprGen`). */
export interface LimbHost {
  sh(n: Net): Shape;
  cellOf(n: Net): { kind: 'const'; value: bigint } | { kind: 'signal'; signal: number } | OpCell;
  /** Local name of a signal (its limbs are `<name>_<k>`). */
  signalName(s: number): string;
  /** A number expression of a narrow (up to 53 bits) net's canonical value. */
  expr(n: Net): string;
  /** A 1-bit condition. */
  cond(n: Net): string;
  /** A number expression of a shift amount clamped to `limit`. */
  clamped(n: Net, limit: number): string;
  emit(line: string): void;
  fresh(prefix?: string): string;
  /** Binds a number expression to a new local (or spill slot) and returns its name. */
  bindNum(code: string): string;
  lookupLimbs(key: number): string[] | undefined;
  setLimbs(key: number, limbs: string[]): void;
  /** Computes the cut points of a deep net first (see codegen.ts). */
  prepare(n: Net): void;
}

const SIMPLE = /^(?:[A-Za-z_$][\w$]*|\d+|\(-\d+\)|H\.SN\[\d+\])$/;
const INT = /^\(?(-?\d+)\)?$/;

/** The integer a literal limb stands for, or null for a computed one. */
function lit(x: string): number | null {
  const m = INT.exec(x);
  return m ? Number(m[1]) : null;
}
/** Literal of an int32. */
function num(x: number): string {
  return x < 0 ? `(${x})` : String(x);
}
/** An int32 limb's unsigned value. */
function u(x: string): string {
  const v = lit(x);
  return v !== null ? String(v >>> 0) : `(${x} >>> 0)`;
}

/**
 * Generates limb code for the operators of a netlist, inside one {@link LimbHost} (codegen.ts's `ExprGen` creates one
 * as `g.w`).
 * @example
 * const g = new ExprGen(cells, (s) => `s${s}`);
 * const limbs = g.w.limbs(net); // e.g. ['t4', 't7'] for a 64-bit net, after `g.lines` got their code
 */
export class LimbGen {
  constructor(private readonly h: LimbHost) {}

  /** The canonical limbs of net `v` (of any width: narrow nets give their 1 or 2 limbs). */
  limbs(v: Net): string[] {
    return this.arg(v, limbCount(this.h.sh(v)));
  }

  /** The low `n` limbs of `v`'s value, extended by its signedness past its own limbs. Names or literals only. */
  arg(v: Net, n: number): string[] {
    const s = this.h.sh(v);
    const L = limbCount(s);
    const c = this.h.cellOf(v);
    if (c.kind === 'const') return toLimbs(c.value, n).map(num);
    let base: string[];
    if (s.width <= 53) base = this.narrow(v);
    else if (c.kind === 'signal') {
      const name = this.h.signalName(c.signal);
      base = Array.from({ length: Math.min(n, L) }, (_, k) => `${name}_${k}`);
    } else base = this.low(v, Math.min(n, L));
    if (n <= base.length) return base.slice(0, n);
    const ext = s.signed ? this.signOf(base[L - 1]!) : '0';
    return [...base, ...new Array<string>(n - L).fill(ext)];
  }

  /** Sign fill (0 or -1) of a top limb. */
  private signOf(top: string): string {
    const v = lit(top);
    return v !== null ? num(v >> 31) : this.h.bindNum(`${top} >> 31`);
  }

  private bind(code: string): string {
    return SIMPLE.test(code) ? code : this.h.bindNum(code);
  }

  /** Limbs of a narrow net: its number as one limb (up to 32 bits) or two (33..53 bits). */
  private narrow(v: Net): string[] {
    const s = this.h.sh(v);
    const e = this.h.expr(v);
    if (s.width <= 32) return [s.signed || s.width < 32 ? e : this.bind(`${e} | 0`)];
    return [this.bind(`${e} | 0`), this.bind(`Math.floor(${e} / 4294967296) | 0`)];
  }

  /** The low `n` limbs of a wide operator net (canonical when `n` is all of them), computed once per scope. */
  private low(v: Net, n: number): string[] {
    const L = limbCount(this.h.sh(v));
    const full = this.h.lookupLimbs(limbKey(v, L));
    if (full) return full.slice(0, n);
    if (n < L) { const hit = this.h.lookupLimbs(limbKey(v, n)); if (hit) return hit; }
    this.h.prepare(v);
    const out = this.op(this.h.cellOf(v) as OpCell, n).map((x) => this.bind(x));
    this.h.setLimbs(limbKey(v, n), out);
    return out;
  }

  /** Top limb wrapped into the shape (bits above the width: sign copies or zeros). */
  private fin(xs: string[], s: Shape, n: number): string[] {
    const r = s.width % 32;
    if (n < limbCount(s) || r === 0) return xs;
    const top = xs[n - 1]!;
    const v = lit(top);
    const wrapped = v !== null ? num(s.signed ? (v << (32 - r)) >> (32 - r) : v & (2 ** r - 1))
      : s.signed ? `(((${top}) << ${32 - r}) >> ${32 - r})` : `((${top}) & ${2 ** r - 1})`;
    return [...xs.slice(0, n - 1), wrapped];
  }

  /** The 32 bits at bit `pos` of limbs `A` (limbs past the end read as `ext`, below 0 as 0). */
  private wordAt(A: readonly string[], pos: number, ext = '0'): string {
    const get = (k: number): string => (k < 0 ? '0' : k < A.length ? A[k]! : ext);
    const j = Math.floor(pos / 32);
    const r = pos - 32 * j;
    if (r === 0) return get(j);
    const lo = get(j), hi = get(j + 1);
    const lv = lit(lo), hv = lit(hi);
    if (lv !== null && hv !== null) return num(((lv >>> r) | (hv << (32 - r))) | 0);
    const parts = [lv === 0 ? '' : `(${lo} >>> ${r})`, hv === 0 ? '' : `(${hi} << ${32 - r})`].filter((p) => p);
    return parts.length ? `(${parts.join(' | ')})` : '0';
  }

  /** Computes the low `n` limbs of an operator whose result is wide. */
  private op(o: OpCell, n: number): string[] {
    const s = o.shape;
    const [a, b, c] = o.args;
    const L = limbCount(s);
    const each = (f: (k: number) => string): string[] => Array.from({ length: n }, (_, k) => f(k));
    switch (o.op) {
      case 'add': {
        // A product plus an addend: the addend's limbs join the product's columns (one carry chain, not two).
        const fusable = (x: Net): boolean => {
          const cx = this.h.cellOf(x);
          return cx.kind === 'op' && cx.op === 'mul' && cx.shape.width >= 32 * n && n <= 16 && !this.h.lookupLimbs(limbKey(x, limbCount(cx.shape))) && !this.h.lookupLimbs(limbKey(x, n));
        };
        const [p, q] = fusable(b!) ? [b!, a!] : [a!, b!];
        if (fusable(p)) {
          const m = this.h.cellOf(p) as OpCell;
          return this.fin(this.mul(this.arg(m.args[0]!, n), this.arg(m.args[1]!, n), n, this.arg(q, n)), s, n);
        }
        return this.fin(this.addSub(this.arg(a!, n), this.arg(b!, n), false), s, n);
      }
      case 'sub': return this.fin(this.addSub(this.arg(a!, n), this.arg(b!, n), true), s, n);
      case 'neg': return this.fin(this.addSub(new Array<string>(n).fill('0'), this.arg(a!, n), true), s, n);
      case 'mul': return this.fin(this.mul(this.arg(a!, n), this.arg(b!, n), n), s, n);
      case 'and': case 'or': case 'xor': {
        const js = o.op === 'and' ? '&' : o.op === 'or' ? '|' : '^';
        const A = this.arg(a!, n), B = this.arg(b!, n);
        return this.fin(each((k) => bitwise(js, A[k]!, B[k]!)), s, n);
      }
      case 'not': { const A = this.arg(a!, n); return this.fin(each((k) => { const v = lit(A[k]!); return v !== null ? num(~v) : `~${A[k]}`; }), s, n); }
      case 'ext': case 'cast': return this.fin(this.arg(a!, n), s, n);
      case 'shl': {
        if (o.param >= s.width) return each(() => '0');
        const A = this.arg(a!, n);
        return this.fin(each((k) => this.wordAt(A, 32 * k - o.param)), s, n);
      }
      case 'shr': {
        const as = this.h.sh(a!);
        const A = this.limbs(a!);
        const ext = as.signed ? this.signOf(A[A.length - 1]!) : '0';
        const p = Math.min(o.param, 32 * A.length);
        return this.fin(each((k) => this.wordAt(A, 32 * k + p, ext)), s, n);
      }
      case 'slice': {
        const as = this.h.sh(a!);
        const need = Math.ceil((o.param + 32 * n) / 32);
        const A = need >= limbCount(as) ? this.limbs(a!) : this.arg(a!, need);
        const ext = need >= limbCount(as) && as.signed ? this.signOf(A[A.length - 1]!) : '0';
        return this.fin(each((k) => this.wordAt(A, o.param + 32 * k, ext)), s, n);
      }
      case 'concat': {
        // Parts from the least significant, each as an unsigned pattern of its width at its offset.
        const parts: { A: string[]; off: number }[] = [];
        let off = 0;
        for (let i = o.args.length - 1; i >= 0 && off < 32 * n; i--) {
          const x = o.args[i]!;
          const xs = this.h.sh(x);
          parts.push({ A: this.fin(this.limbs(x), { width: xs.width, signed: false }, limbCount(xs)), off });
          off += xs.width;
        }
        return each((k) => {
          const ws = parts.filter((p) => p.off < 32 * k + 32 && p.off + 32 * p.A.length > 32 * k).map((p) => this.wordAt(p.A, 32 * k - p.off)).filter((w) => w !== '0');
          return ws.length ? ws.reduce((x, y) => bitwise('|', x, y)) : '0';
        });
      }
      case 'mux': {
        const cnd = this.h.cond(a!);
        const B = this.arg(b!, n), C = this.arg(c!, n);
        return this.fin(each((k) => (B[k] === C[k] ? B[k]! : `(${cnd} ? ${B[k]} : ${C[k]})`)), s, n);
      }
      case 'shlv': return this.fin(this.shiftV(o, true), s, L).slice(0, n);
      case 'shrv': return this.fin(this.shiftV(o, false), s, L).slice(0, n);
      case 'div': case 'mod': return this.divMod(o).slice(0, n);
      default: throw new SimError(`internal: no limb code for operator '${o.op}'`);
    }
  }

  /**
   * Sum or difference in int32 arithmetic with branch-free carries (Hacker's Delight 2-13): the carry out of
   * `a + b + c` is the sign bit of `(a & b) | ((a | b) & ~r)`, the borrow out of `a - b - c` that of
   * `(~a & b) | ((~a | b) & r)`.
   */
  private addSub(A: readonly string[], B: readonly string[], sub: boolean): string[] {
    const out: string[] = [];
    let carry = '0';
    const op = sub ? '-' : '+';
    for (let k = 0; k < A.length; k++) {
      const a = A[k]!, b = B[k]!;
      if (lit(b) === 0 && carry === '0') { out.push(a); continue; }
      const r = this.bind(`(${a} ${op} ${b}${carry === '0' ? '' : ` ${op} ${carry}`}) | 0`);
      out.push(r);
      if (k === A.length - 1) break;
      carry = this.bind(sub ? `((~${a} & ${b}) | ((~${a} | ${b}) & ${r})) >>> 31` : `((${a} & ${b}) | ((${a} | ${b}) & ~${r})) >>> 31`);
    }
    return out;
  }

  /**
   * The low `n` limbs of a product. Up to 16 limbs: 32-bit limbs of one operand times 16-bit digits of the other
   * (the one with more literal digits), each partial product below 2^48 and so exact in a double; per 32-bit column
   * the products of even digits (`E`) and of odd ones (`O`, 16 bits higher) are summed separately, then
   * `E + low16(O) * 2^16 + carry` gives the limb and the carry is its high part plus `O >> 16`. Wider: {@link mulDigits}.
   */
  private mul(A: readonly string[], B: readonly string[], n: number, addend?: readonly string[]): string[] {
    if (n > 16) return this.mulDigits(A, B, n);
    const literalDigits = (X: readonly string[]): number => X.filter((x) => lit(x) !== null).length;
    if (literalDigits(A) > literalDigits(B)) [A, B] = [B, A];
    const U = A.map((x) => (lit(x) !== null ? u(x) : this.bind(`${x} >>> 0`)));
    const D = B.flatMap((x) => {
      const v = lit(x);
      if (v !== null) return [String(v & 0xffff), String(v >>> 16)];
      return [this.bind(`${x} & 65535`), this.bind(`${x} >>> 16`)];
    });
    let oddHigh = '0';
    const term = (x: string, d: string): string | null => {
      const xv = lit(x), dv = lit(d);
      if (xv === 0 || dv === 0) return null;
      if (xv !== null && dv !== null) return String(xv * dv);
      return dv === 1 ? x : xv === 1 ? d : `${x} * ${d}`;
    };
    // Every column without carry-in (independent, so they run in parallel): its low 32 bits and its high part (below
    // 2^21). The product is the low parts plus the high parts one limb up: an int32 addition with one carry chain.
    const los: string[] = [], his: string[] = ['0'];
    for (let m = 0; m < n; m++) {
      if (m === n - 1) {
        // The top limb is the column's sum mod 2^32: whole-limb products by Math.imul.
        const terms = A.slice(0, m + 1).map((x, i) => [x, B[m - i]!] as const).filter(([x, y]) => lit(x) !== 0 && lit(y) !== 0)
          .map(([x, y]) => (lit(x) !== null && lit(y) !== null ? num(Math.imul(lit(x)!, lit(y)!)) : `Math.imul(${x}, ${y})`));
        if (oddHigh !== '0') terms.push(oddHigh);
        if (addend && lit(addend[m]!) !== 0) terms.push(addend[m]!);
        los.push(terms.length ? this.bind(`(${terms.join(' + ')}) | 0`) : '0');
        break;
      }
      const even: string[] = [], odd: string[] = [];
      if (addend && lit(addend[m]!) !== 0) even.push(u(addend[m]!));
      if (oddHigh !== '0') even.push(oddHigh);
      for (let i = 0; i <= m; i++) {
        const e = term(U[i]!, D[2 * (m - i)]!), o = term(U[i]!, D[2 * (m - i) + 1]!);
        if (e) even.push(e);
        if (o) odd.push(o);
      }
      const E = even.length ? this.bind(even.join(' + ')) : '0';
      const O = odd.length ? this.bind(odd.join(' + ')) : '0';
      const Ol = O === '0' ? '0' : this.bind(`${O} & 65535`);
      oddHigh = O === '0' ? '0' : this.bind(`(${O} - ${Ol}) * ${2 ** -16}`);
      const base = [E, Ol === '0' ? '' : `${Ol} * 65536`].filter((x) => x && x !== '0');
      const V = base.length ? this.bind(base.join(' + ')) : '0';
      los.push(V === '0' ? '0' : this.bind(`${V} | 0`));
      if (m < n - 1) his.push(V === '0' ? '0' : this.bind(`Math.floor(${V} * ${2 ** -32}) | 0`));
    }
    return this.addSub(los, his.slice(0, n), false);
  }

  /** The low `n` limbs of a product of any width: 16-bit digits, columns summed in doubles, carries. */
  private mulDigits(A: readonly string[], B: readonly string[], n: number): string[] {
    const digits = (X: readonly string[]): string[] => X.flatMap((x) => {
      const v = lit(x);
      if (v !== null) return [String(v & 0xffff), String(v >>> 16)];
      return [this.bind(`${x} & 65535`), this.bind(`${x} >>> 16`)];
    });
    const D = digits(A), E = digits(B);
    const out: string[] = [];
    let carry = '0';
    let lowHalf = '';
    for (let k = 0; k < 2 * n; k++) {
      const terms: string[] = [];
      let constant = 0;
      for (let i = 0; i <= k; i++) {
        const x = D[i]!, y = E[k - i]!;
        const xv = lit(x), yv = lit(y);
        if (xv === 0 || yv === 0) continue;
        if (xv !== null && yv !== null) constant += xv * yv;
        else terms.push(xv === 1 ? y : yv === 1 ? x : `${x} * ${y}`);
      }
      if (constant) terms.push(String(constant));
      if (carry !== '0') terms.push(carry);
      const col = terms.length ? this.bind(terms.join(' + ')) : '0';
      const last = k === 2 * n - 1;
      if (k % 2 === 0) lowHalf = col === '0' ? '0' : `(${col} & 65535)`;
      else out.push(col === '0' ? lowHalf : lowHalf === '0' ? `(${col} << 16)` : `${lowHalf} | (${col} << 16)`);
      if (!last) carry = col === '0' ? '0' : this.h.bindNum(`(${col} - (${col} & 65535)) * ${2 ** -16}`);
    }
    return out;
  }

  /** Shifts by a variable amount through the scratch array (zero or sign fill around the operand's limbs). */
  private shiftV(o: OpCell, left: boolean): string[] {
    const s = o.shape;
    const w = s.width;
    const L = limbCount(s);
    const [a, b] = o.args;
    const as = this.h.sh(a!);
    const M = Math.max(limbCount(as), L);
    const A = this.arg(a!, M);
    const amt = this.h.bindNum(this.h.clamped(b!, w));
    const T = this.h.fresh('T');
    const q = this.h.fresh('q'), r = this.h.fresh('r');
    this.h.emit(`const ${T} = H.scr(${3 * M + 2}), ${q} = ${amt} >>> 5, ${r} = ${amt} & 31;`);
    const out: string[] = [];
    if (left) {
      // T[0..M) = 0, T[M..2M) = A: limb k of the result reads T[M + k - q] and the one below it.
      this.h.emit(`${T}.fill(0, 0, ${M}); ${A.map((x, k) => `${T}[${M + k}] = ${x};`).join(' ')}`);
      for (let k = 0; k < L; k++) out.push(this.bind(`${amt} >= ${w} ? 0 : (${T}[${M + k} - ${q}] << ${r}) | ((${T}[${M + k - 1} - ${q}] >>> 1) >>> (31 - ${r}))`));
      return out;
    }
    const fill = as.signed ? this.signOf(A[M - 1]!) : '0';
    this.h.emit(`${A.map((x, k) => `${T}[${k}] = ${x};`).join(' ')} ${T}.fill(${fill}, ${M}, ${2 * M + 2});`);
    const big = s.signed ? fill : '0';
    for (let k = 0; k < L; k++) out.push(this.bind(`${amt} >= ${w} ? ${big} : (${T}[${k} + ${q}] >>> ${r}) | ((${T}[${k + 1} + ${q}] << 1) << (31 - ${r}))`));
    return out;
  }

  /** Division and remainder: BigInt through the operator table (a slow path, exact). */
  private divMod(o: OpCell): string[] {
    const s = o.shape;
    const [a, b] = o.args;
    const A = this.limbs(a!), B = this.limbs(b!);
    const T = this.h.fresh('T');
    this.h.emit(`const ${T} = H.scr(${A.length + B.length + limbCount(s)}); ${[...A, ...B].map((x, k) => `${T}[${k}] = ${x};`).join(' ')}`);
    this.h.emit(`H.divW(${o.op === 'mod'}, ${A.length}, ${this.h.sh(a!).signed}, ${B.length}, ${this.h.sh(b!).signed}, ${s.width}, ${s.signed});`);
    return Array.from({ length: limbCount(s) }, (_, k) => this.h.bindNum(`${T}[${k}]`));
  }

  /**
   * Number code of an operator whose result is narrow (up to 53 bits) but which reads a wide operand (comparisons,
   * reductions, slices), or null when no operand is wide.
   */
  narrowOp(o: OpCell): string | null {
    if (!o.args.some((x) => this.h.sh(x).width > 53)) return null;
    const [a, b] = o.args;
    switch (o.op) {
      case 'eq': case 'ne': case 'lt': case 'le': case 'gt': case 'ge': return this.compare(o.op, a!, b!);
      case 'redor': return `(${this.limbs(a!).join(' | ')}) !== 0 ? 1 : 0`;
      case 'redand': {
        const A = this.fin(this.limbs(a!), { ...this.h.sh(a!), signed: true }, limbCount(this.h.sh(a!)));
        return `(${A.join(' & ')}) === -1 ? 1 : 0`;
      }
      case 'redxor': {
        const as = this.h.sh(a!);
        const A = this.fin(this.limbs(a!), { width: as.width, signed: false }, limbCount(as));
        return `H.par32(${A.join(' ^ ')})`;
      }
      case 'slice': {
        const w = o.shape.width;
        const as = this.h.sh(a!);
        const need = Math.ceil((o.param + w) / 32); // limbs past these read as 0: only masked bits
        const A = need >= limbCount(as) ? this.limbs(a!) : this.arg(a!, need);
        const ext = need >= limbCount(as) && as.signed ? this.signOf(A[A.length - 1]!) : '0';
        const lo = this.wordAt(A, o.param, ext);
        if (w <= 32) return w === 32 ? `${lo} >>> 0` : `${lo} & ${2 ** w - 1}`;
        const hi = this.wordAt(A, o.param + 32, ext);
        return `(${hi} & ${2 ** (w - 32) - 1}) * 4294967296 + (${lo} >>> 0)`;
      }
      default: throw new SimError(`internal: no limb code for operator '${o.op}' with a wide operand`);
    }
  }

  /** A comparison of two values of any shapes, as signed numbers of enough limbs to hold both exactly. */
  private compare(op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge', a: Net, b: Net): string {
    const room = (x: Net): number => { const s = this.h.sh(x); return limbCount(s) + (!s.signed && s.width % 32 === 0 ? 1 : 0); };
    const n = Math.max(room(a), room(b));
    let A = this.arg(a, n), B = this.arg(b, n);
    if (op === 'eq' || op === 'ne') {
      const all = A.map((x, k) => `${x} === ${B[k]}`).join(' && ');
      return op === 'eq' ? `${all} ? 1 : 0` : `${all} ? 0 : 1`;
    }
    if (op === 'gt' || op === 'ge') [A, B] = [B, A];
    const strict = op === 'lt' || op === 'gt';
    let acc = `${u(A[0]!)} ${strict ? '<' : '<='} ${u(B[0]!)}`;
    for (let k = 1; k < n; k++) {
      const [x, y] = k === n - 1 ? [A[k]!, B[k]!] : [u(A[k]!), u(B[k]!)];
      acc = `${x} < ${y} || (${A[k]} === ${B[k]} && (${acc}))`;
    }
    return `${acc} ? 1 : 0`;
  }

  /** A number expression of a wide net's value converted into a narrow shape (the low bits, wrapped), for coercions. */
  resize(v: Net, to: Shape): string[] {
    const n = limbCount(to);
    const A = this.fin(this.arg(v, n), to, n);
    if (to.width > 53) return A.map((x) => this.bind(x));
    if (to.width <= 32) return [to.width === 32 && !to.signed ? `(${A[0]} >>> 0)` : A[0]!];
    return [`(${A[1]}) * 4294967296 + (${A[0]} >>> 0)`];
  }

  /** A condition (any width): true when some limb is not zero. */
  nonZero(v: Net): string {
    return `(${this.limbs(v).join(' | ')}) !== 0`;
  }

  /** A shift amount or address of a wide net, clamped to `limit`. */
  clampedWide(v: Net, limit: number): string {
    const A = this.limbs(v);
    const high = A.slice(1).join(' | ');
    return `((${high}) !== 0 || ${u(A[0]!)} >= ${limit} ? ${limit} : ${u(A[0]!)})`;
  }

  /** A BigInt expression of a wide net's value (for `switch` on a wide subject). */
  bigint(v: Net): string {
    const s = this.h.sh(v);
    const A = this.limbs(v);
    const raw = A.map((x, k) => `(BigInt(${u(x)}) << ${32 * k}n)`).join(' | ');
    return s.signed ? `BigInt.asIntN(${32 * A.length}, ${raw})` : `(${raw})`;
  }
}

/** `x op y` of two int32 limbs, folding literal operands. */
function bitwise(js: string, x: string, y: string): string {
  const xv = lit(x), yv = lit(y);
  if (xv !== null && yv !== null) return num(js === '&' ? xv & yv : js === '|' ? xv | yv : xv ^ yv);
  if (js === '&' && (xv === 0 || yv === 0)) return '0';
  if (js !== '&' && xv === 0) return y;
  if (js !== '&' && yv === 0) return x;
  if (js === '&' && xv === -1) return y;
  if (js === '&' && yv === -1) return x;
  return `(${x} ${js} ${y})`;
}

/**
 * Cache key of the low `n` limbs of net `v` (a scope of the expression generator maps it to the limbs' locals).
 * @example
 * limbKey(12, 2) === limbKey(12, 2); // true
 */
export function limbKey(v: Net, n: number): number {
  return n * 4294967296 + v;
}

/**
 * The locals that hold a value of `shape` named `name`: the name itself, or one per limb (`<name>_<k>`).
 * @example
 * partNames('s3', { width: 64, signed: false }); // ['s3_0', 's3_1']
 */
export function partNames(name: string, shape: Shape): string[] {
  return shape.width > 53 ? Array.from({ length: limbCount(shape) }, (_, k) => `${name}_${k}`) : [name];
}

/**
 * One statement assigning a value's parts to its locals: `kw a = x, b = y;`, or `a = x; b = y;` without `kw`.
 * @example
 * assignParts('let', ['s3_0', 's3_1'], ['W[0]', 'W[1]']); // 'let s3_0 = W[0], s3_1 = W[1];'
 */
export function assignParts(kw: string, names: readonly string[], parts: readonly string[]): string {
  if (kw) return `${kw} ${names.map((n, k) => `${n} = ${parts[k]}`).join(', ')};`;
  return names.map((n, k) => `${n} = ${parts[k]};`).join(' ');
}

/**
 * The limb literals of a canonical wide value.
 * @example
 * limbLiterals(-1n, { width: 64, signed: true }); // ['(-1)', '(-1)']
 */
export function limbLiterals(value: bigint, shape: Shape): string[] {
  return toLimbs(value, limbCount(shape)).map(num);
}
