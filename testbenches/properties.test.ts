/**
 * Property-based tests over seeds and frozen device variation (sigma up to 5 % on the effective anisotropy and the
 * VCMA coefficient): with calibration on (each device's own codes), the tree sampler's output passes the Gaussian
 * checks against its design target; with calibration off (nominal codes on varied devices), the same checks fail
 * detectably. Significance and sample size are stated with the property.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planTree, meramTree } from '../designs/meram/index.ts';
import { momentTest, tailTest, pmfMoments } from '../verif/index.ts';
import { runGenerator, treeCodes } from './harness.ts';

const SAMPLES = 20_000;
const ALPHA = 0.01; // per property run, shared by the two checks (Bonferroni)

/** Gaussian checks of the samples against the designed target (the quantised normal). */
async function gaussianChecks(seed: number, keffRel: number, xiRel: number, calibration: 'device' | 'nominal'): Promise<boolean> {
  const planned = planTree({ seed, variation: { keffRel, xiRel }, calibration, tolerance: 0.05, name: `meram_tree_prop_${calibration}` });
  const run = await runGenerator(meramTree(planned.plan), { samples: SAMPLES });
  const t = planned.target;
  const values = Float64Array.from(treeCodes(run.samples), (k) => t.origin + t.step * k);
  const moments = momentTest(values, t);
  const tails = tailTest(values, { expected: t });
  return moments.pValue >= ALPHA / 2 && tails.pValue >= ALPHA / 2;
}

const device = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  keffRel: fc.double({ min: 0.01, max: 0.05, noNaN: true }),
  xiRel: fc.double({ min: 0, max: 0.05, noNaN: true }),
});

describe(`tree sampler under device variation (${SAMPLES} samples per device, alpha ${ALPHA})`, () => {
  it('with calibration on, every device passes the Gaussian checks', async () => {
    await fc.assert(fc.asyncProperty(device, async (d) => {
      expect(await gaussianChecks(d.seed, d.keffRel, d.xiRel, 'device')).toBe(true);
    }), { seed: 2026, numRuns: 6 });
  });

  it('with calibration off, the checks fail detectably', async () => {
    const r = await fc.check(fc.asyncProperty(device, async (d) => gaussianChecks(d.seed, d.keffRel, d.xiRel, 'nominal')), { seed: 2026, numRuns: 6 });
    expect(r.failed).toBe(true);
  });

  it('the target is what the checks compare against: unit variance within the quantisation', () => {
    const m = pmfMoments(planTree({ seed: 1 }).target);
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.01);
  });
});
