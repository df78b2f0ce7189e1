/**
 * Activity guards for the split edge of large designs: registers whose next-value rule is `If(c1) .. Elif(c2) ..`
 * with nothing in the final else (they hold unless a condition holds) are grouped by their conditions; in an edge part
 * each group is a block entered only when one of its conditions (or its synchronous reset) holds, and the part
 * returns which groups ran, so the commit copies only their next values. Found from the netlist alone.
 */
import type { IrRule, Net } from '../../hdl/ir/netlist.ts';

/** The conditions under which a register can change (null: always may), reset included. */
export function ruleGuard(rule: IrRule | undefined, reset: Net | null): readonly Net[] | null {
  if (!rule) return null; // a synchronous read port: no rule to look at
  const withReset = (conds: readonly Net[]): readonly Net[] => (reset === null ? conds : [reset, ...conds]);
  if (rule.kind === 'hold') return withReset([]);
  if (rule.kind !== 'if' || rule.else.kind !== 'hold') return null;
  return withReset(rule.branches.map((b) => b.cond));
}

/** A group of registers of one guard (null: unguarded) within a part of the split edge. */
export interface EdgeGroup {
  readonly regs: readonly number[];
  readonly guard: readonly Net[] | null;
}

/**
 * Groups registers by guard (keeping their order within a guard), then packs the groups into parts of at most `size`
 * registers (a larger group is cut): each part is one generated function, each group in it one guarded block.
 * @example
 * guardedParts([4, 5, 6], (s) => (s === 6 ? null : [17]), 32); // [[{ regs: [4, 5], guard: [17] }, { regs: [6], guard: null }]]
 */
export function guardedParts(regs: readonly number[], guardOf: (s: number) => readonly Net[] | null, size: number): EdgeGroup[][] {
  const groups = new Map<string, { guard: readonly Net[] | null; regs: number[] }>();
  for (const s of regs) {
    const guard = guardOf(s);
    const key = guard === null ? '*' : guard.join(',');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { guard, regs: [] }));
    g.regs.push(s);
  }
  const parts: EdgeGroup[][] = [];
  let part: EdgeGroup[] = [];
  let fill = 0;
  for (const g of groups.values()) {
    for (let i = 0; i < g.regs.length;) {
      if (fill === size || part.length === 31) { parts.push(part); part = []; fill = 0; }
      const take = g.regs.slice(i, i + size - fill);
      part.push({ regs: take, guard: g.guard });
      fill += take.length;
      i += take.length;
    }
  }
  if (part.length) parts.push(part);
  return parts;
}
