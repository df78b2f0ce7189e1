/**
 * Equivalence of every generator's synthesized control logic (meram180 gates with the Liberty cells' functions) with
 * its RTL, module by module; and a netlist with one gate changed is not equivalent.
 */
import { describe, expect, it } from 'vitest';
import { elaborate } from '../../hdl/ir/elaborate.ts';
import { planTree, meramTree, planClt, meramClt, planWord, meramWord, constrainedPhases } from '../../designs/meram/index.ts';
import { synthesize } from '../../synth/synthesize.ts';
import { checkEquivalence } from '../index.ts';
import { counter } from './fixtures.ts';

const timing = constrainedPhases();
const generators = {
  tree: () => meramTree(planTree({ seed: 1, timing, lanes: 4 }).plan),
  clt16: () => meramClt(planClt({ seed: 2, timing, n: 16, trackLimit: 8 }).plan),
  word: () => meramWord(planWord({ seed: 3, timing }).plan),
};

describe('gate netlist equivalent to the RTL (Yosys equiv_* / miter)', () => {
  for (const [name, make] of Object.entries(generators)) {
    it(`${name}: every module of the control logic equivalent`, async () => {
      const r = await checkEquivalence(elaborate(make()));
      for (const m of r.modules) console.log(`${name} ${m.module}: ${m.method}${m.method === 'bounded' ? ` (${m.bmcCycles} cycles)` : ''}, ${m.cells} matched bits`);
      expect(r.modules.filter((m) => !m.equivalent).map((m) => [m.module, m.unproven.slice(0, 5)])).toEqual([]);
      expect(r.modules.length).toBeGreaterThanOrEqual(3);
    }, 600_000);
  }

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
