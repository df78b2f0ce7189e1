/**
 * Measures one generator at one corner: picks the clock (the shortest period of a grid at which OpenSTA finds the
 * setup checks met, ABC's estimate beside it), synthesizes it flat onto the corner library (optionally clock-gated),
 * runs the gate-level activity simulation, and prices the MeRAM macros; returns the figures for each inclusion.
 *
 * @example
 * const row = await measureGenerator(GENERATORS[0]!, cornerByName('1v80'), { clockGating: true, dir: 'build/energy' });
 * console.log(row.inclusions.wholeBlock.energyPerSamplePj);
 */
import fs from 'node:fs';
import path from 'node:path';
import { elaborate } from '../hdl/index.ts';
import { synthesize, type SynthesisReport } from '../synth/index.ts';
import { parseLiberty, type LibertyLibrary } from '../synth/liberty.ts';
import { cornerLibraryPath } from '../constraints/liberty-writer.ts';
import type { Corner } from '../constraints/corners.ts';
import { MERAM_CLOCK, type ClockConstraints } from '../constraints/timing.ts';
import { DEFAULT_GRID } from '../designs/meram/index.ts';
import { compareToNormal } from '../verif/index.ts';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { measuredEnergy, type EnergyPerCycle } from './activity.ts';
import { gateLevelActivity } from './gate-sim.ts';
import type { GeneratorSpec } from './generators.ts';
import { macroLibertyText } from './macro-liberty.ts';
import { type MeramMacros, meramMacros } from './macro.ts';
import { parseGateNetlist } from './netlist.ts';
import { haveOpenSta, runOpenSta, type StaResult } from './sta.ts';

/** Clock periods tried (ns), shortest first. */
export const PERIOD_GRID_NS = [10, 12.5, 15, 20, 25, 30, 40, 50, 60, 80, 100, 125, 160, 200] as const;

/** Fanout limit of the mapped logic (ABC `buffer -N`): drive-1 cells only, so high-fanout nets are buffered. */
export const MAX_FANOUT = 8;

/** The figures of one inclusion. */
export interface Figures {
  readonly energyPerSamplePj: number;
  readonly energyPerBitPj: number;
  readonly areaUm2: number;
  /** Energy per bit x area (pJ·mm² per bit); lower is better, its inverse is bits per joule per mm². */
  readonly energyAreaPerBitPjMm2: number;
}

/** One measured generator at one corner (a row of build/energy/energy.json; see docs/energy.md for the keys). */
export interface MeasuredRow {
  readonly generator: string;
  readonly family: 'meram' | 'cmos';
  readonly prng: boolean;
  readonly description: string;
  readonly corner: string;
  readonly voltage: number;
  readonly clockGating: boolean;
  readonly periodNs: number;
  readonly clockMHz: number;
  readonly timing: {
    readonly opensta: { readonly slackNs: number; readonly arrivalNs: number; readonly met: boolean; readonly startPoint: string; readonly endPoint: string } | null;
    readonly abc: { readonly pathNs: number; readonly slackNs: number; readonly met: boolean } | null;
    /** Periods tried before this one, with OpenSTA's (or ABC's) slack. */
    readonly tried: readonly { readonly periodNs: number; readonly slackNs: number }[];
  };
  readonly logic: { readonly cells: number; readonly areaUm2: number; readonly flipFlops: number; readonly clockGates: number; readonly leakageNw: number };
  readonly macros: { readonly count: Readonly<Record<string, number>>; readonly areaUm2: number } | null;
  readonly activity: {
    readonly source: 'measured' | 'constant';
    readonly cycles: number;
    readonly meanDataActivity: number;
    readonly energyPerCyclePj: number;
    readonly breakdownPj: { readonly internal: number; readonly clock: number; readonly switching: number; readonly leakage: number };
    /** The constant-activity (0.1) estimate of synth/, for comparison. */
    readonly constantModelPerCyclePj: number;
  };
  readonly samplesPerCycle: number;
  readonly samplesPerSecond: number;
  readonly bitsPerSample: number;
  readonly bitsPerSecond: number;
  readonly distanceToNormal: { readonly tv: number; readonly maxCdfGap: number; readonly maxAbsZ: number } | null;
  readonly macroEnergyPerSamplePj: { readonly devices: number; readonly periphery: number } | null;
  /** devices: MTJs only; devicesPeriphery: + sense amplifiers, DACs, pulse generators, drivers; wholeBlock: + control logic. */
  readonly inclusions: { readonly devices: Figures | null; readonly devicesPeriphery: Figures | null; readonly wholeBlock: Figures };
}

