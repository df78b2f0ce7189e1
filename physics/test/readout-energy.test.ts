import { describe, expect, test } from 'vitest';
import normal from '@stdlib/stats-base-dists-normal';
import { readoutModel } from '../readout.ts';
import { energyPerRead, energyPerWrite } from '../energy.ts';
import { barrierAt, BreakdownError, defaultDeviceParams as d0, deriveQuantities, PhysicsArgumentError } from '../index.ts';

const phi = (x: number): number => normal.cdf(x, 0, 1);
const flatTmr = { ...d0, tmrHalfVoltageV: 1e3 }; // TMR(V) = 2.2 at read biases: numbers a hand can check

describe('readout', () => {
  test('divider signal, margin and read errors against a hand calculation', () => {
    const r = readoutModel(flatTmr, { readVoltageV: 0.1, sigmaOffsetV: 5e-3, sigmaNoiseV: 0.7e-3 });
    const rp = 1e-9 / (Math.PI * 2.5e-15); // 127.32 kΩ
    expect(r.rPOhm).toBeCloseTo(rp, 3);
    expect(r.rAPOhm / rp).toBeCloseTo(3.2, 5);
    expect(r.loadOhm / rp).toBeCloseTo(Math.sqrt(3.2), 5);
    // ΔV = 0.1 (3.2/(3.2 + 1.78885) − 1/(1 + 1.78885)) = 28.287 mV
    expect(r.signalV * 1e3).toBeCloseTo(28.287, 2);
    expect(r.requiredHalfSignalV * 1e3).toBeCloseTo(24.2, 9); // 4·5 + 6·0.7 mV
    expect(r.marginOk).toBe(false); // 14.1 mV < 24.2 mV: 0.1 V is too small a read bias for a 5 mV latch offset
    expect(r.meanReadError).toBeCloseTo(phi(-0.0141435 / Math.hypot(5e-3, 0.7e-3)), 5); // ≈ 2.5e-3
    expect(r.readError('AP', 0.013)).toBeCloseTo(phi((-0.0141435 + 0.013) / 0.7e-3), 3); // ≈ 0.05
    expect(r.readError('P', -0.013)).toBeCloseTo(r.readError('AP', 0.013), 12);
    expect(r.readError('P', 0.013)).toBeLessThan(1e-20);
  });
  test('the default read (0.2 V) meets the margin rule; bias lowers the TMR', () => {
    const r = readoutModel(d0);
    expect(r.readVoltageV).toBe(0.2);
    expect(r.marginOk).toBe(true);
    expect(r.tmrAtRead).toBeLessThan(2.2);
    expect(r.tmrAtRead).toBeGreaterThan(2.0);
    const vMtj = (0.2 * r.rAPOhm) / (r.rAPOhm + r.loadOhm);
    expect(r.tmrAtRead).toBeCloseTo(2.2 / (1 + (vMtj / 0.5) ** 2), 9);
  });
  test('frozen offsets are reproducible per seed; read disturb follows Arrhenius at the raised barrier', () => {
    const r = readoutModel(d0, { readTimeS: 5e-9 });
    expect(r.offsetFor(3)).toBe(r.offsetFor(3));
    expect(r.offsetFor(3)).not.toBe(r.offsetFor(4));
    const delta = barrierAt(d0, -0.2);
    expect(delta).toBeGreaterThan(deriveQuantities(d0).thermalStability);
    expect(r.readDisturbProbability).toBeCloseTo(5e-9 / (1e-9 * Math.exp(delta)), 20);
    const weakDevice = { ...d0, kiJPerM2: 0.812e-3 }; // Δ ≈ 10: read disturb becomes visible
    const weak = readoutModel(weakDevice, { readTimeS: 5e-9 });
    expect(weak.readDisturbProbability).toBeGreaterThan(1e-8);
    expect(weak.readDisturbProbability).toBeCloseTo(-Math.expm1(-5 / Math.exp(barrierAt(weakDevice, -0.2))), 12);
  });
  test('invalid read settings', () => {
    expect(() => readoutModel(d0, { readVoltageV: 3 })).toThrow(BreakdownError);
    expect(() => readoutModel(d0, { readVoltageV: 0 })).toThrow(PhysicsArgumentError);
    expect(() => readoutModel(d0, { sigmaNoiseV: 0 })).toThrow(PhysicsArgumentError);
  });
});

describe('energy', () => {
  test('write energy: C V² + V²/R t against a hand calculation', () => {
    const e = energyPerWrite(d0, 1.4, 0.9e-9);
    const rp = 127323.954;
    expect(e.capacitiveJ * 1e15).toBeCloseTo(454.3e-3 * 1.96, 2); // 0.890 fJ
    const tmr = 2.2 / (1 + (1.4 / 0.5) ** 2); // 0.2489
    const g = (1 / rp + 1 / (rp * (1 + tmr))) / 2;
    expect(e.resistiveJ * 1e15).toBeCloseTo(1.96 * g * 0.9e-9 * 1e15, 6); // ≈ 12.5 fJ
    expect(e.totalJ).toBeCloseTo(e.capacitiveJ + e.resistiveJ, 30);
    expect(energyPerWrite(d0, 1.4, 0.9e-9, { state: 'P' }).resistiveJ).toBeGreaterThan(energyPerWrite(d0, 1.4, 0.9e-9, { state: 'AP' }).resistiveJ);
    expect(energyPerWrite(d0, 1.4, 0, { extraCapacitanceF: 1e-15 }).capacitiveJ).toBeCloseTo((deriveQuantities(d0).capacitanceF + 1e-15) * 1.96, 25);
  });
  test('read energy breakdown', () => {
    const e = energyPerRead(flatTmr, { readVoltageV: 0.1, readTimeS: 2e-9, state: 'P' });
    const rp = 127323.954;
    expect(e.dividerJ).toBeCloseTo((0.01 / (rp * (1 + Math.sqrt(3.2)))) * 2e-9, 22); // ≈ 56 aJ
    expect(e.senseAmpJ).toBeCloseTo(2 * 5e-15 * 1.8 ** 2, 25); // 32.4 fJ
    expect(e.totalJ).toBeCloseTo(e.dividerJ + e.capacitiveJ + e.senseAmpJ, 30);
  });
  test('invalid pulses are rejected', () => {
    expect(() => energyPerWrite(d0, 2.5, 1e-9)).toThrow(BreakdownError);
    expect(() => energyPerWrite(d0, 1.4, -1)).toThrow(PhysicsArgumentError);
  });
});
