/**
 * Simulation speed: cycles per second of the built-in simulator against native Verilator (-O3, built in this run) on
 * (a) a 32-bit counter plus a 32-bit LFSR, (b) 64 copies of an 8-bit counter plus a 16-bit LFSR (1,536 flip-flops),
 * (c) a datapath of 64- and 128-bit arithmetic; Icarus Verilog (vvp) is the second peer. Prints a table with the ratios
 * built-in / Verilator and built-in / Icarus next to the goals of issue 14, and the build (compile) time of each backend.
 *
 * Run: npx tsx bench/sim.ts [--seconds 1]
 */
import { Module } from '../hdl/core/module.ts';
import { elaborate, type Design } from '../hdl/ir/elaborate.ts';
import { lfsrNext } from '../hdl/lib/lfsr.ts';
import { verilatorDesign } from '../sim/factory.ts';
import { BuiltinBackend } from '../sim/builtin/engine.ts';
import { buildNative, nativeCompiler } from '../sim/verilator/index.ts';
import { haveCommand, runTool } from '../sim/tools/run-tool.ts';

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

interface IcarusPeer { readonly rate: number; readonly build: number }

/**
 * Icarus Verilog as a peer: a testbench toggles the clock `+cycles` times and prints the outputs. Its rate is
 * (difference of cycles) / (difference of wall time) of a short and a long run, so vvp's start-up is not counted.
 * Returns null when iverilog is not installed.
 */
function icarus(label: string, design: Design, expect: ReadonlyMap<string, bigint>): IcarusPeer | null {
  if (!haveCommand('iverilog')) return null;
  const v = verilatorDesign(design);
  const ins = v.ports.filter((p) => p.direction === 'input');
  const outs = v.ports.filter((p) => p.direction === 'output');
  const tb = [
    '`timescale 1ns/1ps', 'module bench_tb;',
    ...ins.map((p) => `  reg [${p.width - 1}:0] ${p.name} = 0;`),
    ...outs.map((p) => `  wire [${p.width - 1}:0] ${p.name};`),
    `  ${v.top} dut (${v.ports.map((p) => `.${p.name}(${p.name})`).join(', ')});`,
    '  integer n, k;',
    '  initial begin',
    '    if (!$value$plusargs("cycles=%d", n)) n = 1;',
    '    #1;', '    for (k = 0; k < n; k = k + 1) begin clk = 1; #1; clk = 0; #1; end',
    ...outs.map((p) => `    $display("${p.name}=%0d", ${p.name});`),
    '    $finish;', '  end', 'endmodule', '',
  ].join('\n');
  const t0 = performance.now();
  const built = runTool('iverilog', ['-g2005', '-s', 'bench_tb', '-o', 'sim.vvp', 'tb.v', ...Object.keys(v.files)], { files: { ...v.files, 'tb.v': tb } });
  const build = (performance.now() - t0) / 1000;
  const run = (n: number): { s: number; out: string } => {
    const t = performance.now();
    const r = runTool('vvp', ['-n', 'sim.vvp', `+cycles=${n}`], { dir: built.dir });
    return { s: (performance.now() - t) / 1000, out: r.stdout };
  };
  const check = run(12_345);
  for (const [name, want] of expect) {
    const got = new RegExp(`^${name}=(\\d+)$`, 'm').exec(check.out)?.[1];
    if (got === undefined || BigInt(got) !== want) throw new Error(`${label}: '${name}' differs after 12345 cycles: built-in ${want}, Icarus ${got}`);
  }
  const base = run(1000);
  let n = 20_000;
  for (;;) {
    const r = run(n);
    if (r.s - base.s >= SECONDS || n > 1e8) return { rate: (n - 1000) / Math.max(r.s - base.s, 1e-6), build };
    n = Math.ceil(n * Math.min(50, Math.max(2, (SECONDS * 1.2) / Math.max(r.s - base.s, 1e-3))));
  }
}

interface Row { label: string; builtin: number; verilator: number; build: number; compile: number; icarus: IcarusPeer | null }

async function bench(label: string, design: Design): Promise<Row> {
  const tc = performance.now();
  const b = new BuiltinBackend(design);
  b.step('clk', 1); // builds the edge and loop functions
  const compile = (performance.now() - tc) / 1000;
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
  const outputs = check.ports.filter((q) => q.direction === 'output');
  const peer = icarus(label, design, new Map(outputs.map((p) => [p.name, BigInt.asUintN(p.width, check.get(p.name))])));
  const fresh = await buildNative(verilatorDesign(design));
  fresh.step('clk', 12_345);
  fresh.eval();
  for (const p of outputs) {
    if (check.get(p.name) !== fresh.get(p.name)) throw new Error(`${label}: '${p.name}' differs after 12345 cycles: built-in ${check.get(p.name)}, Verilator ${fresh.get(p.name)}`);
  }
  fresh.dispose();
  model.dispose();
  return { label, builtin, verilator, build: model.buildInfo.seconds, compile, icarus: peer };
}

const fmt = (x: number): string => x.toExponential(2);
console.log(`C++ compiler for Verilator: ${nativeCompiler() ?? 'none'}; measuring about ${SECONDS} s per entry`);
const rows = [
  await bench('(a) counter + 32-bit LFSR (64 FFs)', elaborate(counterLfsr('counter_lfsr', 32, 32))),
  await bench('(b) 64 x (8-bit counter + 16-bit LFSR) (1536 FFs)', elaborate(replicated(64))),
  await bench('(c) 64/128-bit arithmetic datapath (384 FFs)', elaborate(datapath())),
];
console.log('');
console.log('| design | built-in cycles/s | Verilator -O3 cycles/s | Icarus cycles/s | built-in/Verilator | goal | built-in/Icarus | compile: built-in, Verilator, Icarus |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const ratio = r.builtin / r.verilator;
  const goal = ratio >= 1 ? '>= 1.0x: met' : `>= 1.0x: missed by ${(1 / ratio).toFixed(1)}x`;
  const ic = r.icarus ? [fmt(r.icarus.rate), `${(r.builtin / r.icarus.rate).toFixed(1)}x`] : ['(no iverilog)', '-'];
  const builds = `${(r.compile * 1000).toFixed(0)} ms, ${r.build.toFixed(1)} s, ${r.icarus ? `${(r.icarus.build * 1000).toFixed(0)} ms` : '-'}`;
  console.log(`| ${r.label} | ${fmt(r.builtin)} | ${fmt(r.verilator)} | ${ic[0]} | ${ratio.toFixed(2)}x | ${goal} | ${ic[1]} | ${builds} |`);
}
