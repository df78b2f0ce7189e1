/**
 * The four physics validations of the stochastic macrospin solver (issue 5). Each statistical test uses fixed seeds
 * and is run a second time on a deliberately broken solver, where it must fail.
 */
import { describe, expect, test } from 'vitest';
import chisquare from '@stdlib/stats-base-dists-chisquare';
import { MacrospinSolver, type SolverOptions } from '../llg.ts';
import { barrierAt, defaultDeviceParams as d0, deriveQuantities, precessionFrequencyAt, type DeviceParams } from '../parameters.ts';
import { Rng } from '../../common/rng.ts';
import { absMzCdf, neelBrownTime, neelDiffusionTime, uniaxialMeanFirstPassageTime } from '../thermal.ts';
import { twoProportionZ } from '../stats.ts';
import { uniaxialDevice } from './devices.ts';

/** Frequency of the oscillation of m·axis about its mean, from interpolated upward zero crossings (T = 0). */
function measureFrequency(s: MacrospinSolver, m: Float64Array, voltageV: number, axis: 0 | 1 | 2, totalS: number): number {
  const steps = Math.round(totalS / s.dtS);
  const xs = new Float64Array(steps + 1);
  const r = Rng.stream(0);
  xs[0] = m[axis]!;
  for (let i = 1; i <= steps; i++) {
    s.advance(m, voltageV, 1, r);
    xs[i] = m[axis]!;
  }
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const crossings: number[] = [];
  for (let i = 1; i <= steps; i++) {
    const a = xs[i - 1]! - mean;
    const b = xs[i]! - mean;
    if (a < 0 && b >= 0) crossings.push(i - 1 + a / (a - b));
  }
  const n = crossings.length - 1;
  return n / ((crossings[n]! - crossings[0]!) * s.dtS);
}

describe('(1) T = 0: |m| = 1 and the analytic precession frequency', () => {
  const d = deriveQuantities(d0);
  const cold = (p: DeviceParams = d0): MacrospinSolver => new MacrospinSolver(p, { thermal: false, dtS: 0.5e-12 });

  test('|m| stays 1 and, without damping, the energy is conserved', () => {
    const p = { ...d0, damping: 0 };
    const s = cold(p);
    const m = new Float64Array([0.3, 0.2, Math.sqrt(1 - 0.13)]);
    const e0 = s.energyT(m[0]!, m[1]!, m[2]!, 0);
    let worstNorm = 0;
    for (let k = 0; k < 200; k++) {
      s.advance(m, 0, 100, Rng.stream(0));
      worstNorm = Math.max(worstNorm, Math.abs(Math.hypot(m[0]!, m[1]!, m[2]!) - 1));
    }
    expect(worstNorm).toBeLessThan(1e-14);
    // 10 ns ≈ 15 precession periods: the energy (≈ 0.6 T scale) moves by less than 1e-7 T.
    expect(Math.abs(s.energyT(m[0]!, m[1]!, m[2]!, 0) - e0)).toBeLessThan(1e-7);
  });

  test('large-angle precession at V_c: f = γ B_x / 2π(1+α²) within 1 %', () => {
    const s = cold();
    const m = new Float64Array(3);
    s.sampleWell('P', Rng.stream(0), m);
    const f = measureFrequency(s, m, d.criticalVoltageV, 2, 20e-9);
    expect(Math.abs(f / d.precessionFrequencyAtVcHz - 1)).toBeLessThan(0.01);
  });

  test.each([
    ['tilted well at 0 V', 0, 'P'],
    ['in-plane equilibrium beyond V_c (1.8 V)', 1.8, 'x'],
  ] as const)('small-angle (Kittel) frequency, %s, within 1 %%', (_name, v, start) => {
    const s = cold();
    const m = new Float64Array(3);
    if (start === 'P') {
      s.sampleWell('P', Rng.stream(0), m);
      m[1] = 0.02; // a small kick out of the x–z plane
    } else {
      m.set([Math.sqrt(1 - 0.02 ** 2), 0.02, 0]);
    }
    const norm = Math.hypot(m[0]!, m[1]!, m[2]!);
    for (let i = 0; i < 3; i++) m[i] = m[i]! / norm;
    const f = measureFrequency(s, m, v, 1, 20e-9);
    expect(Math.abs(f / precessionFrequencyAt(d0, v) - 1)).toBeLessThan(0.01);
  });
});

describe('(2) Boltzmann distribution of m_z at zero voltage and a small barrier', () => {
  const delta = 2.5;
  const bins = 20;
  /** χ² of |m_z| samples (20 equiprobable bins of the exact law ∝ e^{Δ m_z²}); samples are one τ_N apart. */
  function chiSquare(opts: SolverOptions): number {
    const p = uniaxialDevice(delta);
    const s = new MacrospinSolver(p, opts);
    const every = Math.round(neelDiffusionTime(p) / s.dtS);
    const edges = [0];
    for (let b = 1; b < bins; b++) {
      let lo = 0;
      let hi = 1;
      for (let k = 0; k < 50; k++) {
        const mid = (lo + hi) / 2;
        if (absMzCdf(delta, mid) < b / bins) lo = mid;
        else hi = mid;
      }
      edges.push((lo + hi) / 2);
    }
    edges.push(1);
    const counts = new Array<number>(bins).fill(0);
    const m = new Float64Array(3);
    let n = 0;
    for (let t = 0; t < 20; t++) {
      const r = Rng.stream(11, t);
      m.set([0, 0, 1]);
      s.advance(m, 0, 5 * every, r); // burn-in: five diffusion times
      for (let k = 0; k < 250; k++) {
        s.advance(m, 0, every, r);
        const z = Math.abs(m[2]!);
        let b = 0;
        while (z > edges[b + 1]!) b++;
        counts[b]!++;
        n++;
      }
    }
    const e = n / bins;
    return counts.reduce((a, c) => a + (c - e) ** 2 / e, 0);
  }
  const pValue = (chi2: number): number => 1 - chisquare.cdf(chi2, bins - 1);

  test('Heun: χ² accepts exp(Δ m_z²) (p > 0.001)', () => {
    expect(barrierAt(uniaxialDevice(delta), 0)).toBeCloseTo(delta, 9);
    expect(pValue(chiSquare({}))).toBeGreaterThan(0.001);
  });
  test('a thermal field with twice the variance is rejected (p < 1e-6)', () => {
    expect(pValue(chiSquare({ brokenVarianceScale: 2 }))).toBeLessThan(1e-6);
  });
});

