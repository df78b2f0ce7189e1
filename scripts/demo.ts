/**
 * The main job (`make demo`): the whole MeRAM noise-generator flow for one architecture on the built-in simulator.
 *   1. calibrate the generator from the device model (pulse codes, ROM contents, model thresholds, predicted pmf);
 *   2. emit both Verilog sets into build/meram/<design>/ (synthesis: control logic with macro black boxes;
 *      simulation: plus the behavioural models) and lint the synthesis set;
 *   3. synthesize the control logic with Yosys against the 180 nm-style library;
 *   4. simulate 10^6 samples cycle-accurately with a progress display;
 *   5. verify them (samples vs predicted pmf; predicted pmf vs N(0,1)) and print a summary with energy per sample;
 *   6. draw a histogram against the normal density (build/meram/<design>/histogram.svg).
 * Options: --arch tree|clt|word (default tree), --samples N, --seed S, --backend builtin|verilator-wasm.
 */
import path from 'node:path';
import { elaborate, emitVerilog, writeFileAtomic, MeramError, type Module } from '../hdl/index.ts';
import {
  planTree, meramTree, planClt, meramClt, planWord, meramWord, constrainedPhases, gridLevels, DEFAULT_GRID, type Planned,
} from '../designs/meram/index.ts';
import { meramTiming, describeTiming } from '../constraints/index.ts';
import { synthesize } from '../synth/index.ts';
import { verilatorLint } from '../sim/tools/verilator-lint.ts';
import { defaultDeviceParams, describeDevice, energyPerWrite, energyPerRead } from '../physics/index.ts';
import { progressBar } from '../common/progress.ts';
import { runGenerator, treeCodes } from '../testbenches/harness.ts';
import { verifyGenerator, describeVerdict } from '../testbenches/checks.ts';
import { writeHistogramSvg } from '../testbenches/histogram-plot.ts';
import type { BackendKind } from '../sim/index.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

interface Arch {
  planned: Planned<unknown>;
  top: Module;
  codes: (samples: Int32Array, extra: ReadonlyMap<string, Float64Array>) => Int32Array;
  record: string[];
  /** Bit operations (reset + pulse + read) per sample, for the energy estimate. */
  opsPerSample: number;
  /** Pulse settings used, for the energy estimate. */
  pulses: { amp: number; width: number }[];
}

function architecture(name: string, seed: number): Arch {
  const timing = constrainedPhases(meramTiming());
  if (name === 'tree') {
    const p = planTree({ seed, timing, lanes: 4 });
    return { planned: p, top: meramTree(p.plan), codes: (s) => treeCodes(s), record: [], opsPerSample: p.plan.bits, pulses: p.plan.nodes.flat().map((n) => ({ amp: n.amp, width: n.width })) };
  }
  if (name === 'clt') {
    const p = planClt({ seed, timing, n: 64 });
    return { planned: p, top: meramClt(p.plan), codes: (_, x) => Int32Array.from(x.get('ones')!), record: ['ones'], opsPerSample: 64, pulses: p.plan.ampCodes.map((a, i) => ({ amp: a, width: p.plan.widthCodes[i]! })) };
  }
  if (name === 'word') {
    const p = planWord({ seed, timing });
    return { planned: p, top: meramWord(p.plan), codes: (s) => s, record: [], opsPerSample: p.plan.cells.length, pulses: p.plan.ampCodes.map((a, i) => ({ amp: a, width: p.plan.widthCodes[i]! })) };
  }
  throw new MeramError(`unknown architecture '${name}' (choose tree, clt or word)`);
}

