/** The smallest useful design: a counter whose top bit drives an LED, with a prescaler from the standard library. */
import { Module } from '../core/module.ts';
import { Counter } from '../lib/counter.ts';

/** Builds the `blinky` top module. */
export function blinky(): Module {
  const m = new Module('blinky');
  const led = m.output('led', 1);
  const tick = m.signal('tick', 1);
  const pre = m.submodule('u_prescaler', Counter({ width: 4, max: 9 }), { en: 1 });
  m.comb(tick, pre.wrap!);
  const count = m.signal('count', 8);
  m.If(tick, () => m.sync(count, count.add(1).trunc(8)));
  m.comb(led, count.msb());
  return m;
}
