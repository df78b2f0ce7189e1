// Entry of the worker threads of testbenches/parallel.ts: registers the TypeScript loader in the thread, then loads
// the worker itself (worker threads do not inherit the parent's module hooks).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
