/**
 * Parallel `--by`: a large file is cut at record ends into one byte range per thread, the first summed on this
 * thread and each other on a worker thread (worker.ts); errors and kept-out rows are numbered in the whole file.
 * The cuts follow the serial reader's rules, so both give the same result: a record ends at LF, CRLF or a lone CR
 * (a cut inside a quoted cell is an error of the range before it, and any error is checked by one pass), blank
 * lines before the header are skipped, and lines are counted as the reader counts them (CRLF once).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { SvcError } from '../errors.js';
import type { RegionScheme } from '../catalogue/regions.js';
import type { Encoding } from '../io/sources/encoding.js';
import { detectEncoding } from '../io/sources/encoding.js';
import type { ByteRange } from '../io/sources/source.js';
import type { ProgressMessage } from '../io/progress.js';
import { addProgress, isProgressMessage, startProgress, stopProgress } from '../io/progress.js';
import type { PartialAggregation } from './partial.js';
import { aggregatePart } from './partial.js';
import { threadBudget } from './threads.js';
import type { ReadOptions } from './read-options.js';

/**
 * Below this size one thread is faster than starting workers (SVC_STATS_PARALLEL_MIN_BYTES sets it, for tests).
 * Measured with the scan kernel on 2 cores (`coverage --by province --rows-are communities`): 47 MiB 0.42 s on
 * one thread against 0.55 s on two, 117 MiB 0.64 against 0.68, 234 MiB 1.03 against 0.92; the repeated-unit
 * check at 47 MiB 2.41 against 2.32 s. (It was 16 MiB while JavaScript read every line.)
 */
const PARALLEL_MIN_BYTES = 128 << 20;
const BLOCK = 1 << 20;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/**
 * Byte ranges cut at record ends, one per thread, or undefined when the input must be read in one pass:
 * standard input, a small file, UTF-16, a non-ASCII delimiter, a header not ended in the first MiB, or an
 * encoding problem in the first MiB (the serial reader reports it). The header is planned here, before the
 * body is read: a mistake in it is an error at once.
 */
export function parallelRanges(source: string, options: ReadOptions): { ranges: ByteRange[]; encoding: Encoding } | undefined {
  if (source === '-' || options.encoding === 'utf16le') return undefined;
  const delimiter = options.delimiter ?? (/\.tsv$/i.test(source) ? '\t' : ',');
  if (delimiter.charCodeAt(0) > 0x7f) return undefined;
  let size: number;
  try {
    const info = statSync(source);
    // a pipe, a FIFO or a device is read in one pass, as a stream
    if (!info.isFile()) return undefined;
    size = info.size;
  } catch {
    return undefined; // the reader reports it
  }
  const minimum = Number(process.env['SVC_STATS_PARALLEL_MIN_BYTES'] ?? PARALLEL_MIN_BYTES);
  if (size < minimum || size === 0) return undefined;
  const threads = threadBudget();
  if (threads < 2) return undefined;
  const descriptor = openSync(source, 'r');
  try {
    const block = Buffer.allocUnsafe(BLOCK);
    const read = (position: number): Buffer => block.subarray(0, readSync(descriptor, block, 0, block.length, position));
    const head = Buffer.from(read(0));
    // the encoding is decided once, here, as the reader would on the same first block, and given to every range
    let encoding: Encoding;
    let bomLength: number;
    try {
      ({ encoding, bomLength } = detectEncoding(head, options.encoding));
    } catch {
      return undefined; // the reader reports it
    }
    if (encoding === 'utf16le') return undefined;
    const header = findHeader(head, bomLength, delimiter.charCodeAt(0), head.length === size);
    if (header === undefined) return undefined;
    const headerEnd = header.end;
    const targets: number[] = [];
    for (let thread = 1; thread < threads; thread += 1) {
      targets.push(headerEnd + Math.floor(((size - headerEnd) * thread) / threads));
    }
    const cuts = [headerEnd, ...lineEndsAfter(read, size, targets)];
    cuts.push(size);
    const ranges: ByteRange[] = [];
    const autoEncoding = options.encoding === 'auto';
    for (let index = 0; index + 1 < cuts.length; index += 1) {
      if (cuts[index + 1]! > cuts[index]!) ranges.push({ headerEnd, start: cuts[index]!, end: cuts[index + 1]!, autoEncoding });
    }
    return ranges.length > 1 ? { ranges, encoding } : undefined;
  } finally {
    closeSync(descriptor);
  }
}

