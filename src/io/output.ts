/**
 * The one place bytes leave the process. `openOutput` gives a `Sink` for standard output or for `--output`:
 *
 * - a regular file (new or existing) is replaced atomically: a temporary file beside it, every write checked,
 *   fsync, then a rename; an existing file's mode (and, as root, owner and group) is kept. A symlink is
 *   followed: the file it points to is replaced and the link stays.
 * - a character device, FIFO or socket (`/dev/null`, `/dev/stdout`, a named pipe) is written to directly, as
 *   a shell redirect would; a node that is our own standard output or error is written through that stream.
 * - standard output that is a file, a device, a pipe or a socket is written with the same checked loop on its
 *   descriptor (Node's own stream for files ignores short writes; and making process.stdout for a pipe loads
 *   net and the streams, ~2 ms of a start). A pipe that turns out non-blocking (EAGAIN: whoever made it set
 *   O_NONBLOCK) is written through process.stdout from then on, which waits for it. A terminal is written
 *   through process.stdout, waiting for 'drain'.
 *
 * Any failure is an `SvcError('OUTPUT')` naming the target and the system's reason; a failed sink has already
 * removed its temporary file. Writes are buffered (64 KiB), so that a caller may stream row by row.
 */
import { existsSync, fstatSync, fsync as fsyncCallback, realpathSync, rmSync, statSync, writeSync } from 'node:fs';
import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { getSystemErrorMap, promisify } from 'node:util';
import { SvcError } from '../errors.js';
import { fsPromises } from './sources/source.js';
import { isTerminalDevice } from './terminal.js';

export interface Sink {
  write(chunk: string | Uint8Array): Promise<void>;
  /** Commit: flush, fsync, rename. */
  close(): Promise<void>;
  /** Give up: remove the temporary file, keep the old file. */
  abort(): Promise<void>;
}

/** What the short-write loop needs of a file handle (FileHandle fits); tests pass a fake. */
export interface ByteWriter {
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
}

/** Standard output was closed by its reader (`| head -1`): not a failure; src/cli.ts exits 0 quietly. */
export class OutputClosed extends SvcError {
  constructor(label: string) {
    super('OUTPUT', 'closed by its reader', { file: label });
    this.name = 'OutputClosed';
  }
}

const STDOUT_LABEL = 'standard output';
const STDERR_LABEL = 'standard error';
/** One write call at most: an interrupt is handled between two of them. */
const WRITE_CHUNK = 1 << 20;
/** Small writes (a row at a time) are gathered up to this size. */
const BUFFER_SIZE = 64 * 1024;
const MAX_SYMLINKS = 40;

/**
 * Refuse an --output that cannot be written before any work is done: a missing folder, a directory, or a file
 * the run reads (which the rename would replace). Inputs are compared by file identity (device and inode, after
 * following symlinks, so `/dev/stdin`, `/proc/self/fd/0` and a link are the file they lead to), and `-` by the
 * file on standard input: `coverage - -o same.csv < same.csv` is refused, naming both.
 */
export function checkOutputTarget(output: string | undefined, inputs: readonly (string | undefined)[]): void {
  if (output === undefined || output === '-') return;
  const folder = dirname(output);
  if (!existsSync(folder)) {
    throw new SvcError('OUTPUT', `the folder ${folder} does not exist`, { file: output });
  }
  if (existsSync(output) && statSync(output).isDirectory()) {
    throw new SvcError('OUTPUT', 'is a directory', { file: output });
  }
  const target = identityOf(output);
  const targetPath = realPathOr(output);
  for (const input of inputs) {
    if (input === undefined) continue;
    const same = input === '-'
      ? target !== undefined && sameFile(target, identityOf(0))
      : (target !== undefined && sameFile(target, identityOf(input))) || (existsSync(input) && realPathOr(input) === targetPath);
    if (same) {
      throw new SvcError('OUTPUT', `is also an input file (${input === '-' ? 'standard input' : input}); it would be overwritten`, { file: output },
        'write to another file');
    }
  }
}

/** A regular file's device and inode (symlinks followed; a number is a descriptor), or undefined. */
function identityOf(path: string | number): Stats | undefined {
  try {
    const info = typeof path === 'number' ? fstatSync(path) : statSync(path);
    return info.isFile() ? info : undefined;
  } catch {
    return undefined;
  }
}

