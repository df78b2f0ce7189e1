import { describe, expect, test } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  computeMap, computeShard, linspace, mapEstimate, mergeShards, readMapFile, serialiseMap, standardMapSpec, writeMap,
  type MapSpec, type SwitchingMap,
} from '../switching-map.ts';
import { defaultDeviceParams as d0, deriveQuantities } from '../parameters.ts';
import { twoProportionZ, wilson } from '../stats.ts';
import { BreakdownError, PhysicsArgumentError, PhysicsDataError } from '../errors.ts';
import type { SolverOptions } from '../llg.ts';

const vc = deriveQuantities(d0).criticalVoltageV;
const spec = (over: Partial<MapSpec>): MapSpec => standardMapSpec({ trials: 100, ...over });
const inline = { workers: 0 };

/** Frequency whose fitted a + b cos 2πfw + c sin 2πfw leaves the least squared residual (scan 0.2-1.2 GHz). */
function fitFrequency(ws: readonly number[], ps: readonly number[]): number {
  let best = { f: 0, r: Infinity };
  for (let f = 0.2e9; f <= 1.2e9; f += 0.5e6) {
    const rows = ws.map((w) => [1, Math.cos(2 * Math.PI * f * w), Math.sin(2 * Math.PI * f * w)]);
    // Normal equations of a 3-parameter linear least-squares fit, solved by Cramer's rule.
    const A = [0, 1, 2].map((i) => [0, 1, 2].map((j) => rows.reduce((s, r) => s + r[i]! * r[j]!, 0)));
    const y = [0, 1, 2].map((i) => rows.reduce((s, r, k) => s + r[i]! * ps[k]!, 0));
    const det = (M: number[][]): number =>
      M[0]![0]! * (M[1]![1]! * M[2]![2]! - M[1]![2]! * M[2]![1]!) -
      M[0]![1]! * (M[1]![0]! * M[2]![2]! - M[1]![2]! * M[2]![0]!) +
      M[0]![2]! * (M[1]![0]! * M[2]![1]! - M[1]![1]! * M[2]![0]!);
    const D = det(A);
    const coef = [0, 1, 2].map((c) => det(A.map((row, i) => row.map((v, j) => (j === c ? y[i]! : v)))) / D);
    const r = rows.reduce((s, row, k) => s + (row.reduce((t, v, j) => t + v * coef[j]!, 0) - ps[k]!) ** 2, 0);
    if (r < best.r) best = { f, r };
  }
  return best.f;
}

