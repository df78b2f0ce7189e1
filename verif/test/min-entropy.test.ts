/** SP 800-90B MCV and Markov min-entropy estimates on fair, biased and correlated bits. */
import { describe, expect, it } from 'vitest';
import { markovEstimate, mcvEstimate, minEntropyEstimate } from '../stats/min-entropy.ts';
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
    expect(m.minEntropy).toBe(m.markov.minEntropy);
  });
});
