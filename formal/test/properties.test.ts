/**
 * Properties in the language, the IR and the Verilog, and checked in every simulator: a failing assertion stops the
 * run naming its line, cycle and values; count mode counts; covers count hits.
 */
import { describe, expect, it } from 'vitest';
import { elaborate } from '../../hdl/ir/elaborate.ts';
import { emitVerilog } from '../../hdl/backend/verilog.ts';
import { BuiltinBackend } from '../../sim/builtin/engine.ts';
import { verilatorLint } from '../../sim/tools/verilator-lint.ts';
import { haveCommand, runTool } from '../../sim/tools/run-tool.ts';
import { AssertionFailedError, simulateWithProperties } from '../index.ts';
import { PulseControllerProof } from '../../designs/meram/properties.ts';
import { constrainedPhases } from '../../designs/meram/timing.ts';
import { counter, pastUser } from './fixtures.ts';

const enOn = (): Record<string, number> => ({ en: 1, rst: 0 });

describe('properties in the IR and the Verilog', () => {
  it('each property is a check signal with its kind, domain, reads and source line', () => {
    const d = elaborate(counter(10));
    const props = d.flat.properties;
    expect(props.map((p) => [p.kind, p.path, p.domain])).toEqual([['assert', 'below_bound', 'sync'], ['cover', 'reach5', 'sync']]);
    expect(props[0]!.site.loc?.file).toMatch(/fixtures\.ts$/);
    expect(props[0]!.reads.map((r) => d.flat.signals[r]!.path)).toEqual(['q']);
    expect(d.top.properties).toHaveLength(2);
  });

  it('flattening gives child properties hierarchical paths and top domains', () => {
    const d = elaborate(PulseControllerProof({ ...constrainedPhases(), resetWrite: true, pulses: 2 }));
    const paths = d.flat.properties.map((p) => p.path);
    expect(paths).toContain('no_pulse_during_read');
    expect(paths).toContain('u_dut.inv_ctl_encoding');
    expect(paths).toContain('u_dut.u_readout.inv_precharge_timer');
    expect(d.flat.properties.every((p) => p.domain === 'sync')).toBe(true);
  });

  it('the dead-logic pass keeps property logic (a keep list naming nothing still checks)', () => {
    const b = new BuiltinBackend(elaborate(counter(10)), { keep: [] });
    expect(b.get('below_bound')).toBe(1n);
  });

  it('Verilog: immediate assertions inside ifdef FORMAL, with the source line; no FORMAL text outside it', () => {
    const v = emitVerilog(elaborate(counter(10))).combined;
    expect(v).toMatch(/`ifdef FORMAL\n {2}\/\/ assert below_bound \(formal\/test\/fixtures\.ts:\d+:\d+\), domain sync: q stays below bound\n {2}always @\(\*\) assert \(below_bound\);\n/);
    expect(v).toContain('always @(*) cover (reach5);');
    expect(v).toMatch(/assign below_bound = \(q < 4'd10\) \| rst;/);
    const outside = v.replace(/`ifdef FORMAL[\s\S]*?`endif/g, '');
    expect(outside).not.toMatch(/assert|cover \(/);
  });

  it.skipIf(!haveCommand('verilator'))('lint (-Wall) stays clean without FORMAL, and with --assert -DFORMAL', () => {
    for (const m of [counter(10), pastUser()]) {
      const out = emitVerilog(elaborate(m));
      const files = Object.fromEntries(out.files);
      expect(verilatorLint(files, out.top)).toBe('');
      // and the FORMAL block itself reads clean in Verilator's SystemVerilog assertion mode
      expect(() => runTool('verilator', ['--lint-only', '-Wall', '--assert', '-DFORMAL', '--top-module', out.top, ...out.files.keys()], { files })).not.toThrow();
    }
  });
});

describe('property checks in the simulators', () => {
  it('built-in: a failing assertion stops the run with its line, cycle and values', async () => {
    const d = elaborate(counter(9));
    const err = await simulateWithProperties(d, { cycles: 30, stimulus: enOn }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AssertionFailedError);
    const f = (err as AssertionFailedError).failure;
    expect([f.path, f.cycle, f.values]).toEqual(['below_bound', 9, { q: 9n }]);
    expect((err as Error).message).toMatch(/assert 'below_bound' \(q stays below bound\) at formal\/test\/fixtures\.ts:\d+:\d+ failed in cycle 9: q=9/);
  });

  it('built-in: count mode counts every failure; covers count hits; reset disables the checks', async () => {
    const d = elaborate(counter(9));
    const r = await simulateWithProperties(d, { cycles: 30, mode: 'count', stimulus: enOn });
    expect(r.failureCounts.get('below_bound')).toBe(3); // cycles 9, 19, 29
    expect(r.failures.map((f) => f.cycle)).toEqual([9, 19, 29]);
    expect(r.coverHits.get('reach5')).toBe(3);
    expect(r.firstHit.get('reach5')).toBe(5);
    const held = await simulateWithProperties(d, { cycles: 30, mode: 'count', stimulus: (c) => ({ en: 1, rst: c >= 9 ? 1 : 0 }) });
    expect(held.failureCounts.size).toBe(0);
  });

  it('built-in: past / rose / stable / initialCycle hold on a design that keeps them', async () => {
    const r = await simulateWithProperties(elaborate(pastUser()), { cycles: 200, stimulus: (c) => ({ en: (c * 7) % 3 === 0 ? 1 : 0, rst: c === 50 ? 1 : 0 }), mode: 'count' });
    expect(r.failures).toEqual([]);
  });

  // The WebAssembly build takes ~2 minutes on a free machine: run it with FORMAL_WASM=1 (it passes; see docs/formal.md).
  for (const backend of ['verilator-native', ...(process.env.FORMAL_WASM ? ['verilator-wasm' as const] : [])] as const) {
    it.skipIf(!haveCommand('verilator'))(`${backend}: the same failure at the same cycle through the probe ports; covers counted`, async () => {
      const d = elaborate(counter(9));
      const r = await simulateWithProperties(d, { backend, cycles: 30, mode: 'count', stimulus: enOn });
      expect(r.failures.map((f) => [f.path, f.cycle, f.values])).toEqual([9, 19, 29].map((c) => ['below_bound', c, { q: 9n }]));
      expect(r.coverHits.get('reach5')).toBe(3);
      await expect(simulateWithProperties(d, { backend, cycles: 30, stimulus: enOn })).rejects.toThrow(/failed in cycle 9: q=9/);
    }, 300_000);
  }
});
