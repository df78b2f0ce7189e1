/**
 * The worker-thread runner: independent generators (one seed each) on several threads give a merged stream that is
 * deterministic (same seeds, same samples, whatever the number of workers), equal to the same generators run in this
 * thread, and whose statistics are those of the per-worker streams.
 */
import { describe, expect, it } from 'vitest';
import { runParallel, seedJobs } from './parallel.ts';
import { generatorCase } from './generators.ts';
import { runGenerator } from './harness.ts';
import { verifyGenerator } from './checks.ts';
import { totalVariation } from '../verif/index.ts';

const jobs = seedJobs({ kind: 'tree', seed: 31 }, 3, 10_000);
const failed = (codes: Int32Array, seed: number): string[] => {
  const p = generatorCase({ kind: 'tree', seed }).planned;
  return verifyGenerator(codes, p.predicted, p.target).battery.checks.filter((c) => !c.passed).map((c) => c.name);
};

describe('runParallel (tree sampler, 3 seeds x 10 000 samples)', () => {
  it('is deterministic and independent of the worker count; equals the generators run in this thread', async () => {
    const two = await runParallel(jobs, { workers: 2 });
    const one = await runParallel(jobs, { workers: 1 });
    expect(two.workers).toBe(2);
    expect(Array.from(two.merged)).toEqual(Array.from(one.merged));
    const c = generatorCase(jobs[1]!);
    const here = await runGenerator(c.top(), { samples: jobs[1]!.samples, record: c.record });
    expect(Array.from(two.results[1]!.codes)).toEqual(Array.from(c.codes(here.samples, here.extra)));
    expect(two.merged.length).toBe(30_000);
    expect(Array.from(two.merged.subarray(10_000, 20_000))).toEqual(Array.from(two.results[1]!.codes));
  }, 300_000);

  it('merges streams with the per-worker statistics: each stream and the merged one pass the battery', async () => {
    const run = await runParallel(jobs);
    // Independent seeds: no two streams are the same.
    expect(Array.from(run.results[0]!.codes)).not.toEqual(Array.from(run.results[1]!.codes));
    // The seeds change the random streams only, not the calibrated law: one predicted pmf for every worker.
    const plans = jobs.map((j) => generatorCase(j).planned);
    for (const p of plans) expect(totalVariation(p.predicted, plans[0]!.predicted)).toBe(0);
    run.results.forEach((r) => expect(failed(r.codes, r.job.seed)).toEqual([]));
    expect(failed(run.merged, jobs[0]!.seed)).toEqual([]);
    // The same battery rejects a merge in which one worker's stream is stuck at one code.
    const broken = Int32Array.from(run.merged);
    broken.fill(broken[10_000]!, 10_000, 20_000);
    expect(failed(broken, jobs[0]!.seed)).not.toEqual([]);
  }, 300_000);
});
