/**
 * The calibration flow: from a device (the behavioural model of the macrospin physics, optionally with frozen
 * per-instance variation) to the pulse codes, ROM contents and simulation-model thresholds of a generator, and to the
 * exact pmf its output must follow. Calibration "on" picks each instance's codes from that instance's own model (as
 * an on-chip characterisation would); "off" uses the nominal device's codes for every instance.
 */
import {
  BehaviouralModel, type VariationSigmas, type ReadoutOptions, calibrateBatch, dacLevels, widthLevels,
  probabilityToThreshold, readoutModel, hashKey, type Calibration, UnreachableTargetError, deriveQuantities,
} from '../../physics/index.ts';
import { HdlError } from '../../hdl/core/errors.ts';
import type { CellModel } from './cell-array.ts';
import type { PhaseCycles } from './controller.ts';
import type { MtjThresholds } from './models.ts';
import { THRESHOLD_BITS, type PulseCodeWidths } from './pins.ts';

/** The pulse settings the hardware can make: a DAC for the amplitude and a counter-based pulse-width generator. */
export interface PulseGridSpec extends PulseCodeWidths {
  readonly vMinV: number;
  readonly vMaxV: number;
  /** Width of one step of the pulse generator; width code i makes a pulse of (i + 1) x resolution. */
  readonly resolutionS: number;
}

/** Default grid: a 4-bit DAC over 0.8..1.6 V and a 5-bit pulse generator with 50 ps resolution (0.05..1.6 ns). */
export const DEFAULT_GRID: PulseGridSpec = { ampBits: 4, vMinV: 0.8, vMaxV: 1.6, widthBits: 5, resolutionS: 50e-12 };

/** Default phase lengths (cycles) when no timing constraints are given: the fastest legal sequence. */
export const FAST_TIMING: PhaseCycles = { dacSettle: 1, resetPulse: 1, postPulseSettle: 1, precharge: 1, senseEnable: 1 };

/** Options of the flow. */
export interface FlowOptions {
  /** Master seed: random streams of every instance and its frozen variation. */
  readonly seed?: number;
  readonly grid?: PulseGridSpec;
  /**
   * Frozen per-instance variation: relative sigmas of the effective anisotropy (`keffRel`, what a device measurement
   * sees), or of the interface anisotropy itself (`kiRel`), the VCMA coefficient (`xiRel`) and the diameter.
   */
  readonly variation?: VariationSigmas & { readonly keffRel?: number };
  /** 'device' (calibration on, default) or 'nominal' (off). */
  readonly calibration?: 'device' | 'nominal';
  readonly temperatureK?: number;
  readonly readout?: ReadoutOptions;
  /** Largest accepted |achieved - target| switching probability (default 0.02). */
  readonly tolerance?: number;
  /** Device drift after some pulses (simulated temperature step), for bias-tracking tests. */
  readonly drift?: { readonly afterPulses: number; readonly temperatureK: number };
  /** The nominal device's behavioural model (default: the stored table's, `BehaviouralModel.load()`). */
  readonly nominal?: BehaviouralModel;
}

/** One simulated bit cell with what the flow knows about it. */
export interface FlowCell {
  readonly model: CellModel;
  /** This instance's behavioural device. */
  readonly device: BehaviouralModel;
  /** Exact read-error probabilities of its sense amplifier (P read as 1, AP read as 0). */
  readonly readErrorP: number;
  readonly readErrorAP: number;
}

/** A chosen pulse for one target, with the exact probability that the read bit is 1. */
export interface ChosenPulse {
  readonly amp: number;
  readonly width: number;
  readonly invert: boolean;
  readonly target: number;
  /** Exact P(read bit = 1) on the simulated cell (thresholds and sense-amplifier errors included). */
  readonly pOne: number;
}

const nominalCache = new Map<number, BehaviouralModel>();
function nominalDevice(opts: FlowOptions): BehaviouralModel {
  const base = opts.nominal ?? nominalCache.get(0) ?? BehaviouralModel.load();
  if (!opts.nominal) nominalCache.set(0, base);
  return opts.temperatureK === undefined ? base : base.atTemperature(opts.temperatureK);
}

/** The grid as voltages and widths, code by code. */
export function gridLevels(g: PulseGridSpec): { amplitudesV: number[]; widthsS: number[] } {
  return { amplitudesV: dacLevels(g.ampBits, g.vMinV, g.vMaxV), widthsS: widthLevels(g.resolutionS, 2 ** g.widthBits) };
}

/** Threshold tables of a device over the whole pulse grid (what its MTJ model compares with). */
export function thresholdTable(device: BehaviouralModel, g: PulseGridSpec): MtjThresholds {
  const { amplitudesV, widthsS } = gridLevels(g);
  const fromP: number[] = [];
  const fromAP: number[] = [];
  for (const v of amplitudesV) for (const w of widthsS) {
    fromP.push(probabilityToThreshold(device.pSwitch(v, w, 'P'), THRESHOLD_BITS));
    fromAP.push(probabilityToThreshold(device.pSwitch(v, w, 'AP'), THRESHOLD_BITS));
  }
  return { fromP, fromAP };
}

function seedWords(seed: number, ...key: number[]): [number, number, number, number] {
  return [0, 1, 2, 3].map((k) => hashKey([seed, ...key, k])) as [number, number, number, number];
}

/**
 * Makes `count` simulated cells: each gets its own random streams, frozen variation, switching thresholds over the
 * whole pulse grid, and its sense amplifier's frozen offset.
 * @example
 * const [cell] = makeCells(1, { seed: 3, variation: { keffRel: 0.05 } });
 */
