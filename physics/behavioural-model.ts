/**
 * Fast behavioural model of the MTJ for HDL simulation: P_sw(amplitude, width, from) interpolated in a stored,
 * versioned Monte Carlo table (bilinear in amplitude × width, linear in temperature), with per-instance frozen device
 * variation of K_i, ξ and diameter. A varied device is mapped onto the table at the equivalent amplitude that gives the
 * same effective anisotropy field during the pulse (hence the same precession frequency and torque); the smaller change
 * of the thermal noise level with the volume, and of the post-pulse relaxation, is neglected.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DeviceParams, checkVoltage, deriveQuantities, effectiveAnisotropyFieldAt, validateDeviceParams } from './parameters.ts';
import type { MtjState } from './llg.ts';
import type { MapSolverSettings } from './switching-map.ts';
import { Rng } from '../common/rng.ts';
import { PhysicsArgumentError, PhysicsDataError } from './errors.ts';

export const TABLE_FORMAT = 'meram-hdl/behavioural-table';
export const TABLE_VERSION = 1;

/** The stored table (physics/data/behavioural-table.v1.json). */
export interface BehaviouralTable {
  readonly format: typeof TABLE_FORMAT;
  readonly version: typeof TABLE_VERSION;
  /** The command that generated the file and when it was asked for, for provenance. */
  readonly generatedBy: string;
  readonly params: DeviceParams;
  readonly solver: MapSolverSettings;
  readonly seed: number;
  readonly trials: number;
  readonly temperaturesK: readonly number[];
  readonly amplitudesV: readonly number[];
  readonly widthsS: readonly number[];
  /** switched[temperature index][from][amplitude index][width index]: switches out of `trials`. */
  readonly switched: readonly Readonly<Record<MtjState, readonly (readonly number[])[]>>[];
  /** Interpolation accuracy against fresh Monte Carlo at off-grid points (nominal temperature). */
  readonly accuracy: {
    readonly points: number;
    readonly trialsPerPoint: number;
    readonly meanAbsError: number;
    readonly maxAbsError: number;
    /** max |model − MC| minus 2.58 × the standard error of both, floored at 0: error beyond the sampling noise. */
    readonly maxExcessError: number;
  };
}

/** Relative standard deviations of the frozen per-instance variation. */
export interface VariationSigmas {
  /** σ of K_i / K_i (e.g. 0.005). */
  readonly kiRel?: number;
  /** σ of ξ / ξ. */
  readonly xiRel?: number;
  /** σ of d / d. */
  readonly diameterRel?: number;
}

/** Default location of the stored table. */
export const defaultTablePath = fileURLToPath(new URL('./data/behavioural-table.v1.json', import.meta.url));

/** Index i and weight t of x in a sorted grid (clamped): value ≈ (1 − t) g[i] + t g[i+1]. */
function locate(grid: readonly number[], x: number): [number, number] {
  const n = grid.length;
  if (n === 1 || x <= grid[0]!) return [0, 0];
  if (x >= grid[n - 1]!) return [n - 2, 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (grid[mid]! <= x) lo = mid;
    else hi = mid;
  }
  return [lo, (x - grid[lo]!) / (grid[lo + 1]! - grid[lo]!)];
}

/**
 * A behavioural MTJ: one device (nominal or a frozen varied instance) at one temperature.
 *
 * @example
 * const model = BehaviouralModel.load();
 * const p = model.pSwitch(1.4, 0.9e-9, 'P'); // ≈ 1: half a precession period
 * const chip7 = model.withVariation(7, { kiRel: 0.003, xiRel: 0.02, diameterRel: 0.02 });
 */
export class BehaviouralModel {
  readonly table: BehaviouralTable;
  /** This instance's device (the table's nominal device with the frozen offsets applied). */
  readonly device: DeviceParams;
  readonly temperatureK: number;
  private readonly prob: readonly Record<MtjState, Float64Array>[];
  private readonly nominalBk0: number;
  private readonly nominalVc: number;

  constructor(table: BehaviouralTable, device: DeviceParams = table.params, temperatureK = table.params.temperatureK) {
    validateDeviceParams(device);
    const [t0, tn] = [table.temperaturesK[0]!, table.temperaturesK[table.temperaturesK.length - 1]!];
    if (!(temperatureK >= t0 && temperatureK <= tn)) {
      throw new PhysicsArgumentError('temperatureK', `${temperatureK} K is outside the table's range [${t0}, ${tn}] K`);
    }
    this.table = table;
    this.device = { ...device, temperatureK };
    this.temperatureK = temperatureK;
    const nW = table.widthsS.length;
    this.prob = table.switched.map((byDir) => {
      const out = {} as Record<MtjState, Float64Array>;
      for (const d of ['P', 'AP'] as const) {
        const a = new Float64Array(table.amplitudesV.length * nW);
        byDir[d].forEach((row, ai) => row.forEach((k, wi) => (a[ai * nW + wi] = k / table.trials)));
        out[d] = a;
      }
      return out;
    });
    this.nominalBk0 = effectiveAnisotropyFieldAt(table.params, 0);
    this.nominalVc = deriveQuantities(table.params).criticalVoltageV;
  }

