/**
 * A round-robin arbiter: one-hot `grant` to one of `n` requesters, the priority rotating past the last grant, so
 * every persistent request is granted within `n` grants. Built from the rotation and priority-encoder helpers; also
 * offered with a typed request/grant interface ({@link ArbiterBus}, {@link typedArbiter}).
 */
import { type Module, defineModule } from '../core/module.ts';
import { bitsFor } from '../core/shape.ts';
import { type Value, mux } from '../core/value.ts';
import { type Interface, defineInterface, defineTypedGenerator, input, out } from '../core/interface.ts';
import { oneHotDecode, priorityEncode } from './encoders.ts';

/** The arbiter's logic on `request` (n bits) and `accept`; the rotating priority is a register of `m`. */
function arbitrate(m: Module, n: number, request: Value, accept: Value): { grant: Value; index: Value; valid: Value } {
  const iw = bitsFor(n);
  const base = m.signal('base', iw); // the requester with the highest priority this cycle
  // Rotate the requests so `base` is bit 0, pick the lowest, and undo the rotation on the index.
  const pick = priorityEncode(request.rotr(base));
  const sum = pick.index.add(base);
  const wrapped = mux(sum.ge(n), sum.sub(n).trunc(sum.width).asUnsigned(), sum).trunc(iw);
  m.If(accept.and(pick.valid), () => m.sync(base, mux(wrapped.eq(n - 1), 0, wrapped.add(1)).trunc(iw)));
  return { grant: mux(pick.valid, oneHotDecode(wrapped, n), 0), index: mux(pick.valid, wrapped, 0), valid: pick.valid };
}

/**
 * Round-robin arbiter over `n` requesters (2..64). `grant` is one-hot (0 when nothing is requested) and
 * combinational; `index` is the granted requester's number; the priority moves past it when `accept` is 1 (the
 * grant was used this cycle).
 * @example const arb = RoundRobinArbiter({ n: 4 }); const { grant } = top.submodule('u_arb', arb, { request, accept });
 */
export const RoundRobinArbiter = defineModule('rr_arbiter', (m, p: { n: number }) => {
  const request = m.input('request', p.n);
  const accept = m.input('accept', 1);
  const grant = m.output('grant', p.n);
  const index = m.output('index', bitsFor(p.n));
  const valid = m.output('valid', 1);
  const r = arbitrate(m, p.n, request, accept);
  m.comb(valid, r.valid);
  m.comb(index, r.index);
  m.comb(grant, r.grant);
});

/** The request/grant interface as the requesters see it: they drive `request` and `accept`, receive `grant`. */
export type ArbiterBusSpec = { readonly request: ReturnType<typeof out>; readonly accept: ReturnType<typeof out>; readonly grant: ReturnType<typeof input> };

/**
 * The request/grant interface of an `n`-way arbiter (requesters' view; the arbiter has the flipped view).
 * @example const bus = ArbiterBus(4).wires(top, 'bus'); top.comb(bus.request, req);
 */
export function ArbiterBus(n: number): Interface<ArbiterBusSpec> {
  return defineInterface('arbiter_bus', { request: out(n), accept: out(1), grant: input(n) });
}

/**
 * The round-robin arbiter with a typed interface: ports `clients_request`, `clients_accept`, `clients_grant`.
 * @example const u = instantiate(top, 'u_arb', typedArbiter({ n: 4 }), { clients: bus }); // u.clients.grant: Value
 */
export const typedArbiter = defineTypedGenerator('rr_arbiter_bus', (p: { n: number }) => ({ clients: ArbiterBus(p.n).flip() }), (m, io, p) => {
  m.comb(io.clients.grant, arbitrate(m, p.n, io.clients.request, io.clients.accept).grant);
});