function sameFile(a: Stats, b: Stats | undefined): boolean {
  return b !== undefined && a.dev === b.dev && a.ino === b.ino;
}

/** realpath, or the plain absolute path when there is none (a new file, or /dev/stdout on a pipe). */
function realPathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Temporary files being written, removed if the process is interrupted (see bin/svc-stats.js). */
const pendingTemporaries = new Set<string>();

/** For signal handlers: synchronous, never throws. */
export function removeTemporaryFiles(): void {
  for (const temporary of pendingTemporaries) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nothing more can be done while exiting
    }
  }
  pendingTemporaries.clear();
}

/** Errors that a sink has turned into its own SvcError, so that the stream 'error' handlers leave them alone. */
const claimedErrors = new WeakSet<object>();

/** True when a sink reports this stream error itself (bin/svc-stats.js then does not). */
export function isClaimedOutputError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && claimedErrors.has(error);
}

/** `no space left on device` rather than `ENOSPC: no space left on device, write`. */
export function systemReason(error: unknown): string {
  const { errno, message } = error as NodeJS.ErrnoException;
  const known = typeof errno === 'number' ? getSystemErrorMap().get(errno) : undefined;
  return known?.[1] ?? (message || String(error));
}

function outputError(error: unknown, label: string): SvcError {
  if (error instanceof SvcError) return error;
  return new SvcError('OUTPUT', `cannot be written: ${systemReason(error)}`, { file: label });
}

/**
 * Write all of `bytes`, however few bytes each call takes (a short write is retried from where it stopped);
 * EAGAIN (a non-blocking descriptor) waits and retries; a call that takes nothing is an error, not a loop.
 */
