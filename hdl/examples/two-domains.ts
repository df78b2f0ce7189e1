/**
 * Two clock domains: a fast domain with an asynchronous reset counts events; a slow domain samples a flag through a
 * two-flop synchroniser. Exercises domains, async reset, reset-less registers, submodules and a black-box macro.
 */
import { Module } from '../core/module.ts';
import { FFSynchronizer } from '../lib/synchronizer.ts';

/** Builds the `two_domains` top module. */
export function twoDomains(): Module {
  const m = new Module('two_domains');
  const fast = m.domain('fast', { reset: 'async' });
  const event = m.input('event', 1);
  const count = m.output('count', 16);
  const seen = m.output('seen', 1);
  const trim = m.output('trim', 4);
  const hits = m.signal('hits', 16);
  const flag = m.signal('flag', 1);
  const history = m.signal('history', 4, { resetLess: true });
  m.If(event, () => fast.sync(hits, hits.add(1).trunc(16)));
  fast.sync(flag, hits.bit(3));
  fast.sync(history, history.bits(2, 0).ext(4).shl(1).or(event.zext(4)));
  const sync = m.submodule('u_sync', FFSynchronizer({ stages: 2 }), { i: flag });
  m.sync(seen, sync.o!);
  m.comb(count, hits);
  const macro = m.blackbox('TRIM_DAC', 'u_dac', {
    params: { BITS: 4 },
    inputs: { code: history },
    outputs: { level: 4 },
    clocks: { clk: 'sync' },
  });
  m.comb(trim, macro.level!);
  return m;
}
