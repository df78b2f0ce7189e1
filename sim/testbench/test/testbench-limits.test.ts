/** Testbench limits: default and per-`until` timeouts, passive processes, and outputs that cannot be set. */
import { describe, expect, it } from 'vitest';
import { Module } from '../../../hdl/core/module.ts';
import { elaborate } from '../../../hdl/ir/elaborate.ts';
import { Simulator } from '../simulator.ts';
import { OutputPortSetError, ProcessFailedError, SimTimeoutError } from '../../builtin/errors.ts';

function counter(): Module {
  const m = new Module('cnt');
  const en = m.input('en', 1);
  const q = m.output('q', 4);
  m.If(en, () => m.sync(q, q.add(1).trunc(4)));
  return m;
}

describe('testbench limits', () => {
  it('a run() without a limit stops at the default limit with a SimTimeoutError naming the waiting process', async () => {
    const sim = new Simulator(elaborate(counter()), { timeout: { cycles: 1000 } });
    sim.process(async (ctx) => { await ctx.until(() => ctx.get('q') === 99n); }, 'waiter'); // q is 4 bits: never
    const err = await sim.run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimTimeoutError);
    expect(String((err as Error).message)).toMatch(/waiter waiting for until\(\) at .*testbench-limits\.test\.ts:\d+/);
    expect(sim.now).toBeLessThanOrEqual(1000 * 10_000);
  });

  it('the default limit is on: 10^6 periods of the slowest clock', async () => {
    const sim = new Simulator(elaborate(counter()), { clocks: { sync: 2 } });
    sim.process(async (ctx) => { await ctx.until(() => false); });
    await expect(sim.run()).rejects.toBeInstanceOf(SimTimeoutError);
    expect(sim.now).toBeGreaterThan(1_999_000);
    expect(sim.now).toBeLessThanOrEqual(2_000_000);
  });

  it('until() with a limit rejects inside the process, with the line of the call; the process may catch it', async () => {
    const sim = new Simulator(elaborate(counter()));
    const seen: string[] = [];
    sim.process(async (ctx) => {
      ctx.set('en', 1);
      await ctx.until(() => ctx.get('q') === 3n, { cycles: 10 });
      seen.push(`reached 3 at ${ctx.now}`);
      try {
        await ctx.until(() => ctx.get('q') === 99n, { cycles: 5 });
      } catch (e) {
        expect(e).toBeInstanceOf(SimTimeoutError);
        expect((e as SimTimeoutError).locs[0]!.file).toMatch(/testbench-limits\.test\.ts$/);
        seen.push(`timed out at ${ctx.now}`);
      }
    });
    await sim.run();
    expect(seen).toEqual(['reached 3 at 30000', 'timed out at 80000']);
  });

  it('an uncaught until() timeout fails the run', async () => {
    const sim = new Simulator(elaborate(counter()));
    sim.process(async (ctx) => { await ctx.until(() => false, { ps: 5_000 }); });
    const err = await sim.run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProcessFailedError);
    expect((err as { cause?: unknown }).cause).toBeInstanceOf(SimTimeoutError);
  });

  it('passive processes do not keep run() alive', async () => {
    const sim = new Simulator(elaborate(counter()));
    const seen: bigint[] = [];
    sim.process(async (ctx) => { for (;;) { await ctx.tick(); seen.push(ctx.get('q')); } }, { name: 'monitor', passive: true });
    sim.process(async (ctx) => { ctx.set('en', 1); await ctx.tick('sync', 4); });
    await sim.run();
    expect(sim.now).toBe(40_000);
    expect(seen).toEqual([1n, 2n, 3n, 4n]);
    await sim.run({ cycles: 2 }); // with a limit, the passive process runs on
    expect(seen).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
  });

  it('setting an output port is an OutputPortSetError naming the port and the line', () => {
    const sim = new Simulator(elaborate(counter()));
    expect(() => sim.set('q', 1)).toThrow(OutputPortSetError);
    expect(() => sim.set('q', 1)).toThrow(/'q' is an output port[\s\S]*testbench-limits\.test\.ts/);
    sim.set('en', 1);
  });
});
