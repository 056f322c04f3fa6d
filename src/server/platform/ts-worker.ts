import { type ResourceLimits, Worker } from 'node:worker_threads';

/** A worker thread running the TypeScript module at `module` (a file URL), with `data` as its workerData. */
export function startTsWorker<T extends object>(module: URL, data: T, resourceLimits?: ResourceLimits): Worker {
  return new Worker(new URL('./ts-worker.mjs', import.meta.url), { workerData: { ...data, module: module.href }, execArgv: [], resourceLimits });
}
