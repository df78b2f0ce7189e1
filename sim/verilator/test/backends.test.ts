import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNative } from '../native.ts';
import { buildWasm } from '../wasm.ts';
import { nativeCompilerAvailable, verilatorAvailable } from '../tools.ts';
import type { CycleModel, VerilatorDesign } from '../types.ts';
import { counter, counterModel, datapath, datapathModel, lcg, twoOut, twoOutModel } from './designs.ts';

const backends = [
  ...(nativeCompilerAvailable() ? [['native', buildNative] as const] : []),
  ...(verilatorAvailable() ? [['wasm', buildWasm] as const] : []),
];
const CYCLES = 600;
const models = new Map<string, CycleModel>();
const key = (backend: string, d: VerilatorDesign) => `${backend}:${d.top}`;

beforeAll(async () => {
  // Sequential on purpose: builds are CPU-heavy and the machine has two cores.
  for (const [name, build] of backends) for (const d of [counter, datapath, twoOut]) models.set(key(name, d), await build(d));
});
afterAll(() => models.forEach((m) => m.dispose()));

describe.each(backends.map(([n]) => n))('%s backend', (backend) => {
  it('counter: enable and synchronous reset, batch trace equals the reference', () => {
    const m = models.get(key(backend, counter))!;
    const rnd = lcg(1n);
    const rst = Array.from({ length: CYCLES }, (_, c) => (c === 300 || rnd(4) === 0n ? 1n : 0n));
    const en = Array.from({ length: CYCLES }, () => (rnd(3) === 0n ? 0n : 1n));
    const tr = m.runBatch({ clock: 'clk', cycles: CYCLES, inputs: [{ port: 'rst', values: rst }, { port: 'en', values: Uint32Array.from(en, Number) }], record: ['count', 'wrap'] });
    const ref = counterModel(rst, en);
    expect(tr.get('count')!.toBigInts()).toEqual(ref.count);
    expect(tr.get('wrap')!.toBigInts()).toEqual(ref.wrap);
  });

  it('counter: interactive set/eval/step follows the documented cycle semantics', () => {
    const m = models.get(key(backend, counter))!;
    m.set('rst', 1);
    m.step('clk');
    m.set('rst', 0);
    m.set('en', 1);
    expect(m.get('en')).toBe(1n);
    expect(m.get('count')).toBe(0n);
    m.step('clk', 255);
    m.eval();
    expect(m.get('count')).toBe(255n);
    expect(m.get('wrap')).toBe(1n);
    m.step('clk');
    expect(m.get('count')).toBe(0n);
    m.set('en', 0);
    m.eval();
    expect(m.get('wrap')).toBe(0n);
  });

  it('datapath: signed 128/64/33/1-bit values equal the bigint reference', () => {
    const m = models.get(key(backend, datapath))!;
    const rnd = lcg(7n);
    const edge = [0n, -1n, 1n, 2n ** 127n - 1n, -(2n ** 127n)];
    const a = Array.from({ length: CYCLES }, (_, i) => (i < edge.length ? edge[i]! : BigInt.asIntN(128, rnd(128))));
    const b = Array.from({ length: CYCLES }, (_, i) => (i < 3 ? [-(2n ** 63n), 2n ** 63n - 1n, -1n][i]! : BigInt.asIntN(64, rnd(64))));
    const c = Array.from({ length: CYCLES }, (_, i) => (i < 2 ? [-(2n ** 32n), 2n ** 32n - 1n][i]! : BigInt.asIntN(33, rnd(33))));
    const s = Array.from({ length: CYCLES }, () => rnd(1));
    m.set('b', 0n);
    m.set('c', 0n);
    m.step('clk'); // clears prod from earlier tests
    const tr = m.runBatch({
      clock: 'clk', cycles: CYCLES,
      inputs: [{ port: 'a', values: a }, { port: 'b', values: BigInt64Array.from(b) }, { port: 'c', values: c }, { port: 's', values: s }],
      record: ['sum', 'sel', 'neg', 'neg_a', 'prod'],
    });
    const ref = datapathModel(a, b, c, s);
    for (const port of ['sum', 'sel', 'neg', 'neg_a', 'prod']) expect(tr.get(port)!.toBigInts(), port).toEqual(ref[port]);
    m.set('a', -(2n ** 127n));
    m.eval();
    expect(m.get('neg_a')).toBe(1n);
    expect(m.get('sel')).toBe(-(2n ** 63n));
  });

  it('two outputs with a combinational path: the pre-edge value reflects the same cycle input', () => {
    const m = models.get(key(backend, twoOut))!;
    const rnd = lcg(3n);
    const x = Array.from({ length: CYCLES }, () => rnd(16));
    const tr = m.runBatch({ clock: 'clk', cycles: CYCLES, inputs: [{ port: 'x', values: x }], record: ['y_comb', 'y_reg', 'x'] });
    const ref = twoOutModel(x);
    expect(tr.get('y_comb')!.toBigInts()).toEqual(ref.y_comb);
    expect(tr.get('y_reg')!.toBigInts()).toEqual(ref.y_reg);
    expect(tr.get('x')!.toBigInts()).toEqual(x);
  });

  it('benchmarkCycles runs the clock inside the model', () => {
    const m = models.get(key(backend, counter))!;
    m.set('rst', 0);
    m.set('en', 1);
    m.eval();
    const before = m.get('count');
    expect(m.benchmarkCycles('clk', 1000)).toBeGreaterThan(0);
    expect(m.get('count')).toBe((before + 1000n) & 0xffn);
  });
});

it.runIf(backends.length === 2)('native and WebAssembly give identical traces', () => {
  const rnd = lcg(11n);
  const x = Uint32Array.from({ length: 2000 }, () => Number(rnd(16)));
  const traces = backends.map(([name]) => models.get(key(name, twoOut))!.runBatch({ clock: 'clk', cycles: 2000, inputs: [{ port: 'x', values: x }], record: ['y_comb', 'y_reg'] }));
  expect(traces[0]!.get('y_reg')!.words).toEqual(traces[1]!.get('y_reg')!.words);
  expect(traces[0]!.get('y_comb')!.words).toEqual(traces[1]!.get('y_comb')!.words);
});
