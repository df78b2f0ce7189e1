/**
 * A synchronous FIFO whose write side has byte (lane) enables: bytes are written into the tail word over one or more
 * cycles (`wen` with `wbe`), and `wcommit` pushes the tail word. The data RAM is one memory with lane writes (the
 * IR's native byte enables), so synthesis infers one RAM with byte enables; a second, narrow RAM keeps which bytes of
 * each word were written (`rkeep`, like AXI-Stream's TKEEP).
 */
import { defineModule } from '../core/module.ts';

/**
 * `2^log2Depth` words of `lanes` lanes of `laneWidth` bits.
 * - write: while `wready` (not full), `wen` writes the lanes of `wdata` whose bit of `wbe` is 1 into the tail word;
 *   `wcommit` pushes the tail word (with the bytes written in the same cycle) and starts a new one.
 * - read: `ren` while not `empty` pops the oldest word; one cycle later `rvalid` is 1 and `rdata` / `rkeep` show it
 *   (they hold until the next pop: a registered read with a read enable).
 * @example const f = top.submodule('u_fifo', ByteFifo({ lanes: 4, laneWidth: 8, log2Depth: 4 }), { wen, wbe, wdata, wcommit, ren });
 */
export const ByteFifo = defineModule('byte_fifo', (m, p: { lanes: number; laneWidth: number; log2Depth: number }) => {
  const k = p.log2Depth;
  const width = p.lanes * p.laneWidth;
  const wen = m.input('wen', 1);
  const wbe = m.input('wbe', p.lanes);
  const wdata = m.input('wdata', width);
  const wcommit = m.input('wcommit', 1);
  const ren = m.input('ren', 1);
  const rdata = m.output('rdata', width);
  const rkeep = m.output('rkeep', p.lanes);
  const rvalid = m.output('rvalid', 1);
  const empty = m.output('empty', 1);
  const full = m.output('full', 1);
  const wready = m.output('wready', 1);
  const count = m.output('count', k + 1);

  const data = m.memory('data', { shape: width, depth: 2 ** k });
  const keep = m.memory('keep', { shape: p.lanes, depth: 2 ** k });
  const wptr = m.signal('wptr', k + 1);
  const rptr = m.signal('rptr', k + 1);
  const tailKeep = m.signal('tail_keep', p.lanes); // bytes of the tail word written so far
  const used = wptr.sub(rptr).trunc(k + 1).asUnsigned();
  const isFull = used.eq(2 ** k);
  const isEmpty = used.eq(0);
  m.comb(count, used);
  m.comb(full, isFull);
  m.comb(empty, isEmpty);
  m.comb(wready, isFull.not());

  const open = isFull.not();
  const write = wen.and(open);
  const lanesNow = write.replicate(p.lanes).and(wbe);
  const push = wcommit.and(open);
  data.write(wptr.bits(k - 1, 0), wdata, lanesNow, { granularity: p.laneWidth });
  const keepNow = tailKeep.or(lanesNow);
  keep.write(wptr.bits(k - 1, 0), keepNow, push);
  m.If(push, () => {
    m.sync(wptr, wptr.add(1).trunc(k + 1));
    m.sync(tailKeep, 0);
  }).Else(() => m.sync(tailKeep, keepNow));

  const pop = ren.and(isEmpty.not());
  m.If(pop, () => m.sync(rptr, rptr.add(1).trunc(k + 1)));
  m.sync(rvalid, pop);
  m.comb(rdata, data.read(rptr.bits(k - 1, 0), { en: pop }));
  m.comb(rkeep, keep.read(rptr.bits(k - 1, 0), { en: pop }));
});
