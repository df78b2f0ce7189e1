/**
 * Architecture 3, the tree sampler: its samples follow the pmf predicted from the achieved (quantised) node settings,
 * which is the quantised N(0,1) up to the calibration error, reported here.
 */
import { describe, expect, it } from 'vitest';
import { planTree, meramTree } from '../designs/meram/index.ts';
import { runGenerator, treeCodes } from './harness.ts';
import { distance, verifyGenerator } from './checks.ts';
import { compareToNormal } from '../verif/index.ts';
import { SAMPLES } from './budget.ts';

describe('tree sampler (8 bits over +-4 sigma)', () => {
  const planned = planTree({ seed: 21 });

  it(`${SAMPLES.builtin} samples on the built-in simulator follow the predicted pmf, tails to 4 sigma included`, async () => {
    const run = await runGenerator(meramTree(planned.plan), { samples: SAMPLES.builtin });
    const v = verifyGenerator(treeCodes(run.samples), planned.predicted, planned.target);
    expect(v.battery.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual([]);
  });

  it('its predicted pmf is the quantised normal up to a small calibration error', () => {
    const v = { toNormal: compareToNormal(planned.predicted), toTarget: distance(planned.predicted, planned.target) };
    expect(v.toTarget.tv).toBeLessThan(0.03);
    expect(v.toNormal.tv).toBeLessThan(0.03);
    expect(Math.abs(v.toNormal.momentErrors.variance)).toBeLessThan(0.05);
    expect(v.toNormal.maxAbsZ).toBeGreaterThanOrEqual(3.9);
  });

  it('the same check rejects a sampler with a wrongly calibrated node', async () => {
    const nodes = planned.plan.nodes.map((lane) => lane.map((n, i) => (i === 0 ? { ...n, invert: !n.invert } : n)));
    const run = await runGenerator(meramTree({ ...planned.plan, name: 'meram_tree_bad', nodes }), { samples: 50_000 });
    expect(verifyGenerator(treeCodes(run.samples), planned.predicted, planned.target).battery.passed).toBe(false);
  });
});

describe('tree sampler with 4 lanes (the demo default)', () => {
  const planned = planTree({ seed: 22, lanes: 4 });

  it('its mixed output stream follows the lanes\' mixture pmf, at under 18 cycles per sample', async () => {
    const run = await runGenerator(meramTree(planned.plan), { samples: 200_000 });
    const v = verifyGenerator(treeCodes(run.samples), planned.predicted, planned.target);
    expect(v.battery.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual([]);
    expect(run.cycles / run.samples.length).toBeLessThan(18);
  });
});

