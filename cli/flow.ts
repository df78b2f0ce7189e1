/**
 * `meram-hdl flow` (what `make demo` runs): the whole MeRAM noise-generator flow for one architecture.
 *   1. calibrate the generator from the device model (pulse codes, ROM contents, model thresholds, predicted pmf);
 *   2. emit both Verilog sets into build/meram/<design>/ (synthesis: control logic with macro black boxes;
 *      simulation: plus the behavioural models) and lint the synthesis set;
 *   3. synthesize the control logic with Yosys against the 180 nm-style library (one run per --liberty corner);
 *   4. simulate 10^6 samples cycle-accurately with a progress display;
 *   5. verify them (samples vs predicted pmf; predicted pmf vs N(0,1)) and print a summary with energy per sample;
 *   6. draw a histogram against the normal density (build/meram/<design>/histogram.svg);
 *   7. save the results as JSON (flow.json, what `meram-hdl report` reads) and, with --out, the tape-out hand-off.
 */
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { progressBar } from '../common/progress.ts';
import { elaborate, emitVerilog, type Module } from '../hdl/index.ts';
import {
  planTree, meramTree, planClt, meramClt, planWord, meramWord, constrainedPhases, gridLevels, DEFAULT_GRID, type Planned,
} from '../designs/meram/index.ts';
import { meramTiming, describeTiming } from '../constraints/index.ts';
import { verilatorLint } from '../sim/tools/verilator-lint.ts';
import { BehaviouralModel, defaultDeviceParams, describeDevice, energyPerWrite, energyPerRead } from '../physics/index.ts';
import { runGenerator, treeCodes } from '../testbenches/harness.ts';
import { verifyGenerator, describeVerdict } from '../testbenches/checks.ts';
import { writeHistogramSvg } from '../testbenches/histogram-plot.ts';
import type { BackendKind } from '../sim/index.ts';
import { choice, int, str, type Verb } from './args.ts';
import { CheckFailedError } from './errors.ts';
import { writeHandoff } from './handoff.ts';
import { SYNTH_HELP, SYNTH_OPTIONS, synthChoices, synthCorners } from './synth.ts';
import { FLOW_FORMAT, type FlowResult } from './flow-result.ts';

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

const ARCHS = ['tree', 'clt', 'word'] as const;
const BACKENDS: readonly BackendKind[] = ['builtin', 'verilator-wasm', 'verilator-native'];

function architecture(name: (typeof ARCHS)[number], seed: number): Arch {
  const timing = constrainedPhases(meramTiming());
  if (name === 'tree') {
    const p = planTree({ seed, timing, lanes: 4 });
    return { planned: p, top: meramTree(p.plan), codes: (s) => treeCodes(s), record: [], opsPerSample: p.plan.bits, pulses: p.plan.nodes.flat().map((n) => ({ amp: n.amp, width: n.width })) };
  }
  if (name === 'clt') {
    const p = planClt({ seed, timing, n: 64 });
    return { planned: p, top: meramClt(p.plan), codes: (_, x) => Int32Array.from(x.get('ones')!), record: ['ones'], opsPerSample: 64, pulses: p.plan.ampCodes.map((a, i) => ({ amp: a, width: p.plan.widthCodes[i]! })) };
  }
  const p = planWord({ seed, timing });
  return { planned: p, top: meramWord(p.plan), codes: (s) => s, record: [], opsPerSample: p.plan.cells.length, pulses: p.plan.ampCodes.map((a, i) => ({ amp: a, width: p.plan.widthCodes[i]! })) };
}

