/** A counter with enable and an optional wrap value. */
import { defineModule } from '../core/module.ts';
import { mux } from '../core/value.ts';

/**
 * `count` increments when `en` is 1, wrapping to 0 after `max` (default 2^width - 1). Output `wrap` is 1 in the
 * cycle where the count is at `max` with `en` set.
 * @example const c = Counter({ width: 8, max: 99 }); top.submodule('u_cnt', c, { en: go });
 */
export const Counter = defineModule('counter', (m, p: { width: number; max?: number }) => {
  const max = p.max ?? 2 ** p.width - 1;
  const en = m.input('en', 1);
  const count = m.output('count', p.width);
  const wrap = m.output('wrap', 1);
  const atMax = count.eq(max);
  m.comb(wrap, en.and(atMax));
  m.If(en, () => m.sync(count, mux(atMax, 0, count.add(1)).trunc(p.width)));
});
