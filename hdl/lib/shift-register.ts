/** A shift register of `depth` words. */
import { defineModule } from '../core/module.ts';
import type { Signal } from '../core/value.ts';

/**
 * `dout` is `din` delayed by `depth` enabled cycles.
 * @example const sr = ShiftRegister({ width: 8, depth: 4 });
 */
export const ShiftRegister = defineModule('shift_register', (m, p: { width: number; depth: number }) => {
  const en = m.input('en', 1);
  const din = m.input('din', p.width);
  const dout = m.output('dout', p.width);
  let prev: Signal = din;
  m.If(en, () => {
    for (let i = 0; i < p.depth; i++) {
      const stage = m.signal(`stage${i}`, p.width);
      m.sync(stage, prev);
      prev = stage;
    }
  });
  m.comb(dout, prev);
});
