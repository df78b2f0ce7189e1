/**
 * Thermal-equilibrium and thermal-activation theory of a uniaxial macrospin (no in-plane field), used to validate the
 * stochastic solver, plus the Arrhenius switching probability used for read disturb.
 *
 * With βE = −σ m_z² the m_z process obeys Brown's Fokker-Planck equation
 *   ∂W/∂t = (1/2τ_N) ∂_z[(1 − z²)(∂_z W − 2σ z W)],  τ_N = (1 + α²) Ms V / (2 γ α k_B T),
 * whose stationary density in m_z is ∝ exp(σ m_z²) and whose mean first-passage time has a closed integral form.
 */
import { type DeviceParams, ATTEMPT_TIME_S, barrierAt, deriveQuantities, KB } from './parameters.ts';
import { PhysicsArgumentError } from './errors.ts';
import { simpson } from './numeric.ts';

/**
 * Brown's free-diffusion time τ_N = (1 + α²) Ms V / (2 γ α k_B T) (s): ⟨m⟩ decays as e^{−t/τ_N} without anisotropy.
 *
 * @example
 * neelDiffusionTime(defaultDeviceParams); // ≈ 1.6e-7 s for the 100 nm cell
 */
export function neelDiffusionTime(p: DeviceParams): number {
  const v = deriveQuantities(p).volumeM3;
  return ((1 + p.damping ** 2) * p.msAPerM * v) / (2 * p.gammaRadPerST * p.damping * KB * p.temperatureK);
}

/**
 * Cumulative distribution of |m_z| in equilibrium for barrier σ: ∫₀^z e^{σy²} dy / ∫₀¹ e^{σy²} dy.
 *
 * @example
 * absMzCdf(3, 0.5); // fraction of time |m_z| < 0.5 at Δ = 3
 */
export function absMzCdf(sigma: number, z: number): number {
  if (z <= 0) return 0;
  if (z >= 1) return 1;
  const f = (y: number): number => Math.exp(sigma * (y * y - 1));
  return simpson(f, 0, z) / simpson(f, 0, 1);
}

/**
 * Exact mean first-passage time of the uniaxial macrospin from m_z = z0 to the absorbing level zAbs < z0 (s):
 *   T = 2 τ_N ∫_{zAbs}^{z0} e^{−σz²} / (1 − z²) ∫_z^1 e^{σy²} dy dz.
 *
 * @example
 * uniaxialMeanFirstPassageTime(5, 1e-9, 1, -0.5); // seconds, for Δ = 5 and τ_N = 1 ns
 */
export function uniaxialMeanFirstPassageTime(sigma: number, tauN: number, z0: number, zAbs: number, n = 20000): number {
  if (!(zAbs < z0) || z0 > 1 || zAbs < -1) throw new PhysicsArgumentError('zAbs', `need −1 ≤ zAbs < z0 ≤ 1, got ${zAbs}, ${z0}`);
  // March z from 1 down to zAbs, accumulating the inner integral I(z) = ∫_z^1 e^{σ(y²−1)} dy (scaled by e^{−σ}).
  const h = (1 - zAbs) / n;
  const inner = (z: number, iz: number): number => {
    // Integrand of the outer integral; at z = 1 use the limit I(z)/(1 − z²) → 1/2.
    if (1 - z < 1e-12) return 0.5 * Math.exp(-sigma * z * z + sigma);
    return (Math.exp(-sigma * z * z + sigma) * iz) / (1 - z * z);
  };
  let iz = 0;
  let prevF = Math.exp(0);
  let outer = 0;
  let prevG = inner(1, 0);
  for (let k = 1; k <= n; k++) {
    const z = 1 - k * h;
    const f = Math.exp(sigma * (z * z - 1));
    iz += 0.5 * h * (prevF + f);
    prevF = f;
    const g = inner(z, iz);
    if (z < z0 + 1e-15) {
      const zPrev = z + h;
      const lo = Math.min(zPrev, z0);
      outer += 0.5 * (lo - z) * (g + (zPrev <= z0 ? prevG : g));
    }
    prevG = g;
  }
  return 2 * tauN * outer;
}

/**
 * Brown's high-barrier (Néel-Brown) escape time over the equator for uniaxial anisotropy:
 * τ = τ_N (√π / 2) σ^{−3/2} e^σ, valid for σ ≳ 5.
 *
 * @example
 * neelBrownTime(10, 1e-9); // ≈ 0.44 µs
 */
export function neelBrownTime(sigma: number, tauN: number): number {
  return tauN * (Math.sqrt(Math.PI) / 2) * sigma ** -1.5 * Math.exp(sigma);
}

/**
 * Arrhenius probability that a bit flips thermally during `durationS` at voltage V: 1 − exp(−t / (τ0 e^{Δ(V)})).
 *
 * @example
 * thermalSwitchProbability(defaultDeviceParams, -0.1, 2e-9); // read disturb of a 2 ns read: ≈ 1e-14
 */
export function thermalSwitchProbability(p: DeviceParams, voltageV: number, durationS: number): number {
  return -Math.expm1(-durationS / (ATTEMPT_TIME_S * Math.exp(barrierAt(p, voltageV))));
}
