/**
 * Demand-driven combinational logic for the generated loop: instead of computing every combinational signal at the
 * top of each cycle, a signal is computed where the cycle's code first reads it, inside the branch that reads it.
 * Logic that only an idle branch reads (a model whose enable is 0: its random stream's output, its threshold ROM
 * read) is then skipped, as an activity-driven simulator skips cells whose inputs did not change. Values are the
 * same: every signal is computed from the same pre-edge values, only fewer of them and later.
 */
import type { Cell } from '../../hdl/ir/netlist.ts';
import { ExprGen } from './codegen.ts';

/**
 * An {@link ExprGen} that also tracks, per generated block, which named signals the block has computed. A value
 * computed inside a branch is visible in that branch only, like the generator's own subexpressions.
 */
export class ScopedGen extends ExprGen {
  private readonly defs: Set<number>[] = [new Set()];

  constructor(cells: readonly Cell[], signal: (s: number) => string, depths: { depth: Int32Array; cut: Uint8Array }) {
    super(cells, signal, depths);
  }
  override open(): void {
    super.open();
    this.defs.push(new Set());
  }
  override close(): void {
    super.close();
    this.defs.pop();
  }
  override reset(): void {
    super.reset();
    this.defs.length = 0;
    this.defs.push(new Set());
  }
  /** True when the current block or one around it computed signal `s`. */
  has(s: number): boolean {
    for (let i = this.defs.length - 1; i >= 0; i--) if (this.defs[i]!.has(s)) return true;
    return false;
  }
  /** Records that the current block computed `s`. */
  define(s: number): void {
    this.defs[this.defs.length - 1]!.add(s);
  }
}

/**
 * The combinational signals to compute, in topological order, before `s` can be: `s` and every combinational signal
 * of its cone that `ready` does not report computed. Iterative (no recursion on the depth of the logic).
 * @param deps signals each combinational signal reads (registers and inputs too; only keys of `deps` are followed)
 * @param position index of each combinational signal in the topological order
 */
export function demandOrder(s: number, deps: ReadonlyMap<number, ReadonlySet<number>>, position: ReadonlyMap<number, number>, ready: (x: number) => boolean): number[] {
  const seen = new Set<number>([s]);
  const stack = [s];
  while (stack.length) {
    const x = stack.pop()!;
    for (const y of deps.get(x)!) {
      if (seen.has(y) || !deps.has(y) || ready(y)) continue;
      seen.add(y);
      stack.push(y);
    }
  }
  return [...seen].sort((a, b) => position.get(a)! - position.get(b)!);
}
