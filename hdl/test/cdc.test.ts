/** The CDC library: no crossing warnings, every pulse and word arrives across unrelated clocks, lint-clean Verilog. */
import { describe, expect, it } from 'vitest';
import { Module } from '../core/module.ts';
import { elaborate } from '../ir/elaborate.ts';
import { emitVerilog } from '../backend/verilog.ts';
import { AsyncFifo, HandshakeSynchronizer, PulseSynchronizer } from '../lib/cdc.ts';
import { wrapInstance } from '../lib/wrap.ts';
import { Rng } from '../../common/rng.ts';
import { verilatorLint } from '../../sim/tools/verilator-lint.ts';
import { Simulator } from '../../sim/testbench/simulator.ts';
import { compareWithIcarus } from '../../verif/lockstep/icarus.ts';
import { runLockstep } from '../../verif/lockstep/lockstep.ts';

const pulseTop = (): Module => wrapInstance('pulse_top', PulseSynchronizer({}));
const handshakeTop = (): Module => wrapInstance('hs_top', HandshakeSynchronizer({ width: 12 }));
const fifoTop = (): Module => wrapInstance('afifo_top', AsyncFifo({ width: 8, log2Depth: 3 }));

describe('clock-domain-crossing library', () => {
  it('the gray-pointer asynchronous FIFO loses, repeats and reorders nothing across clock ratios', async () => {
    const design = elaborate(fifoTop());
    expect(design.warnings.filter((w) => w.rule === 'domain-crossing')).toEqual([]);
    expect(verilatorLint(Object.fromEntries(emitVerilog(design).files), 'afifo_top')).toBe('');
    for (const [dst, src] of [[7_000, 3_000], [3_000, 11_000], [5_000, 5_000]] as const) {
      const sim = new Simulator(design, { clocks: { sync: dst, src } });
      const rng = Rng.fromSeed(dst + src);
      const sent: number[] = [];
      const got: number[] = [];
      let sawFull = false;
      sim.process(async (ctx) => {
        while (sent.length < 60) {
          const want = rng.below(3) > 0;
          const w = rng.below(256);
          ctx.set('wen', want ? 1 : 0);
          ctx.set('wdata', w);
          await ctx.delay(1);
          if (ctx.get('full') === 1n) sawFull = true;
          else if (want) sent.push(w);
          await ctx.tick('src');
        }
        ctx.set('wen', 0);
      });
      sim.process(async (ctx) => {
        while (got.length < 60) {
          const want = rng.below(4) === 0 || sent.length >= 60;
          ctx.set('ren', want ? 1 : 0);
          await ctx.delay(1);
          if (want && ctx.get('empty') === 0n) got.push(ctx.getNumber('q'));
          await ctx.tick('sync');
        }
      });
      await sim.run();
      expect(got, `clocks ${dst}/${src}`).toEqual(sent);
      if (dst >= src) expect(sawFull, `clocks ${dst}/${src}: the slow reader lets the FIFO fill`).toBe(true);
    }
    expect(compareWithIcarus(design, { cycles: 500, seed: 6, auxClockPeriod: 3 })).toEqual([]);
  });

  it('the pulse synchroniser carries every spaced pulse from a fast to a slow clock, with no crossing warning', async () => {
    const design = elaborate(pulseTop());
    expect(design.warnings.filter((w) => w.rule === 'domain-crossing')).toEqual([]);
    expect(verilatorLint(Object.fromEntries(emitVerilog(design).files), 'pulse_top')).toBe('');
    const sim = new Simulator(design, { clocks: { sync: 7_000, src: 3_000 } });
    let received = 0;
    sim.process(async (ctx) => { for (;;) { await ctx.tick('sync'); if (ctx.get('o') === 1n) received++; } }, { passive: true });
    sim.process(async (ctx) => {
      for (let k = 0; k < 20; k++) {
        ctx.set('i', 1);
        await ctx.tick('src');
        ctx.set('i', 0);
        await ctx.tick('src', 8 + (k % 3)); // about three receiving cycles apart
      }
      await ctx.tick('sync', 6);
    });
    await sim.run();
    expect(received).toBe(20);
  });

  it('the handshake synchroniser delivers every word once, in order, both ways of clock ratio', async () => {
    const design = elaborate(handshakeTop());
    expect(design.warnings.filter((w) => w.rule === 'domain-crossing')).toEqual([]);
    expect(verilatorLint(Object.fromEntries(emitVerilog(design).files), 'hs_top')).toBe('');
    for (const [dst, src] of [[7_000, 3_000], [3_000, 11_000]] as const) {
      const sim = new Simulator(design, { clocks: { sync: dst, src } });
      const got: number[] = [];
      const words = Array.from({ length: 12 }, (_, k) => (k * 337 + 5) & 0xfff);
      sim.process(async (ctx) => { for (;;) { await ctx.tick('sync'); if (ctx.get('valid') === 1n) got.push(ctx.getNumber('q')); } }, { passive: true });
      sim.process(async (ctx) => {
        for (const w of words) {
          await ctx.until(() => ctx.get('ready') === 1n, { cycles: 50, domain: 'src' });
          ctx.set('data', w);
          ctx.set('send', 1);
          await ctx.tick('src');
          ctx.set('send', 0);
          ctx.set('data', 0);
        }
        await ctx.until(() => got.length === words.length, { cycles: 50, domain: 'src' });
      });
      await sim.run();
      expect(got, `clocks ${dst}/${src}`).toEqual(words);
    }
  });

  it('the check still flags a word sampled without the library (the tests above can fail)', () => {
    const m = new Module('naive');
    const data = m.input('data', 4);
    const q = m.output('q', 4);
    const held = m.signal('held', 4);
    m.domain('src').sync(held, data);
    m.sync(q, held);
    expect(elaborate(m).warnings.map((w) => w.rule)).toContain('domain-crossing');
  });

  it('Icarus agrees with the built-in simulator on both (two clocks)', () => {
    expect(compareWithIcarus(elaborate(pulseTop()), { cycles: 400, seed: 4, auxClockPeriod: 3 })).toEqual([]);
    expect(compareWithIcarus(elaborate(handshakeTop()), { cycles: 400, seed: 5, auxClockPeriod: 3 })).toEqual([]);
  });

  it('native Verilator agrees with the built-in simulator on all three (two clocks)', async () => {
    for (const top of [pulseTop(), handshakeTop(), fifoTop()]) {
      const report = await runLockstep(elaborate(top), { cycles: 500, seed: 8, auxClockPeriod: 3, verilator: { optFast: '-O1' } });
      expect(report.ports).toBeGreaterThan(0);
    }
  }, 300_000);
});
