import { describe, expect, test } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BehaviouralModel, defaultTablePath, type BehaviouralTable } from '../behavioural-model.ts';
import { runPoints, defaultMapSolver, type MapSpec } from '../switching-map.ts';
import { BreakdownError, PhysicsArgumentError, PhysicsDataError } from '../errors.ts';
import type { MtjState } from '../llg.ts';
import type { DeviceParams } from '../parameters.ts';

const model = BehaviouralModel.load();
const t = model.table;

/** Fresh Monte Carlo P_sw of one pulse (seed unrelated to the table's). */
async function monteCarlo(params: DeviceParams, v: number, w: number, from: MtjState, trials: number, seed: number): Promise<number> {
  const spec: MapSpec = { params, amplitudesV: [v], widthsS: [w], directions: [from], trials, seed, solver: defaultMapSolver };
  const [k] = await runPoints(spec, [0], { workers: 0 });
  return k! / trials;
}

/** |model − MC| in units of the combined standard error, after allowing the table's stated excess error. */
const excess = (m: number, mc: number, trials: number): number =>
  (Math.abs(m - mc) - t.accuracy.maxExcessError) / Math.sqrt(Math.max(m * (1 - m), 0.01) / t.trials + Math.max(mc * (1 - mc), 0.01) / trials);

// Off-grid points (between amplitude rows and width columns), covering the oscillation and the threshold region.
const checks = [
  [1.45, 0.65e-9, 'P'],
  [1.35, 1.25e-9, 'AP'],
  [1.05, 1.75e-9, 'P'],
  [1.75, 2.35e-9, 'AP'],
  [0.95, 3.15e-9, 'P'],
  [1.25, 0.45e-9, 'AP'],
] as const;

describe('stored behavioural table', () => {
  test('is versioned and records how it was generated and how accurate it is', () => {
    expect(t.format).toBe('meram-hdl/behavioural-table');
    expect(t.version).toBe(1);
    expect(t.generatedBy).toMatch(/^npx tsx physics\/generate-table\.ts --trials \d+/);
    expect(t.switched).toHaveLength(t.temperaturesK.length);
    expect(t.accuracy.points).toBeGreaterThanOrEqual(20);
    expect(t.accuracy.maxExcessError).toBeLessThanOrEqual(0.06); // the accuracy docs/physics.md states
    expect(t.accuracy.meanAbsError).toBeLessThanOrEqual(0.035);
  });
  test('reproduces the table exactly at grid points', () => {
    const ti = t.temperaturesK.indexOf(300);
    for (const [ai, wi] of [[3, 9], [9, 17], [14, 50]] as const) {
      expect(model.pSwitch(t.amplitudesV[ai]!, t.widthsS[wi]!, 'P')).toBeCloseTo(t.switched[ti]!.P[ai]![wi]! / t.trials, 12);
    }
  });
});

describe('accuracy against fresh Monte Carlo', () => {
  const trials = 300;
  test('off-grid points agree within the stated accuracy plus 2.58 standard errors', async () => {
    for (const [i, [v, w, from]] of checks.entries()) {
      const mc = await monteCarlo(t.params, v, w, from, trials, 9000 + i);
      expect(excess(model.pSwitch(v, w, from), mc, trials)).toBeLessThan(2.58);
    }
  });
  test('the same check fails for a model read at 1.3 × the width (a units/scaling bug)', async () => {
    const z = await Promise.all(
      checks.map(async ([v, w, from], i) => excess(model.pSwitch(v, 1.3 * w, from), await monteCarlo(t.params, v, w, from, trials, 9000 + i), trials)),
    );
    expect(Math.max(...z)).toBeGreaterThan(2.58);
  });
});

describe('device variation and temperature', () => {
  test('frozen instances: reproducible, nominal when sigmas are 0', () => {
    const a = model.withVariation(5, { kiRel: 0.003, xiRel: 0.02, diameterRel: 0.02 });
    const b = model.withVariation(5, { kiRel: 0.003, xiRel: 0.02, diameterRel: 0.02 });
    expect(a.offsets).toEqual(b.offsets);
    expect(a.pSwitch(1.3, 1e-9, 'P')).toBe(b.pSwitch(1.3, 1e-9, 'P'));
    expect(model.withVariation(6, { kiRel: 0.003 }).offsets.kiRel).not.toBe(a.offsets.kiRel);
    const zero = model.withVariation(5, {});
    expect(zero.pSwitch(1.3, 1e-9, 'P')).toBe(model.pSwitch(1.3, 1e-9, 'P'));
    expect(model.equivalentAmplitude(1.234)).toBeCloseTo(1.234, 12);
    expect(() => model.withVariation(1, { kiRel: -1 })).toThrow(PhysicsArgumentError);
  });
  test('a device with 0.5 % more K_i matches its own Monte Carlo (equivalent-amplitude mapping)', async () => {
    const device = { ...t.params, kiJPerM2: t.params.kiJPerM2 * 1.005 };
    const m = new BehaviouralModel(t, device);
    expect(m.equivalentAmplitude(1.5)).toBeLessThan(1.5); // stiffer anisotropy: the same pulse acts like a weaker one
    for (const [i, [v, w, from]] of ([[1.55, 0.8e-9, 'P'], [1.6, 1.6e-9, 'AP'], [1.45, 2.3e-9, 'P']] as const).entries()) {
      const mc = await monteCarlo(device, v, w, from, 300, 9100 + i);
      expect(excess(m.pSwitch(v, w, from), mc, 300)).toBeLessThan(2.58);
    }
  });
  test('temperature interpolates between the stored temperatures and is range-checked', () => {
    const lo = model.atTemperature(300).pSwitch(1.4, 3e-9, 'P');
    const hi = model.atTemperature(350).pSwitch(1.4, 3e-9, 'P');
    expect(model.atTemperature(325).pSwitch(1.4, 3e-9, 'P')).toBeCloseTo((lo + hi) / 2, 12);
    expect(() => model.atTemperature(400)).toThrow(PhysicsArgumentError);
  });
});

describe('invalid input', () => {
  test('typed errors', () => {
    expect(() => model.pSwitch(2.5, 1e-9, 'P')).toThrow(BreakdownError);
    expect(() => model.pSwitch(1.2, -1e-9, 'P')).toThrow(PhysicsArgumentError);
    expect(() => model.pSwitch(1.2, 1e-9, 'X' as MtjState)).toThrow(PhysicsArgumentError);
    expect(() => BehaviouralModel.load(`${defaultTablePath}.missing`)).toThrow(PhysicsDataError);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meram-table-'));
    const file = path.join(dir, 'future.json');
    fs.writeFileSync(file, JSON.stringify({ ...t, version: 2 } satisfies Omit<BehaviouralTable, 'version'> & { version: number }));
    expect(() => BehaviouralModel.load(file)).toThrow(/version/);
    fs.rmSync(dir, { recursive: true });
  });
  test('clamping outside the table: negative amplitudes hold the first row, long widths the last column', () => {
    expect(model.pSwitch(-0.3, 1e-9, 'P')).toBe(model.pSwitch(t.amplitudesV[0]!, 1e-9, 'P'));
    expect(model.pSwitch(1.5, 1e-6, 'P')).toBe(model.pSwitch(1.5, t.widthsS[t.widthsS.length - 1]!, 'P'));
  });
});