/**
 * The end of the header record in the first block: just after the line end of the first line that is not
 * blank (empty, or delimiters only: no record for the reader), outside quotes. Undefined when it does not end
 * in the block (or ends in a CR that is the block's last byte, unless the block is the whole file).
 */
function findHeader(head: Uint8Array, from: number, delimiter: number, whole: boolean): { end: number } | undefined {
  let blank = true;
  let inQuotes = false;
  for (let index = from; index < head.length; index += 1) {
    const byte = head[index]!;
    if (byte === QUOTE) inQuotes = !inQuotes;
    if (inQuotes) {
      blank = false;
      continue;
    }
    if (byte === LF || byte === CR) {
      let end = index + 1;
      if (byte === CR) {
        if (index + 1 === head.length && !whole) return undefined;
        if (head[index + 1] === LF) end += 1;
      }
      if (!blank) return { end };
      index = end - 1;
      continue;
    }
    if (byte !== delimiter) blank = false;
  }
  return undefined;
}

/**
 * One cut per target: just after the first line end at or after it, read from one block there, whatever the
 * quotes before it (counting them would read the whole file first, byte by byte where it is quoted). The cut may
 * fall inside a quoted cell holding a line break: then the range before it ends inside quotes, which its reader
 * refuses (a quoted cell never closed), and an error on threads is checked by a reading in one pass (aggregate.ts).
 */
function lineEndsAfter(read: (position: number) => Buffer, size: number, targets: readonly number[]): number[] {
  const cuts: number[] = [];
  let lastCut = 0;
  for (const target of targets) {
    for (let position = Math.max(target, lastCut); position < size;) {
      const bytes = read(position);
      if (bytes.length === 0) break;
      const end = lineEndAfter(bytes, 0, position + bytes.length >= size);
      if (end !== -1) {
        cuts.push((lastCut = position + end));
        break;
      }
      position += bytes.length;
    }
  }
  return cuts;
}

