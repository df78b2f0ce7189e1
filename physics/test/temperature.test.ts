/**
 * Temperature laws (physics/temperature.ts) and the wear law (physics/wear.ts): identities at the reference, the
 * stated power laws, monotone V_c and Δ over 0-85 °C, typed errors; the macrospin solver with the laws switches more
 * often at 358 K than at 273 K below V_c.
 */
import { describe, expect, it } from 'vitest';
import {
  defaultDeviceParams, defaultThermalLaws, deriveQuantities, deviceAtTemperature, msRatio, DeviceParamError, PhysicsArgumentError,
  runPoints, defaultMapSolver, wilson, keffDrift, deviceWithKeffChange, deviceAfterPulses, type MapSpec,
} from '../index.ts';

describe('temperature laws', () => {
  it('are the identity at the reference temperature and follow Bloch and the Ms power laws elsewhere', () => {
    expect(deviceAtTemperature(defaultDeviceParams, 300)).toEqual(defaultDeviceParams);
    const t = 358;
    const b = (x: number): number => 1 - (x / 900) ** 1.5;
    expect(msRatio(t)).toBeCloseTo(b(t) / b(300), 12);
    const hot = deviceAtTemperature(defaultDeviceParams, t);
    const r = hot.msAPerM / defaultDeviceParams.msAPerM;
    expect(r).toBeCloseTo(0.9276, 4);
    expect(hot.kiJPerM2 / defaultDeviceParams.kiJPerM2).toBeCloseTo(r ** 2.1, 12);
    expect(hot.xiJPerVM / defaultDeviceParams.xiJPerVM).toBeCloseTo(r ** 2, 12);
    expect(hot.temperatureK).toBe(t);
  });

  it('over 273-358 K: V_c and the thermal stability fall monotonically; the device stays perpendicular', () => {
    const ts = [273, 290, 300, 315, 330, 345, 358];
    const d = ts.map((t) => deriveQuantities(deviceAtTemperature(defaultDeviceParams, t)));
    for (let k = 1; k < d.length; k++) {
      expect(d[k]!.criticalVoltageV).toBeLessThan(d[k - 1]!.criticalVoltageV);
      expect(d[k]!.thermalStability).toBeLessThan(d[k - 1]!.thermalStability);
    }
    expect(d[0]!.criticalVoltageV).toBeCloseTo(1.45, 2);
    expect(d.at(-1)!.criticalVoltageV).toBeCloseTo(1.12, 2);
    expect(d.at(-1)!.thermalStability).toBeGreaterThan(10);
    // With the temperature-independent parameters, only the 1/T of the barrier would remain: V_c would not move.
    expect(deriveQuantities({ ...defaultDeviceParams, temperatureK: 358 }).criticalVoltageV).toBeCloseTo(d[2]!.criticalVoltageV, 12);
  });

  it('rejects temperatures at or beyond T_C, inconsistent laws, and a device that loses its barrier', () => {
    expect(() => deviceAtTemperature(defaultDeviceParams, 900)).toThrow(PhysicsArgumentError);
    expect(() => deviceAtTemperature(defaultDeviceParams, 300, { ...defaultThermalLaws, curieK: 250 })).toThrow(PhysicsArgumentError);
    expect(() => deviceAtTemperature(defaultDeviceParams, 400, { ...defaultThermalLaws, curieK: 500 })).toThrow(DeviceParamError);
  });

  it('macrospin: P_sw of a 0.9 V, 0.45 ns pulse (below V_c) rises with T, 273 < 315 < 358 K, intervals apart', async () => {
    const at = async (t: number): Promise<ReturnType<typeof wilson>> => {
      const params = deviceAtTemperature(defaultDeviceParams, t);
      const spec: MapSpec = { params, amplitudesV: [0.9], widthsS: [0.45e-9], directions: ['P'], trials: 150, seed: 358, solver: defaultMapSolver };
      const [k] = await runPoints(spec, [0], { workers: 0 });
      return wilson(k!, 150);
    };
    const [cold, mid, hot] = [await at(273), await at(315), await at(358)];
    console.log(`P_sw(0.9 V, 0.45 ns): 273 K ${cold.p}, 315 K ${mid.p}, 358 K ${hot.p}`);
    expect(cold.p).toBeLessThan(mid.p);
    expect(mid.p).toBeLessThan(hot.p);
    expect(cold.hi).toBeLessThan(hot.lo);
  }, 120_000);
});

describe('wear law', () => {
  it('K_eff falls by r per decade beyond the onset, exactly through K_i', () => {
    expect(keffDrift(0)).toBe(0);
    expect(keffDrift(1e9)).toBeCloseTo(-0.02 * Math.log10(1 + 1e5), 12);
    const d0 = deriveQuantities(defaultDeviceParams);
    const worn = deriveQuantities(deviceWithKeffChange(defaultDeviceParams, -0.05));
    expect(worn.effectiveAnisotropyJPerM3 / d0.effectiveAnisotropyJPerM3).toBeCloseTo(0.95, 12);
    expect(worn.criticalVoltageV).toBeLessThan(d0.criticalVoltageV);
    expect(deviceAfterPulses(defaultDeviceParams, 0)).toEqual(defaultDeviceParams);
    expect(() => keffDrift(-1)).toThrow(PhysicsArgumentError);
    expect(() => deviceWithKeffChange(defaultDeviceParams, -0.9)).toThrow(DeviceParamError);
  });
});
