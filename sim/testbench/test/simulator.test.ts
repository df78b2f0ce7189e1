/** Testbench API and sequential semantics of the built-in simulator: processes, errors, resets, memories, domains. */
import { describe, expect, it } from 'vitest';
import { Module } from '../../../hdl/core/module.ts';
import { elaborate } from '../../../hdl/ir/elaborate.ts';
import { signed } from '../../../hdl/core/shape.ts';
import { DeadlockError, ProcessFailedError, ProcessStalledError, SimUsageError, SimValueError, ZeroDelayLoopError } from '../../builtin/errors.ts';
import { Simulator } from '../simulator.ts';

function counterDesign(): { m: Module; fsm: ReturnType<Module['fsm']> } {
  const m = new Module('counter');
  const en = m.input('en', 1);
  const count = m.output('count', 8);
  m.If(en, () => m.sync(count, count.add(1).trunc(8)));
  const fsm = m.fsm('ctl', ['IDLE', 'RUN', 'DONE']);
  fsm.state('IDLE', () => m.If(en, () => fsm.next('RUN')));
  fsm.state('RUN', () => m.If(count.eq(3), () => fsm.next('DONE')));
  fsm.state('DONE', () => {});
  return { m, fsm };
}

describe('testbench processes', () => {
  it('tick, until, delay and FSM state names, with several processes in a fixed order', async () => {
    const { m, fsm } = counterDesign();
    const sim = new Simulator(elaborate(m), { clocks: { sync: 10_000 } });
    const log: string[] = [];
    sim.process(async (ctx) => {
      expect(ctx.stateName(fsm.stateSignal)).toBe('IDLE');
      ctx.set('en', 1);
      await ctx.tick();
      log.push(`a ${ctx.now} ${ctx.get('count')} ${ctx.stateName(fsm.stateSignal)}`);
      await ctx.until(() => ctx.stateName(fsm.stateSignal) === 'DONE');
      log.push(`a ${ctx.now} ${ctx.get('count')}`);
    });
    sim.process(async (ctx) => {
      await ctx.delay(25_000);
      log.push(`b ${ctx.now} ${ctx.getNumber('count')}`);
      await ctx.tick();
      log.push(`b ${ctx.now}`);
    });
    await sim.run();
    expect(log).toEqual(['a 10000 1 RUN', 'b 25000 2', 'b 30000', 'a 40000 4']);
    await sim.run({ cycles: 10 });
    expect(sim.get('count')).toBe(14n);
    expect(sim.now).toBe(140_000);
  });

  it('reports a process that awaits something else, a deadlock, a zero-delay loop and a failing process', async () => {
    const { m } = counterDesign();
    const s1 = new Simulator(elaborate(m));
    s1.process(async () => { await new Promise((r) => setTimeout(r, 5)); }, 'sleeper');
    await expect(s1.run()).rejects.toThrow(ProcessStalledError);

    const comb = new Module('comb');
    const a = comb.input('a', 4);
    const y = comb.output('y', 4);
    comb.comb(y, a.not());
    const s2 = new Simulator(elaborate(comb));
    s2.process(async (ctx) => { await ctx.until(() => ctx.get('y') === 0n); }, 'waiter');
    await expect(s2.run()).rejects.toThrow(DeadlockError);

    const s3 = new Simulator(elaborate(comb));
    s3.process(async (ctx) => { for (;;) await ctx.delay(0); });
    await expect(s3.run()).rejects.toThrow(ZeroDelayLoopError);

    const s4 = new Simulator(elaborate(comb));
    s4.process(async (ctx) => { ctx.set('a', 3); await ctx.delay(10); throw new Error('boom'); });
    await expect(s4.run()).rejects.toThrow(ProcessFailedError);

    expect(() => s4.set('a', 16)).toThrow(SimValueError);
    expect(() => s4.get('nope')).toThrow(SimUsageError);
  });
});

