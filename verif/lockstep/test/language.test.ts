/**
 * The language features of issue 15 on every backend: registered designs using them run in lockstep on the built-in
 * simulator, Icarus (4-state: X or Z is a mismatch) and native Verilator.
 */
import { describe, expect, it } from 'vitest';
import { Module } from '../../../hdl/core/module.ts';
import { elaborate } from '../../../hdl/ir/elaborate.ts';
import { signed, unsigned } from '../../../hdl/core/shape.ts';
import { cat } from '../../../hdl/core/value.ts';
import { oneHotDecode, oneHotEncode, priorityEncode, lowestSetBit } from '../../../hdl/lib/encoders.ts';
import { compareWithIcarus } from '../icarus.ts';
import { runLockstep } from '../lockstep.ts';
import type { Design } from '../../../hdl/ir/elaborate.ts';
import { UartRx, UartTx } from '../../../hdl/lib/uart.ts';
import { RoundRobinArbiter } from '../../../hdl/lib/arbiter.ts';
import { Rng } from '../../../common/rng.ts';
import { emitVerilog } from '../../../hdl/backend/verilog.ts';
import { verilatorLint } from '../../../sim/tools/verilator-lint.ts';
import { Simulator } from '../../../sim/testbench/simulator.ts';
import { createBackend } from '../../../sim/factory.ts';

const CYCLES = 500;
const VERILATOR = { optFast: '-O1' };

async function onEveryBackend(design: Design, seed: number): Promise<void> {
  const files = Object.fromEntries(emitVerilog(design).files);
  expect(verilatorLint(files, design.top.name)).toBe('');
  expect(compareWithIcarus(design, { cycles: CYCLES, seed })).toEqual([]);
  const report = await runLockstep(design, { cycles: CYCLES, seed, verilator: VERILATOR });
  expect(report.ports).toBeGreaterThan(0);
}

/** Division, remainder (by zero included), rotation, abs, min/max and the encoders, registered and combinational. */
function operatorsDesign(): Design {
  const m = new Module('lang_ops');
  const a = m.input('a', signed(12));
  const b = m.input('b', unsigned(4)); // small: zero divisors are frequent
  const c = m.input('c', signed(70));
  const d = m.input('d', signed(3));
  const q = m.output('q', signed(14));
  const r = m.output('r', signed(13));
  const wq = m.output('wq', signed(71));
  const wr = m.output('wr', signed(70));
  const rot = m.output('rot', signed(12));
  const rotw = m.output('rotw', signed(70));
  const misc = m.output('misc', 40);
  m.sync(q, a.div(b));
  m.comb(r, a.mod(b));
  m.sync(wq, c.div(d));
  m.comb(wr, c.mod(d));
  m.sync(rot, a.rotl(b));
  m.comb(rotw, c.rotr(b).rotl(3));
  const pe = priorityEncode(a);
  const oh = oneHotEncode(b);
  m.comb(misc, cat(a.abs(), a.min(b), d.max(b), pe.valid, pe.index, oh.valid, oh.index, lowestSetBit(b), oneHotDecode(b.bits(1, 0), 3)).resize(40));
  return elaborate(m);
}

describe('issue 15 language features on every backend', () => {
  it('operators: div/mod (by zero too), rotations, abs, min/max, encoders', async () => {
    await onEveryBackend(operatorsDesign(), 5);
  }, 120_000);
});

/** A UART transmitter looped back into a receiver (divisor 5: five clock cycles per bit). */
function uartLoopback(): Module {
  const m = new Module('uart_loop');
  const data = m.input('data', 8);
  const valid = m.input('valid', 1);
  const ready = m.output('ready', 1);
  const line = m.output('line', 1);
  const rxData = m.output('rx_data', 8);
  const rxValid = m.output('rx_valid', 1);
  const rxError = m.output('rx_error', 1);
  const tx = m.submodule('u_tx', UartTx({ divisor: 5 }), { data, valid });
  m.comb(ready, tx.ready!);
  m.comb(line, tx.tx!);
  const rx = m.submodule('u_rx', UartRx({ divisor: 5 }), { rx: tx.tx! });
  m.comb(rxData, rx.data!);
  m.comb(rxValid, rx.valid!);
  m.comb(rxError, rx.error!);
  return m;
}

/** Sends `bytes` through the loopback and returns what the receiver delivered. */
async function sendBytes(sim: Simulator, bytes: readonly number[]): Promise<number[]> {
  const got: number[] = [];
  sim.process(async (ctx) => {
    for (;;) { await ctx.tick(); if (ctx.get('rx_valid') === 1n) got.push(ctx.getNumber('rx_data')); expect(ctx.get('rx_error')).toBe(0n); }
  }, { name: 'monitor', passive: true });
  sim.process(async (ctx) => {
    for (const b of bytes) {
      await ctx.until(() => ctx.get('ready') === 1n, { cycles: 100 });
      ctx.set('data', b);
      ctx.set('valid', 1);
      await ctx.tick();
      ctx.set('valid', 0);
    }
    await ctx.until(() => got.length === bytes.length, { cycles: 100 });
  }, 'sender');
  await sim.run();
  return got;
}

describe('UART (enum FSMs) on every backend', () => {
  const bytes = [0x55, 0x00, 0xff, 0xa5, 0x3c, 0x81];
  it('the loopback delivers every byte on the built-in simulator and on native Verilator; Icarus agrees', async () => {
    const design = elaborate(uartLoopback());
    expect(emitVerilog(design).files.get('uart_tx_divisor5.v')).toContain('state <= UART_DATA;');
    expect(verilatorLint(Object.fromEntries(emitVerilog(design).files), 'uart_loop')).toBe('');
    expect(await sendBytes(new Simulator(design), bytes)).toEqual(bytes);
    const model = await createBackend(design, { backend: 'verilator-native', verilator: VERILATOR });
    try {
      expect(await sendBytes(new Simulator(design, {}, model), bytes)).toEqual(bytes);
    } finally {
      model.dispose();
    }
    await onEveryBackend(design, 9);
  }, 180_000);
});

describe('round-robin arbiter', () => {
  it('grants like a reference model (n = 3 and 4) on the built-in simulator, and agrees on every backend', async () => {
    for (const n of [3, 4]) {
      const top = RoundRobinArbiter({ n });
      const design = elaborate(top);
      const sim = new Simulator(design);
      const rng = Rng.fromSeed(n);
      sim.process(async (ctx) => {
        let base = 0;
        for (let cycle = 0; cycle < 400; cycle++) {
          const req = rng.below(1 << n);
          const accept = rng.below(4) > 0 ? 1 : 0;
          ctx.set('request', req);
          ctx.set('accept', accept);
          await ctx.delay(1);
          let want = -1;
          for (let k = 0; k < n; k++) if ((req >> ((base + k) % n)) & 1) { want = (base + k) % n; break; }
          expect(ctx.getNumber('grant'), `n ${n} cycle ${cycle}`).toBe(want < 0 ? 0 : 1 << want);
          expect(ctx.getNumber('valid')).toBe(want < 0 ? 0 : 1);
          if (want >= 0 && accept) base = (want + 1) % n;
          await ctx.tick();
        }
      });
      await sim.run();
      await onEveryBackend(design, 20 + n);
    }
  }, 180_000);
});
