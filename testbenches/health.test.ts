/**
 * On-chip health tests (SP 800-90B §4.4): the HDL monitor alarms on exactly the samples the software model does;
 * false-alarm rates measured at a measurable α = 2^-8 match the exact theory; a healthy generator raises no alarm
 * over a long run at the default α = 2^-30; injected faults are caught within the stated bounds, and an alarm stops
 * the HDL generator's `valid` until reset.
 */
import { describe, expect, it } from 'vitest';
import { elaborate } from '../hdl/index.ts';
import { healthMonitor } from '../hdl/lib/health-tests.ts';
import { createBackend } from '../sim/index.ts';
import { Rng } from '../common/rng.ts';
import { planClt, meramClt, simulateClt, injectFault } from '../designs/meram/index.ts';
import { aptAlarmProbability, healthAlarmsReference, healthCutoffs, minEntropyEstimate, rctAlarmRate } from '../verif/index.ts';
import { faultStudy } from './fault-study.ts';
import { emitVerilog } from '../hdl/backend/verilog.ts';
import { verilatorLint } from '../sim/tools/verilator-lint.ts';
import { checkIcarus } from '../sim/tools/icarus.ts';
import { runLockstep } from '../verif/lockstep/lockstep.ts';

function fairBits(seed: number, count: number, p = 0.5): Uint8Array {
  const r = Rng.fromSeed(seed);
  return Uint8Array.from({ length: count }, () => (r.nextU32() < p * 2 ** 32 ? 1 : 0));
}

describe('health monitor (HDL) against the software model', () => {
  it('alarms on the same samples, two streams, α = 2^-6, window 64', async () => {
    const c = healthCutoffs(1, 2 ** -6, 64);
    const d = elaborate(healthMonitor({ name: 'hm_test', streams: [c, c], window: 64, startup: 100 }));
    const b = await createBackend(d, { backend: 'builtin' });
    const len = 20_000;
    const s0 = fairBits(1, len, 0.5);
    const s1 = fairBits(2, len, 0.6);
    b.set('rst', 1n); b.step('clk', 1); b.set('rst', 0n);
    const rct: number[] = [];
    const apt: number[] = [];
    for (let i = 0; i < len; i++) {
      b.set('en', 1n);
      b.set('bits', BigInt(s0[i]! | (s1[i]! << 1)));
      b.step('clk', 1);
      if (b.get('rct_alarm') === 1n) rct.push(i);
      if (b.get('apt_alarm') === 1n) apt.push(i);
      if (i === 99) expect(b.get('startup_done')).toBe(0n); // inputs are registered: one cycle later
      if (i === 100) expect(b.get('startup_done')).toBe(1n);
    }
    expect(b.get('error')).toBe(1n);
    b.dispose();
    const r0 = healthAlarmsReference(s0, c);
    const r1 = healthAlarmsReference(s1, c);
    const merge = (a: number[], x: number[]): number[] => [...new Set([...a, ...x])].sort((u, v) => u - v);
    expect(rct).toEqual(merge(r0.rct, r1.rct));
    expect(apt).toEqual(merge(r0.apt, r1.apt));
    expect(rct.length).toBeGreaterThan(50);
    expect(apt.length).toBeGreaterThan(5);
  }, 60_000);
});

