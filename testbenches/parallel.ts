/**
 * Runs MeRAM generators on every core: one job (architecture, seed, sample count) per worker thread at a time, each
 * an independent generator with its own seed and its own random streams. The merged stream is the concatenation of
 * the jobs' samples in job order, so it depends only on the jobs, never on the number of workers or which finished
 * first: the same seeds give the same merged samples.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BackendKind } from '../sim/index.ts';
import type { GeneratorSpec } from './generators.ts';

/** One unit of work: a generator and how many samples to take from it. */
export interface GeneratorJob extends GeneratorSpec {
  readonly samples: number;
  readonly backend?: BackendKind;
  /** Also run the statistics battery on the job's codes in its worker (against the plan's predicted pmf). */
  readonly validate?: boolean;
}

/** What one job produced (in its worker). */
export interface JobResult {
  readonly job: GeneratorJob;
  /** Output samples (the `sample` port). */
  readonly samples: Int32Array;
  /** Codes of the pmf (see generatorCase), one per sample. */
  readonly codes: Int32Array;
  readonly cycles: number;
  /** Simulation seconds inside the worker. */
  readonly seconds: number;
  /** With `validate`: whether the battery passed and its seconds. */
  readonly check?: { readonly passed: boolean; readonly seconds: number };
}

/** The jobs' results in job order and their merged codes. */
export interface ParallelRun {
  readonly results: readonly JobResult[];
  /** Codes of every job, concatenated in job order. */
  readonly merged: Int32Array;
  readonly workers: number;
  /** Wall time from the first job sent to the last result (s), worker start-up and design compilation included. */
  readonly seconds: number;
}

/** Message a worker posts back. */
export type WorkerReply = ({ readonly ok: true } & Omit<JobResult, 'job'>) | { readonly ok: false; readonly error: string };

/** The jobs of `count` independent generators of one architecture: seeds base, base + 1, ... */
export function seedJobs(spec: GeneratorSpec, count: number, samplesEach: number, more: Pick<GeneratorJob, 'backend' | 'validate'> = {}): GeneratorJob[] {
  return Array.from({ length: count }, (_, i) => ({ ...more, kind: spec.kind, seed: spec.seed + i, samples: samplesEach }));
}

/**
 * Runs `jobs` on `workers` threads (default: the available cores, at most one per job).
 * @example
 * const run = await runParallel(seedJobs({ kind: 'tree', seed: 1 }, 4, 100_000));
 * run.merged.length; // 400 000
 */
export async function runParallel(jobs: readonly GeneratorJob[], opts: { workers?: number } = {}): Promise<ParallelRun> {
  const workers = Math.max(1, Math.min(opts.workers ?? os.availableParallelism(), jobs.length));
  const results: JobResult[] = new Array<JobResult>(jobs.length);
  const t0 = performance.now();
  let next = 0;
  const lane = async (): Promise<void> => {
    const w = startWorker();
    try {
      while (next < jobs.length) {
        const k = next++;
        const reply = await ask(w, jobs[k]!);
        if (!reply.ok) throw new Error(`worker job ${k} (${jobs[k]!.kind}, seed ${jobs[k]!.seed}): ${reply.error}`);
        const { ok: _, ...result } = reply;
        results[k] = { job: jobs[k]!, ...result };
      }
    } finally {
      await w.terminate();
    }
  };
  await Promise.all(Array.from({ length: workers }, lane));
  const seconds = (performance.now() - t0) / 1000;
  const merged = new Int32Array(results.reduce((n, r) => n + r.codes.length, 0));
  let at = 0;
  for (const r of results) { merged.set(r.codes, at); at += r.codes.length; }
  return { results, merged, workers, seconds };
}

/** A worker running TypeScript: parallel-boot.mjs registers the tsx loader in the thread, then loads the worker. */
function startWorker(): Worker {
  return new Worker(new URL('./parallel-boot.mjs', import.meta.url), { workerData: { entry: new URL('./parallel-worker.ts', import.meta.url).href } });
}

function ask(w: Worker, job: GeneratorJob): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const done = (): void => { w.off('message', onMessage); w.off('error', onError); };
    const onMessage = (m: WorkerReply): void => { done(); resolve(m); };
    const onError = (e: Error): void => { done(); reject(e); };
    w.on('message', onMessage);
    w.on('error', onError);
    w.postMessage(job);
  });
}
