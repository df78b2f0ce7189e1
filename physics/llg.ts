/**
 * Stochastic macrospin solver: Landau-Lifshitz-Gilbert equation in Landau-Lifshitz form with VCMA anisotropy,
 * demagnetisation, in-plane bias, perpendicular stray field and a thermal field, integrated by the stochastic Heun
 * scheme (Stratonovich) in Cartesian coordinates with renormalisation of m after each step. Fields are in tesla (μ0 H).
 *
 *   dm/dt = −γ/(1+α²) [ m × B + α m × (m × B) ],  B = B_ext − μ0 Ms N·m + B_k(V) m_z ẑ + B_th,
 *   B_th ~ N(0, σ²) per component and step, σ² = 2 α k_B T / (γ Ms V_free Δt).
 *
 * The inner loop allocates nothing and keeps every quantity in Float64 scalars.
 */
import { type DeviceParams, anisotropyFieldAt, checkVoltage, deriveQuantities, KB, MU0 } from './parameters.ts';
import type { Rng } from '../common/rng.ts';
import { PhysicsArgumentError } from './errors.ts';

/** Integration settings. The `broken*` fields exist only so validation tests can show they fail on a wrong solver. */
export interface SolverOptions {
  /** Time step (s); default 1 ps. */
  readonly dtS?: number;
  /** Thermal field on (default) or off (T = 0 dynamics). */
  readonly thermal?: boolean;
  /** Longest relaxation after a pulse before the final state is read from the sign of m_z (s); default 40 ns. */
  readonly maxRelaxS?: number;
  /** Depth below the saddle energy, in k_B T, at which a relaxing trajectory counts as settled (default 8). */
  readonly commitKT?: number;
  /** For tests only: integrate with plain Euler instead of Heun. */
  readonly brokenEuler?: boolean;
  /** For tests only: multiply the thermal-field variance by this factor (1 = correct). */
  readonly brokenVarianceScale?: number;
  /** For tests only: do not scale the thermal-field variance with 1/Δt (uses the variance of a 1 ps step). */
  readonly brokenNoiseIgnoresDt?: boolean;
}

/** State of a free layer: 'P' is m_z > 0 (parallel to the reference layer), 'AP' is m_z < 0. */
export type MtjState = 'P' | 'AP';

/** A rectangular gate pulse. */
export interface Pulse {
  readonly amplitudeV: number;
  readonly widthS: number;
}

/** Resolved solver settings. */
interface Resolved {
  dt: number;
  thermal: boolean;
  maxRelaxS: number;
  euler: boolean;
  sigma: number;
}

/** Stationary point of the zero-voltage energy along the x–z great circle (the minimum-energy path between the wells). */
interface Landscape {
  /** Polar angle of the +z well, the saddle and the −z well. */
  thetaP: number;
  thetaSaddle: number;
  thetaAP: number;
  eSaddle: number;
  eP: number;
  eAP: number;
}

/**
 * A macrospin solver bound to one device and one set of options. Reuse one instance for many trials.
 *
 * @example
 * const s = new MacrospinSolver(defaultDeviceParams);
 * const switched = s.pulseSwitches('P', { amplitudeV: 1.4, widthS: 0.9e-9 }, Rng.stream(1, 0, 0));
 */
export class MacrospinSolver {
  readonly params: DeviceParams;
  readonly dtS: number;
  private readonly o: Resolved;
  private readonly g: number;
  private readonly a: number;
  private readonly bx: number;
  private readonly bz: number;
  private readonly dX: number;
  private readonly dY: number;
  private readonly dZ: number;
  private readonly msVolume: number;
  private readonly land: Landscape;
  /** Commit depth below the saddle, in tesla (energy per Ms·volume). */
  private readonly commitDepthT: number;
  /** Scratch state vector reused by every trial (no allocation per trial). */
  private readonly m = new Float64Array(3);

  constructor(params: DeviceParams, options: SolverOptions = {}) {
    const d = deriveQuantities(params);
    const dt = options.dtS ?? 1e-12;
    if (!(dt > 0 && dt < 1e-10)) throw new PhysicsArgumentError('dtS', `time step must be in (0, 100 ps), got ${dt}`);
    this.params = params;
    this.dtS = dt;
    this.a = params.damping;
    this.g = params.gammaRadPerST / (1 + this.a * this.a);
    this.bx = params.biasFieldT;
    this.bz = params.strayFieldT;
    this.dX = MU0 * params.msAPerM * d.demag.nx;
    this.dY = MU0 * params.msAPerM * d.demag.ny;
    this.dZ = MU0 * params.msAPerM * d.demag.nz;
    this.msVolume = params.msAPerM * d.volumeM3;
    const varianceDt = options.brokenNoiseIgnoresDt ? 1e-12 : dt;
    const variance =
      ((2 * this.a * KB * params.temperatureK) / (params.gammaRadPerST * this.msVolume * varianceDt)) *
      (options.brokenVarianceScale ?? 1);
    this.o = {
      dt,
      thermal: options.thermal ?? true,
      maxRelaxS: options.maxRelaxS ?? 40e-9,
      euler: options.brokenEuler ?? false,
      sigma: Math.sqrt(variance),
    };
    this.land = this.findLandscape();
    this.commitDepthT = ((options.commitKT ?? 8) * KB * params.temperatureK) / this.msVolume;
  }