describe('health monitor (HDL, LFSR-coded counters) at the generators\' cutoffs', () => {
  it('window 1024, cutoffs of H = 0.5 and 0.29 at 2^-30 and of H = 1 at 2^-8: the same alarms as the software model', async () => {
    // Streams that alarm often (biased, sticky, stuck stretches) drive each counter past its cutoff, saturate the run
    // counter and carry the proportion count on to the window's end after an alarm: the coding must stay exact there.
    const cs = [healthCutoffs(0.5, 2 ** -30, 1024), healthCutoffs(0.289, 2 ** -30, 1024), healthCutoffs(1, 2 ** -8, 1024)];
    const d = elaborate(healthMonitor({ name: 'hm_wide', streams: cs, window: 1024, startup: 1024 }));
    const b = await createBackend(d, { backend: 'builtin' });
    const len = 120_000;
    const r = Rng.fromSeed(9);
    const streams = cs.map(() => new Uint8Array(len));
    for (let i = 0; i < len; i++) {
      const phase = Math.floor(i / 10_000) % 4; // fair, P(1) = 0.9, stuck at 1, P(1) = 0.1
      for (const s of streams) s[i] = phase === 2 ? 1 : r.nextU32() < [0.5, 0.9, 1, 0.1][phase]! * 2 ** 32 ? 1 : 0;
    }
    b.set('rst', 1n); b.step('clk', 1); b.set('rst', 0n); b.set('en', 1n);
    const t = b.runBatch({ clock: 'clk', cycles: len + 1, inputs: [{ port: 'bits', values: Uint32Array.from({ length: len + 1 }, (_, i) => (i < len ? streams[0]![i]! | (streams[1]![i]! << 1) | (streams[2]![i]! << 2) : 0)) }], record: ['rct_alarm', 'apt_alarm'] });
    b.dispose();
    const seen = (port: string): number[] => { const x: number[] = []; for (let c = 1; c <= len; c++) if (t.get(port)!.at(c) === 1n) x.push(c - 1); return x; };
    const refs = cs.map((c, k) => healthAlarmsReference(streams[k]!, c));
    const merge = (xs: number[][]): number[] => [...new Set(xs.flat())].sort((u, v) => u - v);
    expect(seen('rct_alarm')).toEqual(merge(refs.map((x) => x.rct)));
    expect(seen('apt_alarm')).toEqual(merge(refs.map((x) => x.apt)));
    expect(refs.every((x) => x.rct.length >= 3 && x.apt.length >= 3)).toBe(true);
  }, 120_000);
});

describe('health monitor (LFSR-coded) on every backend', () => {
  it('lint-clean Verilog (Verilator -Wall, Icarus) and lockstep with native Verilator over random stimulus', async () => {
    const cs = [healthCutoffs(0.5, 2 ** -6, 64), healthCutoffs(1, 2 ** -8, 64)];
    const d = elaborate(healthMonitor({ name: 'hm_lint', streams: cs, window: 64, startup: 40 }));
    const out = emitVerilog(d);
    const files = Object.fromEntries(out.files);
    expect(verilatorLint(files, out.top)).toBe('');
    expect(checkIcarus(files, out.top)).toBe('');
    const r = await runLockstep(d, { cycles: 20_000, seed: 4, resetRate: 0.0005 });
    expect(r.mismatches).toEqual([]);
  }, 300_000);
});