async function main(): Promise<void> {
  const archName = arg('arch', 'tree');
  const samples = Number(arg('samples', '1000000'));
  const seed = Number(arg('seed', '2026'));
  const backend = arg('backend', 'builtin') as BackendKind;
  if (!Number.isSafeInteger(samples) || samples < 100) throw new MeramError(`--samples must be an integer >= 100, got ${arg('samples', '')}`);
  if (!['tree', 'clt', 'word'].includes(archName)) throw new MeramError(`unknown architecture '${archName}' (choose tree, clt or word)`);
  if (!['builtin', 'verilator-wasm', 'verilator-native'].includes(backend)) throw new MeramError(`unknown backend '${backend}' (choose builtin, verilator-wasm or verilator-native)`);
  if (!Number.isSafeInteger(seed)) throw new MeramError(`--seed must be an integer, got ${arg('seed', '')}`);

  console.log('== 1. Device and calibration');
  console.log(describeDevice(defaultDeviceParams).split('\n').slice(0, 12).join('\n'));
  const t0 = performance.now();
  const a = architecture(archName, seed);
  const design = elaborate(a.top);
  const out = path.join('build', 'meram', design.top.name);
  console.log(`calibrated '${design.top.name}' in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(describeTiming(meramTiming()));

  console.log('\n== 2. Verilog');
  const sets = { synthesis: emitVerilog(design, { set: 'synthesis' }), simulation: emitVerilog(design, { set: 'simulation' }) };
  for (const [set, v] of Object.entries(sets)) for (const [f, text] of v.files) writeFileAtomic(path.join(out, set, f), text);
  const lint = verilatorLint(Object.fromEntries(sets.synthesis.files), design.top.name);
  console.log(`synthesis set: ${sets.synthesis.files.size} files in ${path.join(out, 'synthesis')} (verilator -Wall: ${lint ? 'warnings' : 'clean'})`);
  console.log(`simulation set: ${sets.simulation.files.size} files in ${path.join(out, 'simulation')}`);
  if (lint) console.log(lint);

  console.log('\n== 3. Synthesis of the control logic (Yosys, meram180 library)');
  const syn = await synthesize(design);
  console.log(`${syn.cellCount} cells, ${syn.areaUm2.toFixed(0)} um2, ${syn.flipFlops} flip-flops, 0 latches; macros kept: ${Object.entries(syn.macros).map(([k, v]) => `${v} x ${k}`).join(', ')}`);
  console.log(`energy ${syn.energy.totalPj.toFixed(1)} pJ/cycle at activity ${syn.energy.activity}; ${syn.timing ? `critical path ${syn.timing.pathNs.toFixed(2)} ns of ${syn.clock.periodNs} ns (slack ${syn.timing.slackNs.toFixed(2)} ns)` : 'no timing estimate'}`);

  console.log(`\n== 4. Simulation (${backend})`);
  const run = await runGenerator(design, { samples, backend, record: a.record, progress: progressBar('  simulate', { unit: 'samples' }) });
  const simRate = samples / run.seconds;
  const cyclesPerSample = run.cycles / samples;

  console.log('\n== 5. Verification');
  const codes = a.codes(run.samples, run.extra);
  const v = verifyGenerator(codes, a.planned.predicted, a.planned.target);
  console.log(describeVerdict(v));

  const p = defaultDeviceParams;
  const { amplitudesV, widthsS } = gridLevels(DEFAULT_GRID);
  const pulseJ = a.pulses.reduce((s, x) => s + energyPerWrite(p, amplitudesV[x.amp]!, widthsS[x.width]!).totalJ, 0) / a.pulses.length;
  const resetJ = energyPerWrite(p, amplitudesV[amplitudesV.length - 1]!, 1e-9).totalJ;
  const readJ = energyPerRead(p).totalJ;
  const deviceJ = a.opsPerSample * (pulseJ + resetJ + readJ);
  const controlJ = syn.energy.totalPj * 1e-12 * cyclesPerSample;
  const clockHz = 1e9 / meramTiming().periodNs;

  console.log('\n== Summary');
  console.log(`architecture            ${archName} (${design.top.name}), seed ${seed}`);
  console.log(`samples simulated       ${samples} in ${run.seconds.toFixed(2)} s: ${simRate.toExponential(3)} samples/s, ${(run.cycles / run.seconds).toExponential(3)} cycles/s (${backend})`);
  console.log(`hardware throughput     ${cyclesPerSample.toFixed(1)} cycles/sample at ${clockHz / 1e6} MHz: ${(clockHz / cyclesPerSample).toExponential(3)} samples/s`);
  console.log(`statistics              ${v.battery.passed ? 'all checks pass' : 'SOME CHECKS FAIL'} (family alpha 0.01)`);
  console.log(`distance to N(0,1)      TV ${v.toNormal.tv.toFixed(4)}, KL ${v.toNormal.kl.toExponential(3)} nats, max CDF gap ${v.toNormal.maxCdfGap.toFixed(4)}, max |z| ${v.toNormal.maxAbsZ.toFixed(2)}`);
  console.log(`calibration error       TV ${v.toTarget.tv.toExponential(3)} between achieved and designed pmf`);
  console.log(`energy per sample       ${(deviceJ * 1e15).toFixed(1)} fJ in the MTJs and sense amplifiers (${a.opsPerSample} x (reset ${(resetJ * 1e15).toFixed(1)} + pulse ${(pulseJ * 1e15).toFixed(1)} + read ${(readJ * 1e15).toFixed(1)} fJ)) + ${(controlJ * 1e12).toFixed(1)} pJ in the 180 nm control logic`);
  const svg = path.join(out, 'histogram.svg');
  await writeHistogramSvg(svg, codes, a.planned.predicted, `${design.top.name}: ${samples} simulated samples against N(0,1)`);
  console.log(`histogram               ${svg}`);
  if (!v.battery.passed) process.exitCode = 1;
}

main().catch((e: unknown) => {
  if (e instanceof MeramError) { console.error(`error: ${e.message}`); process.exit(1); }
  throw e;
});
