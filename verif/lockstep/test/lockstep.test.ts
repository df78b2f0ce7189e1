/**
 * Lockstep differential tests: the built-in simulator against native Verilator on 1,000 random designs of 1,000
 * cycles (all in one Verilator model) and on every hdl/lib design; the harness reports cycle, port and both values,
 * and fast-check shrinks a failing design to a minimal one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Module } from '../../../hdl/core/module.ts';
import { elaborate } from '../../../hdl/ir/elaborate.ts';
import { signed } from '../../../hdl/core/shape.ts';
import { Counter, FFSynchronizer, Lfsr, Popcount, ShiftRegister, qMul } from '../../../hdl/lib/index.ts';
import type { BatchOptions, SimBackend, TraceLike } from '../../../sim/interface.ts';
import { BuiltinBackend } from '../../../sim/builtin/engine.ts';
import { compareBackends, LockstepMismatchError, runLockstep } from '../lockstep.ts';
import { buildDesign, combineDesigns, combineModules, type DesignSpec, designSpecArb } from '../random-design.ts';
import { minimizeSpec } from '../shrink.ts';

const DESIGNS = Number(process.env.LOCKSTEP_DESIGNS ?? 1000);
const CYCLES = Number(process.env.LOCKSTEP_CYCLES ?? 1000);
// -O1 builds the large model several times faster than -O3 and runs 1,000 cycles in well under a second.
const VERILATOR = { optFast: '-O1' };

/** A backend that lies about outputs wider than 64 bits (odd values are off by one), for testing the harness. */
class WideBug implements SimBackend {
  readonly backend = 'builtin' as const;
  constructor(private readonly inner: BuiltinBackend) {}
  get ports() { return this.inner.ports; }
  set(p: string, v: bigint | number): void { this.inner.set(p, v); }
  get(p: string): bigint { return this.inner.get(p); }
  eval(): void { this.inner.eval(); }
  step(c: string, n?: number): void { this.inner.step(c, n); }
  dispose(): void { this.inner.dispose(); }
  runBatch(opts: BatchOptions): ReadonlyMap<string, TraceLike> {
    const out = new Map<string, TraceLike>();
    for (const [name, t] of this.inner.runBatch(opts)) {
      const wide = this.ports.find((p) => p.name === name)!.width > 64;
      out.set(name, wide ? { length: t.length, at: (c) => t.at(c) + (t.at(c) & 1n), toBigInts: () => t.toBigInts().map((v) => v + (v & 1n)) } : t);
    }
    return out;
  }
}


describe('lockstep: built-in simulator vs native Verilator', () => {
  it(`agrees on ${DESIGNS} random designs x ${CYCLES} cycles (one Verilator model)`, async () => {
    const specs = fc.sample(designSpecArb, { numRuns: DESIGNS, seed: 20261128 });
    const design = elaborate(combineDesigns(specs));
    try {
      const report = await runLockstep(design, { cycles: CYCLES, seed: 1, verilator: VERILATOR });
      expect(report.ports).toBeGreaterThan(DESIGNS);
    } catch (e) {
      if (!(e instanceof LockstepMismatchError)) throw e;
      // Shrink the first failing design, checking each candidate on its own model, and report it.
      const i = Number(/^d(\d+)_/.exec(e.mismatches[0]!.port)![1]);
      const minimal = await minimizeSpec(specs[i]!, async (s) => {
        try {
          await runLockstep(elaborate(combineDesigns([s])), { cycles: CYCLES, seed: 1, verilator: VERILATOR });
          return false;
        } catch (err) {
          return err instanceof LockstepMismatchError;
        }
      }, 60);
      throw new Error(`${e.message}\nfailing design d${i}: ${JSON.stringify(specs[i])}\nminimal failing design: ${JSON.stringify(minimal)}`);
    }
  }, 600_000);

  it('agrees on every hdl/lib design', async () => {
    const fix = new Module('fixed_mul');
    const a = fix.input('a', signed(12));
    const b = fix.input('b', signed(12));
    const p = fix.output('p', signed(12));
    fix.sync(p, qMul(a, 8, b, 8, { int: 4, frac: 8, signed: true }));
    const top = combineModules([
      { prefix: 'cnt', module: Counter({ width: 8 }) },
      { prefix: 'cntmax', module: Counter({ width: 5, max: 20 }) },
      { prefix: 'lfsr', module: Lfsr({ width: 32, seed: 1 }) },
      { prefix: 'lfsr7', module: Lfsr({ width: 7, seed: 3 }) },
      { prefix: 'shr', module: ShiftRegister({ width: 8, depth: 4 }) },
      { prefix: 'pop', module: Popcount({ width: 100 }) },
      { prefix: 'sync2', module: FFSynchronizer({ stages: 2 }) },
      { prefix: 'fix', module: fix },
    ]);
    const report = await runLockstep(elaborate(top), { cycles: CYCLES, seed: 2, verilator: VERILATOR });
    expect(report.ports).toBeGreaterThanOrEqual(8);
  }, 300_000);
});

