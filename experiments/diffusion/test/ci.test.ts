/**
 * The reduced CI version of the diffusion experiment (run.py --scale ci): eight Gaussians, 8 fixed training seeds,
 * DDPMs trained and sampled with software noise, calibrated tree-sampler noise (cycle-accurate simulation) and the
 * broken sources. Asserts parity of the hardware noise (TOST) and that the stuck-bit source, used for sampling a
 * model trained on software noise, is detected as worse (p < 0.01) and fails the same parity test; the banks' own
 * batteries pass for hardware and fail for the broken noise.
 */
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { PYTHON, requirePython } from '../../noise/test/python.ts';

const OUT = 'build/diffusion-ci';

interface Condition { pairedWorseP: number; signFlipWorseP: number; tostP: number; worse: boolean; equivalent: boolean; ratioToSoftware: number }
interface Results {
  format: string;
  version: number;
  scale: string;
  banks: Record<string, { verdict: { passed: boolean; checks: unknown[] } | null; samples: number }>;
  bankPlan: Record<string, { use: string; offset: number; length: number }[]>;
  verdict: Record<string, {
    metric: string;
    equivalence: { p: number; margin: number; equivalent: boolean };
    broken: Record<string, { pairedWorseP: number; detected: boolean }>;
    conditions: Record<string, Condition>;
  }>;
  runs: { condition: string; seed: number }[];
}

let results: Results;

beforeAll(() => {
  requirePython(['torch', 'numpy', 'scipy', 'sklearn']);
  const r = spawnSync(PYTHON, ['experiments/diffusion/run.py', '--scale', 'ci', '--out', OUT], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`run.py --scale ci failed (${r.status}):\n${r.stderr.slice(-3000)}`);
  results = JSON.parse(fs.readFileSync(`${OUT}/results.json`, 'utf8')) as Results;
}, 1_800_000);

describe('diffusion experiment, CI scale (eight Gaussians, 8 seeds)', () => {
  it('wrote results.json with every run', () => {
    expect(results).toMatchObject({ format: 'meram-hdl/diffusion-results', version: 1, scale: 'ci' });
    expect(results.runs.filter((r) => r.condition === 'hardware').map((r) => r.seed)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('the banks were consumed in disjoint segments that fit the bank', () => {
    for (const [arch, uses] of Object.entries(results.bankPlan)) {
      let end = 0;
      for (const u of uses) { expect(u.offset).toBe(end); end += u.length; }
      expect(end).toBe(results.banks[arch]!.samples);
    }
  });

  it('bank batteries: calibrated hardware and software pass, broken sources fail', () => {
    expect(results.banks.tree!.verdict!.passed).toBe(true);
    expect(results.banks.software!.verdict!.passed).toBe(true);
    expect(results.banks.broken!.verdict!.passed).toBe(false);
    expect(results.banks.stuck!.verdict!.passed).toBe(false);
    expect(results.banks.tree!.verdict!.checks.length).toBe(5);
  });

  it('calibrated tree-sampler noise is equivalent to software noise (paired TOST, margin 1 seed sd, p < 0.05)', () => {
    const v = results.verdict['eight-gaussians']!;
    expect(v.metric).toBe('energyDistance');
    expect(v.equivalence.p).toBeLessThan(0.05);
    expect(v.equivalence.equivalent).toBe(true);
  });

  it('the stuck-bit source in sampling is detected as worse (paired t, p < 0.01) and fails the same parity test', () => {
    const v = results.verdict['eight-gaussians']!;
    expect(v.conditions.hardware!.worse).toBe(false);
    expect(v.broken['stuck-sample']!.pairedWorseP).toBeLessThan(0.01);
    expect(v.broken['stuck-sample']!.detected).toBe(true);
    expect(v.conditions['stuck-sample']!.tostP).toBeGreaterThan(0.05);
    expect(v.conditions['stuck-sample']!.equivalent).toBe(false);
  });
});
