/**
 * Architecture 2, sum of bits. The bias-tracking loop makes the raw reads of each cell dependent and not exactly fair;
 * the von Neumann conditioner (the default) makes every output bit exactly fair and independent, so the popcount is
 * exactly binomial(N, 1/2) under device variation, drift and the loop. Checked on the HDL (built-in simulator) and,
 * for the long runs (10^6 samples, NIST second-level over 60 sequences), on the software model that reproduces the
 * HDL read for read (designs/meram/test/clt-model.test.ts). Every check is shown to reject the raw looped stream.
 */
import { describe, expect, it } from 'vitest';
import { planClt, meramClt, cltSampleCode, simulateClt } from '../designs/meram/index.ts';
import { runGenerator } from './harness.ts';
import { verifyGenerator } from './checks.ts';
import { cellSerialStats, failedTests, nistOverSequences } from './bit-streams.ts';

/** The CLT testbench uses 16 cells: 64 work the same but simulate 4x slower (see docs/meram.md). */
const N = 16;
const MODEL_SAMPLES = 1_000_000;
const SEQUENCES = 60;
const SEQ_BITS = 1 << 17;

describe(`sum of ${N} bits with the von Neumann conditioner (HDL)`, () => {
  const planned = planClt({ seed: 31, n: N, trackLimit: 8, trackRange: 2 });

  it('50 000 samples: popcounts follow binomial(16, 1/2) exactly, outputs are the designed scaling', async () => {
    const run = await runGenerator(meramClt(planned.plan), { samples: 50_000, record: ['ones'] });
    const ones = Int32Array.from(run.extra.get('ones')!);
    expect(planned.predicted.probs).toEqual(planned.target.probs);
    const v = verifyGenerator(ones, planned.predicted, planned.target);
    expect(v.battery.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual([]);
    for (let i = 0; i < 1000; i++) expect(run.samples[i]).toBe(cltSampleCode(ones[i]!, N, planned.plan.frac));
  });
});

describe(`sum of ${N} bits, long runs on the model`, () => {
  const opts = { seed: 31, n: N, trackLimit: 8, trackRange: 2, health: { enabled: false } };
  const conditioned = planClt(opts);
  const looped = planClt({ ...opts, conditioner: 'none' });
  const vn = simulateClt(conditioned.plan, { samples: MODEL_SAMPLES });
  const raw = simulateClt(looped.plan, { samples: MODEL_SAMPLES });

  it('the looped raw reads are dependent (lag-1 z < -8) and the battery rejects them; conditioned bits are not', () => {
    const r = cellSerialStats(raw.bits, N);
    const c = cellSerialStats(vn.bits, N);
    console.log(`raw looped reads: fraction ${r.fraction.toFixed(6)} (z ${r.zBias.toFixed(2)}), lag-1 ${r.lag1.toFixed(5)} (z ${r.zLag1.toFixed(1)}); von Neumann: fraction ${c.fraction.toFixed(6)} (z ${c.zBias.toFixed(2)}), lag-1 ${c.lag1.toFixed(5)} (z ${c.zLag1.toFixed(2)})`);
    expect(r.zLag1).toBeLessThan(-8);
    expect(Math.abs(c.zLag1)).toBeLessThan(4);
    expect(Math.abs(c.zBias)).toBeLessThan(4);
    expect(verifyGenerator(raw.ones, looped.target, looped.target).battery.passed).toBe(false);
    const v = verifyGenerator(vn.ones, conditioned.predicted, conditioned.target);
    expect(v.battery.checks.filter((x) => !x.passed).map((x) => x.name)).toEqual([]);
  });

  it(`NIST SP 800-22 second-level over ${SEQUENCES} sequences of ${SEQ_BITS} bits: conditioned bits pass, raw looped reads fail`, () => {
    const good = nistOverSequences(vn.bits, SEQUENCES, SEQ_BITS);
    const bad = nistOverSequences(raw.bits, SEQUENCES, SEQ_BITS);
    console.log(`second level, von Neumann: ${good.tests.map((t) => `${t.test} ${t.failing}/${t.checks.length}`).join(', ')}`);
    expect(failedTests(good)).toEqual([]);
    expect(failedTests(bad)).toContain('frequency');
  });
});

describe('under device variation and drift (calibration off, 300 K -> 340 K)', () => {
  const opts = { seed: 41, n: N, variation: { keffRel: 0.05, xiRel: 0.05 }, calibration: 'nominal' as const, drift: { afterPulses: 30_000, temperatureK: 340 }, health: { enabled: false } };
  const samples = 200_000;

  it('conditioned output stays exactly binomial with or without the loop; the open-loop raw output is biased', () => {
    for (const trackLimit of [0, 4]) {
      const p = planClt({ ...opts, trackLimit, trackRange: 4 });
      const r = simulateClt(p.plan, { samples });
      expect(verifyGenerator(r.ones.subarray(40_000), p.predicted, p.target).battery.passed).toBe(true);
      console.log(`drift, von Neumann, trackLimit ${trackLimit}: ${(r.ops / samples).toFixed(2)} reads per sample`);
    }
    const open = planClt({ ...opts, conditioner: 'none' });
    const r = simulateClt(open.plan, { samples });
    expect(verifyGenerator(r.ones.subarray(40_000), open.target, open.target).battery.passed).toBe(false);
  });
});
