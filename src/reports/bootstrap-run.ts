/**
 * `equity --bootstrap N`: the N resamples of the equity indices, on this thread or, when N × units is large,
 * split by replicate over worker threads (bootstrap-worker.ts). Replicate r depends only on (seed, r), so any
 * split gives the same numbers as one thread (test/reports/bootstrap.e2e.test.ts checks it).
 */
import { bootstrapReplicates, percentileInterval } from '../stats/bootstrap.js';
import type { SortedGroups } from '../stats/equity-indices.js';
import { equityIndices } from '../stats/equity-indices.js';
import { threadBudget } from '../engine/threads.js';

export interface BootstrapJob {
  readonly data: SortedGroups;
  readonly split: boolean;
  readonly seed: number;
  /** the number of indices a replicate */
  readonly width: number;
}

export interface BootstrapChoices {
  readonly replicates: number;
  readonly seed: number;
  readonly level: number;
}

/** Below this many draws (N × units) one thread is faster than starting workers (env SVC_STATS_BOOTSTRAP_PARALLEL_MIN, for tests). */
const PARALLEL_MIN_DRAWS = 4_000_000;

/** The percentile interval of each index (null where some resample leaves it undefined), in equityIndices' order. */
export async function bootstrapIntervals(data: SortedGroups, split: boolean, choices: BootstrapChoices): Promise<({ lower: number; upper: number } | null)[]> {
  const width = equityIndices(data, data.weights, split).length;
  const job: BootstrapJob = { data, split, seed: choices.seed, width };
  const N = choices.replicates;
  const threads = Math.min(threadBudget(), N);
  const minimum = Number(process.env['SVC_STATS_BOOTSTRAP_PARALLEL_MIN'] ?? PARALLEL_MIN_DRAWS);
  const all = threads >= 2 && N * data.values.length >= minimum ? await inParallel(job, N, threads) : serial(job, 0, N);
  return Array.from({ length: width }, (_, index) => {
    const column = new Float64Array(N);
    for (let r = 0; r < N; r += 1) column[r] = all[r * width + index]!;
    return percentileInterval(column, choices.level);
  });
}

function serial(job: BootstrapJob, from: number, to: number): Float64Array {
  return bootstrapReplicates(job.data.weights, job.data.starts, job.seed, from, to, job.width, (weights) => equityIndices(job.data, weights, job.split));
}

/** Replicates cut into one contiguous block a thread: the first here, the others on workers; joined in order. */
async function inParallel(job: BootstrapJob, N: number, threads: number): Promise<Float64Array> {
  const { Worker } = await import('node:worker_threads');
  const cuts = Array.from({ length: threads + 1 }, (_, t) => Math.floor((N * t) / threads));
  const workers: InstanceType<typeof Worker>[] = [];
  try {
    const blocks = cuts.slice(1).map((to, t) => {
      const from = cuts[t]!;
      if (t === 0) return undefined;
      const worker = new Worker(new URL('./bootstrap-worker.js', import.meta.url), { workerData: { ...job, from, to } });
      workers.push(worker);
      return new Promise<Float64Array>((resolve, reject) => {
        worker.once('message', (reply: { replicates?: Float64Array; crash?: string }) =>
          reply.replicates !== undefined ? resolve(reply.replicates) : reject(new Error(reply.crash ?? 'a bootstrap worker failed')));
        worker.once('error', reject);
      });
    });
    const first = serial(job, cuts[0]!, cuts[1]!);
    const all = new Float64Array(N * job.width);
    all.set(first, 0);
    for (const [t, block] of blocks.entries()) if (block !== undefined) all.set(await block, cuts[t]! * job.width);
    return all;
  } finally {
    for (const worker of workers) void worker.terminate();
  }
}
