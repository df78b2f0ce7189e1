/** RegisterFifo (slots in a Vec, struct entries through it) against a queue model on both simulators. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../common/rng.ts';
import { elaborate } from '../ir/elaborate.ts';
import { ReferenceInterpreter } from '../../sim/reference/interpreter.ts';
import { BuiltinBackend } from '../../sim/builtin/engine.ts';
import { fifoTop } from './support/data-designs.ts';

describe('RegisterFifo', () => {
  it('keeps order, never loses or repeats an entry, and flags full and empty (builtin and reference vs a queue)', () => {
    const design = elaborate(fifoTop());
    const sim = new BuiltinBackend(design);
    const ref = new ReferenceInterpreter(design.flat);
    const port = (n: string) => design.top.ports.find((p) => p.signal.name === n)!.signal;
    const queue: { value: bigint; tag: bigint }[] = [];
    const rng = Rng.fromSeed(5);
    let pushes = 0;
    let sawFull = false;
    sim.set('rst', 0);
    ref.set(port('rst'), 0);
    for (let cycle = 0; cycle < 600; cycle++) {
      const i = { wen: rng.bits(1), ren: rng.bits(2) === 0n ? 0n : rng.bits(1), wvalue: BigInt.asIntN(6, rng.bits(6)), wtag: rng.bits(3) };
      for (const [k, v] of Object.entries(i)) { sim.set(k, v); ref.set(port(k), v); }
      sim.eval();
      const want = { empty: queue.length === 0 ? 1n : 0n, full: queue.length === 3 ? 1n : 0n, ...(queue[0] ?? {}) };
      for (const [k, v] of Object.entries(want)) {
        expect(sim.get(k), `builtin ${k} cycle ${cycle}`).toBe(v);
        expect(ref.get(port(k)), `reference ${k} cycle ${cycle}`).toBe(v);
      }
      sawFull ||= want.full === 1n;
      const pop = i.ren === 1n && queue.length > 0;
      const push = i.wen === 1n && queue.length < 3;
      if (pop) queue.shift();
      if (push) { queue.push({ value: i.wvalue, tag: i.wtag }); pushes++; }
      sim.step('clk');
      ref.step('sync');
    }
    expect(pushes).toBeGreaterThan(100);
    expect(sawFull).toBe(true);
    sim.dispose();
  });
});
