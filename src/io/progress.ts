/**
 * A progress bar on standard error (cli-progress) for inputs over PROGRESS_MIN_BYTES, only when stderr is a
 * terminal: never in a pipe or a file, never on stdout. The reader reports bytes and rows as they pass; worker
 * threads post theirs to the main thread, which alone draws. The bar is cleared before anything else is printed.
 */
import { createRequire } from 'node:module';
import { isTerminal } from './terminal.js';

/**
 * node:worker_threads, loaded only when needed: for a large input, or in a worker. A small input read on the main
 * thread never needs it, and loading it costs a run's start-up about a millisecond.
 */
let threads: typeof import('node:worker_threads') | undefined;
function workerThreads(): typeof import('node:worker_threads') {
  threads ??= createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  return threads;
}

/** Smaller inputs are read in about a second: a bar would only flicker. */
export const PROGRESS_MIN_BYTES = 20_000_000;

/** How a worker's counts reach the main thread: a message of this shape. */
export interface ProgressMessage {
  readonly progress: { readonly bytes: number; readonly rows: number };
}

interface Bar {
  update(value: number, payload: Record<string, string>): void;
  stop(): void;
}

let bar: Bar | undefined;
let pendingBar: Promise<void> | undefined;
let total = 0;
let bytesSeen = 0;
let rowsSeen = 0;
let started = 0;
// in a worker: counts not yet posted
let unpostedBytes = 0;
let unpostedRows = 0;
const POST_EVERY_BYTES = 4 << 20;

/** Whether a bar would be shown for an input of `size` bytes: stderr a terminal, the size over the threshold. */
export function wantsProgress(size: number): boolean {
  return size >= PROGRESS_MIN_BYTES && isTerminal(2) && process.env['SVC_STATS_PROGRESS'] !== '0' && workerThreads().isMainThread;
}

/** Start a bar for an input of `size` bytes, if wanted; cli-progress is loaded only then. */
export function startProgress(size: number): void {
  if (!wantsProgress(size) || bar !== undefined || pendingBar !== undefined) return;
  total = size;
  bytesSeen = 0;
  rowsSeen = 0;
  started = Date.now();
  const pending: Promise<void> = import('cli-progress').then(({ default: progress }) => {
    // stopped before it was drawn, or stopped and started again: only the bar of the latest start is drawn (an
    // earlier one would never be stopped, and its timer would keep the process alive)
    if (pendingBar !== pending) return;
    const created = new progress.SingleBar({
      format: '{bar} {percentage}% | {read}/{size} MiB | {rows} rows | {rate} MiB/s',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      fps: 8,
    }, progress.Presets.shades_classic);
    created.start(total, 0, payload());
    bar = created;
  });
  pendingBar = pending;
}

function payload(): Record<string, string> {
  const seconds = Math.max((Date.now() - started) / 1000, 0.001);
  return {
    read: (Math.min(bytesSeen, total) / 2 ** 20).toFixed(0),
    size: (total / 2 ** 20).toFixed(0),
    rows: rowsSeen.toLocaleString('en'),
    rate: (bytesSeen / 2 ** 20 / seconds).toFixed(0),
  };
}

/** Count bytes read and rows parsed: drawn on the main thread, posted now and then from a worker. */
export function addProgress(bytes: number, rows: number): void {
  // a bar is only ever started on the main thread (wantsProgress)
  if (pendingBar !== undefined) {
    bytesSeen += bytes;
    rowsSeen += rows;
    bar?.update(Math.min(bytesSeen, total), payload());
    return;
  }
  // without a bar the counts are kept for a worker to post; the main thread drops them at each flush
  unpostedBytes += bytes;
  unpostedRows += rows;
  if (unpostedBytes >= POST_EVERY_BYTES) flushProgress();
}

/** A worker posts what it has not posted yet (at the end of its range). */
export function flushProgress(): void {
  if (unpostedBytes === 0 && unpostedRows === 0) return;
  const { isMainThread, parentPort } = workerThreads();
  if (!isMainThread) {
    const message: ProgressMessage = { progress: { bytes: unpostedBytes, rows: unpostedRows } };
    parentPort?.postMessage(message);
  }
  unpostedBytes = 0;
  unpostedRows = 0;
}

export function isProgressMessage(message: unknown): message is ProgressMessage {
  return typeof message === 'object' && message !== null && 'progress' in message;
}

/** Clear the bar (at the end of the input, or before an error is printed). */
export function stopProgress(): void {
  pendingBar = undefined;
  bar?.stop();
  bar = undefined;
}
