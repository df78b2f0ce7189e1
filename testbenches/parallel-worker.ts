/** Worker thread of testbenches/parallel.ts: runs one generator job per message and posts its samples back. */
import { parentPort } from 'node:worker_threads';
import { generatorCase } from './generators.ts';
import { runGenerator } from './harness.ts';
import { verifyGenerator } from './checks.ts';
import type { GeneratorJob, WorkerReply } from './parallel.ts';

parentPort!.on('message', (job: GeneratorJob) => {
  void (async (): Promise<void> => {
    let reply: WorkerReply;
    try {
      const c = generatorCase(job);
      const run = await runGenerator(c.top(), { samples: job.samples, record: c.record, ...(job.backend ? { backend: job.backend } : {}) });
      const codes = c.codes(run.samples, run.extra);
      const t0 = performance.now();
      const passed = job.validate ? verifyGenerator(codes, c.planned.predicted, c.planned.target).battery.passed : false;
      const check = job.validate ? { check: { passed, seconds: (performance.now() - t0) / 1000 } } : {};
      reply = { ok: true, samples: run.samples, codes, cycles: run.cycles, seconds: run.seconds, ...check };
      parentPort!.postMessage(reply, [...new Set([run.samples.buffer, codes.buffer])] as ArrayBuffer[]); // codes may be the samples
    } catch (e) {
      reply = { ok: false, error: (e as Error).stack ?? String(e) };
      parentPort!.postMessage(reply);
    }
  })();
});
