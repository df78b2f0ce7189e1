/**
 * The built-in simulator's code generation choices compute the same values: demand-driven combinational logic in the
 * generated loop (lazy.ts) against computing everything at the top of each cycle, a settle split into many parts
 * against one function, a split edge with and without activity guards (activity.ts) and with and without the
 * activity-driven settle (partition.ts) against the fused edge, on random designs (verif/lockstep's generator, one
 * domain and two: sync and async resets, inputs and the second clock driven per cycle) and on a design with an enabled model whose
 * wires only its enabled branch reads. Plus the slice forwarding pass of hdl/ir/passes/optimize.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Module } from '../../../hdl/core/module.ts';
import { C, cat, mux } from '../../../hdl/core/value.ts';
import { elaborate } from '../../../hdl/ir/elaborate.ts';
import { foldConstants, forwardSlices } from '../../../hdl/ir/passes/optimize.ts';
import { xoshiro128ss } from '../../../hdl/lib/xoshiro.ts';
import { buildDesign, type DesignSpec, designSpecArb } from '../../../verif/lockstep/random-design.ts';
import type { CompileOptions } from '../compile.ts';
import { BuiltinBackend } from '../engine.ts';

/** The choices compared, the first being the plain one (everything at the top of the cycle, one settle function). */
const VARIANTS: readonly CompileOptions[] = [
  { lazyComb: false, settleChunkLines: Infinity },
  { lazyComb: true },
  { lazyComb: true, settleChunkLines: 3 },
  { chunkEdgesAbove: 0, edgeGuards: false },
  { chunkEdgesAbove: 0 },
  { chunkEdgesAbove: 0, activity: false },
  { chunkEdgesAbove: 0, settleChunkLines: 3 },
];

/** Every register in the one domain `sync`, so a batch without stimulus runs in the generated loop. */
const oneDomain = (s: DesignSpec): DesignSpec => ({
  ...s,
  regs: s.regs.map((r) => ({ ...r, domain: 0 as const })),
  mem: s.mem && { ...s.mem, writes: s.mem.writes.map((w) => ({ ...w, domain: 0 as const })) },
});

/** Traces of every output over a batch in the generated loop, then a batch with per-cycle inputs (settle and edge). */
function traces(m: Module, opts: CompileOptions, seed: number): bigint[][] {
  const design = elaborate(m);
  const b = new BuiltinBackend(design, { compile: opts });
  const ins = b.ports.filter((p) => p.direction === 'input' && p.name !== 'clk' && p.name !== 'rst');
  const outs = b.ports.filter((p) => p.direction === 'output').map((p) => p.name);
  let x = seed >>> 0;
  const rand = (): number => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
  for (const p of ins) b.set(p.name, BigInt(rand() & 0xffff) & ((1n << BigInt(Math.min(p.width, 16))) - 1n));
  b.set('rst', 1); b.step('clk', 1); b.set('rst', 0);
  const n = 60;
  const looped = b.runBatch({ clock: 'clk', cycles: n, record: outs });
  const stimulus = ins.map((p) => ({ port: p.name, values: Uint32Array.from({ length: n }, () => rand() & (p.width >= 32 ? 0xffffffff : 2 ** Math.min(p.width, 31) - 1)) }));
  const driven = b.runBatch({ clock: 'clk', cycles: n, record: outs, inputs: stimulus });
  b.step('clk', 7); // the plain loop, then the final state
  return [...outs.map((o) => looped.get(o)!.toBigInts()), ...outs.map((o) => driven.get(o)!.toBigInts()), outs.map((o) => b.get(o))];
}

/** A model whose random stream's output and threshold ROM are read only in the cycles it is enabled. */
function enabledModel(): Module {
  const m = new Module('enabled_model');
  const en = m.input('en', 1);
  const sel = m.input('sel', 2);
  const flips = m.output('flips', 16);
  const state = m.output('state', 1);
  const rom = m.memory('thresholds', { shape: 31, depth: 8, init: [1, 2, 3, 4, 5, 6, 7, 8].map((k) => BigInt(k) << 27n) });
  const t = rom.read(cat(state, sel), { domain: null, name: 'threshold' });
  const u = xoshiro128ss(m, 'rng', [1, 2, 3, 4], en);
  const hit = m.signal('hit', 1);
  m.comb(hit, u.bits(31, 1).lt(t));
  m.If(en, () => m.If(hit, () => { m.sync(state, state.not()); m.sync(flips, flips.add(1).trunc(16)); }));
  // Two registers of different guards, the second reading the first: it must see the pre-edge value.
  const lagA = m.output('lag_a', 8);
  const lagB = m.output('lag_b', 8);
  m.If(en, () => m.sync(lagA, lagA.add(3).trunc(8)));
  m.If(sel.eq(2), () => m.sync(lagB, lagA));
  const updown = m.output('updown', 8);
  m.If(en.and(sel.eq(1)), () => m.sync(updown, updown.add(1).trunc(8))).Elif(sel.eq(3), () => m.sync(updown, updown.sub(1).trunc(8).asUnsigned()));
  return m;
}