describe('(3) halving the time step changes P_sw by less than its confidence interval', () => {
  const vc = deriveQuantities(d0).criticalVoltageV;
  // Two precessional points and two thermally activated ones (barrier ≈ 6 and ≈ 4.5 k_BT during the pulse).
  const points = [
    [vc, 0.45e-9],
    [vc, 2.5e-9],
    [0.6, 10e-9],
    [0.65, 10e-9],
  ] as const;
  const trials = 1000;
  function zScores(opts: SolverOptions): number[] {
    const count = (dtS: number, seed: number): number[] => {
      const s = new MacrospinSolver(d0, { ...opts, dtS });
      return points.map(([v, w], i) => {
        let k = 0;
        for (let t = 0; t < trials; t++) if (s.pulseSwitches('P', { amplitudeV: v, widthS: w }, Rng.stream(seed, i, t))) k++;
        return k;
      });
    };
    const a = count(1e-12, 31);
    const b = count(0.5e-12, 32);
    return a.map((k, i) => twoProportionZ(k, trials, b[i]!, trials));
  }
  const Z99 = 2.576; // the 99 % interval of the difference of two independent estimates

  test('Heun at 1 ps vs 0.5 ps', () => {
    for (const z of zScores({})) expect(Math.abs(z)).toBeLessThan(Z99);
  });
  test('a thermal field whose variance ignores Δt (temperature halves with Δt) is caught', () => {
    expect(Math.max(...zScores({ brokenNoiseIgnoresDt: true }).map(Math.abs))).toBeGreaterThan(Z99);
  });
});

describe('(4) thermally activated switching times follow Néel-Brown / Arrhenius', () => {
  const deltas = [2, 3, 4, 5, 6];
  const trials = 400;
  /** Mean first-passage time from m_z = 1 to m_z = −0.5 by Monte Carlo, over the exact value; and its standard error. */
  function ratios(opts: SolverOptions): { r: number; se: number; tau: number }[] {
    return deltas.map((delta) => {
      const p = uniaxialDevice(delta);
      const s = new MacrospinSolver(p, opts);
      const m = new Float64Array(3);
      let sum = 0;
      let sum2 = 0;
      for (let t = 0; t < trials; t++) {
        m.set([0, 0, 1]);
        const steps = s.advance(m, 0, 1e9, Rng.stream(12, delta, t), (x) => x[2]! < -0.5, 4);
        sum += steps * s.dtS;
        sum2 += (steps * s.dtS) ** 2;
      }
      const mean = sum / trials;
      const sd = Math.sqrt(sum2 / trials - mean * mean);
      const exact = uniaxialMeanFirstPassageTime(delta, neelDiffusionTime(p), 1, -0.5);
      return { r: mean / exact, se: sd / Math.sqrt(trials) / exact, tau: mean };
    });
  }
  /** Least-squares slope of ln τ against Δ. */
  const slope = (taus: number[]): number => {
    const y = taus.map(Math.log);
    const mx = deltas.reduce((a, b) => a + b, 0) / deltas.length;
    const my = y.reduce((a, b) => a + b, 0) / y.length;
    let sxy = 0;
    let sxx = 0;
    deltas.forEach((x, i) => {
      sxy += (x - mx) * (y[i]! - my);
      sxx += (x - mx) ** 2;
    });
    return sxy / sxx;
  };

  test('the exact first-passage time tends to the Néel-Brown asymptote and to an Arrhenius slope of 1', () => {
    const ratio = (s: number): number => uniaxialMeanFirstPassageTime(s, 1, 1, 0) / neelBrownTime(s, 1);
    expect(Math.abs(ratio(20) - 1)).toBeLessThan(0.06);
    expect(Math.abs(ratio(40) - 1)).toBeLessThan(0.03);
    const dlnT = Math.log(uniaxialMeanFirstPassageTime(31, 1, 1, -0.5) / uniaxialMeanFirstPassageTime(30, 1, 1, -0.5));
    expect(dlnT).toBeCloseTo(1 - 1.5 / 30.5, 2); // d ln(Δ^{-3/2} e^Δ)/dΔ
  });

  test('Heun: each mean time matches the exact Fokker-Planck value; the Arrhenius slope matches', () => {
    const res = ratios({});
    for (const { r, se } of res) expect(Math.abs(r - 1) / se).toBeLessThan(3.3);
    const exactTaus = deltas.map((d) => uniaxialMeanFirstPassageTime(d, neelDiffusionTime(uniaxialDevice(d)), 1, -0.5));
    expect(Math.abs(slope(res.map((x) => x.tau)) - slope(exactTaus))).toBeLessThan(0.06);
  });

  test('a thermal field with twice the variance fails the same test', () => {
    const res = ratios({ brokenVarianceScale: 2 });
    expect(Math.max(...res.map(({ r, se }) => Math.abs(r - 1) / se))).toBeGreaterThan(3.3);
  });
});
