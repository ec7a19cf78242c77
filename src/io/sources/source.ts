/**
 * Bytes in: a file, standard input (`-`), or a byte range of a file for a worker thread. Blocks are read from
 * a descriptor (a FileHandle for what is not a regular file), lighter to start than a read stream, which matters
 * for the many small yearbook tables.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { getSystemErrorMap } from 'node:util';
import { SvcError } from '../../errors.js';
import type { EncodingChoice } from './encoding.js';
import { PieceDecoder, detectEncoding } from './encoding.js';
import { addProgress, flushProgress, startProgress, stopProgress } from '../progress.js';

export interface ByteRange {
  /** bytes 0..headerEnd hold the header line (with any BOM) */
  readonly headerEnd: number;
  readonly start: number;
  readonly end: number;
  /**
   * The encoding given with the range was detected on the whole file's first block (`--encoding auto`): the
   * range is checked for lines in another encoding as an auto-detected input is.
   */
  readonly autoEncoding?: boolean | undefined;
}

export interface SourceOptions {
  /** read only the header line and this byte range of a file (parallel aggregation; see engine/parallel.ts) */
  readonly range?: ByteRange | undefined;
  /** the stream to read instead of opening the source: standard input (process.stdin when absent, for `-`), or a pipe opened once */
  readonly stdin?: NodeJS.ReadableStream | undefined;
}

/** Read size: small enough that the text and records of one block stay a few MiB of garbage. */
const BLOCK_SIZE = 64 << 10;

/** A path that exists and is not a regular file nor a directory: read in one pass, as a stream. */
export function isStream(source: string): boolean {
  try {
    const info = statSync(source);
    return !info.isFile() && !info.isDirectory();
  } catch {
    return false; // the reader reports it
  }
}

/** The size in bytes of a regular file; undefined for anything else (standard input, a pipe, a missing file). */
export function regularFileSize(source: string): number | undefined {
  if (source === '-') return undefined;
  try {
    const info = statSync(source);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined; // the reader reports it
  }
}

/**
 * A path that is this process's standard input when that is not a regular file (`/dev/stdin`, `/dev/fd/0`,
 * `/proc/self/fd/0` on a pipe or a socket): read through process.stdin, since a socket cannot be opened again.
 */
export function isOwnStandardInput(source: string): boolean {
  try {
    const own = fstatSync(0);
    const named = statSync(source);
    return !own.isFile() && own.dev === named.dev && own.ino === named.ino;
  } catch {
    return false;
  }
}

/** Standard input is read once: two of a run's sources naming it (`-`, `/dev/stdin`) are refused before either is read. */
export function checkStandardInputOnce(sources: readonly (string | undefined)[]): void {
  const own = (() => { try { return fstatSync(0); } catch { return undefined; } })();
  const isStandardInput = (source: string): boolean => {
    if (source === '-') return true;
    try {
      const named = statSync(source);
      return own !== undefined && named.dev === own.dev && named.ino === own.ino && !named.isDirectory();
    } catch {
      return false;
    }
  };
  const readers = sources.filter((source): source is string => source !== undefined && isStandardInput(source));
  if (readers.length > 1) {
    throw new SvcError('USAGE', `standard input is given twice (${readers.join(' and ')}) and can be read only once`, {}, 'save one of them to a file');
  }
}

/** The stream of a source read once: standard input for `-` or a path that is it, else the path opened once. */
export function streamOf(source: string): NodeJS.ReadableStream {
  return source === '-' || isOwnStandardInput(source) ? process.stdin : createReadStream(source);
}

/** How a source is named in messages: `<stdin>` for `-`. */
export function displayName(source: string): string {
  return source === '-' ? '<stdin>' : source;
}

/** The bytes of a source, block by block; a block is valid until the next is asked for. */
export async function openBytes(source: string, options: SourceOptions = {}): Promise<AsyncIterable<Uint8Array>> {
  const file = displayName(source);
  if (options.stdin !== undefined) return options.stdin as AsyncIterable<Uint8Array>;
  if (source === '-' || isOwnStandardInput(source)) return process.stdin as AsyncIterable<Uint8Array>;
  let info: Stats;
  try {
    info = statSync(source);
    if (info.isDirectory()) throw new SvcError('FILE_UNREADABLE', 'is a directory, not a file', { file });
  } catch (error) {
    throw inputError(error, file);
  }
  if (options.range !== undefined) return rangeOf(source, options.range);
  return blocksOf(source, 0, Infinity, info.size);
}

/**
 * Blocks of a file from `start` to `end` (exclusive). One buffer is reused: whoever keeps bytes copies them.
 * A regular file is read with synchronous calls (a page-cache copy each, where an asynchronous call is a round
 * trip through libuv's thread pool: 1,000 of them for 64 MiB), handing the event loop a turn every MiB so that
 * signals, worker messages and the progress bar are not held up; anything else (a FIFO, a device) asynchronously.
 */
