/**
 * Designs whose Verilog is compared with golden texts (hdl/test/golden): kept out of the test files so that editing a
 * test does not move the source lines the Verilog comments name.
 */
import { Module, defineModule } from '../../core/module.ts';
import { ByteFifo } from '../../lib/byte-fifo.ts';
import { wrapInstance } from '../../lib/wrap.ts';

/** The FIFO with byte enables as a top. */
export const fifoTop = (): Module => wrapInstance('byte_fifo_top', ByteFifo({ lanes: 4, laneWidth: 8, log2Depth: 2 }));

/** A free-running counter. */
export const Cnt = defineModule('cnt', (m, p: { width: number }) => {
  const q = m.output('q', p.width);
  m.sync(q, q.add(1).trunc(p.width));
});
/** Two counters: `a` plain, `b` enabled by `half`. */
const Pair = defineModule('pair', (m, _p: { n: number }) => {
  const half = m.input('half', 1);
  m.comb(m.output('a', 8), m.submodule('u_a', Cnt({ width: 8 })).q!);
  m.comb(m.output('b', 8), m.submodule('u_b', Cnt({ width: 8 }), {}, { enables: { sync: half } }).q!);
  const mem = m.memory('log', { shape: 8, depth: 4 }); // a memory in the enabled domain: writes and reads gated too
  const wp = m.signal('wp', 2);
  m.sync(wp, wp.add(1).trunc(2));
  mem.write(wp, m.submodule('u_c', Cnt({ width: 8 })).q!, 1);
  m.comb(m.output('last', 8), mem.read(wp.sub(1).trunc(2).asUnsigned()));
});

/** A plain counter, and a pair of counters under a clock enable (`tick`) and an inserted reset (`clear`). */
export function enableTop(): Module {
  const m = new Module('dom_top');
  const tick = m.input('tick', 1);
  const clear = m.input('clear', 1);
  const half = m.input('half', 1);
  m.comb(m.output('plain', 8), m.submodule('u_plain', Cnt({ width: 8 })).q!);
  const o = m.submodule('u_pair', Pair({ n: 1 }), { half }, { enables: { sync: tick }, resets: { sync: clear } });
  m.comb(m.output('a', 8), o.a!);
  m.comb(m.output('b', 8), o.b!);
  m.comb(m.output('last', 8), o.last!);
  return m;
}

