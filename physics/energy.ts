/**
 * Energy per write pulse and per read, with their breakdowns.
 *
 *   write: E = (C_MTJ + C_extra) V² + V² / R(V) · t_pulse   (charging from the supply costs C V²: ½ C V² stored,
 *          ½ C V² lost in the driver, the stored half lost at discharge)
 *   read:  E = V_read² / (R + R_L) · t_read + C_MTJ V_MTJ² + 2 C_node V_DD² (latch sense amplifier, two nodes)
 */
import { type DeviceParams, checkVoltage, deriveQuantities, tmrAt } from './parameters.ts';
import { readoutModel, type ReadoutOptions } from './readout.ts';
import type { MtjState } from './llg.ts';
import { PhysicsArgumentError } from './errors.ts';

/** Breakdown of one write pulse (J). */
export interface WriteEnergy {
  readonly capacitiveJ: number;
  readonly resistiveJ: number;
  readonly totalJ: number;
  /** Resistance used for the Joule term (Ω) and the capacitance charged (F). */
  readonly resistanceOhm: number;
  readonly capacitanceF: number;
}

/** Options of {@link energyPerWrite}. */
export interface WriteEnergyOptions {
  /** State during the pulse: 'P', 'AP', or 'mean' (default: the average of both Joule terms, a toggling bit). */
  readonly state?: MtjState | 'mean';
  /** Wiring/driver capacitance charged with the MTJ (F), default 0 (the cell alone). */
  readonly extraCapacitanceF?: number;
}

/**
 * Energy of one rectangular write pulse, capacitive plus resistive. R_AP is taken at the pulse bias (TMR(V)).
 *
 * @example
 * const e = energyPerWrite(defaultDeviceParams, 1.4, 0.9e-9);
 * console.log(e.capacitiveJ, e.resistiveJ, e.totalJ); // ≈ 0.89 fJ + 12.5 fJ = 13.4 fJ
 */
export function energyPerWrite(p: DeviceParams, amplitudeV: number, widthS: number, opts: WriteEnergyOptions = {}): WriteEnergy {
  const d = deriveQuantities(p);
  checkVoltage(p, amplitudeV, 'pulse amplitude');
  if (!(widthS >= 0) || !Number.isFinite(widthS)) throw new PhysicsArgumentError('widthS', `must be finite and ≥ 0, got ${widthS}`);
  const extra = opts.extraCapacitanceF ?? 0;
  if (!(extra >= 0)) throw new PhysicsArgumentError('extraCapacitanceF', `must be ≥ 0, got ${extra}`);
  const rP = d.resistancePOhm;
  const rAP = rP * (1 + tmrAt(p, amplitudeV));
  const state = opts.state ?? 'mean';
  const conductance = state === 'P' ? 1 / rP : state === 'AP' ? 1 / rAP : (1 / rP + 1 / rAP) / 2;
  const capacitanceF = d.capacitanceF + extra;
  const capacitiveJ = capacitanceF * amplitudeV ** 2;
  const resistiveJ = amplitudeV ** 2 * conductance * widthS;
  return { capacitiveJ, resistiveJ, totalJ: capacitiveJ + resistiveJ, resistanceOhm: 1 / conductance, capacitanceF };
}

/** Breakdown of one read (J). */
export interface ReadEnergy {
  /** Joule energy of the divider current through MTJ and load. */
  readonly dividerJ: number;
  /** Charging the MTJ capacitance to its read bias. */
  readonly capacitiveJ: number;
  /** Sense-amplifier switching, 2 C_node V_DD². */
  readonly senseAmpJ: number;
  readonly totalJ: number;
}

/** Options of {@link energyPerRead}: the read conditions plus the sense amplifier's. */
export interface ReadEnergyOptions extends ReadoutOptions {
  /** State read (default 'mean' of P and AP). */
  readonly state?: MtjState | 'mean';
  /** Capacitance of each latch node (F), default 5 fF (our estimate for a 0.18 µm latch with its wiring). */
  readonly senseNodeCapacitanceF?: number;
  /** Latch supply (V), default 1.8 V (0.18 µm CMOS). */
  readonly supplyV?: number;
}

/**
 * Energy of one read with its breakdown.
 *
 * @example
 * energyPerRead(defaultDeviceParams, { readVoltageV: 0.1, readTimeS: 2e-9 }).totalJ; // ≈ 32 fJ, mostly the latch
 */
export function energyPerRead(p: DeviceParams, opts: ReadEnergyOptions = {}): ReadEnergy {
  const r = readoutModel(p, opts);
  const d = deriveQuantities(p);
  const cNode = opts.senseNodeCapacitanceF ?? 5e-15;
  const vdd = opts.supplyV ?? 1.8;
  if (!(cNode >= 0)) throw new PhysicsArgumentError('senseNodeCapacitanceF', `must be ≥ 0, got ${cNode}`);
  if (!(vdd > 0)) throw new PhysicsArgumentError('supplyV', `must be > 0, got ${vdd}`);
  const one = (rMtj: number, vOut: number): [number, number] => [
    (r.readVoltageV ** 2 / (rMtj + r.loadOhm)) * r.readTimeS,
    d.capacitanceF * vOut ** 2, // the divider output is the voltage across the MTJ
  ];
  const [jP, cP] = one(r.rPOhm, r.vOutP);
  const [jAP, cAP] = one(r.rAPOhm, r.vOutAP);
  const state = opts.state ?? 'mean';
  const dividerJ = state === 'P' ? jP : state === 'AP' ? jAP : (jP + jAP) / 2;
  const capacitiveJ = state === 'P' ? cP : state === 'AP' ? cAP : (cP + cAP) / 2;
  const senseAmpJ = 2 * cNode * vdd ** 2;
  return { dividerJ, capacitiveJ, senseAmpJ, totalJ: dividerJ + capacitiveJ + senseAmpJ };
}
