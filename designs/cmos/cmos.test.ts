/**
 * The CMOS baselines pass the same two-step battery as the MeRAM generators (samples vs their exact law; law vs
 * N(0,1)), and the same battery rejects each one's deliberately broken variant.
 */
import { describe, expect, it } from 'vitest';
import { cmosClt, cmosCltPmf, cmosInverseCdf, inverseCdfPmf, inverseCdfTable } from './index.ts';
import { runGenerator, treeCodes } from '../../testbenches/harness.ts';
import { verifyGenerator } from '../../testbenches/checks.ts';
import { compareToNormal, discretisedNormal } from '../../verif/index.ts';

const SAMPLES = 100_000;
const failed = (v: ReturnType<typeof verifyGenerator>): string[] => v.battery.checks.filter((c) => !c.passed).map((c) => c.name);

describe('CMOS CLT baseline (uniform PRNG + adder)', () => {
  for (const prng of ['lfsr', 'xoshiro'] as const) {
    it(`${prng}, 4 x 8 bits: ${SAMPLES} samples follow the exact convolution law`, async () => {
      const p = { prng, terms: 4, termBits: 8, seed: 5 };
      const law = cmosCltPmf(p);
      const run = await runGenerator(cmosClt(p), { samples: SAMPLES });
      expect(run.cycles).toBeLessThan(SAMPLES * 1.01 + 200_000); // one sample per clock (batches of 200k cycles)
      const v = verifyGenerator(run.samples, law, law);
      expect(failed(v)).toEqual([]);
    });
  }

  it('the battery rejects the variant with a stuck bit in one term', async () => {
    const p = { prng: 'xoshiro' as const, terms: 4, termBits: 8, seed: 5 };
    const run = await runGenerator(cmosClt({ ...p, stuckBit: 5, name: 'cmos_clt_stuck' }), { samples: SAMPLES });
    expect(verifyGenerator(run.samples, cmosCltPmf(p), cmosCltPmf(p)).battery.passed).toBe(false);
  });

  it('its law is the CLT of 4 uniforms: close to N(0,1) in the body, clipped at 3.46 sigma', () => {
    const n = compareToNormal(cmosCltPmf({ prng: 'xoshiro' }));
    expect(n.maxCdfGap).toBeLessThan(0.01);
    expect(n.maxAbsZ).toBeLessThan(3.5);
  });
});

describe('CMOS inverse-CDF baseline (8 bits over +-4 sigma)', () => {
  const law = inverseCdfPmf();
  const target = inverseCdfTable().target;

  it(`${SAMPLES} samples follow the law of the rounded thresholds, within 127 x 2^-32 of the quantised N(0,1)`, async () => {
    const run = await runGenerator(cmosInverseCdf({ seed: 9 }), { samples: SAMPLES });
    const v = verifyGenerator(treeCodes(run.samples), law, target);
    expect(failed(v)).toEqual([]);
    expect(v.toTarget.tv).toBeLessThan(127 * 2 ** -32);
    expect(v.toNormal.maxAbsZ).toBeGreaterThanOrEqual(3.9);
    expect(law.probs.length).toBe(discretisedNormal({ minCode: -128, maxCode: 127 }).probs.length);
  });

  it('the battery rejects the variant whose root threshold is 2 % off', async () => {
    const run = await runGenerator(cmosInverseCdf({ seed: 9, rootError: 0.02, name: 'cmos_icdf_bad' }), { samples: SAMPLES });
    expect(verifyGenerator(treeCodes(run.samples), law, target).battery.passed).toBe(false);
  });
});

describe('leap-forward LFSR', () => {
  it('the leap masks equal 32 single steps of hdl/lib lfsrNext, evaluated in software', async () => {
    const { leapMasks } = await import('./uniform.ts');
    const { LFSR_TAPS } = await import('../../hdl/lib/lfsr.ts');
    const step = (s: number): number => {
      const fb = LFSR_TAPS[32]!.reduce((a, t) => a ^ ((s >>> (t - 1)) & 1), 0);
      return ((s << 1) | fb) >>> 0;
    };
    const masks = leapMasks(32, 32);
    for (const seed of [1, 0x12345678, 0xdeadbeef]) {
      let s = seed >>> 0;
      for (let k = 0; k < 32; k++) s = step(s);
      const viaMasks = masks.reduce((acc, m, i) => {
        let parity = 0;
        for (let b = 0; b < 32; b++) if ((m >> BigInt(b)) & 1n) parity ^= (seed >>> b) & 1;
        return acc | (parity << i);
      }, 0) >>> 0;
      expect(viaMasks).toBe(s);
    }
  });
});

describe('CMOS Box-Muller baseline (fixed point, tables)', () => {
  it('the hardware is bit-exact with its software model, and 10^5 samples follow the tabulated law', async () => {
    const { cmosBoxMuller, boxMullerPmf } = await import('./box-muller.ts');
    const law = boxMullerPmf();
    const run = await runGenerator(cmosBoxMuller({ seed: 11 }), { samples: SAMPLES });
    const v = verifyGenerator(run.samples, law, law);
    expect(failed(v)).toEqual([]);
    // the law is N(0,1) to the table resolution: body and tails out to 4.69 sigma
    expect(v.toNormal.maxCdfGap).toBeLessThan(0.01);
    expect(v.toNormal.maxAbsZ).toBeGreaterThan(4.5);
  });

  it('the software model of one word matches the hardware pipeline output', async () => {
    const { cmosBoxMuller, boxMullerSoftware } = await import('./box-muller.ts');
    const { Rng } = await import('../../common/rng.ts');
    const r = Rng.stream(11, 0xc305, 0);
    const xo = [r.nextU32(), r.nextU32(), r.nextU32(), r.nextU32()];
    // xoshiro128** in software (Blackman & Vigna), the same stream hdl/lib/xoshiro.ts makes
    const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;
    const next = (): number => {
      const out = Math.imul(rotl(Math.imul(xo[1]!, 5) >>> 0, 7), 9) >>> 0;
      const t = (xo[1]! << 9) >>> 0;
      xo[2] = (xo[2]! ^ xo[0]!) >>> 0; xo[3] = (xo[3]! ^ xo[1]!) >>> 0; xo[1] = (xo[1]! ^ xo[2]!) >>> 0; xo[0] = (xo[0]! ^ xo[3]!) >>> 0;
      xo[2] = (xo[2]! ^ t) >>> 0; xo[3] = rotl(xo[3]!, 11);
      return out;
    };
    const expected = Array.from({ length: 200 }, () => { const w = next(); return boxMullerSoftware(w >>> 16, (w >>> 6) & 1023); });
    const run = await runGenerator(cmosBoxMuller({ seed: 11 }), { samples: 200, batch: 1000 });
    expect(Array.from(run.samples)).toEqual(expected);
  });

  it('the battery rejects the variant with a wrong-signed fourth quadrant', async () => {
    const { cmosBoxMuller, boxMullerPmf } = await import('./box-muller.ts');
    const law = boxMullerPmf();
    const run = await runGenerator(cmosBoxMuller({ seed: 11, quadrantFlaw: true, name: 'cmos_bm_bad' }), { samples: SAMPLES });
    expect(verifyGenerator(run.samples, law, law).battery.passed).toBe(false);
  });
});