/** Options of {@link measureGenerator}. */
export interface MeasureOptions {
  readonly clockGating: boolean;
  /** Working folder (default build/energy). */
  readonly dir?: string;
  /** Measured cycles of the gate-level run (default 4000). */
  readonly cycles?: number;
  /** First period to try (default 10 ns). */
  readonly startPeriodNs?: number;
  /** Use OpenSTA for the clock choice when installed (default true); otherwise ABC's estimate decides. */
  readonly openSta?: boolean;
}

const libCache = new Map<string, LibertyLibrary>();
/** The parsed library of a corner. */
export function cornerLibrary(c: Corner): LibertyLibrary {
  let lib = libCache.get(c.name);
  if (!lib) { lib = parseLiberty(fs.readFileSync(cornerLibraryPath(c), 'utf8')); libCache.set(c.name, lib); }
  return lib;
}

const r4 = (x: number): number => Number(x.toPrecision(4));

function figures(energyPerSamplePj: number, bitsPerSample: number, areaUm2: number): Figures {
  const energyPerBitPj = energyPerSamplePj / bitsPerSample;
  return { energyPerSamplePj: r4(energyPerSamplePj), energyPerBitPj: r4(energyPerBitPj), areaUm2: r4(areaUm2), energyAreaPerBitPjMm2: r4(energyPerBitPj * areaUm2 * 1e-6) };
}

/** Energy per sample of the macros (pJ), devices and periphery. */
export function macroEnergyPerSample(m: MeramMacros, work: NonNullable<ReturnType<GeneratorSpec['build']>['macro']>): { devices: number; periphery: number } {
  let devices = 0;
  let periphery = 0;
  const reset = m.resetOp();
  const read = m.readOp();
  for (const { setting, weight } of work.pulses) {
    const pulse = m.pulseOp(setting);
    devices += weight * (reset.deviceJ + pulse.deviceJ + read.deviceJ);
    periphery += weight * (reset.peripheryJ + pulse.peripheryJ + read.peripheryJ);
  }
  return { devices: devices * work.opsPerSample * 1e12, periphery: periphery * work.opsPerSample * 1e12 };
}

