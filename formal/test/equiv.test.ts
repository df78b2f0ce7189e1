/**
 * Equivalence of every generator's synthesized control logic (meram180 gates with the Liberty cells' functions) with
 * its RTL, module by module; and a netlist with one gate changed is not equivalent.
 */
import { describe, expect, it } from 'vitest';
import { elaborate } from '../../hdl/ir/elaborate.ts';
import { synthesize } from '../../synth/synthesize.ts';
import { checkEquivalence } from '../index.ts';
import { counter } from './fixtures.ts';
import { PulseController, constrainedPhases } from '../../designs/meram/index.ts';
import { operationCycles } from '../../designs/meram/properties.ts';
import { GENERATOR_DESIGNS as generators } from '../../testbenches/generator-designs.ts';


describe('gate netlist equivalent to the RTL (Yosys equiv_* / miter)', () => {
  for (const [name, make] of Object.entries(generators)) {
    it(`${name}: every module of the control logic equivalent`, async () => {
      // 4 cycles keep CI short on the large tops (their FSMs were re-encoded); the controller gets a deeper check below.
      const r = await checkEquivalence(elaborate(make()), { bmcCycles: 4 });
      for (const m of r.modules) console.log(`${name} ${m.module}: ${m.method}${m.method === 'bounded' ? ` (${m.bmcCycles} cycles)` : ''}, ${m.cells} matched bits`);
      expect(r.modules.filter((m) => !m.equivalent).map((m) => [m.module, m.unproven.slice(0, 5)])).toEqual([]);
      expect(r.modules.length).toBeGreaterThanOrEqual(3);
    }, 600_000);
  }

  it('the pulse controller alone: equivalent over two whole operations after reset', async () => {
    const p = { ...constrainedPhases(), resetWrite: true, pulses: 2 };
    const cycles = 2 * operationCycles(p) + 1;
    const r = await checkEquivalence(elaborate(PulseController(p).module), { bmcCycles: cycles });
    for (const m of r.modules) console.log(`controller ${m.module}: ${m.method}${m.method === 'bounded' ? ` (${m.bmcCycles} cycles)` : ''}`);
    expect(r.modules.map((m) => m.equivalent)).toEqual([true, true]);
  }, 300_000);

  it('a netlist with one gate changed (an AND2 for an OR2) is not equivalent', async () => {
    const design = elaborate(counter(10));
    const { netlist } = await synthesize(design);
    const broken = netlist.replace(/\bOR2\b/, 'AND2').replace(/\bNAND2\b/, 'NOR2');
    expect(broken).not.toBe(netlist);
    const good = await checkEquivalence(design, { netlist });
    expect(good.equivalent).toBe(true);
    const bad = await checkEquivalence(design, { netlist: broken });
    expect(bad.equivalent).toBe(false);
    expect(bad.modules[0]!.method).toBe('failed');
  }, 300_000);
});
