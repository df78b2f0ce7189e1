/**
 * The reference evaluator: an expression's exact value on bigints, by the operator table (`hdl/ir/ops.ts`).
 * Every backend (the Verilog emitter through Icarus/Verilator, the built-in simulator, Verilator-WASM) is tested
 * against it. Iterative: expressions of any depth evaluate without growing the call stack.
 */
import { OPS } from '../ir/ops.ts';
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
  const stack: Value[] = [v];
  while (stack.length) {
    const x = stack[stack.length - 1]!;
    if (memo.has(x)) { stack.pop(); continue; }
    if (x.kind === 'const') { memo.set(x, (x as unknown as { value: bigint }).value); stack.pop(); continue; }
    if (x.kind === 'signal') {
      const s = x as Signal;
      const e = env(s);
      memo.set(x, e === undefined ? s.reset : wrap(e, s.shape));
      stack.pop();
      continue;
    }
    const o = x as Operator;
    let ready = true;
    for (const a of o.operands) if (!memo.has(a)) { ready = false; stack.push(a); }
    if (!ready) continue;
    memo.set(x, applyOp(o, o.operands.map((a) => memo.get(a)!)));
    stack.pop();
  }
  return memo.get(v)!;
}

/** Applies one primitive to already evaluated operands; the result is wrapped into the node's shape. */
export function applyOp(node: Operator, a: readonly bigint[]): bigint {
  return OPS[node.op].eval(a, node.shape, node.operands.map((o) => o.shape), node.param);
}
