/** Derived domains: a slower rate by a clock enable on the same clock, for registers, memories and submodules. */
import { describe, expect, it } from 'vitest';
import { Module } from '../core/module.ts';
import { C, mux } from '../core/value.ts';
import { HdlError } from '../core/errors.ts';
import { elaborate } from '../ir/elaborate.ts';
import { emitVerilog } from '../backend/verilog.ts';
import { Counter } from '../lib/counter.ts';
import { verilatorLint } from '../../sim/tools/verilator-lint.ts';
import { Simulator } from '../../sim/testbench/simulator.ts';
import { compareWithIcarus } from '../../verif/lockstep/icarus.ts';
import { runLockstep } from '../../verif/lockstep/lockstep.ts';
import { compareWithReference } from './support/against-reference.ts';

/** `tick` every third cycle; `slow` counts ticks, `slower` (derived from slow) every other tick of `gate`. */
function derivedTop(): Module {
  const m = new Module('derived_top');
  const gate = m.input('gate', 1);
  const phase = m.signal('phase', 2);
  m.sync(phase, mux(phase.eq(2), C(0, 2), phase.add(1).trunc(2)));
  const tick = phase.eq(2);
  const slow = m.derivedDomain('slow', { enable: tick });
  const slower = m.derivedDomain('slower', { from: 'slow', enable: gate });
  const a = m.output('a', 8);
  const b = m.output('b', 8);
  const seen = m.output('seen', 8);
  slow.sync(a, a.add(1).trunc(8));
  slower.sync(b, b.add(1).trunc(8));
  // A register of `sync` reading the slow one: one clock, so no crossing.
  m.sync(seen, a);
  // A submodule run in the derived domain, and a memory written and read there.
  const sub = m.submodule('u_cnt', Counter({ width: 8 }), { en: 1 }, { domains: { sync: 'slow' } });
  const c = m.output('c', 8);
  m.comb(c, sub.count!);
  const mem = m.memory('log', { shape: 8, depth: 4 });
  mem.write(a.bits(1, 0), a, 1, { domain: 'slow' });
  const last = m.output('last', 8);
  m.comb(last, mem.read(a.bits(1, 0).add(3).trunc(2), { domain: 'slow', name: 'log_q' }));
  return m;
}

describe('derived domains', () => {
  it('count at the derived rate (nested enables AND), one clock port, no crossing warning, lint-clean', async () => {
    const design = elaborate(derivedTop());
    expect(design.warnings.filter((w) => w.rule === 'domain-crossing')).toEqual([]);
    expect(design.top.ports.filter((p) => p.clockOf).map((p) => p.signal.name)).toEqual(['clk']);
    const files = Object.fromEntries(emitVerilog(design).files);
    expect(verilatorLint(files, 'derived_top')).toBe('');
    const sim = new Simulator(design);
    sim.process(async (ctx) => {
      let a = 0, b = 0, phase = 0, c = 0;
      const log = [0, 0, 0, 0];
      let last = 0;
      for (let cycle = 0; cycle < 60; cycle++) {
        const gate = (cycle >> 2) & 1;
        ctx.set('gate', gate);
        await ctx.tick();
        if (phase === 2) { // an edge of `slow`: the registered read sees the memory before this edge's write
          last = log[(a + 3) % 4]!;
          log[a % 4] = a;
          if (gate) b = (b + 1) % 256;
          a = (a + 1) % 256;
          c = (c + 1) % 256;
        }
        phase = phase === 2 ? 0 : phase + 1;
        expect({ a: ctx.getNumber('a'), b: ctx.getNumber('b'), c: ctx.getNumber('c'), last: ctx.getNumber('last') }, `cycle ${cycle}`).toEqual({ a, b, c, last });
      }
    });
    await sim.run();
    expect(compareWithIcarus(design, { cycles: 400, seed: 3 })).toEqual([]);
    expect(await compareWithReference(design, 300, 4)).toBe('');
    expect((await runLockstep(design, { cycles: 400, seed: 5, verilator: { optFast: '-O1' } })).ports).toBeGreaterThan(0);
  }, 300_000);

  it('a derived name used as a clocked domain, a wide enable, or a taken name is an HdlError naming it', () => {
    const m = new Module('bad_derived');
    const t = m.input('t', 2);
    m.derivedDomain('slow', { enable: t.bit(0) });
    expect(() => m.domain('slow')).toThrow(/domain 'slow' of module 'bad_derived' is derived from 'sync'/);
    expect(() => m.derivedDomain('slow', { enable: t.bit(1) })).toThrow(/already has a domain 'slow'/);
    expect(() => m.derivedDomain('x', { enable: t })).toThrow(HdlError);
    expect(() => m.derivedDomain('x', { enable: t })).toThrow(/enable of derived domain 'x' must be 1 bit/);
  });
});
