/**
 * A von Neumann extractor for one bit stream with a one-bit output buffer: samples are taken in pairs; 01 gives 0,
 * 10 gives 1, 00 and 11 nothing. If the two samples of a pair are independent with the same P(1) given everything
 * before, the output bits are exactly fair and independent. A pair that completes while the buffer is full is dropped.
 */
import { defineModule } from '../core/module.ts';

/**
 * Ports: `en` (a sample this cycle), `bit`, `take` (empties the buffer) -> `held` (the buffer holds a bit), `out`
 * (that bit), `have` (the first sample of a pair is in) and `first` (that sample).
 * @example const vn = m.submodule('u_vn0', VonNeumannCell({}), { en: done, bit: q, take: consume });
 */
export const VonNeumannCell = defineModule('von_neumann_cell', (m, _p: Record<string, never>) => {
  const en = m.input('en', 1);
  const bit = m.input('bit', 1);
  const take = m.input('take', 1);
  const held = m.output('held', 1);
  const out = m.output('out', 1);
  const have = m.output('have', 1);
  const first = m.output('first', 1);
  m.If(en, () => m.If(have, () => {
    m.sync(have, 0);
    m.If(bit.ne(first).and(held.not()), () => { m.sync(held, 1); m.sync(out, first); });
  }).Else(() => { m.sync(have, 1); m.sync(first, bit); }));
  // After the pair logic: taking wins (a pair cannot complete into a full buffer anyway).
  m.If(take, () => m.sync(held, 0));
});
