/** A two-flop synchroniser: the sanctioned way to bring a single-bit signal into another clock domain. */
import { defineModule } from '../core/module.ts';

/**
 * `o` follows `i` after `stages` flip-flops of the destination domain (`sync`). The first stage is marked so the
 * clock-domain-crossing check accepts it.
 * @example top.submodule('u_sync', FFSynchronizer({ stages: 2 }), { i: slowFlag }, { domains: { sync: 'fast' } });
 */
export const FFSynchronizer = defineModule('ff_synchronizer', (m, p: { stages: number }) => {
  const i = m.input('i', 1);
  const o = m.output('o', 1);
  let prev = i;
  for (let k = 0; k < p.stages; k++) {
    const s = m.signal(`stage${k}`, 1, { syncStage: k === 0 });
    m.sync(s, prev);
    prev = s;
  }
  m.comb(o, prev);
});
