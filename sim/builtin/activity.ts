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

/** A block of the split edge: registers of one guard (null: unguarded). */
export interface EdgeGroup {
  readonly regs: readonly number[];
  readonly guard: readonly Net[] | null;
}

/**
 * Groups registers by guard (keeping their order within a guard) and cuts each group into blocks of at most `size`
 * registers: each block is one guarded block of a generated function (compile.ts orders and packs them into parts).
 * `keyOf` names equal conditions alike (e.g. the enables of many instances of one model, read through their ports).
 * @example
 * guardedBlocks([4, 5, 6], (s) => (s === 6 ? null : [17]), 32); // [{ regs: [4, 5], guard: [17] }, { regs: [6], guard: null }]
 */
export function guardedBlocks(regs: readonly number[], guardOf: (s: number) => readonly Net[] | null, size: number, keyOf: (n: Net) => number = (n) => n): EdgeGroup[] {
  const groups = new Map<string, { guard: readonly Net[] | null; regs: number[] }>();
  for (const s of regs) {
    const guard = guardOf(s);
    const key = guard === null ? '*' : guard.map(keyOf).join(',');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { guard, regs: [] }));
    g.regs.push(s);
  }
  const blocks: EdgeGroup[] = [];
  for (const g of groups.values()) for (let i = 0; i < g.regs.length; i += size) blocks.push({ regs: g.regs.slice(i, i + size), guard: g.guard });
  return blocks;
}

/**
 * An order of the split edge's blocks in which, where it can be, every block reading a register runs before the
 * block computing that register's next value, which can then store it in place instead of through shadow state
 * (Verilator orders its clocked logic the same way to avoid "pre" copies). Blocks on a cycle of such reads are taken
 * in their given order. `late` are the registers still read after their own block: those need the shadow copy.
 * @example
 * // block 0 computes register 7, block 1 reads it: block 1 first, nothing late
 * readersFirst([{ regs: [7], reads: new Set([7]) }, { regs: [8], reads: new Set([7, 8]) }]); // { order: [1, 0], late: Set {} }
 */
export function readersFirst(blocks: readonly { readonly regs: readonly number[]; readonly reads: ReadonlySet<number> }[]): { order: number[]; late: Set<number> } {
  const owner = new Map<number, number>();
  blocks.forEach((b, i) => { for (const s of b.regs) owner.set(s, i); });
  const before = blocks.map(() => new Set<number>()); // before[o]: blocks that should run before block o
  blocks.forEach((b, i) => { for (const s of b.reads) { const o = owner.get(s); if (o !== undefined && o !== i) before[o]!.add(i); } });
  const after = blocks.map(() => [] as number[]);
  before.forEach((set, o) => { for (const i of set) after[i]!.push(o); });
  const waiting = before.map((set) => set.size);
  const done = new Uint8Array(blocks.length);
  const order: number[] = [];
  const take = (i: number): void => { done[i] = 1; order.push(i); for (const o of after[i]!) waiting[o]!--; };
  let scan = 0;
  while (order.length < blocks.length) {
    let next = -1;
    for (let i = 0; i < blocks.length; i++) if (!done[i] && waiting[i] === 0) { next = i; break; }
    if (next < 0) { while (done[scan]) scan++; next = scan; } // a cycle: the first block left breaks it
    take(next);
  }
  const pos = new Int32Array(blocks.length);
  order.forEach((b, k) => { pos[b] = k; });
  const late = new Set<number>();
  blocks.forEach((b, i) => { for (const s of b.reads) { const o = owner.get(s); if (o !== undefined && o !== i && pos[i]! > pos[o]!) late.add(s); } });
  return { order, late };
}