async function* blocksOf(source: string, start = 0, end = Infinity, size?: number): AsyncIterable<Uint8Array> {
  // a regular file is opened with a synchronous call too (no fs/promises to load: ~1 ms of a start); anything
  // else with a FileHandle, as opening a FIFO waits for its writer
  const regular = statSync(source).isFile();
  const handle = regular ? undefined : await fsPromises().open(source, 'r');
  const fd = handle?.fd ?? openSync(source, 'r');
  const buffer = Buffer.allocUnsafe(BLOCK_SIZE);
  // a whole file read on the main thread may show a progress bar (on a terminal, for a large file)
  if (size !== undefined) startProgress(size);
  try {
    let sinceTurn = 0;
    for (let position = start; position < end;) {
      const block = buffer.subarray(0, Math.min(BLOCK_SIZE, end - position));
      // a pipe or FIFO has no positions (ESPIPE): it is read from where it is, once
      const bytesRead = handle === undefined ? readSync(fd, block, 0, block.length, position) : (await handle.read(block, 0, block.length, null)).bytesRead;
      if (bytesRead === 0) break;
      addProgress(bytesRead, 0);
      yield block.subarray(0, bytesRead);
      position += bytesRead;
      sinceTurn += bytesRead;
      if (regular && sinceTurn >= TURN_BYTES) {
        sinceTurn = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    if (size !== undefined) stopProgress();
    if (handle === undefined) closeSync(fd);
    else await handle.close();
  }
}

/** node:fs/promises, loaded when first needed: a plain run reads its files with synchronous calls. */
export const fsPromises = (): typeof import('node:fs/promises') => createRequire(import.meta.url)('node:fs/promises') as typeof import('node:fs/promises');

/** Bytes read synchronously between two turns of the event loop. */
const TURN_BYTES = 1 << 20;

async function* rangeOf(source: string, range: ByteRange): AsyncIterable<Uint8Array> {
  try {
    // the header's line end as LF: a header ending in a lone CR followed by a range starting with LF (a blank
    // line) would read as one CRLF, one line fewer than in the file
    const header: Uint8Array[] = [];
    for await (const block of blocksOf(source, 0, range.headerEnd)) header.push(new Uint8Array(block));
    const headerBytes = Buffer.concat(header);
    if (headerBytes[headerBytes.length - 1] === 0x0d) headerBytes[headerBytes.length - 1] = 0x0a;
    yield headerBytes;
    yield* blocksOf(source, range.start, range.end);
  } finally {
    flushProgress();
  }
}

/** A failure of the file system as one of our errors. */
export function inputError(error: unknown, file: string): SvcError {
  if (error instanceof SvcError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new SvcError('FILE_NOT_FOUND', 'no such file', { file });
  if (code === 'EACCES' || code === 'EPERM') return new SvcError('FILE_UNREADABLE', 'permission denied', { file });
  if (code === 'EISDIR') return new SvcError('FILE_UNREADABLE', 'is a directory, not a file', { file });
  if (code === 'ENXIO') return new SvcError('FILE_UNREADABLE', 'is a socket or a device that cannot be opened for reading', { file });
  // the system's words (`input/output error`), not Node's text (`EIO: i/o error, read`)
  const { errno } = error as NodeJS.ErrnoException;
  const reason = (typeof errno === 'number' ? getSystemErrorMap().get(errno)?.[1] : undefined) ?? 'an error of the system';
  return new SvcError('FILE_UNREADABLE', `cannot be read: ${reason}`, { file });
}

/** Read a whole small file (a catalogue or figures file) as bytes. */
export async function readAllBytes(source: string, options: SourceOptions = {}): Promise<Buffer> {
  const parts: Buffer[] = [];
  try {
    for await (const block of await openBytes(source, options)) parts.push(Buffer.from(block));
  } catch (error) {
    throw inputError(error, displayName(source));
  }
  return Buffer.concat(parts);
}

/**
 * A whole small text file (a catalogue file), decoded by the rules of every input: a BOM decides, else UTF-8
 * when valid, else GB18030; an invalid byte is an error naming its line.
 */
export async function readText(source: string, choice: EncodingChoice = 'auto'): Promise<string> {
  const file = displayName(source);
  const bytes = await readAllBytes(source);
  try {
    const detected = detectEncoding(bytes, choice);
    const decoder = new PieceDecoder(detected, file);
    return decoder.push(bytes.subarray(detected.bomLength)) + decoder.end();
  } catch (error) {
    if (error instanceof SvcError) throw new SvcError(error.code, error.message, { ...error.location, file }, error.hint);
    throw error;
  }
}
