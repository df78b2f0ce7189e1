/**
 * The compiled JavaScript computes exactly what the reference evaluator computes: every case of the operator table
 * (1..128 bits, signed and unsigned, shifts at and past the width) and random expression trees (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../hdl/core/evaluate.ts';
import { elaborate } from '../../../hdl/ir/elaborate.ts';
import type { Shape } from '../../../hdl/core/shape.ts';
import type { Signal, Value } from '../../../hdl/core/value.ts';
import { applyRandomOp, BINARY_OPS, UNARY_OPS } from '../../../verif/lockstep/random-design.ts';
import { operatorCases } from '../../../hdl/test/support/op-table.ts';
import { Rng } from '../../../common/rng.ts';
import { vectorValues } from '../../../hdl/test/support/vectors.ts';
import { combModule } from '../../../hdl/test/support/comb-harness.ts';
import { BuiltinBackend } from '../engine.ts';

interface Built { backend: BuiltinBackend; ins: Signal[][]; exprs: Value[]; outs: Signal[] }

/** One module with an output per expression. */
function buildComb(cases: readonly { inputs: readonly Shape[]; build: (ins: readonly Value[]) => Value }[]): Built {
  const { module, ins, exprs, outs } = combModule('dut', cases);
  return { backend: new BuiltinBackend(elaborate(module)), ins, exprs, outs };
}

/** Applies vector `k` to every case, settles, and lists mismatches against `evaluate`. */
function mismatches(b: Built, vectors: bigint[][][], names: string[]): string[] {
  const errors: string[] = [];
  const nvec = vectors[0]?.length ?? 0;
  for (let k = 0; k < nvec; k++) {
    b.ins.forEach((sigs, i) => sigs.forEach((s, j) => b.backend.set(s, vectors[i]![k]![j]!)));
    b.backend.eval();
    b.exprs.forEach((e, i) => {
      const env = new Map(b.ins[i]!.map((s, j) => [s, vectors[i]![k]![j]!] as const));
      const want = evaluate(e, (s) => env.get(s));
      const got = b.backend.get(b.outs[i]!);
      if (got !== want) errors.push(`${names[i]} vector ${k} (${vectors[i]![k]!.join(', ')}): got ${got}, expected ${want}`);
    });
  }
  return errors;
}

describe('compiled expressions vs the reference evaluator', () => {
  it('agree on every case of the operator table', () => {
    const cases = operatorCases();
    expect(cases.length).toBeGreaterThan(400);
    const rng = Rng.fromSeed(7);
    const VEC = 24;
    const vectors = cases.map((c) => {
      const cols = c.inputs.map((s) => vectorValues(s, VEC, rng));
      return Array.from({ length: VEC }, (_, k) => cols.map((col) => col[k]!));
    });
    const b = buildComb(cases);
    expect(mismatches(b, vectors, cases.map((c) => c.name)).slice(0, 20)).toEqual([]);
  });

  it('agree on random expression trees of mixed widths (1..128) and signedness', () => {
    fc.assert(fc.property(exprCaseArb, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (spec, seed) => {
      const rng = Rng.fromSeed(seed);
      const c = { inputs: spec.shapes, build: (ins: readonly Value[]) => buildTree(spec.tree, ins) };
      const vectors = [Array.from({ length: 6 }, () => spec.shapes.map((s) => vectorValues(s, 12, rng)[rng.below(12)]!))];
      const b = buildComb([c]);
      expect(mismatches(b, vectors, [JSON.stringify(spec.tree)])).toEqual([]);
    }), { numRuns: Number(process.env.FC_RUNS ?? 300), seed: Number(process.env.FC_SEED ?? 42) });
  });

  it('a deliberately wrong expected value is reported (the check can fail)', () => {
    const b = buildComb([{ inputs: [{ width: 8, signed: false }], build: ([a]) => a!.add(1) }]);
    b.backend.set(b.ins[0]![0]!, 255n);
    b.backend.eval();
    expect(b.backend.get(b.outs[0]!)).toBe(256n);
    expect(b.backend.get(b.outs[0]!)).not.toBe(0n);
  });
});

// ---- random expression trees ----

/** A tree as plain data (so fast-check can shrink and print it). */
export type Tree = { leaf: number } | { op: string; k: number; a: Tree; b?: Tree };


export const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ leaf: fc.nat(7) }),
    fc.record({ op: fc.constantFrom(...UNARY_OPS), k: fc.nat(200), a: tie('tree') }),
    fc.record({ op: fc.constantFrom(...BINARY_OPS), k: fc.nat(200), a: tie('tree'), b: tie('tree') }),
  ),
})).tree;

export const shapeArb: fc.Arbitrary<Shape> = fc.record({
  width: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constantFrom(16, 31, 32, 33, 52, 53, 54, 63, 64, 65, 127, 128), fc.integer({ min: 1, max: 128 })),
  signed: fc.boolean(),
});

const exprCaseArb = fc.record({ shapes: fc.array(shapeArb, { minLength: 1, maxLength: 4 }), tree: treeArb });

/** Builds a Value from a tree with the random-design operators (parameters folded into legal ranges). */
export function buildTree(t: Tree, ins: readonly Value[]): Value {
  if ('leaf' in t) return ins[t.leaf % ins.length]!;
  const a = buildTree(t.a, ins);
  return applyRandomOp(t.op, t.k, a, t.b === undefined ? a : buildTree(t.b, ins));
}
