import { describe, expect, test } from 'vitest';
import normal from '@stdlib/stats-base-dists-normal';
import { Rng, hashKey } from '../rng.ts';

/** One-sample Kolmogorov-Smirnov statistic √n·D against a CDF. */
function ksStatistic(xs: number[], cdf: (x: number) => number): number {
  const s = [...xs].sort((a, b) => a - b);
  let d = 0;
  s.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, Math.abs(f - i / s.length), Math.abs((i + 1) / s.length - f));
  });
  return Math.sqrt(s.length) * d;
}
const KS_CRIT_001 = 1.628; // Kolmogorov distribution, α = 0.01

describe('xoshiro128** streams', () => {
  test('matches the reference C implementation bit for bit', () => {
    // Output of Blackman & Vigna's xoshiro128starstar.c from state {1, 2, 3, 4} (gcc, this machine).
    const r = new Rng(1, 2, 3, 4);
    const got = Array.from({ length: 8 }, () => r.nextU32());
    expect(got).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849]);
  });
  test('deterministic per key, different across keys', () => {
    const a = Rng.stream(7, 1, 2);
    const b = Rng.stream(7, 1, 2);
    const c = Rng.stream(7, 2, 1);
    const xa = Array.from({ length: 4 }, () => a.nextU32());
    expect(Array.from({ length: 4 }, () => b.nextU32())).toEqual(xa);
    expect(Array.from({ length: 4 }, () => c.nextU32())).not.toEqual(xa);
    expect(hashKey([1, 2])).not.toBe(hashKey([2, 1]));
    expect(hashKey([2 ** 40])).not.toBe(hashKey([0]));
  });
  test('uniform doubles lie in [0, 1) with mean 1/2', () => {
    const r = Rng.stream(3);
    let s = 0;
    for (let i = 0; i < 100000; i++) {
      const u = r.nextDouble();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
    }
    expect(Math.abs(s / 100000 - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / 100000));
  });
});

describe('ziggurat normals', () => {
  const n = 200000;
  const draw = (f: () => number): number[] => Array.from({ length: n }, f);
  const cdf = (x: number): number => normal.cdf(x, 0, 1);
  test('pass KS against N(0,1) and have the right moments, tails included', () => {
    const r = Rng.stream(11);
    const xs = draw(() => r.nextNormal());
    expect(ksStatistic(xs, cdf)).toBeLessThan(KS_CRIT_001);
    const m = xs.reduce((a, b) => a + b, 0) / n;
    const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / n;
    expect(Math.abs(m)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(v - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    const tail = xs.filter((x) => Math.abs(x) > 3).length; // expected 2 n Φ(−3) = 540
    expect(Math.abs(tail - 2 * n * cdf(-3))).toBeLessThan(4 * Math.sqrt(2 * n * cdf(-3)));
    expect(xs.some((x) => Math.abs(x) > ZIG_R)).toBe(true); // the tail beyond the base layer is sampled
  });
  test('the same KS test rejects a wrong generator (uniform with unit variance)', () => {
    const r = Rng.stream(11);
    const xs = draw(() => (r.nextDouble() - 0.5) * Math.sqrt(12));
    expect(ksStatistic(xs, cdf)).toBeGreaterThan(KS_CRIT_001);
  });
});
const ZIG_R = 3.442619855899;