  /**
   * Energy per unit (Ms · volume) at voltage V, in tesla: −B_ext·m + ½ μ0 Ms m·N·m − ½ B_k(V) m_z².
   *
   * @example
   * solver.energyT(0, 0, 1, 0); // energy of the perpendicular state
   */
  energyT(mx: number, my: number, mz: number, voltageV: number): number {
    const bk = anisotropyFieldAt(this.params, voltageV);
    return (
      -this.bx * mx - this.bz * mz + 0.5 * (this.dX * mx * mx + this.dY * my * my + this.dZ * mz * mz) - 0.5 * bk * mz * mz
    );
  }

  private findLandscape(): Landscape {
    // Scan the x–z half circle on the side of the bias (mx ≥ 0), then refine each stationary point by golden section.
    const e = (t: number): number => this.energyT(Math.sin(t) * Math.sign(this.bx || 1), 0, Math.cos(t), 0);
    const n = 2000;
    const refine = (lo: number, hi: number, sign: 1 | -1): number => {
      const r = (Math.sqrt(5) - 1) / 2;
      for (let k = 0; k < 100; k++) {
        const c = hi - r * (hi - lo);
        const dd = lo + r * (hi - lo);
        if (sign * e(c) < sign * e(dd)) hi = dd;
        else lo = c;
      }
      return (lo + hi) / 2;
    };
    let iMax = 1;
    for (let i = 1; i < n; i++) if (e((i * Math.PI) / n) > e((iMax * Math.PI) / n)) iMax = i;
    const h = Math.PI / n;
    const thetaSaddle = refine((iMax - 1) * h, (iMax + 1) * h, -1);
    const thetaP = refine(0, thetaSaddle, 1);
    const thetaAP = refine(thetaSaddle, Math.PI, 1);
    return { thetaP, thetaSaddle, thetaAP, eSaddle: e(thetaSaddle), eP: e(thetaP), eAP: e(thetaAP) };
  }

  /**
   * m_z of the zero-voltage saddle point: states are told apart by which side of it m_z lies.
   *
   * @example
   * new MacrospinSolver(defaultDeviceParams).saddleMz; // 0 for a device without stray field
   */
  get saddleMz(): number {
    return Math.cos(this.land.thetaSaddle);
  }

  /**
   * Puts a thermal equilibrium sample of the given zero-voltage well into `out` (harmonic approximation about the
   * minimum: independent normals along the polar and azimuthal directions with variance k_B T / (Ms V ∂²e)).
   * With the thermal field off it is the minimum itself.
   *
   * @example
   * const m = new Float64Array(3);
   * solver.sampleWell('AP', Rng.stream(1), m); // m ≈ (0.33, 0, −0.94) ± thermal spread
   */
  sampleWell(state: MtjState, rng: Rng, out: Float64Array): void {
    const th = state === 'P' ? this.land.thetaP : this.land.thetaAP;
    const sx = Math.sign(this.bx || 1);
    const m0x = Math.sin(th) * sx;
    const m0z = Math.cos(th);
    if (!this.o.thermal) {
      out[0] = m0x;
      out[1] = 0;
      out[2] = m0z;
      return;
    }
    const eps = 1e-4;
    const e = (x: number, y: number, z: number): number => {
      const r = Math.hypot(x, y, z);
      return this.energyT(x / r, y / r, z / r, 0);
    };
    const ux = Math.cos(th) * sx;
    const uz = -Math.sin(th);
    const e0 = this.energyT(m0x, 0, m0z, 0);
    const cTheta = (e(m0x + eps * ux, 0, m0z + eps * uz) + e(m0x - eps * ux, 0, m0z - eps * uz) - 2 * e0) / (eps * eps);
    const cPhi = (2 * e(m0x, eps, m0z) - 2 * e0) / (eps * eps);
    const kT = KB * this.params.temperatureK;
    const s1 = Math.sqrt(kT / (this.msVolume * cTheta)) * rng.nextNormal();
    const s2 = Math.sqrt(kT / (this.msVolume * cPhi)) * rng.nextNormal();
    const x = m0x + s1 * ux;
    const y = s2;
    const z = m0z + s1 * uz;
    const r = Math.hypot(x, y, z);
    out[0] = x / r;
    out[1] = y / r;
    out[2] = z / r;
  }

