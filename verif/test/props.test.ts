import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEVICE_PARAM_RANGES,
  deviceParamsArb,
  generatorConfigArb,
  predictedPmf,
  seedArb,
  simulateGenerator,
  type GeneratorConfig,
} from '../props/arbitraries.ts';
import { statisticalProperty } from '../props/statistical-property.ts';
import { xoshiro128ss } from '../props/prng.ts';
import { chiSquareGof } from '../stats/chi-square.ts';
import { InvalidParameterError } from '../errors.ts';

const RUNS = 24;
const follows = statisticalProperty({
  name: 'simulated generators follow their exact predicted pmf',
  alpha: 0.01,
  sampleSize: 20_000,
  runs: RUNS,
  failureModes: ['stuck bit', 'node probability off by 0.05'],
  test: (g: GeneratorConfig, n) => chiSquareGof(simulateGenerator(g, xoshiro128ss(1234), n), predictedPmf(g)).pValue,
});

describe('arbitraries', () => {
  it('device parameters stay within the stated ranges', () => {
    fc.assert(
      fc.property(deviceParamsArb(), (d) => {
        for (const [k, [lo, hi]] of Object.entries(DEVICE_PARAM_RANGES)) {
          const v = d[k as keyof typeof d];
          if (!(v >= lo && v <= hi)) return false;
        }
        return true;
      }),
      { seed: 1, numRuns: 200 },
    );
  });
  it('seeds give reproducible streams', () => {
    fc.assert(fc.property(seedArb(), (s) => xoshiro128ss(s).nextUint32() === xoshiro128ss(s).nextUint32()), { seed: 2 });
  });
  it('xoshiro128** produces the same reference words on every run', () => {
    const r = xoshiro128ss(42);
    const words = [r.nextUint32(), r.nextUint32(), r.nextUint32()];
    const again = xoshiro128ss(42);
    expect([again.nextUint32(), again.nextUint32(), again.nextUint32()]).toEqual(words);
    expect(new Set(words).size).toBe(3);
  });
});

describe('statisticalProperty', () => {
  it('every generator architecture produces its predicted pmf (fixed fast-check seed)', () => {
    fc.assert(follows.property(generatorConfigArb()), { seed: 7, numRuns: RUNS });
  });
  it('has power: the same property fails on simulators with a stuck bit', () => {
    const broken = statisticalProperty({
      ...follows.spec,
      test: (g: GeneratorConfig, n) => {
        const codes = simulateGenerator(g, xoshiro128ss(1234), n);
        for (let i = 0; i < codes.length; i++) codes[i] = codes[i]! & ~1; // LSB stuck at 0
        return chiSquareGof(codes, predictedPmf(g)).pValue;
      },
    });
    const out = fc.check(broken.property(generatorConfigArb()), { seed: 7, numRuns: RUNS });
    expect(out.failed).toBe(true);
  });
  it('applies Bonferroni over tests and runs', () => {
    const p = statisticalProperty({ name: 'x', alpha: 0.01, sampleSize: 10, runs: 5, test: () => [0.5, 0.0005, 0.9] });
    const v = p.evaluate(undefined);
    expect(v.alphaPerTest).toBeCloseTo(0.01 / 15, 15);
    expect(v.passed).toBe(false);
    expect(() => statisticalProperty({ name: 'y', alpha: 2, sampleSize: 10, test: () => 1 })).toThrow(InvalidParameterError);
  });
});