describe('map physics', () => {
  const widths = linspace(0.1e-9, 4e-9, 30);
  const oscillation = async (params = d0): Promise<number> => {
    const map = await computeMap(spec({ params, amplitudesV: [vc], widthsS: widths, directions: ['P'], trials: 150 }), inline);
    return fitFrequency(widths, widths.map((_, wi) => mapEstimate(map, 'P', 0, wi).p));
  };
  test('P_sw oscillates with width at the precession frequency (within 5 %)', async () => {
    const f = await oscillation();
    expect(Math.abs(f / deriveQuantities(d0).precessionFrequencyAtVcHz - 1)).toBeLessThan(0.05);
  });
  test('the same check fails on a device whose precession is 25 % faster', async () => {
    const f = await oscillation({ ...d0, biasFieldT: 0.025 });
    expect(Math.abs(f / deriveQuantities(d0).precessionFrequencyAtVcHz - 1)).toBeGreaterThan(0.05);
  });

  // Long pulse: 80 ns ≫ damping time (14 ns) and thermal dephasing.
  const longPulse = async (solver: Partial<SolverOptions> = {}): Promise<SwitchingMap> =>
    computeMap(spec({ amplitudesV: [1.6], widthsS: [80e-9], trials: 300, solver: { ...standardMapSpec().solver, ...solver } }), inline);
  test('long pulses above V_c switch with probability ≈ 0.5 (99 % Wilson interval holds 0.5), both directions', async () => {
    const map = await longPulse();
    for (const from of ['P', 'AP'] as const) {
      const e = wilson(map.switched[from][0]![0]!, map.trials, 2.576);
      expect(e.lo).toBeLessThan(0.5);
      expect(e.hi).toBeGreaterThan(0.5);
    }
  });

  test('without the thermal field the long-pulse outcome is deterministic: the same check fails', async () => {
    const map = await longPulse({ thermal: false } as Partial<SolverOptions>);
    const e = wilson(map.switched.P[0]![0]!, map.trials, 2.576);
    expect(e.lo > 0.5 || e.hi < 0.5).toBe(true);
  });

  // 0.4 V and 0.5 V: barrier during the pulse ≈ 14 and 9.5 k_BT (V_c ≈ 1.35 V).
  const lowWorst = async (solver: Partial<SolverOptions> = {}): Promise<number> => {
    const map = await computeMap(
      spec({ amplitudesV: [0.4, 0.5], widthsS: [0.5e-9, 1e-9, 2e-9, 5e-9], directions: ['P'], trials: 400, solver: { ...standardMapSpec().solver, ...solver } }),
      inline,
    );
    return Math.max(...map.switched.P.flat().map((k) => wilson(k, map.trials).hi));
  };
  test('below V_c switching stays low (upper 95 % bound < 5 %) for 0.5-5 ns pulses', async () => {
    expect(await lowWorst()).toBeLessThan(0.05);
  });
  test('the same check fails with a four times too strong thermal field', async () => {
    expect(await lowWorst({ brokenVarianceScale: 4 } as Partial<SolverOptions>)).toBeGreaterThan(0.05);
  });

  const toggleZ = async (params = d0): Promise<number[]> => {
    const map = await computeMap(spec({ params, amplitudesV: [1.2, vc, 1.6], widthsS: [0.5e-9, 0.9e-9, 1.5e-9, 3e-9], trials: 200 }), inline);
    return map.switched.P.flatMap((row, ai) => row.map((k, wi) => twoProportionZ(k, map.trials, map.switched.AP[ai]![wi]!, map.trials)));
  };
  test('toggle symmetry: P→AP and AP→P agree point by point (|z| < 3)', async () => {
    for (const z of await toggleZ()) expect(Math.abs(z)).toBeLessThan(3);
  });
  test('the same check fails on a device with a 5 mT perpendicular stray field', async () => {
    expect(Math.max(...(await toggleZ({ ...d0, strayFieldT: 0.005 })).map(Math.abs))).toBeGreaterThan(3);
  });
});

describe('sharding and merging', () => {
  const s = spec({ amplitudesV: [1.0, 1.4, 1.7], widthsS: [0.3e-9, 0.9e-9, 1.6e-9], trials: 12 });
  test('any split over shards and workers merges byte-identically to one run', async () => {
    const whole = serialiseMap(await computeMap(s, inline));
    const parts = await Promise.all([0, 1, 2].map((i) => computeShard(s, { index: i, count: 3 }, { workers: i === 1 ? 2 : 0 })));
    expect(serialiseMap(mergeShards([parts[2]!, parts[0]!, parts[1]!]))).toBe(whole);
    const halves = await Promise.all([0, 1].map((i) => computeShard(s, { index: i, count: 2 }, inline)));
    expect(serialiseMap(mergeShards(halves))).toBe(whole);
    // Through files, as the CLI does it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meram-shards-'));
    halves.forEach((h, i) => writeMap(path.join(dir, `s${i}.json`), h));
    const back = [0, 1].map((i) => readMapFile(path.join(dir, `s${i}.json`)));
    expect(serialiseMap(mergeShards(back as never))).toBe(whole);
    fs.rmSync(dir, { recursive: true });
  });
  test('merge rejects duplicates, missing points and foreign shards', async () => {
    const [a, b] = await Promise.all([0, 1].map((i) => computeShard(s, { index: i, count: 2 }, inline)));
    expect(() => mergeShards([a!, a!])).toThrow(PhysicsDataError);
    expect(() => mergeShards([a!])).toThrow(/missing/);
    const other = await computeShard({ ...s, seed: 1 }, { index: 1, count: 2 }, inline);
    expect(() => mergeShards([a!, other])).toThrow(/differs/);
    expect(mergeShards([a!, b!]).trials).toBe(12);
  });
  test('invalid specs are rejected with typed errors', async () => {
    await expect(computeMap(spec({ amplitudesV: [2.5] }), inline)).rejects.toThrow(BreakdownError);
    await expect(computeMap(spec({ widthsS: [-1e-9] }), inline)).rejects.toThrow(PhysicsArgumentError);
    await expect(computeMap(spec({ trials: 0 }), inline)).rejects.toThrow(PhysicsArgumentError);
    await expect(computeShard(s, { index: 3, count: 3 }, inline)).rejects.toThrow(PhysicsArgumentError);
  });
});