  /**
   * Advances `m` in place by up to `steps` time steps at voltage V. Every `checkEvery` steps `stop(m)` is asked and
   * ends the run early when true. Returns the number of steps done.
   *
   * @example
   * const m = new Float64Array([0, 0, 1]);
   * solver.advance(m, 1.35, 1000, Rng.stream(7));
   */
  advance(m: Float64Array, voltageV: number, steps: number, rng: Rng, stop?: (m: Float64Array) => boolean, checkEvery = 16): number {
    const p = this.params;
    const dt = this.o.dt;
    const g = this.g;
    const a = this.a;
    const bxExt = this.bx;
    const bzExt = this.bz;
    const dX = this.dX;
    const dY = this.dY;
    const kz = anisotropyFieldAt(p, voltageV) - this.dZ;
    const sigma = this.o.thermal ? this.o.sigma : 0;
    const euler = this.o.euler;
    let mx = m[0]!;
    let my = m[1]!;
    let mz = m[2]!;
    let done = 0;
    while (done < steps) {
      const chunk = stop ? Math.min(checkEvery, steps - done) : steps - done;
      for (let i = 0; i < chunk; i++) {
        let tx = 0;
        let ty = 0;
        let tz = 0;
        if (sigma !== 0) {
          tx = sigma * rng.nextNormal();
          ty = sigma * rng.nextNormal();
          tz = sigma * rng.nextNormal();
        }
        // Predictor: f(m) with the step's thermal field.
        let bx = bxExt - dX * mx + tx;
        let by = -dY * my + ty;
        let bz = bzExt + kz * mz + tz;
        let cx = my * bz - mz * by;
        let cy = mz * bx - mx * bz;
        let cz = mx * by - my * bx;
        const f1x = -g * (cx + a * (my * cz - mz * cy));
        const f1y = -g * (cy + a * (mz * cx - mx * cz));
        const f1z = -g * (cz + a * (mx * cy - my * cx));
        let nx: number;
        let ny: number;
        let nz: number;
        if (euler) {
          nx = mx + dt * f1x;
          ny = my + dt * f1y;
          nz = mz + dt * f1z;
        } else {
          const px = mx + dt * f1x;
          const py = my + dt * f1y;
          const pz = mz + dt * f1z;
          // Corrector: f at the predicted point with the same thermal field, then the trapezoidal average.
          bx = bxExt - dX * px + tx;
          by = -dY * py + ty;
          bz = bzExt + kz * pz + tz;
          cx = py * bz - pz * by;
          cy = pz * bx - px * bz;
          cz = px * by - py * bx;
          nx = mx + 0.5 * dt * (f1x - g * (cx + a * (py * cz - pz * cy)));
          ny = my + 0.5 * dt * (f1y - g * (cy + a * (pz * cx - px * cz)));
          nz = mz + 0.5 * dt * (f1z - g * (cz + a * (px * cy - py * cx)));
        }
        const inv = 1 / Math.sqrt(nx * nx + ny * ny + nz * nz);
        mx = nx * inv;
        my = ny * inv;
        mz = nz * inv;
      }
      done += chunk;
      if (stop) {
        m[0] = mx;
        m[1] = my;
        m[2] = mz;
        if (stop(m)) return done;
      }
    }
    m[0] = mx;
    m[1] = my;
    m[2] = mz;
    return done;
  }

  /**
   * True when m is committed to a well: its zero-voltage energy is below the saddle by `commitKT` k_B T (8 by default:
   * a thermal return over the saddle is then a ≈ e^−8 event) or by half the well depth, whichever is less.
   */
  private readonly committed = (m: Float64Array): boolean => {
    const e = this.energyT(m[0]!, m[1]!, m[2]!, 0);
    const l = this.land;
    const wellE = m[2]! > this.saddleMz ? l.eP : l.eAP;
    return e < l.eSaddle - Math.min(0.5 * (l.eSaddle - wellE), this.commitDepthT);
  };

  /**
   * Relaxes `m` at zero voltage until committed to a well (or `maxRelaxS`), returns the final state.
   *
   * @example
   * solver.relaxToState(new Float64Array([1, 0, 0.05]), Rng.stream(2)); // 'P' most of the time
   */
  relaxToState(m: Float64Array, rng: Rng): MtjState {
    this.advance(m, 0, Math.ceil(this.o.maxRelaxS / this.o.dt), rng, this.committed, 8);
    return m[2]! > this.saddleMz ? 'P' : 'AP';
  }

  /**
   * One trial: a thermal sample of the `from` well, a rectangular pulse, relaxation; true when the state changed.
   * Uses only `rng`, so a trial is reproducible from its stream alone.
   *
   * @example
   * solver.pulseSwitches('AP', { amplitudeV: 1.4, widthS: 1e-9 }, Rng.stream(3, 1, 2));
   */
  pulseSwitches(from: MtjState, pulse: Pulse, rng: Rng): boolean {
    checkVoltage(this.params, pulse.amplitudeV, 'pulse amplitude');
    if (!(pulse.widthS >= 0) || !Number.isFinite(pulse.widthS)) {
      throw new PhysicsArgumentError('widthS', `pulse width must be a finite number ≥ 0, got ${pulse.widthS}`);
    }
    const m = this.m;
    this.sampleWell(from, rng, m);
    this.advance(m, pulse.amplitudeV, Math.round(pulse.widthS / this.o.dt), rng);
    return this.relaxToState(m, rng) !== from;
  }
}
