import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  barrierAt, checkVoltage, defaultDeviceParams as d0, deriveQuantities, describeDevice, effectiveAnisotropyFieldAt,
  EPS0, KB, MU0, precessionFrequencyAt, tmrAt, validateDeviceParams, type DeviceParams,
} from '../parameters.ts';
import { diskDemagFactors } from '../demag.ts';
import { BreakdownError, DeviceParamError } from '../errors.ts';

describe('demagnetising factors of a disk', () => {
  test('sum to one and reach the known limits', () => {
    // Chen, Brug & Goldfarb (1991): magnetometric N_z of a cylinder with length = diameter is 0.3116.
    expect(diskDemagFactors(100e-9, 100e-9).nz).toBeCloseTo(0.3116, 3);
    const thin = diskDemagFactors(100e-9, 1.1e-9);
    expect(thin.nx + thin.ny + thin.nz).toBeCloseTo(1, 12);
    expect(thin.nz - thin.nx).toBeCloseTo(0.943, 3); // physics.md: ≈ 0.94 for 100 nm × 1.1 nm
    expect(diskDemagFactors(100e-9, 0.01e-9).nz).toBeGreaterThan(0.999);
    expect(diskDemagFactors(10e-9, 1000e-9).nz).toBeLessThan(0.01);
  });
});

describe('default device and derived quantities', () => {
  const d = deriveQuantities(d0);
  test('paper numbers', () => {
    expect(d0.diameterM).toBe(100e-9);
    expect(d0.xiJPerVM).toBe(40e-15);
    expect(d0.tmr0).toBe(2.2);
  });
  test('derived values against hand calculations', () => {
    const area = Math.PI * (50e-9) ** 2;
    expect(d.areaM2).toBeCloseTo(area, 30);
    expect(d.resistancePOhm).toBeCloseTo(1e-9 / area, 3); // 127.3 kΩ
    expect(d.resistancePOhm / 1e3).toBeCloseTo(127.32, 1);
    expect(d.resistanceAPOhm).toBeCloseTo(d.resistancePOhm * 3.2, 3);
    expect(d.capacitanceF / 1e-18).toBeCloseTo((EPS0 * 9.8 * area) / 1.5e-9 / 1e-18, 6); // ≈ 454 aF
    expect(d.capacitanceF / 1e-18).toBeCloseTo(454.3, 0);
    const shape = 0.5 * MU0 * 1.1e6 ** 2 * (d.demag.nz - d.demag.nx);
    expect(d.criticalVoltageV).toBeCloseTo((1.5e-9 * (0.825e-3 - shape * 1.1e-9)) / 40e-15, 12);
    expect(effectiveAnisotropyFieldAt(d0, d.criticalVoltageV)).toBeCloseTo(0, 12);
    const keff = 0.825e-3 / 1.1e-9 - shape;
    expect(d.barrierNoFieldKT).toBeCloseTo((keff * area * 1.1e-9) / (KB * 300), 9);
    const h = 0.02 / d.effectiveAnisotropyFieldT;
    expect(d.thermalStability).toBeCloseTo(d.barrierNoFieldKT * (1 - h) ** 2, 9);
    expect(d.precessionFrequencyAtVcHz).toBeCloseTo((1.76e11 * 0.02) / (2 * Math.PI * (1 + 0.02 ** 2)), 0);
    expect(precessionFrequencyAt(d0, d.criticalVoltageV)).toBeCloseTo(d.precessionFrequencyAtVcHz, 0);
    expect(d.breakdownVoltageV).toBeCloseTo(1.95, 12);
    // Design targets of the chosen defaults.
    expect(d.criticalVoltageV).toBeGreaterThan(1.2);
    expect(d.criticalVoltageV).toBeLessThan(1.5);
    expect(d.thermalStability).toBeGreaterThan(25);
    expect(d.thermalStability).toBeLessThan(35);
  });
  test('barrier falls with voltage and vanishes where B_k,eff = B_x', () => {
    expect(barrierAt(d0, 0.5)).toBeLessThan(barrierAt(d0, 0));
    expect(barrierAt(d0, d.barrierVanishingVoltageV + 1e-6)).toBe(0);
    expect(barrierAt(d0, d.barrierVanishingVoltageV - 0.05)).toBeGreaterThan(0);
  });
  test('bias-dependent TMR', () => {
    expect(tmrAt(d0, 0)).toBe(2.2);
    expect(tmrAt(d0, 0.5)).toBeCloseTo(1.1, 12);
  });
  test('describeDevice lists base and derived quantities', () => {
    const s = describeDevice(d0);
    for (const k of ['diameter', 'critical voltage V_c', 'Δ (no field / with bias)', 'R_P, R_AP', 'capacitance']) expect(s).toContain(k);
    expect(s).toContain('100.0 nm');
  });
});

describe('validation names the offending field', () => {
  const bad = (over: Partial<DeviceParams>, field: string): void => {
    let err: unknown;
    try {
      validateDeviceParams({ ...d0, ...over });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DeviceParamError);
    expect((err as DeviceParamError).field).toBe(field);
    expect((err as Error).message).toContain(field);
  };
  test('sizes, temperature, NaN', () => {
    bad({ diameterM: -1e-9 }, 'diameterM');
    bad({ diameterM: 0 }, 'diameterM');
    bad({ oxideThicknessM: 0 }, 'oxideThicknessM');
    bad({ temperatureK: 0 }, 'temperatureK');
    bad({ temperatureK: -5 }, 'temperatureK');
    bad({ msAPerM: NaN }, 'msAPerM');
    bad({ damping: -0.1 }, 'damping');
    bad({ freeLayerThicknessM: 200e-9 }, 'freeLayerThicknessM');
  });
  test('a free layer that is not perpendicular at zero voltage', () => {
    bad({ kiJPerM2: 0.7e-3 }, 'kiJPerM2');
    bad({ biasFieldT: 0.07 }, 'biasFieldT');
  });
  test('any field made non-finite is named (property)', () => {
    const keys = Object.keys(d0) as (keyof DeviceParams)[];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.constantFrom(NaN, Infinity, -Infinity), (k, v) => {
        bad({ [k]: v } as Partial<DeviceParams>, k);
      }),
    );
  });
  test('voltages beyond the MgO breakdown field', () => {
    expect(() => checkVoltage(d0, 1.9)).not.toThrow();
    expect(() => checkVoltage(d0, 2.0)).toThrow(BreakdownError);
    expect(() => checkVoltage(d0, -2.0)).toThrow(BreakdownError);
    expect(() => checkVoltage(d0, NaN)).toThrow(BreakdownError);
  });
});
