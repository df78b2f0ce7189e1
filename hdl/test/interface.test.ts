/** Typed interfaces: directions and the flipped view, whole-interface connection, typed fields of a child. */
import { describe, expect, it } from 'vitest';
import { Module } from '../core/module.ts';
import { defineInterface, defineTypedGenerator, defineTypedModule, input, instantiate, out } from '../core/interface.ts';
import { ArbiterBus, typedArbiter } from '../lib/arbiter.ts';
import { elaborate } from '../ir/elaborate.ts';
import { emitVerilog } from '../backend/verilog.ts';
import { verilatorLint } from '../../sim/tools/verilator-lint.ts';
import { Simulator } from '../../sim/testbench/simulator.ts';
import { compareWithIcarus } from '../../verif/lockstep/icarus.ts';
import { HdlError } from '../core/errors.ts';

const Stream = defineInterface('stream', { valid: out(1), data: out(8), ready: input(1) });

describe('typed interfaces', () => {
  it('ports() gives the initiator view, flip() the other side', () => {
    const m = new Module('dirs');
    const tx = Stream.ports(m, 'tx');
    const rx = Stream.flip().ports(m, 'rx');
    const dir = (name: string): string => m.ports.find((p) => p.signal.name === name)!.direction;
    expect([dir('tx_valid'), dir('tx_data'), dir('tx_ready')]).toEqual(['output', 'output', 'input']);
    expect([dir('rx_valid'), dir('rx_data'), dir('rx_ready')]).toEqual(['input', 'input', 'output']);
    expect(tx.data.width).toBe(8);
    // @ts-expect-error: a misspelt field is a compile error
    expect(rx.vald).toBeUndefined();
  });

  it('a producer and a consumer connect through one wire bundle; the child ports come back as typed fields', async () => {
    const Producer = defineTypedModule(new Module('producer'), { out: Stream }, (m, io) => {
      const count = m.signal('count', 8);
      m.comb(io.out.valid, 1);
      m.comb(io.out.data, count);
      m.If(io.out.ready, () => m.sync(count, count.add(1).trunc(8)));
    });
    const Consumer = defineTypedModule(new Module('consumer'), { in: Stream.flip() }, (m, io) => {
      const toggle = m.signal('toggle', 1);
      m.sync(toggle, toggle.not());
      m.comb(io.in.ready, toggle);
    });
    const top = new Module('stream_top');
    const seen = top.output('seen', 8);
    const link = Stream.wires(top, 'link');
    instantiate(top, 'u_p', Producer, { out: link });
    const c = instantiate(top, 'u_c', Consumer, { in: link });
    top.comb(seen, link.data.and(c.in.ready.replicate(8)));
    const design = elaborate(top);
    expect(verilatorLint(Object.fromEntries(emitVerilog(design).files), 'stream_top')).toBe('');
    const sim = new Simulator(design);
    const got: bigint[] = [];
    sim.process(async (ctx) => { for (let i = 0; i < 6; i++) { await ctx.tick(); got.push(ctx.get('seen')); } });
    await sim.run();
    expect(got).toEqual([0n, 0n, 1n, 0n, 2n, 0n]); // data advances on the cycles after ready, seen only while ready
    expect(compareWithIcarus(design, { cycles: 100, seed: 1 })).toEqual([]);
  });

  it('the typed arbiter: one call connects its request/grant bus', async () => {
    const top = new Module('arb_top');
    const req = top.input('req', 4);
    const acc = top.input('acc', 1);
    const grant = top.output('grant', 4);
    const bus = ArbiterBus(4).wires(top, 'bus');
    top.comb(bus.request, req);
    top.comb(bus.accept, acc);
    const u = instantiate(top, 'u_arb', typedArbiter({ n: 4 }), { clients: bus });
    top.comb(grant, u.clients.grant);
    expect(typedArbiter({ n: 4 })).toBe(typedArbiter({ n: 4 }));
    const design = elaborate(top);
    expect(verilatorLint(Object.fromEntries(emitVerilog(design).files), 'arb_top')).toBe('');
    const sim = new Simulator(design);
    const got: bigint[] = [];
    sim.process(async (ctx) => {
      ctx.set('req', 0b1011);
      ctx.set('acc', 1);
      for (let i = 0; i < 4; i++) { await ctx.delay(1); got.push(ctx.get('grant')); await ctx.tick(); }
    });
    await sim.run();
    expect(got).toEqual([0b0001n, 0b0010n, 0b1000n, 0b0001n]);
    expect(compareWithIcarus(design, { cycles: 200, seed: 2 })).toEqual([]);
  });

  it('a bundle of the wrong shape is an HdlError naming the field', () => {
    const top = new Module('bad');
    const wrong = ArbiterBus(3).wires(top, 'bus');
    // @ts-expect-error: an interface the child does not have is a compile error (and a too narrow bus a run-time one)
    expect(() => instantiate(top, 'u_arb', typedArbiter({ n: 4 }), { clients: wrong, extra: wrong })).toThrow(HdlError);
    expect(() => instantiate(new Module('bad2'), 'u_arb', typedArbiter({ n: 4 }), { clients: ArbiterBus(3).wires(new Module('x'), 'b') })).toThrow(/clients\.request' is u3, the interface says u4/);
  });

  it('a typed generator builds each parameter set once; prefix "" gives bare port names; partial connections', async () => {
    const Bus = (w: number) => defineInterface('cnt', { en: input(1), q: out(w), wrap: out(1) });
    const Counter = defineTypedGenerator('tcounter', (p: { width: number }) => ({ io: Bus(p.width) }), (m, { io }, p) => {
      m.If(io.en, () => m.sync(io.q, io.q.add(1).trunc(p.width)));
      m.comb(io.wrap, io.q.eq((1 << p.width) - 1).and(io.en));
    }, { prefixes: { io: '' } });
    expect(Counter({ width: 3 })).toBe(Counter({ width: 3 }));
    expect(Counter({ width: 3 }).module.name).toBe('tcounter_width3');
    expect(Counter({ width: 3 }).module.ports.map((p) => p.signal.name).slice(0, 3)).toEqual(['en', 'q', 'wrap']);
    const top = new Module('tcount_top');
    const en = top.input('go', 1);
    const wraps = top.output('wraps', 1);
    // Only the received field is given: a value, not a signal; the driven fields come back typed.
    const u = instantiate(top, 'u_c', Counter({ width: 3 }), { io: { en: en.and(1) } });
    top.comb(wraps, u.io.wrap);
    const sim = new Simulator(elaborate(top));
    let seen = 0;
    sim.process(async (ctx) => { ctx.set('go', 1); for (let i = 0; i < 16; i++) { await ctx.delay(1); seen += ctx.getNumber('wraps'); await ctx.tick(); } });
    await sim.run();
    expect(seen).toBe(2); // 16 counts of a 3-bit counter wrap twice
    // A received field left out, or a driven field bound to a non-signal, is an HdlError naming it.
    expect(() => instantiate(new Module('bad3'), 'u_c', Counter({ width: 3 }), { io: {} })).toThrow(/bundle for 'io' has no field 'en'/);
    const bad4 = new Module('bad4');
    expect(() => instantiate(bad4, 'u_c', Counter({ width: 3 }), { io: { en: bad4.input('x', 1), wrap: bad4.input('y', 1).not() } })).toThrow(/'io\.wrap' is driven by the child, so it must connect to a signal/);
  });
});