const WASM_DESIGNS = Number(process.env.LOCKSTEP_WASM_DESIGNS ?? 200);

describe('lockstep: every pair of backends (built-in, Verilator-WASM, native Verilator)', () => {
  const specs = fc.sample(designSpecArb, { numRuns: WASM_DESIGNS, seed: 20261129 });
  const design = elaborate(combineDesigns(specs));
  it(`built-in and Verilator-WASM agree on ${WASM_DESIGNS} random designs x ${CYCLES} cycles`, async () => {
    const report = await runLockstep(design, { cycles: CYCLES, seed: 3, backends: ['builtin', 'verilator-wasm'], verilator: VERILATOR });
    expect(report.ports).toBeGreaterThan(WASM_DESIGNS);
  }, 900_000);
  it(`native Verilator and Verilator-WASM agree on the same designs`, async () => {
    const report = await runLockstep(design, { cycles: CYCLES, seed: 4, backends: ['verilator-native', 'verilator-wasm'], verilator: VERILATOR });
    expect(report.ports).toBeGreaterThan(WASM_DESIGNS);
  }, 900_000);
});

describe('lockstep harness', () => {
  it('reports cycle, port and both values of a mismatch', () => {
    const specs = fc.sample(designSpecArb, { numRuns: 30, seed: 3 });
    const d = elaborate(combineDesigns(specs));
    const report = compareBackends(new BuiltinBackend(d), new WideBug(new BuiltinBackend(d)), { clock: 'clk', cycles: 200, seed: 4 });
    expect(report.mismatches.length).toBeGreaterThan(0);
    const m = report.mismatches[0]!;
    expect(m.a + (m.a & 1n)).toBe(m.b);
    expect(m.port).toMatch(/^d\d+_out\d$/);
    expect(new LockstepMismatchError(['builtin', 'buggy'], report.mismatches).message).toContain(`cycle ${m.cycle}, ${m.port}: builtin ${m.a}, buggy ${m.b}`);
    // Two copies of the same backend agree.
    expect(compareBackends(new BuiltinBackend(d), new BuiltinBackend(d), { clock: 'clk', cycles: 200, seed: 4 }).mismatches).toEqual([]);
  });

  it('shrinks a failing random design to a minimal one', async () => {
    const fails = (s: DesignSpec): boolean => {
      const d = elaborate(combineDesigns([s]));
      return compareBackends(new BuiltinBackend(d), new WideBug(new BuiltinBackend(d)), { clock: 'clk', cycles: 50, seed: 4 }).mismatches.length > 0;
    };
    const specs = fc.sample(designSpecArb, { numRuns: 200, seed: 8 });
    const big = specs.filter(fails).sort((x, y) => y.nodes.length - x.nodes.length)[0]!;
    expect(big).toBeDefined();
    const small = await minimizeSpec(big, fails);
    expect(fails(small)).toBe(true);
    expect(small.nodes.length + small.regs.length + small.outputs.length).toBeLessThanOrEqual(big.nodes.length + big.regs.length + big.outputs.length);
    expect(small.nodes.length).toBeLessThanOrEqual(2);
    expect(small.mem).toBeNull();
    expect(small.outputs.length).toBe(1);
    expect(buildDesign(small, 'minimal').ports.length).toBeGreaterThan(0);
  });
});
