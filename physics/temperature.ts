/**
 * Temperature dependence of the material parameters (0-85 °C and beyond): the device of `DeviceParams` is stated at a
 * reference temperature (300 K for the default device); at another temperature its saturation magnetisation follows
 * Bloch's law and its interface anisotropy and VCMA coefficient scale as powers of Ms (Callen-Callen-type scaling),
 * and the thermal field follows from `temperatureK` in the solver. Every derived quantity (V_c, Δ, frequency) is then
 * recomputed from these, never stated.
 *
 *   Ms(T)  = Ms(T_ref) · b(T) / b(T_ref),   b(T) = 1 − (T / T_C)^{3/2}            (Bloch law)
 *   K_i(T) = K_i(T_ref) · (Ms(T) / Ms(T_ref))^{n_K}                              (Callen-Callen-type scaling)
 *   ξ(T)   = ξ(T_ref)   · (Ms(T) / Ms(T_ref))^{n_ξ}
 */
import { type DeviceParams, validateDeviceParams } from './parameters.ts';
import { PhysicsArgumentError } from './errors.ts';

/** The temperature laws' parameters. */
export interface ThermalLaws {
  /** Temperature at which the device's Ms, K_i and ξ are stated (K). */
  readonly referenceK: number;
  /** Effective Curie temperature T_C of the free layer in Bloch's law (K). */
  readonly curieK: number;
  /** Exponent n_K of K_i ∝ Ms^{n_K}. */
  readonly kiExponent: number;
  /** Exponent n_ξ of ξ ∝ Ms^{n_ξ}. */
  readonly xiExponent: number;
}

/**
 * Default laws (our choices, see docs/physics.md "Temperature"): T_C = 900 K (thin CoFeB films order well below bulk
 * CoFe), n_K = 2.1 (the interface anisotropy of CoFeB/MgO scales close to Ms², from a two-site anisotropic exchange,
 * below the single-ion Callen-Callen exponent 3), n_ξ = 2 (the VCMA changes the same interface orbital anisotropy).
 *
 * @example
 * const hot = deviceAtTemperature(defaultDeviceParams, 358, defaultThermalLaws);
 */
export const defaultThermalLaws: ThermalLaws = Object.freeze({ referenceK: 300, curieK: 900, kiExponent: 2.1, xiExponent: 2 });

function checkLaws(laws: ThermalLaws, temperatureK: number): void {
  for (const [k, v] of Object.entries(laws)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new PhysicsArgumentError(k, `must be a finite number, got ${String(v)}`);
  }
  if (!(laws.referenceK > 0 && laws.referenceK < laws.curieK)) {
    throw new PhysicsArgumentError('referenceK', `need 0 < T_ref < T_C, got T_ref ${laws.referenceK} K, T_C ${laws.curieK} K`);
  }
  if (!(Number.isFinite(temperatureK) && temperatureK > 0 && temperatureK < laws.curieK)) {
    throw new PhysicsArgumentError('temperatureK', `need 0 < T < T_C = ${laws.curieK} K, got ${temperatureK}`);
  }
}

/**
 * Ms(T) / Ms(T_ref) by Bloch's law.
 *
 * @example
 * msRatio(358, defaultThermalLaws); // ≈ 0.928
 */
export function msRatio(temperatureK: number, laws: ThermalLaws = defaultThermalLaws): number {
  checkLaws(laws, temperatureK);
  const b = (t: number): number => 1 - (t / laws.curieK) ** 1.5;
  return b(temperatureK) / b(laws.referenceK);
}

/**
 * The device at another temperature: Ms, K_i and ξ from the laws (stated at `laws.referenceK`), `temperatureK` set
 * (the solver's thermal field follows it). Validated: throws `DeviceParamError` when the free layer would no longer be
 * perpendicular there.
 *
 * @example
 * const cold = deviceAtTemperature(defaultDeviceParams, 273);
 * cold.msAPerM > defaultDeviceParams.msAPerM; // true
 */
export function deviceAtTemperature(p: DeviceParams, temperatureK: number, laws: ThermalLaws = defaultThermalLaws): DeviceParams {
  const r = msRatio(temperatureK, laws);
  const out: DeviceParams = {
    ...p,
    temperatureK,
    msAPerM: p.msAPerM * r,
    kiJPerM2: p.kiJPerM2 * r ** laws.kiExponent,
    xiJPerVM: p.xiJPerVM * r ** laws.xiExponent,
  };
  validateDeviceParams(out);
  return out;
}
