/** The calibration flow: what it builds, and the clear errors for targets the pulse grid cannot reach. */
import { describe, expect, it } from 'vitest';
import { CalibrationError, choosePulses, makeCells, pOneAfterPulse, planTree, DEFAULT_GRID } from '../designs/meram/index.ts';
import { THRESHOLD_BITS } from '../designs/meram/pins.ts';

describe('calibration flow', () => {
  it('exports every cell threshold as T = round(p 2^31) of its own device, over the whole pulse grid', () => {
    const [cell] = makeCells(1, { seed: 5 });
    const n = 2 ** (DEFAULT_GRID.ampBits + DEFAULT_GRID.widthBits);
    expect(cell!.model.thresholds.fromP).toHaveLength(n);
    const ps = cell!.model.thresholds.fromP.map((t) => t / 2 ** THRESHOLD_BITS);
    expect(Math.min(...ps)).toBeLessThan(0.01);
    expect(Math.max(...ps)).toBeGreaterThan(0.9);
  });

  it('chooses pulses whose exact probability is within the tolerance, using the complement where closer', () => {
    const [cell] = makeCells(1, { seed: 6 });
    const got = choosePulses(cell!, [0.02, 0.3, 0.5, 0.97], { tolerance: 0.02 });
    for (const c of got) {
      expect(Math.abs(c.pOne - c.target)).toBeLessThan(0.025);
      expect(c.pOne).toBeCloseTo(pOneAfterPulse(cell!, DEFAULT_GRID, c.amp, c.width, c.invert), 12);
    }
  });

  it('rejects a target the grid cannot reach, naming it', () => {
    const coarse = { ampBits: 1, vMinV: 0.8, vMaxV: 0.9, widthBits: 1, resolutionS: 50e-12 };
    const [cell] = makeCells(1, { seed: 7, grid: coarse });
    expect(() => choosePulses(cell!, [0.3], { grid: coarse, tolerance: 0.01 })).toThrow(CalibrationError);
    expect(() => choosePulses(cell!, [0.3], { grid: coarse, tolerance: 0.01 })).toThrow(/target probability 0.3 cannot be reached/);
    expect(() => planTree({ seed: 7, grid: coarse, tolerance: 0.01 })).toThrow(CalibrationError);
  });

  it('is deterministic: the same seed gives the same plan', () => {
    expect(JSON.stringify(planTree({ seed: 9 }).plan)).toBe(JSON.stringify(planTree({ seed: 9 }).plan));
    expect(JSON.stringify(planTree({ seed: 9 }).plan.cells)).not.toBe(JSON.stringify(planTree({ seed: 10 }).plan.cells));
  });
});
