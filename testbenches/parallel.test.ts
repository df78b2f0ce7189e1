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
import { chiSquareSf, totalVariation } from '../verif/index.ts';

const jobs = seedJobs({ kind: 'tree', seed: 31 }, 3, 10_000);
/**
 * Chi-square test of homogeneity (a streams x codes contingency table; adjacent codes merged until each column has
 * 5 expected samples per stream): the p-value that all streams have one law.
 */
const homogeneity = (streams: readonly Int32Array[]): number => {
  const k = streams.length;
  const counts = streams.map((x) => { const c = new Float64Array(256); for (const v of x) c[v + 128]! += 1; return c; });
  const rows = streams.map((x) => x.length);
  const n = rows.reduce((a, b) => a + b, 0);
  const columns: Float64Array[] = [];
  let acc = new Float64Array(k);
  for (let code = 0; code < 256; code++) {
    counts.forEach((c, i) => { acc[i]! += c[code]!; });
    if (acc.reduce((a, b) => a + b, 0) * Math.min(...rows) / n >= 5) { columns.push(acc); acc = new Float64Array(k); }
  }
  if (columns.length) acc.forEach((v, i) => { columns[columns.length - 1]![i]! += v; });
  let x2 = 0;
  for (const col of columns) {
    const total = col.reduce((a, b) => a + b, 0);
    col.forEach((o, i) => { const e = (rows[i]! * total) / n; x2 += (o - e) ** 2 / e; });
  }
  return chiSquareSf(x2, (k - 1) * (columns.length - 1));
};
const streamsOf = (merged: Int32Array): Int32Array[] => [0, 1, 2].map((i) => merged.subarray(i * 10_000, (i + 1) * 10_000));
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
    // Each worker's stream has the law of the others pooled (chi-square homogeneity), and the merged stream's
    // moments are the pooled moments of the workers' streams.
    expect(homogeneity(streamsOf(run.merged))).toBeGreaterThan(1e-3);
    const mean = (x: Int32Array): number => x.reduce((a, b) => a + b, 0) / x.length;
    const meanSq = (x: Int32Array): number => x.reduce((a, b) => a + b * b, 0) / x.length;
    expect(mean(run.merged)).toBeCloseTo(run.results.reduce((a, r) => a + mean(r.codes), 0) / 3, 10);
    expect(meanSq(run.merged)).toBeCloseTo(run.results.reduce((a, r) => a + meanSq(r.codes), 0) / 3, 8);
    // The same battery rejects a merge in which one worker's stream is stuck at one code, and so does homogeneity.
    const broken = Int32Array.from(run.merged);
    broken.fill(broken[10_000]!, 10_000, 20_000);
    expect(failed(broken, jobs[0]!.seed)).not.toEqual([]);
    expect(homogeneity(streamsOf(broken))).toBeLessThan(1e-6);
    // A worker whose stream has a shifted law (every code + 8, a quarter of a standard deviation) fails it too.
    const shifted = Int32Array.from(run.merged);
    for (let k = 20_000; k < 30_000; k++) shifted[k] = Math.min(shifted[k]! + 8, 127);
    expect(homogeneity(streamsOf(shifted))).toBeLessThan(1e-6);
  }, 300_000);
});
