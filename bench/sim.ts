/**
 * Simulation speed: cycles per second of the built-in simulator against native Verilator (-O3, built in this run) on
 * (a) a 32-bit counter plus a 32-bit LFSR, (b) 64 copies of an 8-bit counter plus a 16-bit LFSR (1,536 flip-flops),
 * (c) a datapath of 64- and 128-bit arithmetic. Prints a table with the ratio built-in / Verilator.
 *
 * Run: npx tsx bench/sim.ts [--seconds 1]
 */
import { Module } from '../hdl/core/module.ts';
import { elaborate, type Design } from '../hdl/ir/elaborate.ts';
import { lfsrNext } from '../hdl/lib/lfsr.ts';
import { verilatorDesign } from '../sim/factory.ts';
import { BuiltinBackend } from '../sim/builtin/engine.ts';
import { buildNative, nativeCompiler } from '../sim/verilator/index.ts';

const at = process.argv.indexOf('--seconds');
const SECONDS = at > 0 ? Number(process.argv[at + 1]) : 1;

/** (a) and one copy of (b): a counter and an LFSR. */
function counterLfsr(name: string, countWidth: number, lfsrWidth: number, seed = 1): Module {
  const m = new Module(name);
  const count = m.output('count', countWidth);
  const lfsr = m.output('lfsr', lfsrWidth, { reset: seed });
  m.sync(count, count.add(1).trunc(countWidth));
  m.sync(lfsr, lfsrNext(lfsr));
  return m;
}

function replicated(copies: number): Module {
  const top = new Module('replicated');
  let acc = null as ReturnType<Module['signal']>['xor'] extends (...a: never[]) => infer R ? R | null : never;
  for (let i = 0; i < copies; i++) {
    const outs = top.submodule(`u${i}`, counterLfsr('unit', 8, 16, 1), {});
    const mix = outs.lfsr!.xor(outs.count!.zext(16));
    acc = acc === null ? mix : acc.xor(mix);
  }
  const y = top.output('y', 16);
  top.comb(y, acc!);
  return top;
}

function datapath(): Module {
  const m = new Module('datapath');
  const a = m.signal('a', 64, { reset: 0x0123456789abcdefn });
  const b = m.signal('b', 64, { reset: 0x0fedcba987654321n });
  const acc = m.output('acc', 128);
  const x = m.output('x', 128, { reset: 1 });
  m.sync(a, a.mul(6364136223846793005n).add(1442695040888963407n).trunc(64));
  m.sync(b, b.xor(b.shl(13)).xor(b.shr(7)));
  m.sync(acc, acc.add(a.mul(b)).trunc(128));
  m.sync(x, x.mul(0x9e3779b97f4a7c15n).add(acc).trunc(128).xor(acc.shr(17)));
  return m;
}

/** Cycles per second of `run(n)`, growing n until a run takes at least SECONDS. */
function measure(run: (n: number) => number): number {
  let n = 1000;
  for (;;) {
    const s = run(n);
    if (s >= SECONDS) return n / s;
    n = Math.ceil(n * Math.min(100, Math.max(2, (SECONDS * 1.2) / Math.max(s, 1e-4))));
  }
}

async function bench(label: string, design: Design): Promise<{ label: string; builtin: number; verilator: number; build: number }> {
  const b = new BuiltinBackend(design);
  b.step('clk', 10_000); // warm up: compile the loop and let the JIT optimise it
  const builtin = measure((n) => {
    const t0 = performance.now();
    b.step('clk', n);
    return (performance.now() - t0) / 1000;
  });
  const model = await buildNative(verilatorDesign(design), { rebuild: true });
  model.benchmarkCycles('clk', 10_000);
  const verilator = measure((n) => model.benchmarkCycles('clk', n));
  // Both must compute the same thing: compare the state after the same number of cycles.
  const check = new BuiltinBackend(design);
  check.step('clk', 12_345);
  check.eval();
  const fresh = await buildNative(verilatorDesign(design));
  fresh.step('clk', 12_345);
  fresh.eval();
  for (const p of check.ports.filter((q) => q.direction === 'output')) {
    if (check.get(p.name) !== fresh.get(p.name)) throw new Error(`${label}: '${p.name}' differs after 12345 cycles: built-in ${check.get(p.name)}, Verilator ${fresh.get(p.name)}`);
  }
  fresh.dispose();
  model.dispose();
  return { label, builtin, verilator, build: model.buildInfo.seconds };
}

const fmt = (x: number): string => x.toExponential(2);
console.log(`C++ compiler for Verilator: ${nativeCompiler() ?? 'none'}; measuring about ${SECONDS} s per entry`);
const rows = [
  await bench('(a) counter + 32-bit LFSR (64 FFs)', elaborate(counterLfsr('counter_lfsr', 32, 32))),
  await bench('(b) 64 x (8-bit counter + 16-bit LFSR) (1536 FFs)', elaborate(replicated(64))),
  await bench('(c) 64/128-bit arithmetic datapath (384 FFs)', elaborate(datapath())),
];
console.log('');
console.log('| design | built-in cycles/s | Verilator -O3 cycles/s | ratio built-in/Verilator | goal |');
console.log('|---|---|---|---|---|');
const goals = ['>= 1.0x', '>= 0.3x', 'report'];
rows.forEach((r, i) => console.log(`| ${r.label} | ${fmt(r.builtin)} | ${fmt(r.verilator)} | ${(r.builtin / r.verilator).toFixed(2)}x | ${goals[i]} |`));
console.log(`\nVerilator builds: ${rows.map((r) => `${r.build.toFixed(1)} s`).join(', ')}`);
