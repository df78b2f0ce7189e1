/**
 * Fault injection (simulation only) into one cell of a generator plan (any of the three: they share `cells`), through the behavioural models' documented
 * controls: the MTJ model's switch to a second threshold table after `afterPulses` pulses (`CellModel.drift`) and the
 * sense amplifier's fault thresholds after `afterReads` reads (`CellModel.saFault`). Both act from the same op on.
 *
 * - `stuck-p`, `stuck-ap`: the free layer never leaves P / is always AP after the pulse (thresholds 0 / 2^31).
 * - `dead-sa`: the amplifier always decides 0.
 * - `dac-drift`: the amplitude DAC is off by `codes` LSB (53 mV per code on the default grid).
 * - `no-bias-field`: the in-plane bias field is lost: without it the VCMA pulse cannot drive the precessional switch
 *   and the cell stays in P (the behavioural table has no zero-field map, so P_sw = 0 is the model).
 * - `temperature`: the cell's device at another temperature (a step, e.g. 300 K -> 350 K: the behavioural table spans 250..350 K).
 * - `keff-drift`: the cell's effective anisotropy changed by `keffRel` (wear drift, physics/wear.ts; the step stands
 *   for the drift accumulated by then: a drift over 10^9 pulses is too slow to follow read by read).
 */
import type { CltPlan } from './clt.ts';
import { MeramError } from '../../common/errors.ts';
import { type FlowCell, type PulseGridSpec, DEFAULT_GRID, thresholdTable } from './calibration.ts';
import type { MtjThresholds } from './models.ts';
import type { CellModel } from './cell-array.ts';
import { THRESHOLD_BITS } from './pins.ts';
import { BehaviouralModel, deviceWithKeffChange } from '../../physics/index.ts';

/**
 * A behavioural device with its effective anisotropy changed by `keffRel` (same table and temperature).
 * @example const worn = wornDevice(cell.device, -0.05);
 */
export function wornDevice(device: BehaviouralModel, keffRel: number): BehaviouralModel {
  return new BehaviouralModel(device.table, deviceWithKeffChange(device.device, keffRel), device.temperatureK);
}

/** One fault. */
export type FaultSpec =
  | { readonly kind: 'stuck-p' | 'stuck-ap' | 'dead-sa' | 'no-bias-field' }
  | { readonly kind: 'dac-drift'; readonly codes: number }
  | { readonly kind: 'temperature'; readonly temperatureK: number }
  | { readonly kind: 'keff-drift'; readonly keffRel: number };

/** What a fault needs of a plan: its name and cell models (every generator plan has them). */
export interface FaultablePlan {
  readonly name: string;
  readonly cells: readonly CellModel[];
}

/** Where and when: the faulty cell and the op from which it is faulty (counted in that cell's own pulses and reads). */
export interface FaultSite {
  readonly cell: number;
  readonly afterOps: number;
}

const full = 2 ** THRESHOLD_BITS;

function shiftedAmplitude(t: MtjThresholds, codes: number, grid: PulseGridSpec): MtjThresholds {
  const amps = 2 ** grid.ampBits;
  const widths = 2 ** grid.widthBits;
  const shift = (xs: readonly number[]): number[] => xs.map((_, idx) => {
    const a = Math.max(0, Math.min(amps - 1, Math.floor(idx / widths) + codes));
    return xs[a * widths + (idx % widths)]!;
  });
  return { fromP: shift(t.fromP), fromAP: shift(t.fromAP) };
}

/**
 * The plan with the fault injected (the other cells untouched). `cells` are the plan's flow cells (for the device of
 * a temperature fault).
 * @example const bad = injectFault(planned.plan, planned.cells, { kind: 'stuck-p' }, { cell: 3, afterOps: 5000 });
 */
export function injectFault<P extends FaultablePlan>(plan: P, cells: readonly FlowCell[], fault: FaultSpec, site: FaultSite, grid: PulseGridSpec = DEFAULT_GRID): P {
  const cell = plan.cells[site.cell]!;
  const constant = (v: number): MtjThresholds => ({ fromP: cell.thresholds.fromP.map(() => v), fromAP: cell.thresholds.fromAP.map(() => v) });
  let changed = cell;
  switch (fault.kind) {
    case 'stuck-p':
    case 'no-bias-field':
      changed = { ...cell, drift: { afterPulses: site.afterOps, thresholds: constant(0) } };
      break;
    case 'stuck-ap':
      changed = { ...cell, drift: { afterPulses: site.afterOps, thresholds: constant(full) } };
      break;
    case 'dead-sa':
      changed = { ...cell, saFault: { afterReads: site.afterOps, errorWhenP: 0, errorWhenAP: full } };
      break;
    case 'dac-drift':
      changed = { ...cell, drift: { afterPulses: site.afterOps, thresholds: shiftedAmplitude(cell.thresholds, fault.codes, grid) } };
      break;
    case 'temperature':
      changed = { ...cell, drift: { afterPulses: site.afterOps, thresholds: thresholdTable(cells[site.cell]!.device.atTemperature(fault.temperatureK), grid) } };
      break;
    case 'keff-drift':
      changed = { ...cell, drift: { afterPulses: site.afterOps, thresholds: thresholdTable(wornDevice(cells[site.cell]!.device, fault.keffRel), grid) } };
      break;
  }
  return { ...plan, name: `${plan.name}_fault`, cells: plan.cells.map((c, i) => (i === site.cell ? changed : c)) };
}

/**
 * P(read = 1) of a plan's cell at its calibrated setting (or at `setting`, e.g. one node of a tree) under a threshold
 * table (the fault's law, for the theory).
 * @example faultyPOne(bad, 3); // 0 for a stuck-at-P cell (up to the read error)
 */
export function faultyPOne(
  plan: Pick<CltPlan, 'name' | 'cells' | 'ampCodes' | 'widthCodes'> | FaultablePlan, index: number, grid: PulseGridSpec = DEFAULT_GRID,
  setting?: { readonly amp: number; readonly width: number },
): number {
  const c = plan.cells[index]!;
  const t = c.drift ? c.drift.thresholds : c.thresholds;
  const at = setting ?? ('ampCodes' in plan ? { amp: plan.ampCodes[index]!, width: plan.widthCodes[index]! } : undefined);
  if (!at) throw new FaultSettingError(plan.name, index);
  const ps = t.fromP[(at.amp << grid.widthBits) | at.width]! / full;
  const e = c.saFault ?? { errorWhenP: c.saErrorWhenP, errorWhenAP: c.saErrorWhenAP };
  return ps * (1 - e.errorWhenAP / full) + (1 - ps) * (e.errorWhenP / full);
}

/** {@link faultyPOne} on a plan without one setting per cell (a tree) needs the setting. */
export class FaultSettingError extends MeramError {
  constructor(plan: string, cell: number) {
    super(`faultyPOne: plan '${plan}' has no single pulse setting for cell ${cell}; pass the setting (e.g. the tree node's)`);
  }
}
