import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { decideSwitch, probabilityToThreshold, switchDecisions, thresholdToProbability } from '../thresholds.ts';
import { Rng } from '../../common/rng.ts';
import { PhysicsArgumentError } from '../errors.ts';

describe('fixed-point thresholds', () => {
  test('round trip within half an LSB for every width (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 32 }), (p, bits) => {
        const t = probabilityToThreshold(p, bits);
        expect(Number.isInteger(t) && t >= 0 && t <= 2 ** bits).toBe(true);
        expect(Math.abs(thresholdToProbability(t, bits) - p)).toBeLessThanOrEqual(2 ** -(bits + 1));
        expect(probabilityToThreshold(thresholdToProbability(t, bits), bits)).toBe(t);
      }),
    );
  });
  test('p = 0 never switches, p = 1 always does', () => {
    const r = Rng.stream(5);
    for (let i = 0; i < 10000; i++) {
      const u = r.nextU32();
      expect(decideSwitch(u, probabilityToThreshold(0, 4), 4)).toBe(false);
      expect(decideSwitch(u, probabilityToThreshold(1, 4), 4)).toBe(true);
      expect(decideSwitch(u, probabilityToThreshold(1))).toBe(true);
    }
    expect(decideSwitch(0, 0)).toBe(false); // the rule is r < T, not r ≤ T
    expect(decideSwitch(0xffffffff, 2 ** 32 - 1)).toBe(false);
  });
  test('the switching rate of the reference stream is T / 2^B', () => {
    const n = 200000;
    const t = probabilityToThreshold(0.3, 12);
    const k = switchDecisions(9, [t], n, 12).filter(Boolean).length;
    const p = t / 4096;
    expect(Math.abs(k / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
  });
  test('decisions are bit-exact: reference vector for seed 1', () => {
    const words = Array.from({ length: 8 }, ((r) => () => r.nextU32())(Rng.stream(1)));
    const t = probabilityToThreshold(0.5, 8);
    expect(switchDecisions(1, [t], 8, 8)).toEqual(words.map((u) => u >>> 24 < 128));
    // Frozen golden bits: any simulator that implements the contract must produce these.
    expect(switchDecisions(1, [probabilityToThreshold(0.3)], 16).map(Number).join('')).toMatchInlineSnapshot(`"0000000001000011"`);
  });
  test('invalid input', () => {
    expect(() => probabilityToThreshold(1.5)).toThrow(PhysicsArgumentError);
    expect(() => probabilityToThreshold(0.5, 33)).toThrow(PhysicsArgumentError);
    expect(() => thresholdToProbability(2 ** 8 + 1, 8)).toThrow(PhysicsArgumentError);
    expect(() => thresholdToProbability(0.5, 8)).toThrow(PhysicsArgumentError);
  });
});
