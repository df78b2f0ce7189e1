/** Cycle-by-cycle comparison of the built-in simulator with the reference interpreter on random inputs. */
import { Rng } from '../../../common/rng.ts';
import type { Design } from '../../ir/elaborate.ts';
import { createBackend } from '../../../sim/factory.ts';
import { ReferenceInterpreter } from '../../../sim/reference/interpreter.ts';

/**
 * Drives every data input of `design` (one clock domain) with seeded random values for `cycles` cycles, resets
 * (the domain's reset at its active level) in the first cycle and with probability `resetRate` after, and returns
 * the first difference of an output between the two simulators (`''` when they agree).
 */
export async function compareWithReference(design: Design, cycles: number, seed: number, resetRate = 0.02): Promise<string> {
  const flat = design.flat;
  const dom = flat.domains[0]!;
  const b = await createBackend(design, { backend: 'builtin' });
  const ref = new ReferenceInterpreter(flat);
  const rng = Rng.fromSeed(seed);
  const name = (s: { name: string }): string => s.name;
  const clk = name(dom.clk);
  try {
    for (let c = 0; c < cycles; c++) {
      for (const s of flat.inputs) {
        const v = BigInt.asUintN(s.width, BigInt(rng.below(2 ** 30)) * BigInt(2 ** 30) + BigInt(rng.below(2 ** 30)) + (BigInt(rng.below(2 ** 30)) << 60n));
        b.set(name(s), v);
        ref.set(s, v);
      }
      if (dom.rst) {
        const on = c === 0 || rng.below(1000) < resetRate * 1000;
        const level = on === (dom.resetActive !== 'low') ? 1 : 0;
        b.set(name(dom.rst), level);
        ref.set(dom.rst, level);
      }
      b.eval();
      for (const s of flat.outputs) {
        const x = b.get(name(s));
        const y = ref.get(s);
        if (x !== y) return `cycle ${c}: output '${s.name}' is ${x} in the built-in simulator, ${y} in the reference interpreter`;
      }
      b.step(clk);
      ref.step(dom.name);
    }
    return '';
  } finally {
    b.dispose();
  }
}