export async function writeFully(writer: ByteWriter, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    let bytesWritten: number;
    try {
      ({ bytesWritten } = await writer.write(bytes, offset, Math.min(WRITE_CHUNK, bytes.length - offset)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      throw error;
    }
    if (!(bytesWritten > 0)) {
      throw Object.assign(new Error('the write took no bytes'), { code: 'EIO' });
    }
    offset += bytesWritten;
  }
}

/** Gathers small chunks into one buffer; `drain` hands out what is gathered. */
class Gatherer {
  private parts: Uint8Array[] = [];
  private size = 0;

  /** Adds a chunk; returns true when the gathered bytes should be written now. */
  add(chunk: string | Uint8Array): boolean {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (bytes.length > 0) {
      this.parts.push(bytes);
      this.size += bytes.length;
    }
    return this.size >= BUFFER_SIZE;
  }

  drain(): Uint8Array {
    const bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    return bytes;
  }

  get empty(): boolean {
    return this.size === 0;
  }
}

/**
 * A sink over a descriptor written with the checked loop. `finish` runs on close (fsync, rename);
 * `cleanUp` on failure or abort (remove the temporary file). After a failure every call rethrows it.
 */
function descriptorSink(writer: ByteWriter, label: string, hooks: {
  finish: () => Promise<void>;
  cleanUp: () => Promise<void>;
}): Sink {
  const gathered = new Gatherer();
  let failure: SvcError | undefined;
  let done = false;

  const fail = async (error: unknown): Promise<never> => {
    failure = outputError(error, label);
    done = true;
    await hooks.cleanUp().catch(() => undefined);
    throw failure;
  };
  const flush = async (): Promise<void> => {
    if (!gathered.empty) await writeFully(writer, gathered.drain());
  };

  return {
    async write(chunk) {
      if (failure) throw failure;
      if (done) throw new SvcError('OUTPUT', 'written after it was closed (a bug)', { file: label });
      try {
        if (gathered.add(chunk)) await flush();
      } catch (error) {
        return fail(error);
      }
    },
    async close() {
      if (failure) throw failure;
      if (done) return;
      try {
        await flush();
        await hooks.finish();
        done = true;
      } catch (error) {
        return fail(error);
      }
    },
    async abort() {
      if (done) return;
      done = true;
      await hooks.cleanUp().catch(() => undefined);
    },
  };
}

const syncDescriptor = promisify(fsyncCallback);

/**
 * Standard output's descriptor, written synchronously, as Node writes process.stdout to a file or a pipe: an
 * asynchronous write goes through libuv's thread pool, whose four threads a short run would start for one write
 * (~1 ms of a start). A failure rejects, as the asynchronous write did.
 */
function descriptorWriter(fd: number): ByteWriter {
  return { write: async (buffer, offset, length) => ({ bytesWritten: writeSync(fd, buffer, offset, length, null) }) };
}

/** fsync, tolerating descriptors that cannot be synced (devices, pipes). */
async function syncIfPossible(sync: () => Promise<void>): Promise<void> {
  try {
    await sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EROFS') throw error;
  }
}

/**
 * Standard output, or standard error for `-o /dev/stderr`. A file, a non-terminal device, a pipe or a socket
 * is written with the checked loop on the descriptor; a terminal through Node's stream.
 */
function standardSink(fd: 1 | 2): Sink {
  const label = fd === 1 ? STDOUT_LABEL : STDERR_LABEL;
  const node = fstatOrUndefined(fd);
  if (node && (node.isFile() || node.isBlockDevice())) {
    return descriptorSink(descriptorWriter(fd), label, {
      finish: async () => {
        // a regular file may report a delayed error (a quota, NFS) only when synced
        if (node.isFile()) await syncIfPossible(() => syncDescriptor(fd));
      },
      cleanUp: async () => undefined,
    });
  }
  if (node && (node.isFIFO() || node.isSocket() || (node.isCharacterDevice() && !isTerminalDevice(fd, node)))) {
    return descriptorSink(standardPipeWriter(fd, label), label, { finish: async () => undefined, cleanUp: async () => undefined });
  }
  return streamSink(standardStream(fd), label);
}

function standardStream(fd: 1 | 2): Writable {
  return fd === 1 ? process.stdout : process.stderr;
}

/**
 * Standard output (or error) on a pipe, socket or device, written on its descriptor. A reader that went away
 * (readerGone) is `OutputClosed`. On EAGAIN (a non-blocking pipe: writeFully would poll it) this and every later
 * write go through Node's stream, which waits for the pipe; each write's callback is awaited, so the order holds.
 */
function standardPipeWriter(fd: 1 | 2, label: string): ByteWriter {
  let stream: Writable | undefined;
  const closed = (error: unknown): unknown => {
    if (typeof error === 'object' && error !== null) claimedErrors.add(error);
    return readerGone(error) ? new OutputClosed(label) : error;
  };
  return {
    async write(buffer, offset, length) {
      if (stream === undefined) {
        try {
          return await descriptorWriter(fd).write(buffer, offset, length);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw closed(error);
          stream = standardStream(fd);
        }
      }
      const through = stream;
      await new Promise<void>((settle, reject) => {
        through.write(buffer.subarray(offset, offset + length), (error) => (error ? reject(closed(error)) : settle()));
      });
      return { bytesWritten: length };
    },
  };
}

/**
 * Whether a write failed because its reader went away (`| head -1`): EPIPE on a pipe; ECONNRESET on a socket,
 * which is what a parent's spawn gives as standard output, when the parent closed its end with data unread.
 */
export function readerGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ECONNRESET';
}

function fstatOrUndefined(fd: number): Stats | undefined {
  try {
    return fstatSync(fd);
  } catch {
    return undefined;
  }
}

/**
 * A Node stream (standard output on a pipe, socket or terminal): each write's callback is checked, 'drain' is
 * awaited; a reader that went away (readerGone) becomes `OutputClosed`.
 */
export function streamSink(stream: Writable, label: string): Sink {
  let failure: SvcError | undefined;
  let lastWrite: Promise<void> = Promise.resolve();
  const gathered = new Gatherer();

  const fail = (error: unknown): void => {
    if (typeof error === 'object' && error !== null) claimedErrors.add(error);
    failure ??= readerGone(error) ? new OutputClosed(label) : outputError(error, label);
  };
  const onError = (error: Error): void => fail(error);
  stream.on('error', onError);

  const send = async (bytes: Uint8Array): Promise<void> => {
    if (stream.destroyed || stream.writableEnded) {
      fail(Object.assign(new Error('the stream is closed'), { code: 'EPIPE' }));
      throw failure;
    }
    let accepted = true;
    lastWrite = new Promise<void>((settle) => {
      accepted = stream.write(bytes, (error) => {
        if (error) fail(error);
        settle();
      });
    });
    if (!accepted && !failure) {
      await new Promise<void>((settle) => {
        const done = (): void => {
          stream.off('drain', done);
          settle();
        };
        stream.on('drain', done);
        // a failed write never drains: its callback settles lastWrite instead
        void lastWrite.then(done);
      });
    }
    if (failure) throw failure;
  };

  return {
    async write(chunk) {
      if (failure) throw failure;
      if (gathered.add(chunk)) await send(gathered.drain());
    },
    async close() {
      if (failure) throw failure;
      if (!gathered.empty) await send(gathered.drain());
      await lastWrite;
      stream.off('error', onError);
      if (failure) throw failure;
    },
    async abort() {
      stream.off('error', onError);
    },
  };
}

