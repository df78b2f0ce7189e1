import { describe, expect, test } from 'vitest';
import { BehaviouralModel } from '../behavioural-model.ts';
import { calibrate, calibrateBatch, dacLevels, widthLevels } from '../calibration.ts';
import { probabilityToThreshold, thresholdToProbability } from '../thresholds.ts';
import { defaultMapSolver, runPoints, type MapSpec } from '../switching-map.ts';
import { PhysicsArgumentError, UnreachableTargetError } from '../errors.ts';
import { wilson } from '../stats.ts';

const model = BehaviouralModel.load();
// A 6-bit DAC up to 1.9 V and pulse widths in 0.1 ns steps (a 10 GHz counter) up to 5 ns.
const grid = { amplitudesV: dacLevels(6, 0, 1.9), widthsS: widthLevels(0.1e-9, 50) };
const targets = [0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 0.95];

describe('calibration', () => {
  const cs = calibrateBatch(model, targets, grid);
  test('every target is hit within the tolerance on a realistic grid, and the report is consistent', () => {
    cs.forEach((c, i) => {
      expect(c.targetP).toBe(targets[i]);
      expect(Math.abs(c.error)).toBeLessThanOrEqual(0.01);
      expect(c.amplitudeV).toBe(grid.amplitudesV[c.amplitudeCode]);
      expect(c.widthS).toBe(grid.widthsS[c.widthCode]);
      expect(c.achievedP).toBeCloseTo((model.pSwitch(c.amplitudeV, c.widthS, 'P') + model.pSwitch(c.amplitudeV, c.widthS, 'AP')) / 2, 12);
      expect(c.error).toBeCloseTo(c.achievedP - c.targetP, 15);
    });
  });
  test('batch and single calls agree; directions can be chosen', () => {
    expect(calibrate(model, 0.3, grid)).toEqual(cs[4]);
    const p = calibrate(model, 0.3, grid, { from: 'P' });
    expect(p.achievedP).toBe(p.pFromP);
  });
  test('round trip through Monte Carlo: the chosen pulse switches at the target rate', async () => {
    for (const [i, c] of [cs[2]!, cs[6]!].entries()) {
      const spec: MapSpec = { params: model.table.params, amplitudesV: [c.amplitudeV], widthsS: [c.widthS], directions: ['P', 'AP'], trials: 300, seed: 4242 + i, solver: defaultMapSolver };
      const [kP, kAP] = await runPoints(spec, [0, 1], { workers: 0 });
      const e = wilson(kP! + kAP!, 600, 2.576);
      const slack = model.table.accuracy.maxExcessError + 0.01;
      expect(c.targetP).toBeGreaterThan(e.lo - slack);
      expect(c.targetP).toBeLessThan(e.hi + slack);
    }
  });
  test('thresholds of the calibrated probabilities round-trip within 2^-33', () => {
    for (const c of cs) expect(Math.abs(thresholdToProbability(probabilityToThreshold(c.achievedP)) - c.achievedP)).toBeLessThanOrEqual(2 ** -33);
  });
  test('an unreachable target raises a typed error that names it', () => {
    const low = { amplitudesV: [0.2, 0.3], widthsS: grid.widthsS };
    expect(() => calibrate(model, 0.5, low)).toThrow(UnreachableTargetError);
    expect(() => calibrate(model, 0.5, low)).toThrow(/0\.5 is unreachable/);
    expect(() => calibrate(model, 1.2, grid)).toThrow(PhysicsArgumentError);
    expect(() => calibrate(model, 0.5, { amplitudesV: [], widthsS: grid.widthsS })).toThrow(PhysicsArgumentError);
    expect(() => dacLevels(0, 0, 1)).toThrow(PhysicsArgumentError);
  });
});
