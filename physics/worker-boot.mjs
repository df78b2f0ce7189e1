// Worker-thread entry: registers the tsx loader in this thread (Node 20 does not pass --import loaders to workers),
// then loads the TypeScript worker module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