/** Measures `spec` at `corner`. */
export async function measureGenerator(spec: GeneratorSpec, corner: Corner, o: MeasureOptions): Promise<MeasuredRow> {
  const lib = cornerLibrary(corner);
  const libFile = cornerLibraryPath(corner);
  const base = path.join(o.dir ?? path.join('build', 'energy'), corner.name, `${spec.id}${o.clockGating ? '_cg' : ''}`);
  const macros = meramMacros({ lib, corner, grid: DEFAULT_GRID });
  const macroAreas = { MERAM_MTJ: macros.mtj.areaUm2, MERAM_SA: macros.sa.areaUm2 };
  const macroLib = path.join(base, 'macros.lib');
  const d = corner.delay.DFFRN!;
  writeFileAtomic(macroLib, macroLibertyText({ mtjAreaUm2: macros.mtj.areaUm2, saAreaUm2: macros.sa.areaUm2, ampBits: DEFAULT_GRID.ampBits, widthBits: DEFAULT_GRID.widthBits, delayFactor: Math.max(d.rise, d.fall), setupFactor: Math.max(...corner.setupFactor) }));
  const useSta = (o.openSta ?? true) && haveOpenSta();
  const tried: { periodNs: number; slackNs: number }[] = [];
  let chosen: { report: SynthesisReport; sta: StaResult | null; built: ReturnType<GeneratorSpec['build']>; clock: ClockConstraints } | null = null;
  // Start at the first period; then jump to the smallest grid period covering the path found (period - slack).
  let periodNs: number = PERIOD_GRID_NS.find((p) => p >= (o.startPeriodNs ?? 10)) ?? PERIOD_GRID_NS[0];
  for (;;) {
    const clock: ClockConstraints = { periodNs, inputDelayNs: MERAM_CLOCK.inputDelayNs * periodNs / MERAM_CLOCK.periodNs, outputDelayNs: MERAM_CLOCK.outputDelayNs * periodNs / MERAM_CLOCK.periodNs };
    const built = spec.build(periodNs);
    const report = await synthesize(elaborate(built.top), { liberty: libFile, clock, flatten: true, clockGating: o.clockGating, staNetlist: true, macroAreas, maxFanout: MAX_FANOUT });
    const sta = useSta ? runOpenSta({ netlist: report.staNetlist!, top: report.top, liberty: [libFile, ...(Object.keys(report.macros).length ? [macroLib] : [])], clock, dir: path.join(base, 'sta') }) : null;
    const slack = sta ? sta.slackNs : report.timing?.slackNs ?? 0;
    chosen = { report, sta, built, clock };
    if (slack >= 0) break;
    tried.push({ periodNs, slackNs: slack });
    const need = periodNs - slack;
    const next = PERIOD_GRID_NS.find((p) => p >= need && p > periodNs) ?? PERIOD_GRID_NS.find((p) => p > periodNs);
    if (next === undefined) break; // the slowest clock of the grid: report it with its negative slack
    periodNs = next;
  }
  const { report, sta, built, clock } = chosen!;
  writeFileAtomic(path.join(base, 'netlist.v'), report.netlist);
  const netlist = parseGateNetlist(report.netlist);
  const run = gateLevelActivity(report.netlist, report.top, { cycles: o.cycles ?? 4000, periodNs: clock.periodNs, dir: path.join(base, 'sim') });
  const e: EnergyPerCycle = measuredEnergy(lib, netlist, run, { periodNs: clock.periodNs });
  const samplesPerCycle = run.samples / run.cycles;
  const logicPerSample = e.totalPj / samplesPerCycle;
  const mac = built.macro ? macroEnergyPerSample(macros, built.macro) : null;
  const normal = built.law ? compareToNormal(built.law) : null;
  const deviceArea = built.macro ? built.macro.cells * macros.mtj.deviceAreaUm2 : 0;
  const macroArea = report.macroAreaUm2;
  const bits = built.bitsPerSample;
  const samplesPerSecond = samplesPerCycle * 1e9 / clock.periodNs;
  return {
    generator: spec.id, family: spec.family, prng: spec.prng, description: spec.description,
    corner: corner.name, voltage: corner.voltage, clockGating: o.clockGating, periodNs: clock.periodNs, clockMHz: r4(1000 / clock.periodNs),
    timing: {
      opensta: sta ? { slackNs: sta.slackNs, arrivalNs: sta.arrivalNs, met: sta.met, startPoint: sta.startPoint, endPoint: sta.endPoint } : null,
      abc: report.timing ? { pathNs: report.timing.pathNs, slackNs: report.timing.slackNs, met: report.timing.met } : null,
      tried,
    },
    logic: { cells: report.cellCount, areaUm2: report.areaUm2, flipFlops: report.flipFlops, clockGates: report.cells.CLKGATE ?? 0, leakageNw: report.leakageNw },
    macros: Object.keys(report.macros).length ? { count: report.macros, areaUm2: macroArea } : null,
    activity: {
      source: e.source, cycles: e.cycles, meanDataActivity: e.meanDataActivity, energyPerCyclePj: e.totalPj,
      breakdownPj: { internal: e.internalPj, clock: e.clockPj, switching: e.switchingPj, leakage: e.leakagePj },
      constantModelPerCyclePj: report.energy.totalPj,
    },
    samplesPerCycle: r4(samplesPerCycle), samplesPerSecond: r4(samplesPerSecond), bitsPerSample: bits, bitsPerSecond: r4(samplesPerSecond * bits),
    distanceToNormal: normal ? { tv: r4(normal.tv), maxCdfGap: r4(normal.maxCdfGap), maxAbsZ: r4(normal.maxAbsZ) } : null,
    macroEnergyPerSamplePj: mac ? { devices: r4(mac.devices), periphery: r4(mac.periphery) } : null,
    inclusions: {
      devices: mac ? figures(mac.devices, bits, deviceArea) : null,
      devicesPeriphery: mac ? figures(mac.devices + mac.periphery, bits, macroArea) : null,
      wholeBlock: figures((mac ? mac.devices + mac.periphery : 0) + logicPerSample, bits, macroArea + report.areaUm2),
    },
  };
}
