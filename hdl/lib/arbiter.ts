/**
 * A round-robin arbiter: one-hot `grant` to one of `n` requesters, the priority rotating past the last grant, so
 * every persistent request is granted within `n` grants. Built from the rotation and priority-encoder helpers.
 */
import { defineModule } from '../core/module.ts';
import { bitsFor } from '../core/shape.ts';
import { mux } from '../core/value.ts';
import { oneHotDecode, priorityEncode } from './encoders.ts';

/**
 * Round-robin arbiter over `n` requesters (2..64). `grant` is one-hot (0 when nothing is requested) and
 * combinational; `index` is the granted requester's number; the priority moves past it when `accept` is 1 (the
 * grant was used this cycle).
 * @example const arb = RoundRobinArbiter({ n: 4 }); const { grant } = top.submodule('u_arb', arb, { request, accept });
 */
export const RoundRobinArbiter = defineModule('rr_arbiter', (m, p: { n: number }) => {
  const n = p.n;
  const iw = bitsFor(n);
  const request = m.input('request', n);
  const accept = m.input('accept', 1);
  const grant = m.output('grant', n);
  const index = m.output('index', iw);
  const valid = m.output('valid', 1);
  const base = m.signal('base', iw); // the requester with the highest priority this cycle
  // Rotate the requests so `base` is bit 0, pick the lowest, and undo the rotation on the index.
  const rotated = request.rotr(base);
  const pick = priorityEncode(rotated);
  const sum = pick.index.add(base);
  const wrapped = mux(sum.ge(n), sum.sub(n).trunc(sum.width).asUnsigned(), sum).trunc(iw);
  m.comb(valid, pick.valid);
  m.comb(index, mux(pick.valid, wrapped, 0));
  m.comb(grant, mux(pick.valid, oneHotDecode(wrapped, n), 0));
  m.If(accept.and(pick.valid), () => m.sync(base, mux(wrapped.eq(n - 1), 0, wrapped.add(1)).trunc(iw)));
});