describe('code generation choices of the built-in simulator', () => {
  it('lazy combinational logic, split settles and guarded edge parts give the traces of the plain code on random designs', () => {
    fc.assert(fc.property(designSpecArb.map(oneDomain), fc.nat(), (spec, seed) => {
      const runs = VARIANTS.map((o) => traces(buildDesign(spec, 'rnd'), o, seed));
      for (const r of runs.slice(1)) expect(r).toEqual(runs[0]);
    }), { numRuns: 150, seed: 20261202 });
  });

  it('the split edge with the activity-driven settle gives the plain traces on designs of two domains (async reset)', () => {
    fc.assert(fc.property(designSpecArb, fc.nat(), (spec, seed) => {
      const runs = [VARIANTS[0]!, { chunkEdgesAbove: 0 }, { chunkEdgesAbove: 0, settleChunkLines: 3 }].map((o) => traces(buildDesign(spec, 'rnd'), o, seed));
      for (const r of runs.slice(1)) expect(r).toEqual(runs[0]);
    }), { numRuns: 100, seed: 20261203 });
  });

  it('the enables of many instances, read through their ports, make one guarded block of the split edge', () => {
    const top = new Module('cells');
    const en = top.input('en', 1);
    const hold = top.input('hold', 1);
    for (let i = 0; i < 8; i++) {
      const c = new Module(`cell${i}`);
      const e = c.input('en', 1);
      const h = c.input('hold', 1);
      const q = c.output('q', 8);
      c.If(e.and(h.not()), () => c.sync(q, q.add(i + 1).trunc(8)));
      top.comb(top.output(`q${i}`, 8), top.submodule(`u${i}`, c, { en, hold }).q!);
    }
    const design = elaborate(top);
    const split = new BuiltinBackend(design, { compile: { chunkEdgesAbove: 0 } });
    const plain = new BuiltinBackend(design, { compile: { lazyComb: false } });
    expect(split.compiled.source('edge:1:part0').match(/ran \|=/g)).toHaveLength(1); // one block, one guard
    const n = 200;
    const inputs = [{ port: 'en', values: Uint32Array.from({ length: n }, (_, k) => (k % 3 ? 1 : 0)) }, { port: 'hold', values: Uint32Array.from({ length: n }, (_, k) => (k % 7 === 0 ? 1 : 0)) }];
    const outs = Array.from({ length: 8 }, (_, i) => `q${i}`);
    const [a, b] = [split, plain].map((be) => { be.set('rst', 1); be.step('clk', 1); be.set('rst', 0); return be.runBatch({ clock: 'clk', cycles: n, record: outs, inputs }); });
    for (const o of outs) expect(a!.get(o)!.toBigInts(), o).toEqual(b!.get(o)!.toBigInts());
    expect(new Set(a!.get('q7')!.toBigInts()).size).toBe(32); // steps of 8: every multiple of 8 is reached
  });

  it('an idle model costs no work in the loop: its ROM read and stream output are computed inside its enable', () => {
    const design = elaborate(enabledModel());
    const lazy = new BuiltinBackend(design);
    const plain = new BuiltinBackend(design, { compile: { lazyComb: false } });
    const guarded = new BuiltinBackend(design, { compile: { chunkEdgesAbove: 0 } }); // the split edge, with guards
    const loop = (b: BuiltinBackend): string => { b.compiled.loop(1, 0); return b.compiled.source('loop:1'); };
    const body = (src: string): string => src.slice(src.indexOf('for (let c = 0'), src.lastIndexOf('\n  }\n'));
    const romRead = /const s\d+ = .*m0\[/;
    // Plain: the ROM is read at the top of every cycle; lazy: only inside the branch on `en`.
    const plainBody = body(loop(plain));
    expect(plainBody.search(romRead)).toBeLessThan(plainBody.indexOf('if ('));
    const lazyBody = body(loop(lazy));
    expect(lazyBody.search(romRead)).toBeGreaterThan(lazyBody.indexOf('if ('));
    const all = [lazy, plain, guarded];
    for (const b of all) { b.set('sel', 2); b.set('rst', 1); b.step('clk', 1); b.set('rst', 0); }
    const en = Uint32Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const sel = Uint32Array.from({ length: 400 }, (_, i) => (i * 7) % 4);
    const traces = all.map((b) => b.runBatch({ clock: 'clk', cycles: 400, record: ['flips', 'updown', 'state', 'lag_b'], inputs: [{ port: 'en', values: en }, { port: 'sel', values: sel }] }));
    for (const b of all) { b.set('en', 1); b.set('sel', 1); b.runBatch({ clock: 'clk', cycles: 300 }); }
    for (const t of traces.slice(1)) for (const name of ['flips', 'updown', 'state', 'lag_b']) expect(t.get(name)!.toBigInts(), name).toEqual(traces[0]!.get(name)!.toBigInts());
    for (const b of [plain, guarded]) for (const name of ['flips', 'updown', 'rng_s0']) expect(b.get(name), name).toBe(lazy.get(name));
    expect(lazy.get('flips')).toBeGreaterThan(10n); // the model did flip
    expect(new Set(traces[0]!.get('updown')!.toBigInts()).size).toBeGreaterThan(5); // and the counter moved both ways
  });

  it('a bit of a bus built by concatenation reads the part it falls in, not the bus', () => {
    const m = new Module('bus');
    const a = m.input('a', 3);
    const b = m.input('b', 5);
    const bus = m.signal('bus', 8);
    m.comb(bus, cat(a, b));
    const hi = m.output('hi', 2);
    const lo = m.output('lo', 1);
    m.comb(hi, bus.bits(7, 6));
    m.comb(lo, bus.bit(2));
    const flat = elaborate(m).flat;
    const fwd = forwardSlices(flat);
    const readers = (f: typeof flat, port: string): string[] => {
      const d = f.drivers.find((x) => f.signals[x.target]!.path === port)!;
      const v = d.rule.kind === 'assign' ? f.cells[d.rule.value]! : null;
      return v && v.kind === 'op' ? v.args.map((n) => { const c = f.cells[n]!; return c.kind === 'signal' ? f.signals[c.signal]!.path : c.kind; }) : [];
    };
    expect(readers(flat, 'hi')).toEqual(['bus']);
    expect(readers(fwd, 'hi')).toEqual(['a']);
    expect(readers(fwd, 'lo')).toEqual(['b']);
    const sim = new BuiltinBackend(elaborate(m));
    sim.set('a', 0b101); sim.set('b', 0b10110); sim.eval();
    expect([sim.get('hi'), sim.get('lo'), sim.get('bus')]).toEqual([0b10n, 1n, 0b10110110n]);
  });

  it('identities with a constant operand fold away and keep every value', () => {
    const m = new Module('identities');
    const x = m.input('x', 8);
    const c = m.input('c', 1);
    const outs = {
      xor0: x.xor(C(0, 8)), or0: C(0, 8).or(x), and0: x.and(C(0, 8)), andOnes: x.and(C(255, 8)),
      sameArms: mux(c, x, x), below0: x.lt(C(0, 8)), atLeast0: x.ge(C(0, 8)),
    };
    for (const [name, v] of Object.entries(outs)) m.comb(m.output(name, v.shape), v);
    const flat = elaborate(m).flat;
    const ops = (f: typeof flat): string[] => f.cells.flatMap((cl) => (cl.kind === 'op' ? [cl.op] : []));
    expect(ops(flat).sort()).toEqual(['and', 'and', 'ge', 'lt', 'mux', 'or', 'xor']);
    expect(ops(foldConstants(flat))).toEqual([]);
    const sim = new BuiltinBackend(elaborate(m));
    sim.set('x', 0xa5); sim.set('c', 1); sim.eval();
    expect(Object.keys(outs).map((k) => sim.get(k))).toEqual([0xa5n, 0xa5n, 0n, 0xa5n, 0xa5n, 0n, 1n]);
  });
});
