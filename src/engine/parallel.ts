/**
 * Parallel `--by`: a large file without quotes is cut at line ends into one byte range per thread, each summed
 * on a worker thread (worker.ts); errors and kept-out rows are numbered in the whole file.
 */
import { availableParallelism } from 'node:os';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { SvcError } from '../errors.js';
import type { RegionScheme } from '../catalogue/regions.js';
import type { Encoding } from '../io/sources/encoding.js';
import { detectEncoding } from '../io/sources/encoding.js';
import type { ByteRange } from '../io/sources/source.js';
import type { PartialAggregation } from './partial.js';
import type { ReadOptions } from './read-options.js';

/** Below this size one thread is faster than starting workers. */
const PARALLEL_MIN_BYTES = 16 << 20;

/**
 * Byte ranges cut just after line feeds, one per thread, or undefined when the input must be read in one pass:
 * standard input, a small file, UTF-16, or any double quote in the file (a quoted cell may hold a line break,
 * so a cut could fall inside a record). One fast scan for the quote decides.
 */
export function parallelRanges(source: string, options: ReadOptions): { ranges: ByteRange[]; encoding: Encoding } | undefined {
  const threads = Number(process.env['SVC_STATS_THREADS']) || Math.min(availableParallelism(), 8);
  if (source === '-' || threads < 2 || options.encoding === 'utf16le') return undefined;
  let size: number;
  try {
    size = statSync(source).size;
  } catch {
    return undefined; // the reader reports it
  }
  if (size < PARALLEL_MIN_BYTES) return undefined;
  const descriptor = openSync(source, 'r');
  try {
    const block = Buffer.allocUnsafe(1 << 20);
    const read = (position: number): Buffer => block.subarray(0, readSync(descriptor, block, 0, block.length, position));
    const head = read(0);
    // the encoding is decided once, here, as the reader would on the same first block, and given to every range
    let encoding: Encoding;
    try {
      encoding = detectEncoding(head, options.encoding).encoding;
    } catch {
      return undefined; // the reader reports it
    }
    if (encoding === 'utf16le') return undefined;
    const headerLineFeed = head.indexOf(0x0a);
    if (headerLineFeed === -1) return undefined;
    for (let position = 0; position < size; position += block.length) {
      if (read(position).indexOf(0x22) !== -1) return undefined;
    }
    const headerEnd = headerLineFeed + 1;
    const cuts = [headerEnd];
    for (let thread = 1; thread < threads; thread += 1) {
      const target = Math.max(cuts[cuts.length - 1]!, headerEnd + Math.floor(((size - headerEnd) * thread) / threads));
      const bytes = read(target);
      const lineFeed = bytes.indexOf(0x0a);
      if (lineFeed === -1) break; // a line longer than a block: fewer ranges
      cuts.push(target + lineFeed + 1);
    }
    cuts.push(size);
    const ranges: ByteRange[] = [];
    for (let index = 0; index + 1 < cuts.length; index += 1) {
      if (cuts[index + 1]! > cuts[index]!) ranges.push({ headerEnd, start: cuts[index]!, end: cuts[index + 1]! });
    }
    return ranges.length > 1 ? { ranges, encoding } : undefined;
  } finally {
    closeSync(descriptor);
  }
}

interface WorkerReply {
  readonly result?: PartialAggregation;
  readonly error?: { code: SvcError['code']; message: string; location: SvcError['location']; hint: string | undefined };
  readonly crash?: string;
}

/**
 * A small young generation for workers: their garbage is short-lived records, and V8's default lets each
 * thread's heap grow past what the whole run needs (peak RSS 189 MiB with defaults, 141 MiB with 4 MiB).
 */
const WORKER_YOUNG_GENERATION_MB = 4;

/** Every range on a worker (whose heap can be limited, unlike this thread's); errors placed at their line in the whole file. */
export async function aggregateInParallel(
  source: string,
  options: ReadOptions,
  by: string,
  scheme: RegionScheme,
  ranges: readonly ByteRange[],
): Promise<PartialAggregation[]> {
  const { stdin: _stdin, ...plainOptions } = options;
  const { Worker } = await import('node:worker_threads');
  const started: InstanceType<typeof Worker>[] = [];
  const workers = ranges.map((range, index) => new Promise<PartialAggregation>((resolve, reject) => {
    // only the last range knows that no data row follows a label-only row at its end (a footnote)
    const moreFollows = index < ranges.length - 1;
    const worker = new Worker(new URL('./aggregate-worker.js', import.meta.url), {
      workerData: { source, options: { ...plainOptions, range, moreFollows }, by, scheme },
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    started.push(worker);
    worker.once('message', (reply: WorkerReply) => {
      if (reply.result !== undefined) resolve(reply.result);
      else if (reply.error !== undefined) reject(shiftError(reply.error, source, range));
      else reject(new Error(reply.crash ?? 'a worker thread failed'));
    });
    worker.once('error', reject);
  }));
  try {
    const parts = await Promise.all(workers);
    // rows kept out, unit rows and footnotes were numbered within their range: number them in the whole file
    parts.forEach((part, index) => {
      const range = ranges[index]!;
      const numbered = part.excluded.length + (part.unitLines?.lines.length ?? 0) + part.plan.footnotes.length;
      if (numbered === 0 || range.start === range.headerEnd) return;
      const shift = countLineFeedsBefore(source, range.start) - 1;
      part.excluded.forEach((row, at) => (part.excluded[at] = { ...row, line: row.line + shift }));
      if (part.unitLines !== undefined) for (let at = 0; at < part.unitLines.lines.length; at += 1) part.unitLines.lines[at]! += shift;
      part.plan.footnotes.forEach((footnote) => (footnote.line += shift));
    });
    return parts;
  } finally {
    // on success they are done; on an error the others' work is moot
    for (const worker of started) void worker.terminate();
  }
}

/** A worker reads the header then its range: its line numbers past the header are shifted to the file's. */
function shiftError(error: NonNullable<WorkerReply['error']>, source: string, range: ByteRange): SvcError {
  const { line } = error.location;
  if (line === undefined || line <= 1) return new SvcError(error.code, error.message, error.location, error.hint);
  const linesBefore = countLineFeedsBefore(source, range.start);
  return new SvcError(error.code, error.message, { ...error.location, line: line - 1 + linesBefore }, error.hint);
}

function countLineFeedsBefore(source: string, end: number): number {
  const descriptor = openSync(source, 'r');
  try {
    const block = Buffer.allocUnsafe(1 << 20);
    let count = 0;
    for (let position = 0; position < end; position += block.length) {
      const bytes = block.subarray(0, readSync(descriptor, block, 0, Math.min(block.length, end - position), position));
      for (let index = bytes.indexOf(0x0a); index !== -1; index = bytes.indexOf(0x0a, index + 1)) count += 1;
    }
    return count;
  } finally {
    closeSync(descriptor);
  }
}

