/**
 * Architecture 2, sum of bits: the popcount follows the Poisson-binomial pmf of the achieved per-cell probabilities;
 * the fixed-point output is the popcount scaled as designed; the raw cell bit stream passes NIST SP 800-22; the
 * bias-tracking loop holds the mean under device variation and drift, where the open loop does not.
 */
import { describe, expect, it } from 'vitest';
import { planClt, meramClt, cltSampleCode } from '../designs/meram/index.ts';
import { nistBattery } from '../verif/index.ts';
import { runGenerator } from './harness.ts';
import { verifyGenerator } from './checks.ts';
import { SAMPLES } from './budget.ts';

/** The CLT testbench uses 16 cells: 64 work the same but simulate 4x slower (see docs/meram.md). */
const N = 16;

describe(`sum of ${N} bits`, () => {
  const planned = planClt({ seed: 31, n: N });

  it(`${SAMPLES.builtin} samples: popcounts follow the predicted pmf, outputs are the designed scaling`, async () => {
    const run = await runGenerator(meramClt(planned.plan), { samples: SAMPLES.builtin, record: ['ones'] });
    const ones = Int32Array.from(run.extra.get('ones')!);
    const v = verifyGenerator(ones, planned.predicted, planned.target);
    expect(v.battery.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual([]);
    const scale = new Map<number, number>();
    for (let i = 0; i < 1000; i++) scale.set(ones[i]!, run.samples[i]!);
    for (const [k, s] of scale) expect(s).toBe(cltSampleCode(k, N, planned.plan.frac));
  });

  it('with its bias-tracking loop on, the raw MTJ bit stream passes NIST SP 800-22 (10^6 bits)', async () => {
    // Open loop, each cell's p is 1/2 only to the pulse grid's resolution (a few %): raw bits that biased fail the
    // frequency test, as raw MTJ bits do in silicon. The on-chip loop removes the bias without post-processing.
    const tracked = planClt({ seed: 31, n: N, trackLimit: 8, trackRange: 2, name: 'meram_clt_nist' });
    const nistFailures = async (plan: typeof tracked.plan): Promise<string[]> => {
      const samples = Math.ceil(1_000_000 / N);
      const run = await runGenerator(meramClt(plan), { samples, record: ['bits'] });
      const bits = new Uint8Array(samples * N);
      run.extra.get('bits')!.forEach((w, i) => { for (let b = 0; b < N; b++) bits[i * N + b] = (w >>> b) & 1; });
      // Each test is judged at 0.01 over its own number of p-values (Bonferroni), as in verif's own NIST checks.
      return nistBattery(bits).entries.filter((t) => t.pValues.some((p) => p < 0.01 / t.pValues.length)).map((t) => t.test);
    };
    expect(await nistFailures(tracked.plan)).toEqual([]);
    expect(await nistFailures(planned.plan)).toContain('frequency');
  });
});

describe('bias tracking under device variation and drift', () => {
  // Calibration off (nominal codes on varied devices) and a temperature step half-way: the open loop drifts away.
  const opts = { seed: 41, n: N, variation: { keffRel: 0.05, xiRel: 0.05 }, calibration: 'nominal' as const, drift: { afterPulses: 30_000, temperatureK: 340 } };
  const open = planClt({ ...opts, trackLimit: 0 });
  const closed = planClt({ ...opts, trackLimit: 4, trackRange: 4, name: 'meram_clt_tracked' });
  const meanOnes = (xs: Float64Array, from: number): number => { let s = 0; for (let i = from; i < xs.length; i++) s += xs[i]!; return s / (xs.length - from) / N; };

  it('holds each cell near p = 1/2: the mean of the output stays within 0.07 sigma, the open loop does not', async () => {
    const samples = 60_000;
    const [a, b] = await Promise.all([
      runGenerator(meramClt(open.plan), { samples, record: ['ones'] }),
      runGenerator(meramClt(closed.plan), { samples, record: ['ones'] }),
    ]);
    const pOpen = meanOnes(a.extra.get('ones')!, 40_000);
    const pClosed = meanOnes(b.extra.get('ones')!, 40_000);
    // Mean of z = (p - 1/2) N / sqrt(N/4) = (p - 1/2) 2 sqrt(N).
    const zOpen = Math.abs(pOpen - 0.5) * 2 * Math.sqrt(N);
    const zClosed = Math.abs(pClosed - 0.5) * 2 * Math.sqrt(N);
    console.log(`bias tracking: |mean z| open loop ${zOpen.toFixed(4)}, closed loop ${zClosed.toFixed(4)} (p open ${pOpen.toFixed(4)}, closed ${pClosed.toFixed(4)})`);
    expect(zClosed).toBeLessThan(0.07);
    expect(zOpen).toBeGreaterThan(zClosed * 3);
  });
});
