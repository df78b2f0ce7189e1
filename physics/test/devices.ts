/** Test devices: a small uniaxial cell (no bias field) whose zero-voltage barrier is set exactly. */
import { type DeviceParams, defaultDeviceParams, barrierAt } from '../parameters.ts';

/** A 20 nm cell without bias field, damping 1 (fast diffusion), K_i solved so that Δ(0) = delta. */
export function uniaxialDevice(delta: number, over: Partial<DeviceParams> = {}): DeviceParams {
  const base: DeviceParams = { ...defaultDeviceParams, diameterM: 20e-9, biasFieldT: 0, damping: 1, ...over };
  // Δ(0) is linear in K_i: Δ = (K_i/t_f − K_shape) V / k_B T; two evaluations fix the line.
  const k1 = 0.8e-3;
  const k2 = 0.9e-3;
  const d1 = barrierAt({ ...base, kiJPerM2: k1 }, 0);
  const d2 = barrierAt({ ...base, kiJPerM2: k2 }, 0);
  return { ...base, kiJPerM2: k1 + ((delta - d1) * (k2 - k1)) / (d2 - d1) };
}
