/**
 * One testbench, three engines: the testbench API (processes, clocks, until, batch) gives the same results on the
 * built-in simulator, Verilator compiled to WebAssembly and native Verilator, switched by one option.
 */
import { describe, expect, it } from 'vitest';
import { Module, elaborate } from '../../../hdl/index.ts';
import { Counter } from '../../../hdl/lib/index.ts';
import { createSimulator, type BackendKind } from '../../index.ts';

function design() {
  const m = new Module('tb_top');
  const en = m.input('en', 1);
  const count = m.output('count', 8);
  const slow = m.output('slow', 4);
  const d = m.domain('slow');
  const q = m.submodule('u_cnt', Counter({ width: 8 }), { en });
  m.comb(count, q.count!);
  d.sync(slow, slow.add(1).trunc(4));
  return elaborate(m);
}

async function trace(backend: BackendKind): Promise<string[]> {
  const sim = await createSimulator(design(), { backend, clocks: { sync: 10_000, slow: { period: 25_000, phase: 3_000 } } });
  const log: string[] = [];
  sim.process(async (ctx) => {
    ctx.set('rst', 1); ctx.set('slow_rst', 1);
    await ctx.tick('sync', 2);
    ctx.set('rst', 0); ctx.set('slow_rst', 0);
    ctx.set('en', 1);
    await ctx.until(() => ctx.get('count') === 5n);
    log.push(`count 5 at ${ctx.now} ps, slow ${ctx.get('slow')}`);
    await ctx.delay(47_000);
    log.push(`at ${ctx.now} ps: count ${ctx.get('count')}, slow ${ctx.get('slow')}`);
    ctx.set('en', 0);
    await ctx.tick('slow', 3);
    log.push(`at ${ctx.now} ps: count ${ctx.get('count')}, slow ${ctx.get('slow')}`);
  });
  await sim.run();
  const t = sim.runBatch({ domain: 'sync', cycles: 5, inputs: { en: Uint32Array.of(1, 0, 1, 1, 0) }, record: ['count'] });
  log.push(`batch ${t.get('count')!.toBigInts().join(',')}`);
  return log;
}

describe('the testbench API on every backend', () => {
  it('gives the same trace on built-in, Verilator-WASM and native Verilator', async () => {
    const builtin = await trace('builtin');
    expect(builtin[0]).toMatch(/^count 5 at \d+ ps/);
    expect(await trace('verilator-wasm')).toEqual(builtin);
    expect(await trace('verilator-native')).toEqual(builtin);
  }, 300_000);

  it('names the limits of the Verilator backends', async () => {
    const sim = await createSimulator(design(), { backend: 'verilator-wasm' });
    expect(() => sim.get('u_cnt.count')).toThrow(/shows top-level ports only/);
    expect(() => sim.readMemory('x', 0)).toThrow(/needs the built-in backend/);
  }, 300_000);
});