export function makeCells(count: number, opts: FlowOptions = {}, salt = 0): FlowCell[] {
  const seed = opts.seed ?? 1;
  const grid = opts.grid ?? DEFAULT_GRID;
  const nominal = nominalDevice(opts);
  const sigmas = physicalSigmas(nominal, opts.variation ?? {});
  const varied = Object.values(sigmas).some((s) => (s ?? 0) > 0);
  return Array.from({ length: count }, (_, i) => {
    const device = varied ? nominal.withVariation(hashKey([seed, salt, i, 0x7a]), sigmas) : nominal;
    const readout = readoutModel(device.device, opts.readout ?? {});
    const offset = readout.offsetFor(hashKey([seed, salt, i, 0x5a]));
    const eP = readout.readError('P', offset);
    const eAP = readout.readError('AP', offset);
    const drift = opts.drift ? { afterPulses: opts.drift.afterPulses, thresholds: thresholdTable(device.atTemperature(opts.drift.temperatureK), grid) } : undefined;
    const model: CellModel = {
      mtjSeed: seedWords(seed, salt, i, 1),
      saSeed: seedWords(seed, salt, i, 2),
      thresholds: thresholdTable(device, grid),
      ...(drift ? { drift } : {}),
      saErrorWhenP: probabilityToThreshold(eP, THRESHOLD_BITS),
      saErrorWhenAP: probabilityToThreshold(eAP, THRESHOLD_BITS),
    };
    return { model, device, readErrorP: model.saErrorWhenP / 2 ** THRESHOLD_BITS, readErrorAP: model.saErrorWhenAP / 2 ** THRESHOLD_BITS };
  });
}

/**
 * Converts a sigma of the effective anisotropy into the sigma of K_i that causes it: K_eff is the small difference of
 * the interface anisotropy and the demagnetising energy, so dK_eff/K_eff = (H_k / H_k,eff) dK_i/K_i (about 23x here).
 */
export function physicalSigmas(nominal: BehaviouralModel, v: VariationSigmas & { readonly keffRel?: number }): VariationSigmas {
  const { keffRel, ...rest } = v;
  if (!keffRel) return rest;
  const d = deriveQuantities(nominal.device);
  const kiFromKeff = keffRel * (d.effectiveAnisotropyFieldT / d.anisotropyFieldT);
  return { ...rest, kiRel: Math.hypot(rest.kiRel ?? 0, kiFromKeff) };
}

/** Exact P(read bit = 1) of a cell after a reset-write and one pulse with codes (amp, width). */
export function pOneAfterPulse(cell: FlowCell, grid: PulseGridSpec, amp: number, width: number, invert = false): number {
  const ps = cell.model.thresholds.fromP[(amp << grid.widthBits) | width]! / 2 ** THRESHOLD_BITS;
  const p = ps * (1 - cell.readErrorAP) + (1 - ps) * cell.readErrorP;
  return invert ? 1 - p : p;
}

/**
 * Chooses pulses for target probabilities of a one on `cell`. Each target may use the complement (invert flag) when
 * that is closer. Throws a typed error naming the target when the grid cannot reach it within the tolerance.
 * @example
 * choosePulses(cell, [0.1, 0.5, 0.9]); // [{ amp, width, invert, target, pOne }, ...]
 */
export function choosePulses(cell: FlowCell, targets: readonly number[], opts: FlowOptions = {}): ChosenPulse[] {
  const grid = opts.grid ?? DEFAULT_GRID;
  const tolerance = opts.tolerance ?? 0.02;
  const basis = opts.calibration === 'nominal' ? nominalDevice(opts) : cell.device;
  const levels = gridLevels(grid);
  const tryAll = (ts: readonly number[]): (Calibration | null)[] => ts.map((t) => {
    try { return calibrateBatch(basis, [t], levels, { from: 'P', tolerance: 1 })[0]!; } catch (e) { if (e instanceof UnreachableTargetError) return null; throw e; }
  });
  const direct = tryAll(targets);
  const inverted = tryAll(targets.map((t) => 1 - t));
  return targets.map((t, i) => {
    const d = direct[i];
    const v = inverted[i];
    const useInvert = v !== null && (d === null || Math.abs(v.error) < Math.abs(d.error));
    const c = useInvert ? v! : d;
    if (!c || Math.abs(c.error) > tolerance) {
      throw new CalibrationError(`target probability ${t} cannot be reached on the pulse grid within ${tolerance} (closest: ${c ? (useInvert ? 1 - c.achievedP : c.achievedP).toFixed(4) : 'none'})`);
    }
    return { amp: c.amplitudeCode, width: c.widthCode, invert: useInvert, target: t, pOne: pOneAfterPulse(cell, grid, c.amplitudeCode, c.widthCode, useInvert) };
  });
}

/** A target the pulse grid cannot produce, or a calibration that cannot be made. */
export class CalibrationError extends HdlError {}

/** Whether a longer pulse raises (+1) or lowers (-1) the switching probability at a setting (for bias tracking). */
export function widthSlope(cell: FlowCell, grid: PulseGridSpec, amp: number, width: number): 1 | -1 {
  const wmax = 2 ** grid.widthBits - 1;
  const lo = pOneAfterPulse(cell, grid, amp, Math.max(0, width - 1));
  const hi = pOneAfterPulse(cell, grid, amp, Math.min(wmax, width + 1));
  return hi >= lo ? 1 : -1;
}
