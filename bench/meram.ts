/**
 * Benchmark: validated MeRAM samples per second through the full cycle-accurate simulation, for each architecture,
 * on the built-in simulator and on Verilator compiled to WebAssembly (built in the same run). "Validated" = the
 * time also includes the statistics battery on the samples. Goal: >= 10^6 samples/s built-in for the default
 * configuration (tree sampler). Run: `npx tsx bench/meram.ts [--samples N]`
 */
import { elaborate, type Module } from '../hdl/index.ts';
import { planTree, meramTree, planClt, meramClt, planWord, meramWord, constrainedPhases, type Planned } from '../designs/meram/index.ts';
import { runGenerator, treeCodes } from '../testbenches/harness.ts';
import { verifyGenerator } from '../testbenches/checks.ts';
import type { BackendKind } from '../sim/index.ts';

const i = process.argv.indexOf('--samples');
const samples = i >= 0 ? Number(process.argv[i + 1]) : 200_000;
const timing = constrainedPhases();

interface Case { name: string; planned: Planned<unknown>; top: () => Module; codes: (s: Int32Array, x: ReadonlyMap<string, Float64Array>) => Int32Array; record: string[] }
const tree = planTree({ seed: 1, timing, lanes: 4 });
const clt = planClt({ seed: 2, timing, n: 64 });
const word = planWord({ seed: 3, timing });
const cases: Case[] = [
  { name: 'tree sampler, 8 bits, 4 lanes', planned: tree, top: () => meramTree(tree.plan), codes: (s) => treeCodes(s), record: [] },
  { name: 'sum of 64 bits', planned: clt, top: () => meramClt(clt.plan), codes: (_, x) => Int32Array.from(x.get('ones')!), record: ['ones'] },
  { name: 'paper word, 8 bits', planned: word, top: () => meramWord(word.plan), codes: (s) => s, record: [] },
];

console.log(`MeRAM generators: ${samples} samples each, controller timing from constraints (10 ns clock)`);
console.log(`${'architecture'.padEnd(32)} ${'backend'.padEnd(15)} ${'cycles/sample'.padStart(13)} ${'sim samples/s'.padStart(14)} ${'validated/s'.padStart(12)} ${'vs built-in'.padStart(11)}`);
for (const c of cases) {
  const design = elaborate(c.top());
  let builtinRate = 0;
  for (const backend of ['builtin', 'verilator-wasm'] as BackendKind[]) {
    const run = await runGenerator(design, { samples, backend, record: c.record });
    const t0 = performance.now();
    const v = verifyGenerator(c.codes(run.samples, run.extra), c.planned.predicted, c.planned.target);
    const checkS = (performance.now() - t0) / 1000;
    const simRate = samples / run.seconds;
    const validated = samples / (run.seconds + checkS);
    if (backend === 'builtin') builtinRate = validated;
    console.log(`${c.name.padEnd(32)} ${backend.padEnd(15)} ${(run.cycles / samples).toFixed(1).padStart(13)} ${simRate.toExponential(2).padStart(14)} ${validated.toExponential(2).padStart(12)} ${(validated / builtinRate).toFixed(2).padStart(10)}x${v.battery.passed ? '' : '  (checks FAILED)'}`);
  }
}