/** `meram-hdl flow [--arch tree|clt|word] [--samples N] [--seed S] [--backend B] [--out DIR]` */
export const flowVerb: Verb = {
  name: 'flow',
  summary: 'the whole MeRAM flow (make demo): calibrate, emit, synthesize, simulate, verify; hand-off and flow.json',
  help: `usage: meram-hdl flow [options]

Calibrates a MeRAM noise generator from the device model, emits and lints its Verilog (build/meram/<design>/),
synthesizes it, simulates the samples cycle-accurately, verifies them statistically, prints a summary and draws a
histogram. Saves every result in flow.json (read by 'meram-hdl report'). Exit code 1 when a statistical check fails.
  --arch A           tree (default; 8-bit tree sampler, 4 lanes), clt or word
  --samples N        samples to simulate (default 1000000, at least 100)
  --seed S           calibration and simulation seed (default 2026)
  --backend B        builtin (default), verilator-wasm or verilator-native
  --out DIR          write the tape-out hand-off into DIR and flow.json there (default: build/meram/<design>/flow.json)
${SYNTH_HELP}

example: meram-hdl flow --arch clt --samples 100000 --out build/handoff && meram-hdl report build/handoff/flow.json`,
  options: { arch: { type: 'string' }, samples: { type: 'string' }, seed: { type: 'string' }, backend: { type: 'string' }, out: { type: 'string', short: 'o' }, ...SYNTH_OPTIONS },
  positionals: [0, 0],
  async run(args) {
    const archName = choice('flow', args, 'arch', ARCHS, 'tree');
    const samples = int('flow', args, 'samples', 1_000_000, 100);
    const seed = int('flow', args, 'seed', 2026);
    const backend = choice('flow', args, 'backend', BACKENDS, 'builtin');
    const handoff = str(args, 'out');
    const corners = synthChoices('flow', args);

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
    const reports = await synthCorners(design, corners);
    for (const syn of reports) {
      if (reports.length > 1) console.log(`corner ${syn.library} (${syn.voltage} V):`);
      console.log(`${syn.cellCount} cells, ${syn.areaUm2.toFixed(0)} um2, ${syn.flipFlops} flip-flops, 0 latches; macros kept: ${Object.entries(syn.macros).map(([k, v]) => `${v} x ${k}`).join(', ')}`);
      console.log(`energy ${syn.energy.totalPj.toFixed(1)} pJ/cycle at activity ${syn.energy.activity}; ${syn.timing ? `critical path ${syn.timing.pathNs.toFixed(2)} ns of ${syn.clock.periodNs} ns (slack ${syn.timing.slackNs.toFixed(2)} ns)` : 'no timing estimate'}`);
    }
    const syn = reports[0]!;

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

    const nominal = BehaviouralModel.load();
    const counts = new Map<number, number>();
    for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
    const result: FlowResult = {
      format: FLOW_FORMAT,
      arch: archName, design: design.top.name, seed, samples, backend,
      device: { description: describeDevice(defaultDeviceParams), params: { ...defaultDeviceParams } as unknown as Record<string, unknown> },
      pswMap: (['P', 'AP'] as const).flatMap((from) => amplitudesV.flatMap((amplitudeV) => widthsS.map((w) => ({ from, amplitudeV, widthNs: w * 1e9, p: nominal.pSwitch(amplitudeV, w, from) })))),
      calibration: a.pulses.map((x, i) => ({
        pulse: i, ampCode: x.amp, widthCode: x.width, amplitudeV: amplitudesV[x.amp]!, widthNs: widthsS[x.width]! * 1e9,
        pSwitchP: nominal.pSwitch(amplitudesV[x.amp]!, widthsS[x.width]!, 'P'), energyFj: energyPerWrite(p, amplitudesV[x.amp]!, widthsS[x.width]!).totalJ * 1e15,
      })),
      histogram: { counts: [...counts].sort((x, y) => x[0] - y[0]), predicted: { origin: a.planned.predicted.origin, step: a.planned.predicted.step, offset: a.planned.predicted.offset, probs: [...a.planned.predicted.probs] } },
      tests: { alphaPerCheck: v.battery.alphaPerCheck, passed: v.battery.passed, checks: v.battery.checks.map((c) => ({ name: c.name, pValue: c.pValue, passed: c.passed })) },
      toNormal: { tv: v.toNormal.tv, kl: v.toNormal.kl, maxCdfGap: v.toNormal.maxCdfGap, maxAbsZ: v.toNormal.maxAbsZ },
      toTarget: v.toTarget,
      synthesis: reports.map((r) => ({
        library: r.library, voltage: r.voltage, periodNs: r.clock.periodNs, cells: r.cells, cellCount: r.cellCount, areaUm2: r.areaUm2, flipFlops: r.flipFlops,
        macros: r.macros, leakageNw: r.leakageNw, energyPjPerCycle: r.energy.totalPj, powerUw: r.energy.powerUw,
        timing: r.timing ? { pathNs: r.timing.pathNs, slackNs: r.timing.slackNs, met: r.timing.met, startPoint: r.timing.startPoint, endPoint: r.timing.endPoint } : null,
      })),
      summary: {
        simulationSeconds: run.seconds, simulatedSamplesPerS: simRate, cyclesPerSample, clockHz, hardwareSamplesPerS: clockHz / cyclesPerSample,
        deviceFjPerSample: deviceJ * 1e15, controlPjPerSample: controlJ * 1e12, resetFj: resetJ * 1e15, pulseFj: pulseJ * 1e15, readFj: readJ * 1e15,
      },
      files: { verilog: out, histogram: svg, ...(handoff ? { handoff } : {}) },
    };
    const json = path.join(handoff ?? out, 'flow.json');
    if (handoff) {
      const files = await writeHandoff(handoff, { design, report: syn, clock: corners.clock, liberty: corners.libs[0]! });
      console.log(`hand-off                ${handoff} (${files.length} files, see ${path.join(handoff, 'README.md')})`);
    }
    writeFileAtomic(json, `${JSON.stringify(result, null, 1)}\n`);
    if (handoff) console.log(`results                 ${json} (meram-hdl report ${json})`);
    if (!v.battery.passed) throw new CheckFailedError('some statistical checks fail (see the verification table above)');
  },
};