  /**
   * Loads and checks a stored table (default: the one shipped in physics/data/).
   *
   * @example
   * const model = BehaviouralModel.load();
   */
  static load(file: string = defaultTablePath): BehaviouralModel {
    let t: BehaviouralTable;
    try {
      t = JSON.parse(fs.readFileSync(file, 'utf8')) as BehaviouralTable;
    } catch (e) {
      throw new PhysicsDataError(file, `cannot read the behavioural table: ${(e as Error).message}`);
    }
    if (t.format !== TABLE_FORMAT || t.version !== TABLE_VERSION) {
      throw new PhysicsDataError(file, `expected ${TABLE_FORMAT} version ${TABLE_VERSION}, got ${String(t.format)} v${String(t.version)}`);
    }
    if (t.switched.length !== t.temperaturesK.length) throw new PhysicsDataError(file, 'one switch table per temperature expected');
    return new BehaviouralModel(t);
  }

  /**
   * The amplitude on the nominal table equivalent to `amplitudeV` on this device: same B_k,eff during the pulse.
   *
   * @example
   * model.equivalentAmplitude(1.4); // 1.4 for the nominal device
   */
  equivalentAmplitude(amplitudeV: number): number {
    const bk = effectiveAnisotropyFieldAt(this.device, amplitudeV);
    return this.nominalVc * (1 - bk / this.nominalBk0);
  }

  /**
   * Switching probability of one rectangular pulse from state `from`. Widths beyond the table hold its last column
   * (the long-pulse limit); amplitudes below the table (including negative, anisotropy-raising ones) hold its first row.
   *
   * @example
   * model.pSwitch(1.35, 0.9e-9, 'AP');
   */
  pSwitch(amplitudeV: number, widthS: number, from: MtjState): number {
    checkVoltage(this.device, amplitudeV, 'pulse amplitude');
    if (!(widthS >= 0) || !Number.isFinite(widthS)) throw new PhysicsArgumentError('widthS', `pulse width must be finite and ≥ 0, got ${widthS}`);
    if (from !== 'P' && from !== 'AP') throw new PhysicsArgumentError('from', `must be 'P' or 'AP', got ${String(from)}`);
    const t = this.table;
    const [ai, ta] = locate(t.amplitudesV, this.equivalentAmplitude(amplitudeV));
    const [wi, tw] = locate(t.widthsS, widthS);
    const [ti, tt] = locate(t.temperaturesK, this.temperatureK);
    const nW = t.widthsS.length;
    const at = (k: number): number => {
      const g = this.prob[k]![from];
      const i = ai * nW + wi;
      const a = g[i]! + tw * (g[i + 1]! - g[i]!);
      const b = g[i + nW]! + tw * (g[i + nW + 1]! - g[i + nW]!);
      return a + ta * (b - a);
    };
    if (t.temperaturesK.length === 1) return at(0);
    return at(ti) + tt * (at(ti + 1) - at(ti));
  }

  /**
   * A frozen device instance: relative offsets of K_i, ξ and diameter drawn once from N(0, σ²) with the stream
   * (seed, 0x7a71); the same seed always gives the same device.
   *
   * @example
   * const chip = model.withVariation(42, { kiRel: 0.002 });
   * chip.offsets; // { kiRel, xiRel, diameterRel }
   */
  withVariation(seed: number, sigmas: VariationSigmas): BehaviouralModel & { readonly offsets: Required<VariationSigmas> } {
    for (const [k, v] of Object.entries(sigmas)) {
      if (!(Number.isFinite(v) && v >= 0)) throw new PhysicsArgumentError(k, `a sigma must be finite and ≥ 0, got ${String(v)}`);
    }
    const r = Rng.stream(seed, 0x7a71);
    const offsets = {
      kiRel: (sigmas.kiRel ?? 0) * r.nextNormal(),
      xiRel: (sigmas.xiRel ?? 0) * r.nextNormal(),
      diameterRel: (sigmas.diameterRel ?? 0) * r.nextNormal(),
    };
    const d = this.device;
    const device: DeviceParams = {
      ...d,
      kiJPerM2: d.kiJPerM2 * (1 + offsets.kiRel),
      xiJPerVM: d.xiJPerVM * (1 + offsets.xiRel),
      diameterM: d.diameterM * (1 + offsets.diameterRel),
    };
    return Object.assign(new BehaviouralModel(this.table, device, this.temperatureK), { offsets });
  }

  /**
   * The same device at another temperature (within the table's range).
   *
   * @example
   * const hot = model.atTemperature(350);
   */
  atTemperature(temperatureK: number): BehaviouralModel {
    return new BehaviouralModel(this.table, this.device, temperatureK);
  }
}
