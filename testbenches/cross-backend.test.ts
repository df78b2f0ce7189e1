/**
 * Every architecture on Verilator compiled to WebAssembly: the same seed gives the identical sample stream as the
 * built-in simulator, and the WebAssembly run passes the same statistics.
 */
import { describe, expect, it } from 'vitest';
import { planWord, meramWord, planTree, meramTree, planClt, meramClt } from '../designs/meram/index.ts';
import type { Module } from '../hdl/index.ts';
import { runGenerator, treeCodes } from './harness.ts';
import { verifyGenerator } from './checks.ts';
import { SAMPLES } from './budget.ts';

const cases: { name: string; top: () => Module; codes: (r: Awaited<ReturnType<typeof runGenerator>>) => Int32Array; planned: { predicted: Parameters<typeof verifyGenerator>[1]; target: Parameters<typeof verifyGenerator>[2] }; record?: string[]; samples?: number }[] = [];
{
  const w = planWord({ seed: 11 });
  cases.push({ name: 'word', top: () => meramWord(w.plan), codes: (r) => r.samples, planned: w });
  const t = planTree({ seed: 21, lanes: 4 });
  cases.push({ name: 'tree, 4 lanes', top: () => meramTree(t.plan), codes: (r) => treeCodes(r.samples), planned: t });
  // With its von Neumann conditioner the sum of bits takes about 11 reads per sample: 16 cells and fewer samples.
  const c = planClt({ seed: 31, n: 16 });
  cases.push({ name: 'sum of 16 bits (von Neumann, health tests)', top: () => meramClt(c.plan), codes: (r) => Int32Array.from(r.extra.get('ones')!), planned: c, record: ['ones'], samples: Math.round(SAMPLES.wasm / 5) });
}

describe('Verilator-WASM backend runs the generators bit-identically', () => {
  for (const c of cases) {
    const samples = c.samples ?? SAMPLES.wasm;
    it(`${c.name}: ${samples} samples, identical to the built-in simulator, passing the checks`, async () => {
      const wasm = await runGenerator(c.top(), { samples, backend: 'verilator-wasm', ...(c.record ? { record: c.record } : {}) });
      const builtin = await runGenerator(c.top(), { samples, ...(c.record ? { record: c.record } : {}) });
      let firstDiff = -1;
      for (let i = 0; i < wasm.samples.length && firstDiff < 0; i++) if (wasm.samples[i] !== builtin.samples[i]) firstDiff = i;
      expect(firstDiff).toBe(-1);
      expect(wasm.cycles).toBe(builtin.cycles);
      const v = verifyGenerator(c.codes(wasm), c.planned.predicted, c.planned.target);
      expect(v.battery.checks.filter((x) => !x.passed).map((x) => x.name)).toEqual([]);
    });
  }
});
