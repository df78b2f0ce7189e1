/**
 * The reference evaluator: the meaning of every primitive operator, computed exactly on bigints.
 * Every backend (the Verilog emitter through Icarus/Verilator, the built-in simulator, Verilator-WASM) is tested
 * against this function.
 */
import { HdlError } from './errors.ts';
import { wrap } from './shape.ts';
import { type Value, type Signal, Operator } from './value.ts';

/** Values of signals during an evaluation. Missing signals read as their reset value. */
export type Environment = (signal: Signal) => bigint | undefined;

/**
 * Evaluates an expression. Constants need no environment; signals are looked up in `env`.
 * @example evaluate(C(200, unsigned(8)).add(C(100, unsigned(8)))) // 300n
 */
export function evaluate(v: Value, env: Environment = () => undefined): bigint {
  const memo = new Map<Value, bigint>();
  const go = (x: Value): bigint => {
    const hit = memo.get(x);
    if (hit !== undefined) return hit;
    let r: bigint;
    if (x.kind === 'const') r = (x as unknown as { value: bigint }).value;
    else if (x.kind === 'signal') {
      const s = x as Signal;
      const e = env(s);
      r = e === undefined ? s.reset : wrap(e, s.shape);
    } else r = applyOp(x as Operator, (x as Operator).operands.map(go));
    memo.set(x, r);
    return r;
  };
  return go(v);
}

/** Applies one primitive to already evaluated operands; the result is wrapped into the node's shape. */
export function applyOp(node: Operator, a: readonly bigint[]): bigint {
  const { shape } = node;
  const w = shape.width;
  const A = a[0]!;
  const B = a[1]!;
  const operand = node.operands;
  const bool = (c: boolean): bigint => (c ? 1n : 0n);
  switch (node.op) {
    case 'add': return wrap(A + B, shape);
    case 'sub': return wrap(A - B, shape);
    case 'mul': return wrap(A * B, shape);
    case 'neg': return wrap(-A, shape);
    case 'not': return wrap(~A, shape);
    case 'and': return wrap(A & B, shape);
    case 'or': return wrap(A | B, shape);
    case 'xor': return wrap(A ^ B, shape);
    case 'shl': return wrap(A << BigInt(node.param), shape);
    case 'shr': return wrap(A >> BigInt(node.param), shape); // bigint >> is arithmetic; A is already in range
    case 'shlv': return B >= BigInt(w) ? 0n : wrap(A << B, shape);
    case 'shrv': return B >= BigInt(w) ? (shape.signed && A < 0n ? -1n : 0n) : wrap(A >> B, shape);
    case 'eq': return bool(A === B);
    case 'ne': return bool(A !== B);
    case 'lt': return bool(A < B);
    case 'le': return bool(A <= B);
    case 'gt': return bool(A > B);
    case 'ge': return bool(A >= B);
    case 'redand': return bool(BigInt.asUintN(operand[0]!.width, A) === (1n << BigInt(operand[0]!.width)) - 1n);
    case 'redor': return bool(A !== 0n);
    case 'redxor': {
      let x = BigInt.asUintN(operand[0]!.width, A);
      let p = 0n;
      while (x) { p ^= x & 1n; x >>= 1n; }
      return p;
    }
    case 'mux': return wrap(A !== 0n ? B : a[2]!, shape);
    case 'slice': return BigInt.asUintN(w, A >> BigInt(node.param));
    case 'concat': {
      let r = 0n;
      operand.forEach((o, i) => { r = (r << BigInt(o.width)) | BigInt.asUintN(o.width, a[i]!); });
      return r;
    }
    case 'ext': return wrap(A, shape); // A is already the value; widening keeps it
    case 'cast': return wrap(A, shape);
  }
  throw new HdlError(`unknown operator ${String((node as Operator).op)}`);
}
