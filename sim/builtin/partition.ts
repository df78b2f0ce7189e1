/**
 * Partition of the combinational logic for activity-driven evaluation (ESSENT's idea, on the flat netlist): groups
 * of combinational signals that are recomputed only when a signal they read changed. A group holds the signals of
 * one instance at one "level" that are connected to each other; the level of a signal counts how often the paths
 * into it cross an instance boundary, so every read between two groups goes to a strictly higher level and the
 * groups, taken by level, are in topological order (no group ever needs one evaluated after it).
 */

/** The groups in evaluation order, each in topological order, and the group of each combinational signal. */
export interface CombPartition {
  readonly groups: readonly (readonly number[])[];
  readonly groupOf: ReadonlyMap<number, number>;
}

/**
 * Partitions the combinational signals `order` (a topological order; `deps` gives what each reads, registers and
 * inputs included) by `instanceOf` (e.g. the hierarchical path of the signal's module instance).
 * @example
 * // a -> b inside instance 'x', c in instance 'y' reads b: two groups, x's first
 * partitionComb([1, 2, 3], new Map([[1, new Set([9])], [2, new Set([1])], [3, new Set([2])]]), (s) => (s === 3 ? 'y' : 'x'));
 * // { groups: [[1, 2], [3]], groupOf: Map { 1 => 0, 2 => 0, 3 => 1 } }
 */
export function partitionComb(order: readonly number[], deps: ReadonlyMap<number, ReadonlySet<number>>, instanceOf: (s: number) => string): CombPartition {
  const level = new Map<number, number>();
  const inst = new Map<number, string>();
  for (const s of order) inst.set(s, instanceOf(s));
  // Union-find over reads between signals of one instance and level.
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    for (let y = x; y !== r;) { const next = parent.get(y)!; parent.set(y, r); y = next; }
    return r;
  };
  for (const s of order) {
    let l = 0;
    for (const d of deps.get(s)!) {
      const ld = level.get(d);
      if (ld === undefined) continue; // a register, an input or a constant
      l = Math.max(l, ld + (inst.get(d) === inst.get(s) ? 0 : 1));
    }
    level.set(s, l);
    parent.set(s, s);
    for (const d of deps.get(s)!) {
      if (level.get(d) === l && inst.get(d) === inst.get(s)) parent.set(find(d), find(s));
    }
  }
  // Groups ordered by level, then by their first signal in `order`; members keep the topological order.
  const byRoot = new Map<number, number[]>();
  for (const s of order) {
    const r = find(s);
    let g = byRoot.get(r);
    if (!g) byRoot.set(r, (g = []));
    g.push(s);
  }
  const groups = [...byRoot.values()].sort((a, b) => level.get(a[0]!)! - level.get(b[0]!)!); // stable: first appearance
  const groupOf = new Map<number, number>();
  groups.forEach((g, i) => { for (const s of g) groupOf.set(s, i); });
  return { groups, groupOf };
}
