/**
 * Clock domains: user-chosen clock/reset names and reset polarity, clock enables and inserted synchronous resets on
 * submodules (EnableInserter / ResetInserter), domain renaming and the crossing check; on every backend.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Module } from '../core/module.ts';
import { Cnt, enableTop } from './support/golden-designs.ts';
import { HdlError } from '../core/errors.ts';
import { elaborate } from '../ir/elaborate.ts';
import { emitVerilog } from '../backend/verilog.ts';
import { FFSynchronizer } from '../lib/synchronizer.ts';
import { Rng } from '../../common/rng.ts';
import { verilatorLint } from '../../sim/tools/verilator-lint.ts';
import { createSimulator } from '../../sim/factory.ts';
import type { BackendKind } from '../../sim/interface.ts';
import { compareWithIcarus } from '../../verif/lockstep/icarus.ts';
import { runLockstep } from '../../verif/lockstep/lockstep.ts';
import { compareWithReference } from './support/against-reference.ts';
import { ReferenceInterpreter } from '../../sim/reference/interpreter.ts';

const GOLDEN = path.join(import.meta.dirname, 'golden');
const VERILATOR = { optFast: '-O1' };

function expectGolden(name: string, files: ReadonlyMap<string, string>): void {
  const dir = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const [f, t] of files) fs.writeFileSync(path.join(dir, f), t);
  }
  const want = fs.readdirSync(dir).sort();
  expect([...files.keys()].sort()).toEqual(want);
  for (const f of want) expect(files.get(f), f).toBe(fs.readFileSync(path.join(dir, f), 'utf8'));
}

/** A counter in a domain with the given reset kind, active low, clock named `sys_clk`. */
function polarityTop(reset: 'sync' | 'async'): Module {
  const m = new Module(`pol_${reset}`);
  const d = m.domain('sync', { clock: 'sys_clk', reset, resetActive: 'low' });
  const en = m.input('en', 1);
  const q = m.output('q', 8);
  m.If(en, () => d.sync(q, q.add(1).trunc(8)));
  return m;
}

/** Holds reset (at its active level) for 2 cycles, then counts with `en`; returns q after each cycle. */
async function polarityTestbench(kind: BackendKind, reset: 'sync' | 'async'): Promise<number[]> {
  const sim = await createSimulator(elaborate(polarityTop(reset)), { backend: kind, verilator: VERILATOR });
  const seen: number[] = [];
  sim.process(async (ctx) => {
    ctx.set('en', 1);
    await ctx.reset('sync', 2); // drives rst_n low for two edges, then high
    for (let c = 0; c < 6; c++) { await ctx.tick(); seen.push(ctx.getNumber('q')); }
    ctx.set('rst_n', 0);
    await ctx.delay(1); // an asynchronous reset acts at once, a synchronous one at the edge
    seen.push(ctx.getNumber('q'));
    await ctx.tick();
    seen.push(ctx.getNumber('q'));
  });
  await sim.run();
  return seen;
}

