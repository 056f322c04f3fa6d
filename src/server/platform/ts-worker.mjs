// Entry of a worker thread that runs a TypeScript module (startTsWorker in ts-worker.ts). Node 20 does not
// carry the parent's `--import tsx` hooks into a worker, so the worker registers tsx itself, then loads the module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
