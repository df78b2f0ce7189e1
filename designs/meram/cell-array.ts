/**
 * A column of MeRAM bit cells: each an MTJ macro and its sense-amplifier macro, instantiated as black boxes whose
 * simulation models carry the instance's own random stream, thresholds and sense-amplifier errors.
 */
import type { Module } from '../../hdl/core/module.ts';
import type { Signal, Value, ValueLike } from '../../hdl/core/value.ts';
import { type MtjThresholds, mtjCellModel, senseAmpModel } from './models.ts';
import { CellControlBus, type CellControlPin, MTJ_MACRO, type PulseCodeWidths, SA_MACRO } from './pins.ts';

/** What makes one simulated bit cell (from the calibration flow). */
export interface CellModel {
  readonly mtjSeed: readonly [number, number, number, number];
  readonly saSeed: readonly [number, number, number, number];
  readonly thresholds: MtjThresholds;
  readonly drift?: { readonly afterPulses: number; readonly thresholds: MtjThresholds };
  /** Sense-amplifier error thresholds (T = round(e 2^31)) when the cell is P and when it is AP. */
  readonly saErrorWhenP: number;
  readonly saErrorWhenAP: number;
  /** Simulation-only sense-amplifier fault from a read on (see `SenseAmpModelConfig.fault`). */
  readonly saFault?: { readonly afterReads: number; readonly errorWhenP: number; readonly errorWhenAP: number };
}

/**
 * Per-cell control of one column operation: the pins of {@link CellControlBus} (the controller's `cells` bundle, or
 * per-cell values), and the pulse codes of each cell.
 */
export type CellControl = { readonly [K in CellControlPin]: ValueLike | readonly ValueLike[] } & {
  readonly amp: readonly Value[];
  readonly width: readonly Value[];
};

/**
 * Per-cell versions of every control pin of a bundle, `f(pin)` giving one value per cell (e.g. gating some cells).
 * @example bitCellArray(m, name, cells, codes, { ...perCell(ctl.cells, (v) => [v.and(first), v]), amp, width });
 */
export function perCell(bus: { readonly [K in CellControlPin]: Value }, f: (pin: Value) => readonly ValueLike[]): { readonly [K in CellControlPin]: readonly ValueLike[] } {
  const pins = Object.keys(CellControlBus.spec) as CellControlPin[];
  return Object.fromEntries(pins.map((k) => [k, f(bus[k])])) as { readonly [K in CellControlPin]: readonly ValueLike[] };
}

const pick = (v: ValueLike | readonly ValueLike[], i: number): ValueLike => (Array.isArray(v) ? (v as readonly ValueLike[])[i]! : (v as ValueLike));

/**
 * Instantiates `cells.length` cells named `<prefix><i>` (MTJ `u_mtj<i>`, sense amplifier `u_sa<i>`) and returns the
 * sensed bits. `designName` keeps the models' module names unique across designs.
 */
export function bitCellArray(m: Module, designName: string, cells: readonly CellModel[], codes: PulseCodeWidths, ctl: CellControl): Signal[] {
  const params = { AMP_BITS: codes.ampBits, WIDTH_BITS: codes.widthBits };
  return cells.map((c, i) => {
    const mtjModel = mtjCellModel({ name: `${designName}_mtj${i}_model`, ...codes, seed: c.mtjSeed, thresholds: c.thresholds, ...(c.drift ? { drift: c.drift } : {}) });
    const bl = m.blackbox(MTJ_MACRO, `u_mtj${i}`, {
      params,
      inputs: { pulse_en: pick(ctl.pulse_en, i), reset_en: pick(ctl.reset_en, i), amp_code: ctl.amp[i]!, width_code: ctl.width[i]! },
      outputs: { bl: 1 },
      clocks: { clk: 'sync' },
      resets: { rst: 'sync' },
      model: mtjModel,
    }).bl!;
    const saModel = senseAmpModel({ name: `${designName}_sa${i}_model`, seed: c.saSeed, errorWhenP: c.saErrorWhenP, errorWhenAP: c.saErrorWhenAP, ...(c.saFault ? { fault: c.saFault } : {}) });
    return m.blackbox(SA_MACRO, `u_sa${i}`, {
      inputs: { bl, precharge: pick(ctl.precharge, i), sense_en: pick(ctl.sense_en, i), strobe: pick(ctl.strobe, i) },
      outputs: { q: 1 },
      clocks: { clk: 'sync' },
      resets: { rst: 'sync' },
      model: saModel,
    }).q!;
  });
}
