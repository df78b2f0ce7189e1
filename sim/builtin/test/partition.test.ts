/**
 * The combinational partition of the activity-driven settle: every signal in exactly one group, one instance per
 * group, members in topological order, and every read between groups from an earlier group (so evaluating the
 * groups in order is a topological order). The checker is shown to reject a broken partition.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CombPartition, partitionComb } from '../partition.ts';

/** A random DAG over signals 0..n-1 (each reads earlier ones, or a register 1000+) with an instance per signal. */
const dagArb = fc.integer({ min: 1, max: 40 }).chain((n) => fc.record({
  reads: fc.array(fc.array(fc.nat(), { maxLength: 4 }), { minLength: n, maxLength: n }),
  inst: fc.array(fc.constantFrom('', 'a', 'b', 'a.c'), { minLength: n, maxLength: n }),
})).map(({ reads, inst }) => ({
  deps: new Map(reads.map((r, s) => [s, new Set(r.map((x) => (s === 0 || x % 3 === 0 ? 1000 + x : x % s)))])),
  inst,
}));

/** What is wrong with a partition (empty: nothing). */
function violations(order: readonly number[], deps: ReadonlyMap<number, ReadonlySet<number>>, inst: readonly string[], p: CombPartition): string[] {
  const out: string[] = [];
  const all = p.groups.flat();
  if (all.length !== order.length || new Set(all).size !== order.length) out.push('not a partition');
  p.groups.forEach((g, k) => {
    if (new Set(g.map((s) => inst[s])).size !== 1) out.push(`group ${k} spans instances`);
    if (g.some((s, i) => i > 0 && order.indexOf(s) < order.indexOf(g[i - 1]!))) out.push(`group ${k} out of order`);
    for (const s of g) if (p.groupOf.get(s) !== k) out.push(`groupOf(${s})`);
  });
  for (const [s, ds] of deps) for (const d of ds) if (p.groupOf.has(d) && p.groupOf.get(d)! > p.groupOf.get(s)!) out.push(`${s} reads ${d} of a later group`);
  return out;
}

describe('partitionComb', () => {
  it('partitions into single-instance groups whose cross-group reads all come from earlier groups', () => {
    fc.assert(fc.property(dagArb, ({ deps, inst }) => {
      const order = inst.map((_, s) => s);
      expect(violations(order, deps, inst, partitionComb(order, deps, (s) => inst[s]!))).toEqual([]);
    }), { numRuns: 300, seed: 7 });
  });

  it('keeps unconnected logic of one instance apart and joins connected logic', () => {
    // 0 -> 1 in 'x'; 2 alone in 'x'; 3 in 'y' reads 1: groups {0,1}, {2}, {3}.
    const deps = new Map([[0, new Set([100])], [1, new Set([0])], [2, new Set([101])], [3, new Set([1])]]);
    const { groups } = partitionComb([0, 1, 2, 3], deps, (s) => (s === 3 ? 'y' : 'x'));
    expect(groups).toEqual([[0, 1], [2], [3]]);
  });

  it('the checker rejects a partition whose groups are evaluated in the wrong order', () => {
    const deps = new Map([[0, new Set([100])], [1, new Set([0])], [2, new Set([1])]]);
    const inst = ['x', 'y', 'x'];
    const good = partitionComb([0, 1, 2], deps, (s) => inst[s]!);
    const groups = [...good.groups].reverse();
    const broken: CombPartition = { groups, groupOf: new Map(groups.flatMap((g, k) => g.map((s) => [s, k] as [number, number]))) };
    expect(violations([0, 1, 2], deps, inst, good)).toEqual([]);
    expect(violations([0, 1, 2], deps, inst, broken).length).toBeGreaterThan(0);
  });
});
