/**
 * Benchmark: validated MeRAM samples per second through the full cycle-accurate simulation, for each architecture,
 * on the built-in simulator and on Verilator compiled to WebAssembly (built in the same run). "Validated" = the
 * time also includes the statistics battery on the samples. Goals (issue 14): built-in >= 1.0x Verilator-WASM on
 * every generator, >= 10^6 validated samples/s built-in for the default configuration (tree sampler). Then the
 * worker-thread runner (testbenches/parallel.ts): independent seeds on 1..cores threads and the scaling.
 * Also printed: the simulated rate after the first batch (warm-up excluded), and its built-in / WASM ratio.
 * Run: `npx tsx bench/meram.ts [--samples N] [--samples-<tree|clt|word> N] [--workers-samples N] [--workers-samples-<kind> N]
 * [--repeat N] [--only tree,clt,word]` (`--workers-samples 0` skips the worker runs)
 * (a per-kind option overrides the general one for one generator: the sum of 64 bits needs 133 cycles a sample).
 */
import os from 'node:os';
import { elaborate } from '../hdl/index.ts';
import { runGenerator } from '../testbenches/harness.ts';
import { verifyGenerator } from '../testbenches/checks.ts';
import { generatorCase, type GeneratorKind } from '../testbenches/generators.ts';
import { runParallel, seedJobs } from '../testbenches/parallel.ts';
import type { BackendKind } from '../sim/index.ts';

const arg = (name: string): string | undefined => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
const defaultSamples = Number(arg('--samples') ?? 200_000);
const perWorker = Number(arg('--workers-samples') ?? 100_000);
const repeat = Number(arg('--repeat') ?? 1);
const kinds = (arg('--only')?.split(',') ?? ['tree', 'clt', 'word']) as GeneratorKind[];
const seeds: Record<GeneratorKind, number> = { tree: 1, clt: 2, word: 3 };
const fmt = (x: number): string => x.toExponential(2);

console.log(`MeRAM generators: ${defaultSamples} samples each (unless set per generator), controller timing from constraints (10 ns clock)`);
console.log(`${'architecture'.padEnd(32)} ${'backend'.padEnd(15)} ${'cycles/sample'.padStart(13)} ${'compile s'.padStart(9)} ${'sim samples/s'.padStart(14)} ${'after batch 1'.padStart(13)} ${'validated/s'.padStart(12)}`);
const summary: string[] = [];
for (const kind of kinds) {
  const samples = Number(arg(`--samples-${kind}`) ?? defaultSamples);
  const c = generatorCase({ kind, seed: seeds[kind] });
  const design = elaborate(c.top());
  const rate: Partial<Record<BackendKind, number>> = {};
  const simRate: Partial<Record<BackendKind, number>> = {};
  const steady: Partial<Record<BackendKind, number>> = {};
  // With --repeat N the backends run alternately N times (each run a fresh simulator: compile and JIT warm-up
  // included) and the best rate of each counts: other work on a shared machine only ever slows a run down.
  for (let round = 0; round < repeat; round++) for (const backend of ['builtin', 'verilator-wasm'] as BackendKind[]) {
    const t0 = performance.now();
    // Batch ends, to report the rate after the first batch too (JIT warm-up of the built-in loop, WASM tier-up).
    const marks: [number, number][] = [];
    const run = await runGenerator(design, { samples, backend, record: c.record, progress: (done) => marks.push([performance.now(), done]) });
    const steadyRate = marks.length >= 3 ? (marks.at(-1)![1] - marks[0]![1]) / ((marks.at(-1)![0] - marks[0]![0]) / 1000) : NaN;
    steady[backend] = Math.max(steady[backend] ?? 0, steadyRate);
    const setup = (performance.now() - t0) / 1000 - run.seconds;
    const t1 = performance.now();
    const v = verifyGenerator(c.codes(run.samples, run.extra), c.planned.predicted, c.planned.target);
    const checkS = (performance.now() - t1) / 1000;
    rate[backend] = Math.max(rate[backend] ?? 0, samples / (run.seconds + checkS));
    simRate[backend] = Math.max(simRate[backend] ?? 0, samples / run.seconds);
    console.log(`${c.name.padEnd(32)} ${backend.padEnd(15)} ${(run.cycles / samples).toFixed(1).padStart(13)} ${setup.toFixed(1).padStart(9)} ${fmt(samples / run.seconds).padStart(14)} ${fmt(steadyRate).padStart(13)} ${fmt(samples / (run.seconds + checkS)).padStart(12)}${v.battery.passed ? '' : '  (checks FAILED)'}`);
  }
  const ratio = rate.builtin! / rate['verilator-wasm']!;
  summary.push(`| ${c.name} | ${fmt(simRate.builtin!)} | ${fmt(simRate['verilator-wasm']!)} | ${(steady.builtin! / steady['verilator-wasm']!).toFixed(2)}x | ${fmt(rate.builtin!)} | ${fmt(rate['verilator-wasm']!)} | ${ratio.toFixed(2)}x | ${ratio >= 1 ? 'met' : `missed by ${(1 / ratio).toFixed(1)}x`} | ${rate.builtin! >= 1e6 ? 'met' : `missed by ${(1e6 / rate.builtin!).toFixed(0)}x`}${kind === 'tree' ? ' (the goal)' : ' (reported)'} |`);
}
console.log('\n| generator | built-in samples/s | Verilator-WASM samples/s | built-in/WASM after the first batch (sim) | built-in validated/s | Verilator-WASM validated/s | built-in/WASM (validated) | goal >= 1.0x | goal >= 10^6 validated/s |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const line of summary) console.log(line);

// Scaling over worker threads: `w` independent generators (seeds 1..w) of `perWorker` samples, each validated in its
// worker. Wall time includes thread start-up, planning and compilation; "steady" sums the workers' own rates.
const cores = os.availableParallelism();
if (perWorker > 0) {
  console.log(`\nWorker threads (${cores} cores available; ${perWorker} validated samples per worker unless set per generator, built-in)`);
  console.log('| generator | workers | wall validated/s | speed-up (wall) | steady validated/s (sum) | speed-up (steady) | all passed |');
  console.log('|---|---|---|---|---|---|---|');
}
for (const kind of perWorker > 0 ? kinds : []) {
  let base: { wall: number; steady: number } | null = null;
  for (let w = 1; w <= cores; w *= 2) {
    const run = await runParallel(seedJobs({ kind, seed: seeds[kind] }, w, Number(arg(`--workers-samples-${kind}`) ?? perWorker), { validate: true }), { workers: w });
    const wall = run.merged.length / run.seconds;
    const steady = run.results.reduce((s, r) => s + r.codes.length / (r.seconds + r.check!.seconds), 0);
    base ??= { wall, steady };
    console.log(`| ${generatorCase({ kind, seed: 1 }).name} | ${w} | ${fmt(wall)} | ${(wall / base.wall).toFixed(2)}x | ${fmt(steady)} | ${(steady / base.steady).toFixed(2)}x | ${run.results.every((r) => r.check!.passed) ? 'yes' : 'NO'} |`);
    if (w < cores && w * 2 > cores) w = cores / 2; // always measure `cores` itself
  }
}
