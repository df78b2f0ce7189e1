/**
 * The order of the split edge's blocks (activity.ts `readersFirst`): a permutation in which a block reading another
 * block's register runs first wherever the reads allow; every register still read after its own block is `late`
 * (it must go through shadow state), and nothing else is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readersFirst } from '../activity.ts';

/** Blocks owning registers 10*i.. and reading random registers of any block. */
const blocksArb = fc.array(fc.record({ n: fc.integer({ min: 1, max: 3 }), reads: fc.array(fc.nat({ max: 60 }), { maxLength: 5 }) }), { minLength: 1, maxLength: 12 })
  .map((bs) => bs.map((b, i) => {
    const regs = Array.from({ length: b.n }, (_, k) => 10 * i + k);
    return { regs, reads: new Set([...regs, ...b.reads.filter((r) => Math.floor(r / 10) < bs.length && r % 10 < bs[Math.floor(r / 10)]!.n)]) };
  }));

describe('readersFirst', () => {
  it('returns a permutation and exactly the registers read after their own block as late', () => {
    fc.assert(fc.property(blocksArb, (blocks) => {
      const { order, late } = readersFirst(blocks);
      expect([...order].sort((a, b) => a - b)).toEqual(blocks.map((_, i) => i));
      const pos = new Map(order.map((b, k) => [b, k]));
      const owner = new Map(blocks.flatMap((b, i) => b.regs.map((r) => [r, i] as [number, number])));
      const want = new Set<number>();
      blocks.forEach((b, i) => { for (const r of b.reads) { const o = owner.get(r)!; if (o !== i && pos.get(i)! > pos.get(o)!) want.add(r); } });
      expect(late).toEqual(want);
    }), { numRuns: 300, seed: 11 });
  });

  it('puts a chain of readers first and needs no shadow copy; a cycle of reads needs exactly one', () => {
    // block 0 computes r0 read by block 1, which computes r10 read by block 2
    const chain = [{ regs: [0], reads: new Set([0]) }, { regs: [10], reads: new Set([0, 10]) }, { regs: [20], reads: new Set([10, 20]) }];
    expect(readersFirst(chain)).toEqual({ order: [2, 1, 0], late: new Set() });
    // blocks 0 and 1 read each other's register (a swap): one of them must be late
    const swap = [{ regs: [0], reads: new Set([10]) }, { regs: [10], reads: new Set([0]) }];
    expect(readersFirst(swap).late.size).toBe(1);
  });
});