describe('clock and reset names, reset polarity', () => {
  it('ports are named as asked; the Verilog resets on the low level (negedge for async)', () => {
    const a = elaborate(polarityTop('async'));
    expect(a.top.ports.map((p) => a.top.names.get(p.signal))).toEqual(['sys_clk', 'rst_n', 'en', 'q']);
    const va = emitVerilog(a).combined;
    expect(va).toContain('always @(posedge sys_clk or negedge rst_n) begin');
    expect(va).toContain('if (!rst_n) begin');
    const vs = emitVerilog(elaborate(polarityTop('sync'))).combined;
    expect(vs).toContain('always @(posedge sys_clk) begin');
    expect(vs).toContain('if (!rst_n) begin');
    expect(verilatorLint(Object.fromEntries(emitVerilog(a).files), 'pol_async')).toBe('');
    const named = new Module('named');
    named.domain('fast', { clock: 'clk_fast', resetName: 'nreset', resetActive: 'low' });
    expect(named.ports.map((p) => p.signal.name)).toEqual(['clk_fast', 'nreset']);
    expect(() => new Module('x').domain('d', { clock: 'c', resetName: 'c' })).toThrow(/clock and reset are both named 'c'/);
    expect(() => new Module('y').domain('d', { clock: '1c' })).toThrow(/not an identifier/);
  });

  it('one testbench, by port name and level, gives the same trace on the built-in simulator and Verilator (native and WebAssembly)', async () => {
    const wantAsync = [1, 2, 3, 4, 5, 6, 0, 0];
    const wantSync = [1, 2, 3, 4, 5, 6, 6, 0];
    expect(await polarityTestbench('builtin', 'async')).toEqual(wantAsync);
    expect(await polarityTestbench('builtin', 'sync')).toEqual(wantSync);
    expect(await polarityTestbench('verilator-native', 'async')).toEqual(wantAsync);
    expect(await polarityTestbench('verilator-native', 'sync')).toEqual(wantSync);
    expect(await polarityTestbench('verilator-wasm', 'async')).toEqual(wantAsync);
  }, 300_000);

  it('agrees with the reference interpreter, Icarus and Verilator in lockstep (resets driven at their level)', async () => {
    for (const kind of ['sync', 'async'] as const) {
      const d = elaborate(polarityTop(kind));
      expect(await compareWithReference(d, 400, 1, 0.05)).toBe('');
      expect(compareWithIcarus(d, { cycles: 400, seed: 2, resetRate: 0.05 })).toEqual([]);
    }
    expect((await runLockstep(elaborate(polarityTop('async')), { cycles: 400, seed: 3, resetRate: 0.05, verilator: VERILATOR })).ports).toBeGreaterThan(0);
  }, 300_000);

  it('properties are not sampled while an active-low reset is low', () => {
    const m = new Module('prop_low');
    const d = m.domain('sync', { resetActive: 'low' });
    const q = m.output('q', 4);
    d.sync(q, q.add(1).trunc(4));
    const p = m.assert(d.rst!, 'out of reset'); // false exactly while in reset: must be masked then
    const ref = new ReferenceInterpreter(elaborate(m).flat);
    ref.set(d.rst!, 0);
    expect(ref.get(p.check)).toBe(1n);
    ref.set(d.rst!, 1);
    expect(ref.get(p.check)).toBe(1n);
  });

  it('a child and parent domain of different polarity is an error naming the instance', () => {
    const child = new Module('c');
    child.domain('sync', { resetActive: 'low' });
    const top = new Module('t');
    top.domain('sync');
    expect(() => top.submodule('u', child)).toThrow(/instance 'u': child domain 'sync' resets active-low but parent domain 'sync' active-high/);
    const top2 = new Module('t2');
    top2.submodule('u', child); // a new parent domain takes the child's polarity
    expect(top2.domains.get('sync')!.resetActive).toBe('low');
  });
});

// ---- clock enables and inserted resets (designs in support/golden-designs.ts, so goldens keep their lines) ----
async function enableTestbench(kind: BackendKind, seed: number): Promise<number> {
  const sim = await createSimulator(elaborate(enableTop()), { backend: kind, verilator: VERILATOR });
  const rng = Rng.fromSeed(seed);
  let checked = 0;
  sim.process(async (ctx) => {
    ctx.set('rst', 1);
    await ctx.tick();
    ctx.set('rst', 0);
    const want = { plain: 0, a: 0, b: 0, last: 0 };
    const mem = [0, 0, 0, 0];
    let c3 = 0; // u_c's count and the write pointer: both enabled by tick, cleared by clear
    let wp = 0;
    for (let c = 0; c < 200; c++) {
      const tick = rng.below(2), clear = rng.below(10) === 0 ? 1 : 0, half = rng.below(2);
      ctx.set('tick', tick); ctx.set('clear', clear); ctx.set('half', half);
      await ctx.tick();
      want.plain = (want.plain + 1) % 256;
      if (tick) { want.last = mem[(wp + 3) % 4]!; mem[wp] = c3; } // the registered read and the write: gated by the enable only
      if (clear) { want.a = 0; want.b = 0; c3 = 0; wp = 0; } else if (tick) { want.a = (want.a + 1) % 256; if (half) want.b = (want.b + 1) % 256; c3 = (c3 + 1) % 256; wp = (wp + 1) % 4; }
      expect({ plain: ctx.getNumber('plain'), a: ctx.getNumber('a'), b: ctx.getNumber('b'), last: ctx.getNumber('last') }, `cycle ${c}`).toEqual(want);
      checked++;
    }
  });
  await sim.run();
  return checked;
}

