/**
 * Wear drift of the effective anisotropy with pulse count (a stated model, not a measurement: see docs/physics.md
 * "Wear"): repeated voltage pulses slowly change the MgO interface (charge trapping, oxygen migration), which we model
 * as a logarithmic decrease of K_eff with the number of pulses N the cell has seen,
 *
 *   K_eff(N) = K_eff(0) · (1 − r · log10(1 + N / N0)),
 *
 * r the relative loss per decade and N0 the onset. The interface anisotropy K_i carries the change (Ms and the shape
 * term are unchanged): K_i(N) = t_f (K_eff(N) + ½ μ0 Ms² (N_z − N_x)).
 */
import { type DeviceParams, deriveQuantities, validateDeviceParams } from './parameters.ts';
import { PhysicsArgumentError } from './errors.ts';

/** The drift law's parameters. */
export interface WearLaw {
  /** Relative loss of K_eff per decade of pulses beyond the onset, r (e.g. 0.02). */
  readonly keffLossPerDecade: number;
  /** Onset N0 (pulses). */
  readonly onsetPulses: number;
}

/** Default law (our choice): 2 % of K_eff per decade beyond 10^4 pulses (−10 % at 10^9). */
export const defaultWearLaw: WearLaw = Object.freeze({ keffLossPerDecade: 0.02, onsetPulses: 1e4 });

/**
 * Relative change of K_eff after `pulses` pulses, −r log10(1 + N/N0).
 *
 * @example
 * keffDrift(1e9); // ≈ −0.1
 */
export function keffDrift(pulses: number, law: WearLaw = defaultWearLaw): number {
  if (!(Number.isFinite(pulses) && pulses >= 0)) throw new PhysicsArgumentError('pulses', `must be finite and ≥ 0, got ${pulses}`);
  if (!(Number.isFinite(law.keffLossPerDecade) && law.keffLossPerDecade >= 0)) {
    throw new PhysicsArgumentError('keffLossPerDecade', `must be finite and ≥ 0, got ${law.keffLossPerDecade}`);
  }
  if (!(law.onsetPulses > 0 && Number.isFinite(law.onsetPulses))) throw new PhysicsArgumentError('onsetPulses', `must be finite and > 0, got ${law.onsetPulses}`);
  const loss = law.keffLossPerDecade * Math.log10(1 + pulses / law.onsetPulses);
  return loss === 0 ? 0 : -loss;
}

/**
 * The device with its K_eff changed by the relative amount `keffRel` (through K_i; validated).
 *
 * @example
 * deviceWithKeffChange(defaultDeviceParams, -0.05).kiJPerM2; // slightly below 0.825e-3
 */
export function deviceWithKeffChange(p: DeviceParams, keffRel: number): DeviceParams {
  if (keffRel === 0) return p;
  const d = deriveQuantities(p);
  const keff = d.effectiveAnisotropyJPerM3 * (1 + keffRel);
  const out = { ...p, kiJPerM2: p.freeLayerThicknessM * (keff + d.shapeAnisotropyJPerM3) };
  validateDeviceParams(out);
  return out;
}

/**
 * The device after `pulses` pulses under the wear law.
 *
 * @example
 * const worn = deviceAfterPulses(defaultDeviceParams, 1e8);
 */
export function deviceAfterPulses(p: DeviceParams, pulses: number, law: WearLaw = defaultWearLaw): DeviceParams {
  return deviceWithKeffChange(p, keffDrift(pulses, law));
}
