/** Worker thread of `equity --bootstrap`: replicates [from, to) of the equity indices, posted as one Float64Array. */
import { parentPort, workerData } from 'node:worker_threads';
import { bootstrapReplicates } from '../stats/bootstrap.js';
import { equityIndices } from '../stats/equity-indices.js';
import type { BootstrapJob } from './bootstrap-run.js';

const job = workerData as BootstrapJob & { from: number; to: number };
try {
  const replicates = runJob(job, job.from, job.to);
  parentPort!.postMessage({ replicates }, [replicates.buffer as ArrayBuffer]);
} catch (error) {
  parentPort!.postMessage({ crash: error instanceof Error ? error.message : String(error) });
}

function runJob(work: BootstrapJob, from: number, to: number): Float64Array {
  return bootstrapReplicates(work.data.weights, work.data.starts, work.seed, from, to, work.width,
    (weights) => equityIndices(work.data, weights, work.split));
}