describe('false alarms', () => {
  it('at α = 2^-8 (H = 1): measured rates over 10^7 fair bits match the exact theory, and the configured α bounds them', () => {
    const c = healthCutoffs(1, 2 ** -8, 1024);
    const n = 10_000_000;
    const a = healthAlarmsReference(fairBits(3, n), c);
    const rRct = rctAlarmRate(0.5, c.rct);
    const windows = Math.floor(n / c.window);
    const pApt = aptAlarmProbability(0.5, c.apt, c.window);
    console.log(`false alarms at 2^-8: RCT ${a.rct.length / n} per sample (theory ${rRct}), APT ${a.apt.length / windows} per window (theory ${pApt.toExponential(3)}, configured ${2 ** -8})`);
    expect(Math.abs(a.rct.length - n * rRct)).toBeLessThan(4 * Math.sqrt(n * rRct));
    expect(Math.abs(a.apt.length - windows * pApt)).toBeLessThan(4 * Math.sqrt(windows * pApt) + 1);
    expect(pApt).toBeLessThanOrEqual(2 ** -8);
    expect(rRct * 2).toBeLessThanOrEqual(2 ** -8); // a run of C needs C - 1 repeats: probability 2^-(C-1) <= α
    // A broken (biased) source at the same cutoffs alarms far more often.
    expect(healthAlarmsReference(fairBits(4, 1_000_000, 0.7), c).apt.length).toBeGreaterThan(100);
  });

  it('a healthy generator (16 cells, 2 % K_eff variation, default α = 2^-30) raises no alarm in 10^6 reads per cell', () => {
    const planned = planClt({ seed: 77, n: 16, trackLimit: 4, variation: { keffRel: 0.02 } });
    const r = simulateClt(planned.plan, { ops: 1_000_000 });
    expect(r.alarm).toBeNull();
    expect(r.ops).toBe(1_000_000);
    // The claim H = 0.5 holds with margin: SP 800-90B estimates on one cell's 10^6 raw reads.
    const cell = Uint8Array.from({ length: 1_000_000 }, (_, k) => r.raw[k * 16]!);
    const h = minEntropyEstimate(cell);
    console.log(`raw reads of cell 0: MCV ${h.mcv.minEntropy.toFixed(4)}, collision ${h.collision.minEntropy.toFixed(4)}, Markov ${h.markov.minEntropy.toFixed(4)} bit`);
    expect(h.minEntropy).toBeGreaterThan(0.5);
    expect(h.collision.minEntropy).toBeGreaterThan(0.5);
  });
});

describe('fault injection', () => {
  const rows = faultStudy({ seeds: 6, horizon: 8000 });
  it('stuck-at P/AP, dead sense amplifier and lost bias field: caught by the RCT within C reads (theory C - 1 + 1/2)', () => {
    for (const r of rows.filter((x) => /stuck|dead|bias/.test(x.fault))) {
      expect(r.detected, r.fault).toBe(r.seeds);
      expect(r.maxDelay, r.fault).toBeLessThanOrEqual(61); // C = 61 at H = 0.5, α = 2^-30
      expect(Math.abs(r.meanDelay - r.theory), r.fault).toBeLessThan(3);
    }
  });
  it('DAC drift and a temperature step keep p within the claimed min-entropy: not alarmed (by design; the conditioner keeps the output exact)', () => {
    for (const r of rows.filter((x) => /DAC|temperature/.test(x.fault))) {
      expect(r.detected, r.fault).toBe(0);
      expect(Math.max(r.pAfter, 1 - r.pAfter)).toBeLessThan(2 ** -0.5);
    }
  });

  it('on the HDL, an alarm stops valid until reset, at the op the model predicts', async () => {
    const planned = planClt({ seed: 5, n: 8, trackLimit: 4 });
    const plan = injectFault(planned.plan, planned.cells, { kind: 'stuck-ap' }, { cell: 2, afterOps: 1500 });
    const model = simulateClt(plan, { ops: 4000 });
    const b = await createBackend(elaborate(meramClt(plan)), { backend: 'builtin' });
    b.set('ready', 1n); b.set('rst', 1n); b.step('clk', 2); b.set('rst', 0n);
    const t = b.runBatch({ clock: 'clk', cycles: 40_000, record: ['valid', 'health_error', 'raw_valid', 'ones'] });
    b.dispose();
    let ops = 0;
    let errorAtOp = -1;
    const ones: number[] = [];
    for (let c = 0; c < t.get('valid')!.length; c++) {
      if (t.get('health_error')!.at(c) === 1n && errorAtOp < 0) errorAtOp = ops - 1;
      if (errorAtOp >= 0) expect(t.get('valid')!.at(c)).toBe(0n);
      else if (t.get('valid')!.at(c) === 1n) ones.push(Number(t.get('ones')!.at(c)));
      if (t.get('raw_valid')!.at(c) === 1n) ops++;
    }
    expect(errorAtOp).toBe(model.alarm!.op);
    expect(ones).toEqual(Array.from(model.ones));
  }, 60_000);
});