describe('sequential semantics', () => {
  it('async reset acts at once; sync reset at the edge; resetLess registers keep their value', () => {
    const m = new Module('resets');
    const d = m.domain('sync', { reset: 'sync' });
    const ad = m.domain('fast', { reset: 'async' });
    const q = m.output('q', 8, { reset: 7 });
    const r = m.output('r', 8, { reset: 9 });
    const keep = m.output('keep', 8, { resetLess: true });
    d.sync(q, q.add(1).trunc(8));
    ad.sync(r, r.add(2).trunc(8));
    m.sync(keep, keep.add(1).trunc(8));
    const sim = new Simulator(elaborate(m), { clocks: { sync: 10, fast: 10 } });
    sim.runBatch({ domain: 'sync', cycles: 3 });
    expect([sim.get('q'), sim.get('r'), sim.get('keep')]).toEqual([10n, 15n, 3n]);
    sim.set('fast_rst', 1);
    expect(sim.get('r')).toBe(9n); // asynchronous: no edge needed
    sim.set('rst', 1);
    expect(sim.get('q')).toBe(10n); // synchronous: waits for the edge
    sim.runBatch({ domain: 'sync', cycles: 1 });
    expect([sim.get('q'), sim.get('r'), sim.get('keep')]).toEqual([7n, 9n, 4n]);
  });

  it('memories: read-first, out-of-range reads give 0 and writes are ignored, the later write port wins', () => {
    const m = new Module('mem');
    const wa = m.input('wa', 3);
    const wd = m.input('wd', signed(12));
    const we = m.input('we', 1);
    const ra = m.input('ra', 3);
    const mem = m.memory('ram', { shape: signed(12), depth: 6, init: [1, -2, 3] });
    const sync = mem.read(ra, { name: 'rsync' });
    const comb = mem.read(ra, { domain: null, name: 'rcomb' });
    mem.write(wa, wd, we);
    mem.write(wa, wd.neg().trunc(12), we.and(wa.eq(1)));
    const o1 = m.output('o1', signed(12));
    const o2 = m.output('o2', signed(12));
    m.comb(o1, sync);
    m.comb(o2, comb);
    const sim = new Simulator(elaborate(m));
    expect([sim.get('o1'), sim.get('o2')]).toEqual([0n, 1n]);
    sim.set('ra', 1); sim.set('wa', 1); sim.set('wd', 100); sim.set('we', 1);
    sim.runBatch({ cycles: 1 });
    expect(sim.get('o1')).toBe(-2n); // the old word, read-first
    expect(sim.get('o2')).toBe(-100n); // second port wins
    expect(sim.readMemory(mem, 1)).toBe(-100n);
    sim.set('wa', 7); sim.set('ra', 7);
    sim.runBatch({ cycles: 1 });
    expect([sim.get('o1'), sim.get('o2')]).toEqual([0n, 0n]);
    sim.writeMemory(mem, 5, -7);
    sim.set('ra', 5);
    expect(sim.get('o2')).toBe(-7n);
    expect(() => sim.readMemory(mem, 6)).toThrow(SimUsageError);
  });

  it('several clock domains with their own periods share one time axis', async () => {
    const m = new Module('two');
    const a = m.output('a', 16);
    const b = m.output('b', 16);
    m.domain('slow', { reset: 'none' }).sync(b, b.add(1).trunc(16));
    m.sync(a, a.add(1).trunc(16));
    const sim = new Simulator(elaborate(m), { clocks: { sync: 10_000, slow: { period: 15_000, phase: 1_000 } } });
    await sim.run(300_000);
    expect(sim.get('a')).toBe(30n);
    expect(sim.get('b')).toBe(19n); // edges at 16, 31, ..., 286 ns
    const t = sim.runBatch({ domain: 'slow', cycles: 4, record: ['a', 'b'] });
    expect(t.get('b')!.toBigInts()).toEqual([19n, 20n, 21n, 22n]);
  });
});
