/** How many threads a parallel run uses. */
import { createRequire } from 'node:module';

/** SVC_STATS_THREADS, else the machine's parallelism, at most 8; node:os is loaded when asked (~0.4 ms of a start). */
export function threadBudget(): number {
  const requested = Number(process.env['SVC_STATS_THREADS']);
  if (requested) return requested;
  return Math.min((createRequire(import.meta.url)('node:os') as typeof import('node:os')).availableParallelism(), 8);
}
