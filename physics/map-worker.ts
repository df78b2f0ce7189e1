/** Worker thread of the switching-map runner: computes the points it is sent, one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { type MapSpec, simulatePoint, solverFor } from './switching-map.ts';

const spec = (workerData as { spec: MapSpec }).spec;
const solver = solverFor(spec);
const port = parentPort!;
port.on('message', (msg: { j: number; index: number }) => {
  try {
    port.postMessage({ j: msg.j, k: simulatePoint(solver, spec, msg.index) });
  } catch (e) {
    port.postMessage({ error: (e as Error).message });
  }
});
port.postMessage({ ready: true });
