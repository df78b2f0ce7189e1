/**
 * Readout: bias-dependent resistances, the divider signal seen by a latch sense amplifier against a mid-point
 * reference, read error probability from a frozen offset and per-read noise, and read disturb.
 *
 *   R_P = RA / A,  R_AP(V) = R_P (1 + TMR0 / (1 + (V/V_h)²)),  V = bias across the MTJ in the divider;
 *   ΔV = V_read [R_AP/(R_AP + R_L) − R_P/(R_P + R_L)],  R_L = √(R_P R_AP) (default);
 *   P(out = AP) = Φ((±ΔV/2 − V_os)/σ_n);  margin rule ΔV/2 > 4 σ_os + 6 σ_n;
 *   read disturb = 1 − exp(−t_read / (τ0 e^{Δ(−V_read)})) (the read polarity raises the anisotropy).
 */
import normal from '@stdlib/stats-base-dists-normal';
import { type DeviceParams, checkVoltage, deriveQuantities, tmrAt } from './parameters.ts';
import { thermalSwitchProbability } from './thermal.ts';
import type { MtjState } from './llg.ts';
import { Rng } from '../common/rng.ts';
import { PhysicsArgumentError } from './errors.ts';

/** Read conditions. Defaults are our choices within physics.md's ranges. */
export interface ReadoutOptions {
  /** Read bias magnitude (V), default 0.2 (0.1 V leaves ΔV/2 ≈ 14 mV, below the 24 mV margin rule); applied with the anisotropy-raising polarity. */
  readonly readVoltageV?: number;
  /** Read duration (s), default 2 ns. */
  readonly readTimeS?: number;
  /** σ of the frozen latch offset (V), default 5 mV (0.18 µm comparators: 3-10 mV). */
  readonly sigmaOffsetV?: number;
  /** σ of the per-decision noise (V), default 0.7 mV. */
  readonly sigmaNoiseV?: number;
  /** Divider load (Ω); default √(R_P R_AP) at the read bias. */
  readonly loadOhm?: number;
}

/** The read path of one device. */
export interface Readout {
  readonly readVoltageV: number;
  readonly readTimeS: number;
  readonly sigmaOffsetV: number;
  readonly sigmaNoiseV: number;
  readonly rPOhm: number;
  /** R_AP at the bias it sees in the divider. */
  readonly rAPOhm: number;
  readonly tmrAtRead: number;
  readonly loadOhm: number;
  /** Divider output for P and AP, and the mid-point reference (V). */
  readonly vOutP: number;
  readonly vOutAP: number;
  readonly referenceV: number;
  /** ΔV = vOutAP − vOutP (V). */
  readonly signalV: number;
  /** 4 σ_os + 6 σ_n (V). */
  readonly requiredHalfSignalV: number;
  /** ΔV/2 > 4 σ_os + 6 σ_n. */
  readonly marginOk: boolean;
  /** Read error averaged over the offset distribution: Φ(−(ΔV/2)/√(σ_os² + σ_n²)). */
  readonly meanReadError: number;
  /** Probability that one read flips the bit (thermal activation over Δ(−V_read)). */
  readonly readDisturbProbability: number;
  /** Error probability of one read of `state` by a latch with frozen offset `offsetV`. */
  readError(state: MtjState, offsetV: number): number;
  /** A frozen offset for instance `seed`: σ_os · N(0,1) from the stream (seed, 0x5e45e). */
  offsetFor(seed: number): number;
}

/**
 * Builds the readout model of a device.
 *
 * @example
 * const r = readoutModel(defaultDeviceParams, { readVoltageV: 0.2 });
 * console.log(r.signalV, r.marginOk, r.readError('AP', 0.004), r.readDisturbProbability);
 */
export function readoutModel(p: DeviceParams, opts: ReadoutOptions = {}): Readout {
  const d = deriveQuantities(p);
  const vRead = opts.readVoltageV ?? 0.2;
  const readTimeS = opts.readTimeS ?? 2e-9;
  const sigmaOffsetV = opts.sigmaOffsetV ?? 5e-3;
  const sigmaNoiseV = opts.sigmaNoiseV ?? 0.7e-3;
  if (!(vRead > 0)) throw new PhysicsArgumentError('readVoltageV', `must be > 0, got ${vRead}`);
  checkVoltage(p, vRead, 'read voltage');
  if (!(readTimeS > 0)) throw new PhysicsArgumentError('readTimeS', `must be > 0, got ${readTimeS}`);
  if (!(sigmaOffsetV >= 0)) throw new PhysicsArgumentError('sigmaOffsetV', `must be ≥ 0, got ${sigmaOffsetV}`);
  if (!(sigmaNoiseV > 0)) throw new PhysicsArgumentError('sigmaNoiseV', `must be > 0, got ${sigmaNoiseV}`);
  if (opts.loadOhm !== undefined && !(opts.loadOhm > 0)) throw new PhysicsArgumentError('loadOhm', `must be > 0, got ${opts.loadOhm}`);
  const rP = d.resistancePOhm;
  // R_AP depends on its own bias, which depends on R_L = √(R_P R_AP): a contracting fixed point.
  let rAP = d.resistanceAPOhm;
  let rL = opts.loadOhm ?? Math.sqrt(rP * rAP);
  for (let i = 0; i < 100; i++) {
    rAP = rP * (1 + tmrAt(p, (vRead * rAP) / (rAP + rL)));
    rL = opts.loadOhm ?? Math.sqrt(rP * rAP);
  }
  const vOutP = (vRead * rP) / (rP + rL);
  const vOutAP = (vRead * rAP) / (rAP + rL);
  const signalV = vOutAP - vOutP;
  const half = signalV / 2;
  const phi = (x: number): number => normal.cdf(x, 0, 1);
  const requiredHalfSignalV = 4 * sigmaOffsetV + 6 * sigmaNoiseV;
  return {
    readVoltageV: vRead,
    readTimeS,
    sigmaOffsetV,
    sigmaNoiseV,
    rPOhm: rP,
    rAPOhm: rAP,
    tmrAtRead: rAP / rP - 1,
    loadOhm: rL,
    vOutP,
    vOutAP,
    referenceV: (vOutP + vOutAP) / 2,
    signalV,
    requiredHalfSignalV,
    marginOk: half > requiredHalfSignalV,
    meanReadError: phi(-half / Math.hypot(sigmaOffsetV, sigmaNoiseV)),
    readDisturbProbability: thermalSwitchProbability(p, -vRead, readTimeS),
    // The latch reads AP when (v − reference) − V_os + noise > 0.
    readError: (state, offsetV) => (state === 'AP' ? phi((-half + offsetV) / sigmaNoiseV) : phi((-half - offsetV) / sigmaNoiseV)),
    offsetFor: (seed) => sigmaOffsetV * Rng.stream(seed, 0x5e45e).nextNormal(),
  };
}
