/**
 * A batch that records signals without stimulus runs in the generated loop (loopRecording); its traces must be those
 * of the cycle-by-cycle path (which a per-cycle input forces), for comb outputs, registers, internal signals, inputs,
 * unsigned 32-bit, signed and 33..53-bit values, and the state after the batch must be the same.
 */
import { describe, expect, it } from 'vitest';
import { Module } from '../../../hdl/core/module.ts';
import { elaborate } from '../../../hdl/ir/elaborate.ts';
import { lfsrNext } from '../../../hdl/lib/lfsr.ts';
import { BuiltinBackend } from '../engine.ts';

function dut(): Module {
  const m = new Module('rec');
  const en = m.input('en', 1);
  const count = m.output('count', 8);
  const lfsr = m.output('lfsr', 32, { reset: 0xdeadbeefn });
  const wide = m.output('wide', 40, { reset: 5 });
  const neg = m.output('neg', { width: 12, signed: true });
  const mix = m.signal('mix', 32);
  m.If(en, () => m.sync(count, count.add(1).trunc(8)));
  m.sync(lfsr, lfsrNext(lfsr));
  m.sync(wide, wide.mul(3).add(lfsr).trunc(40));
  m.comb(mix, lfsr.xor(count.zext(32)));
  m.comb(neg, count.zext(12).sub(2048).trunc(12).asSigned());
  return m;
}

const record = ['count', 'lfsr', 'wide', 'neg', 'en', 'mix'];

describe('runBatch recording inside the generated loop', () => {
  // The fused loop, and the loop over the split edge of a large design (forced with chunkEdgesAbove 0).
  it.each([[{}], [{ chunkEdgesAbove: 0 }]])('gives the traces and final state of the cycle-by-cycle path (compile options %j)', (compile) => {
    const design = elaborate(dut());
    const fast = new BuiltinBackend(design, { compile });
    const slow = new BuiltinBackend(design);
    for (const b of [fast, slow]) { b.set('en', 1); b.set('rst', 1); b.step('clk', 2); b.set('rst', 0); }
    const n = 1000;
    const a = fast.runBatch({ clock: 'clk', cycles: n, record });
    const b = slow.runBatch({ clock: 'clk', cycles: n, record, inputs: [{ port: 'en', values: new Uint32Array(n).fill(1) }] });
    for (const name of record) expect(a.get(name)!.toBigInts(), name).toEqual(b.get(name)!.toBigInts());
    expect(new Set(a.get('lfsr')!.toBigInts()).size).toBeGreaterThan(900); // the trace moves
    expect(a.get('neg')!.toBigInts().some((v) => v < 0n)).toBe(true);
    for (const p of ['count', 'lfsr', 'wide', 'neg']) expect(fast.get(p), p).toBe(slow.get(p));
    // A second batch continues from the state the first left.
    const a2 = fast.runBatch({ clock: 'clk', cycles: 10, record: ['count'] });
    const b2 = slow.runBatch({ clock: 'clk', cycles: 10, record: ['count'], inputs: [{ port: 'en', values: new Uint32Array(10).fill(1) }] });
    expect(a2.get('count')!.toBigInts()).toEqual(b2.get('count')!.toBigInts());
  });
});
