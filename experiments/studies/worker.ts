/** Worker thread of the studies (study.ts): computes the units it is sent, one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { studyNamed } from './registry.ts';
import type { Json } from './study.ts';

const data = workerData as { study: string; config: Json };
const study = studyNamed(data.study);
const cache = new Map<string, unknown>();
const port = parentPort!;
port.on('message', (m: { j: number; unit: Json }) => {
  try {
    port.postMessage({ j: m.j, result: study.run(data.config as never, m.unit as never, cache) });
  } catch (e) {
    port.postMessage({ error: (e as Error).message });
  }
});
port.postMessage({ ready: true });
