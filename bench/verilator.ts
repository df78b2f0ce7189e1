/**
 * Verilator backends benchmark: cycles/s of native Verilator (-O3, clang++ or g++) and Verilator compiled to
 * WebAssembly (@yowasp/clang), measured in this run on (a) counter + 32-bit LFSR, (b) 64 copies (1536 flip-flops),
 * (c) 64/128-bit arithmetic; plus cold, warm (design changed, runtime cached) and cache-hit build times.
 *
 *   npx tsx bench/verilator.ts [--seconds 1.5] [--wasm-flags "-O3 -mbulk-memory"]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildNative, buildWasm, DEFAULT_WASM_FLAGS, nativeCompiler, nativeCompilerAvailable, prefetchClang, verilatorInfo,
  type CycleModel, type PortSpec, type VerilatorDesign,
} from '../sim/verilator/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const read = (f: string) => fs.readFileSync(path.join(here, 'designs', f), 'utf8');
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const seconds = Number(arg('--seconds') ?? 1.5);
const wasmFlags = arg('--wasm-flags')?.split(/\s+/).filter(Boolean) ?? DEFAULT_WASM_FLAGS;

const p = (name: string, direction: 'input' | 'output', width: number): PortSpec => ({ name, direction, width, signed: false });
const control = [p('clk', 'input', 1), p('rst', 'input', 1)];
const designs: { label: string; design: VerilatorDesign; setup: (m: CycleModel) => void }[] = [
  {
    label: '(a) counter + 32-bit LFSR (40 FF)',
    design: { top: 'bench_a', files: { 'ctr_lfsr.v': read('ctr_lfsr.v') }, ports: [...control, p('en', 'input', 1), p('count', 'output', 8), p('lfsr', 'output', 32)] },
    setup: (m) => m.set('en', 1),
  },
  {
    label: '(b) 64 copies (1536 FF)',
    design: { top: 'bench_b', files: { 'ctr_lfsr.v': read('ctr_lfsr.v'), 'bench_b.v': read('bench_b.v') }, ports: [...control, p('en', 'input', 1), p('count_x', 'output', 8), p('lfsr_x', 'output', 16)] },
    setup: (m) => m.set('en', 1),
  },
  {
    label: '(c) 64/128-bit arithmetic (448 FF)',
    design: { top: 'bench_c', files: { 'bench_c.v': read('bench_c.v') }, ports: [...control, p('a', 'input', 64), p('b', 'input', 64), p('acc_out', 'output', 128), p('mix_out', 'output', 64), p('neg', 'output', 1)] },
    setup: (m) => {
      m.set('a', 0x0123456789abcdefn);
      m.set('b', 0xfedcba9876543210n);
    },
  },
];

/** Best of three runs, each about `seconds` long (cycle count calibrated on a short run). */
function cyclesPerSecond(m: CycleModel): number {
  m.set('rst', 1);
  m.step('clk');
  m.set('rst', 0);
  let n = 10_000;
  while (m.benchmarkCycles('clk', n) < 0.05 && n < 2 ** 40) n *= 4;
  const t = m.benchmarkCycles('clk', n);
  const cycles = Math.max(1, Math.round((n / t) * seconds));
  let best = 0;
  for (let r = 0; r < 3; r++) best = Math.max(best, cycles / m.benchmarkCycles('clk', cycles));
  return best;
}

const fmt = (x: number) => x.toExponential(2);
const secs = (x: number) => `${x.toFixed(1)} s`;

async function main(): Promise<void> {
  const info = verilatorInfo();
  const native = nativeCompilerAvailable();
  console.log(`${info.version}; native compiler: ${native ? nativeCompiler() : 'none'}; wasm flags: ${wasmFlags.join(' ')}; ${os.cpus().length} CPU(s)`);
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meram-verilator-bench-'));
  try {
    await prefetchClang();
    const a = designs[0]!.design;
    const changed = (d: VerilatorDesign): VerilatorDesign => ({ ...d, files: { ...d.files, 'ctr_lfsr.v': `// changed\n${d.files['ctr_lfsr.v']}` } });
    const build = { wasm: { cold: '', warm: '', hit: '' }, native: { cold: '-', warm: '-', hit: '-' } };
    const timed = async (f: () => Promise<CycleModel>) => {
      const m = await f();
      m.dispose();
      return `${m.buildInfo.seconds.toFixed(1)} s${m.buildInfo.cacheHit ? ' (hit)' : ''}`;
    };
    build.wasm.cold = await timed(() => buildWasm(a, { cacheDir, wasmFlags }));
    build.wasm.warm = await timed(() => buildWasm(changed(a), { cacheDir, wasmFlags }));
    build.wasm.hit = await timed(() => buildWasm(a, { cacheDir, wasmFlags }));
    if (native) {
      build.native.cold = await timed(() => buildNative(a, { cacheDir }));
      build.native.warm = await timed(() => buildNative(changed(a), { cacheDir }));
      build.native.hit = await timed(() => buildNative(a, { cacheDir }));
    }

    const rows: string[][] = [['design', 'native cycles/s', 'wasm cycles/s', 'wasm/native', 'wasm build']];
    for (const { label, design, setup } of designs) {
      const w = await buildWasm(design, { cacheDir, wasmFlags });
      setup(w);
      const wasmRate = cyclesPerSecond(w);
      w.dispose();
      let nativeRate = NaN;
      if (native) {
        const n = await buildNative(design, { cacheDir });
        setup(n);
        nativeRate = cyclesPerSecond(n);
        n.dispose();
      }
      rows.push([label, native ? fmt(nativeRate) : '-', fmt(wasmRate), native ? `${(wasmRate / nativeRate).toFixed(2)}x` : '-', secs(w.buildInfo.seconds)]);
    }
    rows.push([]);
    rows.push(['build of (a)', 'native', 'wasm', '', '']);
    rows.push(['cold (empty cache)', build.native.cold, build.wasm.cold, '', '']);
    rows.push(['warm (design changed)', build.native.warm, build.wasm.warm, '', '']);
    rows.push(['cache hit', build.native.hit, build.wasm.hit, '', '']);
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
    for (const r of rows) console.log(r.length ? r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ') : '');
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

await main();
