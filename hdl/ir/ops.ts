/**
 * The meaning of every primitive operator, defined once: exact bigint semantics on canonical values (a value of a
 * signed shape is its two's complement integer, of an unsigned shape its natural number). The reference evaluator,
 * constant folding, the reference interpreter and the built-in simulator's wide division all call this table; the
 * Verilog printer and the simulator's number and limb code are checked against it by the operator-case tests.
 */
import { type Shape, wrap } from '../core/shape.ts';
import type { OpName } from '../core/value.ts';

/** One operator's row: its operand count (`null`: any) and its exact result, wrapped into the result shape. */
export interface OpSpec {
  readonly arity: number | null;
  /** True when the operands may be swapped (used by common-subexpression merging). */
  readonly commutative: boolean;
  readonly eval: (a: readonly bigint[], shape: Shape, argShapes: readonly Shape[], param: number) => bigint;
}

const bool = (c: boolean): bigint => (c ? 1n : 0n);
const binary = (f: (a: bigint, b: bigint) => bigint, commutative = false): OpSpec => ({ arity: 2, commutative, eval: (a, s) => wrap(f(a[0]!, a[1]!), s) });
const compare = (f: (a: bigint, b: bigint) => boolean, commutative = false): OpSpec => ({ arity: 2, commutative, eval: (a) => bool(f(a[0]!, a[1]!)) });
const unary = (f: (a: bigint, s: Shape, as: Shape, p: number) => bigint): OpSpec => ({ arity: 1, commutative: false, eval: (a, s, as, p) => f(a[0]!, s, as[0]!, p) });

function parity(x: bigint): bigint {
  let p = 0n;
  while (x) { p ^= x & 1n; x >>= 1n; }
  return p;
}

/** The operator table. */
export const OPS: Readonly<Record<OpName, OpSpec>> = {
  add: binary((a, b) => a + b, true),
  sub: binary((a, b) => a - b),
  mul: binary((a, b) => a * b, true),
  // Verilog's quotient and remainder (truncating toward zero; the remainder has the dividend's sign). By zero: the
  // quotient is all ones (-1 when signed), the remainder is the dividend, as in RISC-V; the Verilog guards it.
  div: binary((a, b) => (b === 0n ? -1n : a / b)),
  mod: binary((a, b) => (b === 0n ? a : a % b)),
  neg: unary((a, s) => wrap(-a, s)),
  not: unary((a, s) => wrap(~a, s)),
  and: binary((a, b) => a & b, true),
  or: binary((a, b) => a | b, true),
  xor: binary((a, b) => a ^ b, true),
  shl: unary((a, s, _, p) => wrap(a << BigInt(p), s)),
  shr: unary((a, s, _, p) => wrap(a >> BigInt(p), s)), // bigint >> is arithmetic; a is in range already
  shlv: { arity: 2, commutative: false, eval: (a, s) => (a[1]! >= BigInt(s.width) ? 0n : wrap(a[0]! << a[1]!, s)) },
  shrv: { arity: 2, commutative: false, eval: (a, s) => (a[1]! >= BigInt(s.width) ? (s.signed && a[0]! < 0n ? -1n : 0n) : wrap(a[0]! >> a[1]!, s)) },
  eq: compare((a, b) => a === b, true),
  ne: compare((a, b) => a !== b, true),
  lt: compare((a, b) => a < b),
  le: compare((a, b) => a <= b),
  gt: compare((a, b) => a > b),
  ge: compare((a, b) => a >= b),
  redand: unary((a, _, as) => bool(BigInt.asUintN(as.width, a) === (1n << BigInt(as.width)) - 1n)),
  redor: unary((a) => bool(a !== 0n)),
  redxor: unary((a, _, as) => parity(BigInt.asUintN(as.width, a))),
  mux: { arity: 3, commutative: false, eval: (a, s) => wrap(a[0]! !== 0n ? a[1]! : a[2]!, s) },
  slice: unary((a, s, _, p) => BigInt.asUintN(s.width, a >> BigInt(p))),
  concat: {
    arity: null, commutative: false,
    eval: (a, _, as) => {
      let r = 0n;
      for (let i = 0; i < a.length; i++) r = (r << BigInt(as[i]!.width)) | BigInt.asUintN(as[i]!.width, a[i]!);
      return r;
    },
  },
  ext: unary((a, s) => wrap(a, s)), // widening keeps the value
  cast: unary((a, s) => wrap(a, s)), // same bits, other signedness
};

/**
 * Applies an operator to canonical operand values; the result is canonical in `shape`.
 *
 * @example
 * evalOp('add', { width: 9, signed: false }, [200n, 100n], [{ width: 8, signed: false }, { width: 8, signed: false }]); // 300n
 */
export function evalOp(op: OpName, shape: Shape, args: readonly bigint[], argShapes: readonly Shape[], param = 0): bigint {
  return OPS[op].eval(args, shape, argShapes, param);
}
