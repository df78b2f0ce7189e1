/**
 * Energy per clock cycle from measured switching activity: each library cell's output internal energy per output
 * toggle, each clock pin's internal energy per clock edge, and ½ C V² per toggle of every net, C = the sink pins'
 * capacitance plus a wire estimate per sink. Toggles come from a gate-level run (gate-sim.ts). The constant-activity
 * model of synth/ stays the fallback; {@link EnergyPerCycle.source} says which was used.
 *
 * @example
 * const e = measuredEnergy(lib, parseGateNetlist(report.netlist), run, { wireCapPerPinFf: 1 });
 * console.log(e.totalPj, e.clockPj, e.meanDataActivity);
 */
import type { LibertyLibrary } from '../synth/liberty.ts';
import type { GateNetlist } from './netlist.ts';
import type { GateSimResult } from './gate-sim.ts';

/** Pin capacitance assumed for black-box macro inputs (pF): the Liberty default_input_pin_cap of meram180. */
export const MACRO_PIN_CAP_PF = 0.004;

/** Output pins of the black-box macros (every other macro pin is an input). */
export const MACRO_OUTPUTS: Readonly<Record<string, readonly string[]>> = { MERAM_MTJ: ['bl'], MERAM_SA: ['q'] };

/** Energy per cycle (pJ) of the library cells, with its parts. */
export interface EnergyPerCycle {
  /** `measured`: toggles from a gate-level run; `constant`: one activity for every net (synth/ model). */
  readonly source: 'measured' | 'constant';
  readonly voltage: number;
  /** Cells' output internal energy. */
  readonly internalPj: number;
  /** Clock: clock-pin internal energy plus C V² of the clock nets (including gated clocks). */
  readonly clockPj: number;
  /** ½ C V² of the data nets. */
  readonly switchingPj: number;
  readonly leakagePj: number;
  readonly totalPj: number;
  /** Mean toggles per cycle of the data nets (the constant model assumes 0.1). */
  readonly meanDataActivity: number;
  /** Measured cycles (0 for the constant model). */
  readonly cycles: number;
  /** Nets driven by a cell but not in the VCD (counted as idle). */
  readonly unmatchedNets: number;
}

const round = (x: number, d = 5): number => Number(x.toPrecision(d));

/**
 * Energy per cycle from the toggles of `run` over `netlist` mapped onto `lib`.
 * @example measuredEnergy(lib, netlist, run, { wireCapPerPinFf: 1, periodNs: 10 }).totalPj
 */
export function measuredEnergy(lib: LibertyLibrary, netlist: GateNetlist, run: GateSimResult, opts: { wireCapPerPinFf?: number; periodNs: number }): EnergyPerCycle {
  const wirePf = (opts.wireCapPerPinFf ?? 1) / 1000;
  const v2 = lib.nomVoltage ** 2;
  const toggles = (net: string): number | undefined => {
    let best: number | undefined;
    for (const name of netlist.nets.get(net) ?? [net]) {
      const t = run.toggles.toggles.get(name);
      if (t !== undefined) best = Math.max(best ?? 0, t);
    }
    return best;
  };
  const load = new Map<string, number>();
  const clockNets = new Set<string>();
  let internal = 0;
  let clockPin = 0;
  let leakNw = 0;
  let unmatched = 0;
  const drivenNets = new Set<string>();
  for (const inst of netlist.instances) {
    const cell = lib.cells.get(inst.type);
    if (cell) leakNw += cell.leakageNw;
    for (const [pinName, bits] of inst.pins) {
      const pin = cell?.pins.get(pinName);
      const dir = pin?.direction ?? (MACRO_OUTPUTS[inst.type]?.includes(pinName) ? 'output' : 'input');
      for (const net of bits) {
        if (net === '0' || net === '1' || net === 'x') continue;
        if (dir === 'output') {
          drivenNets.add(net);
          const n = toggles(net);
          if (n === undefined) { unmatched++; continue; }
          if (pin) internal += n * (pin.riseEnergyPj + pin.fallEnergyPj) / 2;
        } else {
          load.set(net, (load.get(net) ?? 0) + (pin ? pin.capacitancePf : MACRO_PIN_CAP_PF) + wirePf);
          if (pin?.isClock) {
            clockNets.add(net);
            clockPin += (toggles(net) ?? 0) * (pin.riseEnergyPj + pin.fallEnergyPj) / 2;
          }
        }
      }
    }
  }
  let clockNet = 0;
  let data = 0;
  let dataToggles = 0;
  let dataNets = 0;
  for (const [net, c] of load) {
    const n = toggles(net) ?? 0;
    const e = n * 0.5 * c * v2;
    if (clockNets.has(net)) clockNet += e;
    else { data += e; dataToggles += n; dataNets++; }
  }
  const cycles = Math.max(1, run.cycles);
  const leakagePj = leakNw * opts.periodNs * 1e-6; // nW x ns = 1e-18 J
  const per = (x: number): number => round(x / cycles);
  const totalPj = (internal + clockPin + clockNet + data) / cycles + leakagePj;
  return {
    source: 'measured', voltage: lib.nomVoltage,
    internalPj: per(internal), clockPj: per(clockPin + clockNet), switchingPj: per(data), leakagePj: round(leakagePj),
    totalPj: round(totalPj), meanDataActivity: round(dataToggles / dataNets / cycles, 4), cycles: run.cycles, unmatchedNets: unmatched,
  };
}