describe('clock enables and inserted resets (EnableInserter / ResetInserter)', () => {
  it('an enabled subtree counts only on its enable, nested enables AND, the inserted reset clears it; builtin and Verilator', async () => {
    expect(await enableTestbench('builtin', 1)).toBe(200);
    expect(await enableTestbench('verilator-native', 2)).toBe(200);
  }, 300_000);

  it('the controls reach every module of the subtree as ports; lint-clean; golden; reference and Icarus agree', async () => {
    const design = elaborate(enableTop());
    const cnt = design.modules.find((x) => x.name === 'cnt_width8')!;
    expect(cnt.ports.map((p) => p.signal.name)).toEqual(['q', 'clk', 'rst', 'ce', 'srst']);
    const out = emitVerilog(design);
    expect(out.files.get('cnt_width8.v')).toContain('    end else begin\n      if (ce) begin');
    expect(out.files.get('dom_top.v')).toContain(".ce(1'd1)"); // the plain counter is always enabled
    expect(verilatorLint(Object.fromEntries(out.files), 'dom_top')).toBe('');
    expectGolden('dom_top', out.files);
    expect(await compareWithReference(design, 500, 4)).toBe('');
    expect(compareWithIcarus(design, { cycles: 500, seed: 5 })).toEqual([]);
  }, 120_000);

  it('a module can declare its own clock enable; bad controls are errors with the line', () => {
    const m = new Module('own');
    const d = m.domain('sync', { clockEnable: 'ce_in', syncReset: true });
    expect([d.enable!.name, d.syncReset!.name]).toEqual(['ce_in', 'srst']);
    const top = new Module('t');
    expect(() => top.submodule('u', Cnt({ width: 3 }), {}, { enables: { fast: 1 } })).toThrow(/module 'cnt_width3' has no domain 'fast'/);
    expect(() => top.submodule('u', Cnt({ width: 3 }), {}, { enables: { sync: top.input('w', 2) } })).toThrow(HdlError);
  });
});

// ---- domain renaming and the crossing check ----
describe('domain renaming (DomainRenamer) and the crossing check', () => {
  it('a child run in a renamed domain is checked in that domain', () => {
    const top = new Module('ren_top');
    top.domain('fast');
    const o = top.submodule('u_cnt', Cnt({ width: 4 }), {}, { domains: { sync: 'fast' } });
    const r = top.output('r', 4);
    top.sync(r, o.q!); // sync reads a register of fast
    const d = elaborate(top);
    expect(d.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/register 'r' of domain 'sync' reads 'u_cnt\.q' from domain 'fast' without a synchroniser/)]);
    expect(emitVerilog(d).files.get('ren_top.v')).toMatch(/\.clk\(fast_clk\),\s+\.rst\(fast_rst\)/);
  });

  it('through a synchroniser renamed into the reading domain there is no warning; same-domain renames are clean', () => {
    const top = new Module('ren_ok');
    top.domain('fast');
    const bit = top.signal('bit', 1);
    top.domain('fast').sync(bit, bit.not());
    const s = top.submodule('u_sync', FFSynchronizer({ stages: 2 }), { i: bit }, { domains: { sync: 'sync' } });
    top.comb(top.output('o', 1), s.o!);
    const inner = top.submodule('u_local', Cnt({ width: 4 }), {}, { domains: { sync: 'fast' } });
    const r = top.output('r', 4);
    top.domain('fast').sync(r, inner.q!);
    expect(elaborate(top).warnings).toEqual([]);
  });
});