/** Just after the first line end at or after `from` in a block without quotes, or -1. */
function lineEndAfter(bytes: Uint8Array, from: number, last: boolean): number {
  const lineFeed = bytes.indexOf(LF, from);
  const scanEnd = lineFeed === -1 ? bytes.length : lineFeed;
  const carriageReturn = bytes.subarray(from, scanEnd).indexOf(CR);
  if (carriageReturn !== -1) {
    const at = from + carriageReturn;
    if (at + 1 < bytes.length) return at + 1; // a lone CR (a CRLF would have its LF found first)
    return last ? at + 1 : -1;
  }
  return lineFeed === -1 ? -1 : lineFeed + 1;
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

/**
 * The first range on this thread, every other on a worker (whose young generation is kept small); errors placed
 * at their line in the whole file.
 */
export async function aggregateInParallel(
  source: string,
  options: ReadOptions,
  by: string,
  scheme: RegionScheme,
  ranges: readonly ByteRange[],
): Promise<PartialAggregation[]> {
  const { stdin: _stdin, ...plainOptions } = options;
  const { Worker } = await import('node:worker_threads');
  startProgress(statSync(source).size);
  const started: (InstanceType<typeof Worker> | undefined)[] = [];
  // a range may hold blank lines only: no part, but no error either unless every range is so (as serial)
  const stopAfter = (index: number): void => {
    for (let later = index + 1; later < started.length; later += 1) void started[later]?.terminate();
  };
  const workers = ranges.map((range, index) => new Promise<PartialAggregation | SvcError>((resolve, reject) => {
    // only the last range knows that no data row follows a label-only row at its end (a footnote)
    const moreFollows = index < ranges.length - 1;
    if (index === 0) {
      // the first range on this thread, which would otherwise wait: one worker fewer to start
      aggregatePart(source, { ...plainOptions, range, moreFollows }, by, scheme).then(resolve, (error: unknown) => {
        if (!(error instanceof SvcError)) return reject(error);
        if (error.code !== 'NO_DATA') stopAfter(index);
        resolve(error);
      });
      return;
    }
    const worker = new Worker(new URL('./aggregate-worker.js', import.meta.url), {
      workerData: { source, options: { ...plainOptions, range, moreFollows }, by, scheme },
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    started[index] = worker;
    worker.on('message', (reply: WorkerReply | ProgressMessage) => {
      if (isProgressMessage(reply)) return addProgress(reply.progress.bytes, reply.progress.rows);
      if (reply.result !== undefined) return resolve(reply.result);
      if (reply.error === undefined) return reject(new Error(reply.crash ?? 'a worker thread failed'));
      // a later range's work is moot after an error here; an earlier range's error still comes first
      if (reply.error.code !== 'NO_DATA') stopAfter(index);
      resolve(shiftError(reply.error, source, range));
    });
    worker.once('error', reject);
  }));
  try {
    // errors in file order: the serial reader would report the first
    const outcomes: (PartialAggregation | SvcError)[] = [];
    for (const outcome of workers) {
      const value = await outcome;
      if (value instanceof SvcError && value.code !== 'NO_DATA') throw value;
      outcomes.push(value);
    }
    const parts = outcomes.filter((outcome): outcome is PartialAggregation => !(outcome instanceof SvcError));
    if (parts.length === 0) throw outcomes[0] as SvcError;
    // rows kept out, unit rows and footnotes were numbered within their range: number them in the whole file
    outcomes.forEach((part, index) => {
      const range = ranges[index]!;
      if (part instanceof SvcError || range.start === range.headerEnd) return;
      const numbered = part.excluded.length + (part.unitLines?.count ?? 0) + part.plan.footnotes.length;
      if (numbered === 0) return;
      const shift = countLineEndsBefore(source, range.start) - countLineEndsBefore(source, range.headerEnd);
      part.excluded.forEach((row, at) => (part.excluded[at] = { ...row, line: row.line + shift }));
      if (part.unitLines !== undefined) for (let at = 0; at < part.unitLines.lines.length; at += 1) part.unitLines.lines[at]! += shift;
      part.plan.footnotes.forEach((footnote) => (footnote.line += shift));
    });
    return parts;
  } finally {
    stopProgress();
    // on success they are done; on an error the others' work is moot
    for (const worker of started) void worker?.terminate();
  }
}

/** A worker reads the header then its range: its line numbers past the header are shifted to the file's. */
function shiftError(error: NonNullable<WorkerReply['error']>, source: string, range: ByteRange): SvcError {
  const { line } = error.location;
  const headerLines = countLineEndsBefore(source, range.headerEnd);
  if (line === undefined || line <= headerLines) return new SvcError(error.code, error.message, error.location, error.hint);
  const linesBefore = countLineEndsBefore(source, range.start);
  return new SvcError(error.code, error.message, { ...error.location, line: line - headerLines + linesBefore }, error.hint);
}

/** Line ends in the first `end` bytes, as the reader counts them: LF, CR and CRLF once each. */
function countLineEndsBefore(source: string, end: number): number {
  const descriptor = openSync(source, 'r');
  try {
    const block = Buffer.allocUnsafe(BLOCK + 1);
    let count = 0;
    for (let position = 0; position < end; position += BLOCK) {
      // one byte more than the block, to see whether a CR at its end starts a CRLF
      const length = readSync(descriptor, block, 0, Math.min(BLOCK, end - position) + 1, position);
      const bytes = block.subarray(0, Math.min(length, BLOCK, end - position));
      for (let index = bytes.indexOf(LF); index !== -1; index = bytes.indexOf(LF, index + 1)) count += 1;
      for (let index = bytes.indexOf(CR); index !== -1; index = bytes.indexOf(CR, index + 1)) {
        if (block[index + 1] !== LF || index + 1 >= length) count += 1;
      }
    }
    return count;
  } finally {
    closeSync(descriptor);
  }
}
