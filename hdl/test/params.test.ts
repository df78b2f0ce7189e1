/** Parameterised modules with array and record parameters: deduplicated by value, named stably, emitted lint-clean. */
import { describe, expect, it } from 'vitest';
import { defineModule } from '../core/module.ts';
import { signed } from '../core/shape.ts';
import { C, type Value } from '../core/value.ts';
import { elaborate } from '../ir/elaborate.ts';
import { emitVerilog } from '../backend/verilog.ts';
import { canonicalParam } from '../core/params.ts';
import { verilatorLint } from '../../sim/tools/verilator-lint.ts';
import { Simulator } from '../../sim/testbench/simulator.ts';

/** A direct-form FIR filter whose taps are an array parameter. */
const Fir = defineModule('fir', (m, p: { coeffs: readonly number[]; io: { width: number } }) => {
  const x = m.input('x', signed(p.io.width));
  const y = m.output('y', signed(2 * p.io.width + 8));
  let acc: Value = C(0, signed(2));
  let prev: Value = x;
  p.coeffs.forEach((c, i) => {
    if (i > 0) { const d = m.signal(`d${i}`, signed(p.io.width)); m.sync(d, prev); prev = d; }
    acc = acc.add(prev.mul(C(c, signed(8))));
  });
  m.comb(y, acc.resize(2 * p.io.width + 8));
});

describe('array and record parameters', () => {
  it('equal values build one module; different values another, with a stable hashed name', () => {
    const a = Fir({ coeffs: [1, -2, 3], io: { width: 8 } });
    expect(Fir({ io: { width: 8 }, coeffs: [1, -2, 3] })).toBe(a);
    const b = Fir({ coeffs: [1, -2, 4], io: { width: 8 } });
    expect(b).not.toBe(a);
    expect(a.name).toMatch(/^fir_coeffs[0-9a-f]{8}_io[0-9a-f]{8}$/);
    expect(b.name).not.toBe(a.name);
    expect(canonicalParam({ b: [1, 2], a: 3n, z: undefined })).toBe('{a:3n,b:[1,2]}');
    expect(() => canonicalParam({ f: (() => 1) as unknown as number })).toThrow(/must be a string, number/);
  });

  it('the FIR filter computes its convolution and its Verilog is lint-clean with the parameters in the header', async () => {
    const top = Fir({ coeffs: [3, -1, 2], io: { width: 8 } });
    const design = elaborate(top);
    const v = emitVerilog(design);
    expect(v.combined).toContain('// Parameters: coeffs=[3,-1,2], io={width:8}');
    expect(verilatorLint(Object.fromEntries(v.files), top.name)).toBe('');
    const xs = [5, -7, 100, -128, 0, 1, 2];
    const sim = new Simulator(design);
    const ys: number[] = [];
    sim.process(async (ctx) => {
      for (const x of xs) { ctx.set('x', x); await ctx.delay(1); ys.push(Number(ctx.get('y'))); await ctx.tick(); }
    });
    await sim.run();
    const want = xs.map((_, n) => [3, -1, 2].reduce((s, c, k) => s + c * (n - k >= 0 ? xs[n - k]! : 0), 0));
    expect(ys).toEqual(want);
  });
});
