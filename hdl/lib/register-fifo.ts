/**
 * A small synchronous FIFO in flip-flops, first-word fall-through: `q` shows the oldest word while `empty` is 0, in
 * the same cycle it was written at the earliest the cycle after. Its slots are a `Vec` written and read by pointer
 * (`slots.at(wptr)`, `slots.at(rptr)`), so it shows the Vec's dynamic indexing; for deep FIFOs use a memory.
 */
import { HdlError } from '../core/errors.ts';
import { defineModule } from '../core/module.ts';
import { bitsFor } from '../core/shape.ts';
import { CallSite } from '../core/source-loc.ts';
import { type Signal, type Value, mux, widthFor } from '../core/value.ts';
import { Vec } from '../core/vec.ts';

/**
 * A FIFO of `depth` words of `width` bits. Write `wdata` when `wen` and not `full`; `q` is the oldest word while
 * `empty` is 0, and `ren` (ignored when empty) pops it. A write while full is refused, even in a cycle that reads.
 * Carry a struct through it by its width: `RegisterFifo({ width: Entry.width, depth: 4 })`, then `Entry.view(q)`.
 * @example
 * const f = top.submodule('u_fifo', RegisterFifo({ width: 8, depth: 4 }), { wen, wdata, ren });
 * m.comb(out, f.q!);
 */
export const RegisterFifo = defineModule('register_fifo', (m, p: { width: number; depth: number }) => {
  if (!Number.isInteger(p.depth) || p.depth < 2) throw new HdlError(`RegisterFifo depth must be an integer of at least 2, got ${p.depth}`, [new CallSite().loc]);
  const wen = m.input('wen', 1);
  const wdata = m.input('wdata', p.width);
  const ren = m.input('ren', 1);
  const q = m.output('q', p.width);
  const empty = m.output('empty', 1);
  const full = m.output('full', 1);
  const pw = bitsFor(p.depth);
  const cw = widthFor(p.depth);
  const slots = Vec(p.depth, p.width, { name: 'slots' }).signal(m, 'slots');
  const wptr = m.signal('wptr', pw);
  const rptr = m.signal('rptr', pw);
  const count = m.signal('count', cw);
  const next = (ptr: Signal): Value => mux(ptr.eq(p.depth - 1), 0, ptr.add(1).trunc(pw)); // wraps at depth
  const push = wen.and(count.ne(p.depth));
  const pop = ren.and(count.ne(0));
  m.If(push, () => {
    m.sync(slots.at(wptr), wdata);
    m.sync(wptr, next(wptr));
  });
  m.If(pop, () => m.sync(rptr, next(rptr)));
  m.If(push.and(pop.not()), () => m.sync(count, count.add(1).trunc(cw)))
    .Elif(pop.and(push.not()), () => m.sync(count, count.sub(1).trunc(cw).asUnsigned()));
  m.comb(q, slots.at(rptr));
  m.comb(empty, count.eq(0));
  m.comb(full, count.eq(p.depth));
});