/** stat that follows links; undefined when nothing is there (or a dangling link). */
async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await fsPromises().stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function sameNode(a: Stats, b: Stats | undefined): boolean {
  return b !== undefined && a.dev === b.dev && a.ino === b.ino;
}

/** Follows the last component's symlinks (even a dangling one): the path whose entry the rename replaces. */
async function finalPath(path: string): Promise<string> {
  let current = path;
  for (let hops = 0; hops <= MAX_SYMLINKS; hops += 1) {
    let isLink: boolean;
    try {
      isLink = (await fsPromises().lstat(current)).isSymbolicLink();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return current;
      throw error;
    }
    if (!isLink) return current;
    current = resolve(dirname(current), await fsPromises().readlink(current));
  }
  throw Object.assign(new Error('too many levels of symbolic links'), { code: 'ELOOP' });
}

/**
 * Opens where the output goes (undefined: standard output). Errors known before any byte is written (a
 * directory, a block device, a folder that refuses a new file) are thrown here.
 */
export async function openOutput(target: string | undefined): Promise<Sink> {
  if (target === undefined) return standardSink(1);
  try {
    const existing = await statOrUndefined(target);
    if (existing) {
      if (existing.isDirectory()) throw new SvcError('OUTPUT', 'is a directory', { file: target });
      if (existing.isBlockDevice()) {
        throw new SvcError('OUTPUT', 'is a block device; svc-stats does not write onto disks', { file: target });
      }
      if (sameNode(existing, fstatOrUndefined(1))) return standardSink(1);
      if (sameNode(existing, fstatOrUndefined(2))) return standardSink(2);
      if (!existing.isFile()) return await openDirect(target);
    }
    return await openReplacing(await finalPath(target), existing, target);
  } catch (error) {
    throw outputError(error, target);
  }
}

/** A character device, FIFO or socket: written in place, as `> target` would (a FIFO waits for a reader). */
async function openDirect(target: string): Promise<Sink> {
  const handle = await fsPromises().open(target, 'w');
  return descriptorSink(handle, target, {
    finish: () => handle.close(),
    cleanUp: () => handle.close(),
  });
}

/** A regular file, new or existing: a temporary file beside it, renamed over it on close. */
async function openReplacing(path: string, existing: Stats | undefined, label: string): Promise<Sink> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}-${Date.now().toString(36)}.tmp`);
  pendingTemporaries.add(temporary);
  let handle: FileHandle;
  try {
    handle = await fsPromises().open(temporary, 'wx', existing ? existing.mode & 0o7777 : 0o666);
    if (existing) await keepOwnerAndMode(handle, existing);
  } catch (error) {
    await fsPromises().unlink(temporary).catch(() => undefined);
    pendingTemporaries.delete(temporary);
    throw error;
  }
  let closed = false;
  const closeHandle = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return descriptorSink(handle, label, {
    finish: async () => {
      await handle.sync();
      await closeHandle();
      await fsPromises().rename(temporary, path);
      pendingTemporaries.delete(temporary);
      await syncFolder(dirname(path));
    },
    cleanUp: async () => {
      await closeHandle().catch(() => undefined);
      await fsPromises().unlink(temporary).catch(() => undefined);
      pendingTemporaries.delete(temporary);
    },
  });
}

/** The umask may have cleared bits of the requested mode; chown first, since it may clear set-id bits. */
async function keepOwnerAndMode(handle: FileHandle, existing: Stats): Promise<void> {
  if (process.getuid?.() === 0 && (existing.uid !== 0 || existing.gid !== 0)) {
    await handle.chown(existing.uid, existing.gid);
  }
  await handle.chmod(existing.mode & 0o7777);
}

/** Makes the rename itself durable; some file systems cannot sync a folder, which is not an error here. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await fsPromises().open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // the data is synced already; a folder that cannot be synced leaves only the rename less durable
  }
}
