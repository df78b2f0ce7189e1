/** The comparison and verdict arithmetic on two hand-made rows. */
import { describe, expect, it } from 'vitest';
import { comparison, markdownTables } from '../report.ts';
import type { Figures, MeasuredRow } from '../measure.ts';

const fig = (e: number, bits: number, area: number): Figures => ({ energyPerSamplePj: e, energyPerBitPj: e / bits, areaUm2: area, energyAreaPerBitPjMm2: (e / bits) * area * 1e-6 });
function row(generator: string, family: 'meram' | 'cmos', inc: MeasuredRow['inclusions'], bits: number): MeasuredRow {
  return {
    generator, family, prng: family === 'cmos', description: generator, corner: 'tt_025C_1v80', voltage: 1.8, clockGating: false, periodNs: 10, clockMHz: 100,
    timing: { opensta: null, abc: null, tried: [] }, logic: { cells: 1, areaUm2: 1, flipFlops: 1, clockGates: 0, leakageNw: 0 }, macros: null,
    activity: { source: 'measured', cycles: 1, meanDataActivity: 0.1, energyPerCyclePj: 1, breakdownPj: { internal: 0, clock: 0, switching: 0, leakage: 0 }, constantModelPerCyclePj: 1 },
    samplesPerCycle: 1, samplesPerSecond: 1e8, bitsPerSample: bits, bitsPerSecond: bits * 1e8, distanceToNormal: null,
    macroEnergyPerSamplePj: family === 'meram' ? { devices: inc.devices!.energyPerSamplePj, periphery: inc.devicesPeriphery!.energyPerSamplePj - inc.devices!.energyPerSamplePj } : null,
    inclusions: inc,
  };
}

describe('comparison and verdict', () => {
  const prng = row('prng', 'cmos', { devices: null, devicesPeriphery: null, wholeBlock: fig(32, 32, 10_000) }, 32); // 1 pJ/bit, 0.01 pJ mm2/bit
  const mer = row('mtj', 'meram', { devices: fig(0.08, 8, 8), devicesPeriphery: fig(8, 8, 1000), wholeBlock: fig(80, 8, 20_000) }, 8);
  const c = comparison([prng, mer]);

  it('ratios against the best CMOS row of the corner, claims judged per inclusion', () => {
    const by = Object.fromEntries(c.checks.map((x) => [x.inclusion, x]));
    expect(by.devices!.energyAreaRatio).toBeCloseTo(0.01 / (0.01 * 8e-6), 0); // 125000
    expect(by.devicesPeriphery!.energyAreaRatio).toBeCloseTo(10, 6);
    expect(by.wholeBlock!.energyAreaRatio).toBeCloseTo(0.05, 6);
    expect(by.devices!.energySaving).toBeCloseTo(0.99, 6);
    expect(by.wholeBlock!.energySaving).toBeCloseTo(-9, 6);
    expect(c.verdict.energyAreaClaim.reproducedUnder).toHaveLength(1);
    expect(c.verdict.energyAreaClaim.reproducedUnder[0]).toContain('devices only');
    expect(c.verdict.energyClaim.reproducedUnder).toHaveLength(1);
    expect(markdownTables(c)).toContain('would have to fall');
  });
});
