/**
 * The MeRAM macro model: device energies are physics/energy.ts's, the periphery follows the corner supply, the
 * areas add up, and the per-sample pricing weights the ops.
 */
import { describe, expect, it } from 'vitest';
import { cornerByName } from '../../constraints/corners.ts';
import { DEFAULT_GRID } from '../../designs/meram/index.ts';
import { defaultDeviceParams, energyPerRead, energyPerWrite } from '../../physics/index.ts';
import { cornerLibrary, macroEnergyPerSample } from '../measure.ts';
import { MACRO_CONSTANTS, meramMacros } from '../macro.ts';

const at = (name: string): ReturnType<typeof meramMacros> => { const corner = cornerByName(name); return meramMacros({ lib: cornerLibrary(corner), corner, grid: DEFAULT_GRID }); };

describe('MeRAM macro model', () => {
  it('device energies are the physics model\'s; the periphery grows with the supply', () => {
    const m5 = at('tt_025C_5v00');
    const m18 = at('tt_025C_1v80');
    const s = { amplitudeV: 1.2, widthS: 0.5e-9 };
    expect(m5.pulseOp(s).deviceJ).toBeCloseTo(energyPerWrite(defaultDeviceParams, 1.2, 0.5e-9).totalJ, 20);
    expect(m5.pulseOp(s).deviceJ).toBe(m18.pulseOp(s).deviceJ);
    expect(m18.readOp().parts.senseLatchJ).toBeCloseTo(energyPerRead(defaultDeviceParams, { supplyV: 1.8 }).senseAmpJ, 20);
    expect(m5.pulseOp(s).peripheryJ / m18.pulseOp(s).peripheryJ).toBeGreaterThan(3);
    // a longer pulse runs further down the delay line
    expect(m5.pulseOp({ amplitudeV: 1.2, widthS: 1.5e-9 }).parts.pulseGeneratorJ).toBeGreaterThan(m5.pulseOp(s).parts.pulseGeneratorJ! * 2);
  });

  it('areas: the 1T-1MTJ cell is the device area; the parts sum to the macro', () => {
    const m = at('tt_025C_3v30');
    expect(m.mtj.deviceAreaUm2).toBe(MACRO_CONSTANTS.cellAreaUm2);
    expect(Object.values(m.mtj.parts).reduce((a, b) => a + b, 0)).toBeCloseTo(m.mtj.areaUm2, 9);
    expect(Object.values(m.sa.parts).reduce((a, b) => a + b, 0)).toBeCloseTo(m.sa.areaUm2, 9);
    expect(m.mtj.areaUm2).toBeGreaterThan(100 * m.mtj.deviceAreaUm2); // the periphery dominates
  });

  it('per-sample pricing: ops x (reset + pulse + read), weighted over the settings', () => {
    const m = at('tt_025C_5v00');
    const s = { amplitudeV: 1.0, widthS: 0.3e-9 };
    const one = macroEnergyPerSample(m, { cells: 1, opsPerSample: 1, pulses: [{ setting: s, weight: 1 }] });
    const eight = macroEnergyPerSample(m, { cells: 8, opsPerSample: 8, pulses: [{ setting: s, weight: 0.5 }, { setting: s, weight: 0.5 }] });
    expect(eight.devices).toBeCloseTo(8 * one.devices, 9);
    expect(one.devices).toBeCloseTo((m.resetOp().deviceJ + m.pulseOp(s).deviceJ + m.readOp().deviceJ) * 1e12, 9);
  });
});
