/** SP 800-90B MCV, collision and Markov min-entropy estimates on fair, biased and correlated bits. */
import { describe, expect, it } from 'vitest';
import { collisionEstimate, markovEstimate, mcvEstimate, minEntropyEstimate } from '../stats/min-entropy.ts';
import { igamc } from '../stats/special.ts';
import { Rng } from '../../common/rng.ts';

function bits(seed: number, n: number, p: number, stick = 0): Uint8Array {
  const r = Rng.fromSeed(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = i > 0 && r.nextU32() < stick * 2 ** 32 ? out[i - 1]! : r.nextU32() < p * 2 ** 32 ? 1 : 0;
  return out;
}

describe('min-entropy estimators', () => {
  it('fair independent bits: both estimates near 1', () => {
    const b = bits(1, 1_000_000, 0.5);
    expect(mcvEstimate(b).minEntropy).toBeGreaterThan(0.99);
    expect(markovEstimate(b).minEntropy).toBeGreaterThan(0.99);
  });
  it('P(1) = 0.7: MCV near -log2(0.7) = 0.515 (slightly below: the upper confidence bound)', () => {
    const h = mcvEstimate(bits(2, 1_000_000, 0.7)).minEntropy;
    expect(h).toBeLessThan(-Math.log2(0.7));
    expect(h).toBeGreaterThan(-Math.log2(0.7) - 0.01);
  });
  it('sticky bits (repeat with probability 0.3): MCV sees nothing, Markov sees the dependence', () => {
    const b = bits(3, 1_000_000, 0.5, 0.3);
    expect(mcvEstimate(b).minEntropy).toBeGreaterThan(0.99);
    // P(repeat) = 0.65: the most likely path has probability ~0.65^127 per 128 bits -> ~0.62 bit
    const m = minEntropyEstimate(b);
    expect(m.markov.minEntropy).toBeLessThan(0.65);
    // The collision estimate sees it too (P(t = 2) = 0.65: 2 + 2pq = 2.35, p = 0.774, H = 0.37) and is the lowest.
    expect(m.collision.minEntropy).toBeLessThan(0.4);
    expect(m.lowest).toBe('collision');
    expect(m.minEntropy).toBe(Math.min(m.mcv.minEntropy, m.collision.minEntropy, m.markov.minEntropy));
  });
});

/**
 * §6.3.2 step by step, as the text says, for any alphabet: a set of the values seen since `index` finds the first
 * repeat; the mean wait's lower bound; a binary search for p on [1/2, 1] of the standard's general expression with
 * F(1/z) = Γ(3, z) z⁻³ eᶻ evaluated through the regularised incomplete gamma (Γ(3, z) = 2 Q(3, z)).
 */
function collisionByTheText(s: Uint8Array): { v: number; mean: number; sd: number; lower: number; h: number } {
  const t: number[] = [];
  let index = 0;
  for (;;) {
    const seen = new Set<number>();
    let j = index;
    while (j < s.length && !seen.has(s[j]!)) seen.add(s[j++]!);
    if (j >= s.length) break;
    t.push(j - index + 1);
    index = j + 1;
  }
  const v = t.length;
  const mean = t.reduce((a, b) => a + b, 0) / v;
  const sd = Math.sqrt(t.reduce((a, b) => a + (b - mean) ** 2, 0) / (v - 1));
  const lower = mean - (2.576 * sd) / Math.sqrt(v);
  const F = (q: number): number => { const z = 1 / q; return 2 * igamc(3, z) * z ** -3 * Math.exp(z); };
  const expected = (p: number): number => { const q = 1 - p; return (p / (q * q)) * (1 + 0.5 * (1 / p - 1 / q)) * F(q) - (p / q) * 0.5 * (1 / p - 1 / q); };
  // expected() falls from 2.5 at p = 1/2 towards 2 as p -> 1
  if (lower >= expected(0.5)) return { v, mean, sd, lower, h: 1 };
  let lo = 0.5;
  let hi = 1 - 1e-9;
  if (lower <= expected(hi)) return { v, mean, sd, lower, h: 0 };
  for (let k = 0; k < 200; k++) { const mid = (lo + hi) / 2; if (expected(mid) > lower) lo = mid; else hi = mid; }
  return { v, mean, sd, lower, h: -Math.log2((lo + hi) / 2) };
}

describe('collision estimate (SP 800-90B §6.3.2)', () => {
  it('a worked example by hand: 0110001011 -> waits 3, 2, 3, 2', () => {
    const c = collisionEstimate(Uint8Array.from('0110001011', (ch) => Number(ch)));
    expect(c.collisions).toBe(4);
    expect(c.meanWait).toBe(2.5);
    expect(c.sdWait).toBeCloseTo(Math.sqrt(1 / 3), 12);
    expect(c.meanWaitLower).toBeCloseTo(2.5 - (2.576 * Math.sqrt(1 / 3)) / 2, 12); // 1.756 <= 2: p = 1
    expect(c.minEntropy).toBe(0);
  });

  it('agrees with the text step by step (general formula, binary search) on fair, biased and sticky bits', () => {
    const cases: [number, number, number][] = [[11, 0.5, 0], [12, 0.55, 0], [13, 0.7, 0], [14, 0.9, 0], [15, 0.5, 0.2], [16, 0.6, 0.1]];
    for (const [seed, p, stick] of cases) {
      const b = bits(seed, 200_000, p, stick);
      const ours = collisionEstimate(b);
      const text = collisionByTheText(b);
      expect(ours.collisions).toBe(text.v);
      expect(ours.meanWait).toBeCloseTo(text.mean, 12);
      expect(ours.sdWait).toBeCloseTo(text.sd, 10);
      expect(ours.minEntropy, `p ${p}, stick ${stick}`).toBeCloseTo(text.h, 6);
    }
  });

  it('falls as the bias grows, stays below the true min-entropy (a lower bound) and near it for large bias', () => {
    const ps = [0.5, 0.6, 0.7, 0.8, 0.9, 0.97];
    const hs = ps.map((p, i) => collisionEstimate(bits(20 + i, 1_000_000, p)).minEntropy);
    console.log(`collision estimate at P(1) = ${ps.join(', ')}: ${hs.map((h) => h.toFixed(4)).join(', ')}`);
    for (let i = 1; i < hs.length; i++) expect(hs[i]!).toBeLessThan(hs[i - 1]!);
    ps.forEach((p, i) => expect(hs[i]!).toBeLessThan(-Math.log2(Math.max(p, 1 - p))));
    expect(hs[0]!).toBeGreaterThan(0.85); // fair bits: only the confidence bound is lost
    expect(hs[4]!).toBeGreaterThan(-Math.log2(0.9) - 0.03);
  });

  it('broken inputs: a stuck stream gives 0, alternating bits (every wait 3) give 1 — so only with MCV and Markov beside it', () => {
    expect(collisionEstimate(new Uint8Array(10_000)).minEntropy).toBe(0);
    expect(collisionEstimate(Uint8Array.from({ length: 10_000 }, (_, i) => i & 1)).minEntropy).toBe(1);
    expect(minEntropyEstimate(Uint8Array.from({ length: 10_000 }, (_, i) => i & 1)).minEntropy).toBeLessThan(0.01); // Markov sees it (1/128)
    expect(() => collisionEstimate(Uint8Array.of(0, 1, 0))).toThrow(/at least 2 collisions/);
  });
});
