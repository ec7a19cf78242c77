// src/io/output.ts option by option: the short-write loop with fake handles, the file sink (atomic, mode,
// symlinks, abort), devices, the stream sink's backpressure and errors, and checkOutputTarget's rules.
import { chmodSync, chownSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { dirname, join } from 'node:path';
import { constants as osConstants } from 'node:os';
import { describe, expect, it } from 'vitest';
import { SvcError } from '../src/errors.js';
import {
  OutputClosed, checkOutputTarget, openOutput, removeTemporaryFiles, streamSink, systemReason, writeFully,
} from '../src/io/output.js';
import type { ByteWriter } from '../src/io/output.js';
import { scratchDir } from './helpers.js';
import { deviceNode } from './output-helpers.js';

/** A handle that takes at most `step` bytes a call, recording what it got. */
function shortWriter(step: number, failAfter = Infinity, failure?: NodeJS.ErrnoException): ByteWriter & { received: number[]; calls: number } {
  const fake = {
    received: [] as number[],
    calls: 0,
    async write(buffer: Uint8Array, offset: number, length: number) {
      fake.calls += 1;
      if (fake.received.length >= failAfter && failure) throw failure;
      const taken = Math.min(step, length);
      fake.received.push(...buffer.subarray(offset, offset + taken));
      return { bytesWritten: taken };
    },
  };
  return fake;
}

function errnoError(code: string, errno: number): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: fake`), { code, errno: -errno });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('writeFully: the short-write loop', () => {
  it('writes every byte in order when each call takes only a few', async () => {
    const bytes = Buffer.from('地区,社区数\n'.repeat(50));
    const fake = shortWriter(7);
    await writeFully(fake, bytes);
    expect(Buffer.from(fake.received)).toEqual(bytes);
    expect(fake.calls).toBe(Math.ceil(bytes.length / 7));
  });

  it('stops at the first failure (ENOSPC after part of the data) and rethrows it', async () => {
    const fake = shortWriter(10, 30, errnoError('ENOSPC', osConstants.errno.ENOSPC));
    const error = await rejection(writeFully(fake, Buffer.alloc(100, 1)));
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(fake.received).toHaveLength(30);
  });

  it('a call that takes no bytes is an error, not an endless loop', async () => {
    const error = await rejection(writeFully({ write: async () => ({ bytesWritten: 0 }) }, Buffer.from('x')));
    expect((error as NodeJS.ErrnoException).code).toBe('EIO');
  });

  it('EAGAIN (a non-blocking descriptor) is retried', async () => {
    let calls = 0;
    const received: number[] = [];
    await writeFully({
      async write(buffer, offset, length) {
        calls += 1;
        if (calls === 1) throw errnoError('EAGAIN', osConstants.errno.EAGAIN);
        received.push(...buffer.subarray(offset, offset + length));
        return { bytesWritten: length };
      },
    }, Buffer.from('abc'));
    expect(Buffer.from(received).toString()).toBe('abc');
  });

  it('an empty chunk writes nothing', async () => {
    const fake = shortWriter(1);
    await writeFully(fake, Buffer.alloc(0));
    expect(fake.calls).toBe(0);
  });
});

describe('systemReason: the system message without the code', () => {
  it('no space left on device, i/o error', () => {
    expect(systemReason(errnoError('ENOSPC', osConstants.errno.ENOSPC))).toBe('no space left on device');
    expect(systemReason(errnoError('EIO', osConstants.errno.EIO))).toBe('i/o error');
    expect(systemReason(new Error('plain'))).toBe('plain');
  });
});

describe('openOutput on a regular file', () => {
  it('streams chunks into a new file, leaving no temporary file', async () => {
    const folder = scratchDir();
    const target = join(folder, 'out.csv');
    const sink = await openOutput(target);
    for (let row = 0; row < 10_000; row += 1) await sink.write(`社区${row},${row}\n`);
    await sink.write(Buffer.from('end\n'));
    await sink.close();
    const lines = readFileSync(target, 'utf8').split('\n');
    expect(lines).toHaveLength(10_002);
    expect(lines[9_999]).toBe('社区9999,9999');
    expect(readdirSync(folder)).toEqual(['out.csv']);
  });

  it('the old file stays whole until close: a reader sees the old or the whole new one', async () => {
    const folder = scratchDir();
    const target = join(folder, 'out.csv');
    writeFileSync(target, 'previous\n');
    const sink = await openOutput(target);
    await sink.write('x'.repeat(200_000));
    expect(readFileSync(target, 'utf8')).toBe('previous\n');
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toHaveLength(1);
    await sink.close();
    expect(readFileSync(target, 'utf8')).toHaveLength(200_000);
  });

  it('abort keeps the old file and removes the temporary one', async () => {
    const folder = scratchDir();
    const target = join(folder, 'out.csv');
    writeFileSync(target, 'previous\n');
    const sink = await openOutput(target);
    await sink.write('y'.repeat(100_000));
    await sink.abort();
    expect(readFileSync(target, 'utf8')).toBe('previous\n');
    expect(readdirSync(folder)).toEqual(['out.csv']);
  });

  it('removeTemporaryFiles (the signal handlers) removes a file being written', async () => {
    const folder = scratchDir();
    const sink = await openOutput(join(folder, 'out.csv'));
    await sink.write('z'.repeat(100_000));
    expect(readdirSync(folder)).toHaveLength(1);
    removeTemporaryFiles();
    expect(readdirSync(folder)).toEqual([]);
    await sink.abort();
  });

  it('an existing file keeps its mode (0600 stays 0600)', async () => {
    const folder = scratchDir();
    const target = join(folder, 'secret.csv');
    writeFileSync(target, 'old\n');
    chmodSync(target, 0o600);
    const sink = await openOutput(target);
    await sink.write('new\n');
    await sink.close();
    expect(statSync(target).mode & 0o7777).toBe(0o600);
    expect(readFileSync(target, 'utf8')).toBe('new\n');
  });

  it.skipIf(process.getuid?.() !== 0)('as root, an existing file keeps its owner and group (skipped unless root)', async () => {
    const target = join(scratchDir(), 'owned.csv');
    writeFileSync(target, 'old\n');
    chownSync(target, 1234, 5678);
    const sink = await openOutput(target);
    await sink.write('new\n');
    await sink.close();
    expect([statSync(target).uid, statSync(target).gid]).toEqual([1234, 5678]);
  });

  it('a symlink stays a symlink; the file it points to gets the content, keeping its mode', async () => {
    const folder = scratchDir();
    mkdirSync(join(folder, 'real'));
    const real = join(folder, 'real', 'data.csv');
    writeFileSync(real, 'old\n');
    chmodSync(real, 0o640);
    const link = join(folder, 'link.csv');
    symlinkSync('real/data.csv', link);
    const sink = await openOutput(link);
    await sink.write('new\n');
    await sink.close();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real/data.csv');
    expect(readFileSync(real, 'utf8')).toBe('new\n');
    expect(statSync(real).mode & 0o7777).toBe(0o640);
    expect(readdirSync(folder).sort()).toEqual(['link.csv', 'real']);
    expect(readdirSync(join(folder, 'real'))).toEqual(['data.csv']);
  });

  it('a dangling symlink: the file it names is created, as > would', async () => {
    const folder = scratchDir();
    const link = join(folder, 'link.csv');
    symlinkSync('made.csv', link);
    const sink = await openOutput(link);
    await sink.write('new\n');
    await sink.close();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(folder, 'made.csv'), 'utf8')).toBe('new\n');
  });

  it('a directory, or a folder that does not exist: SvcError OUTPUT, nothing left behind', async () => {
    const folder = scratchDir();
    const directory = (await rejection(openOutput(folder))) as SvcError;
    expect(directory).toBeInstanceOf(SvcError);
    expect(directory.code).toBe('OUTPUT');
    expect(directory.describe()).toBe(`${folder}: is a directory`);
    const missing = (await rejection(openOutput(join(folder, 'no', 'out.csv')))) as SvcError;
    expect(missing.code).toBe('OUTPUT');
    expect(missing.describe()).toBe(`${join(folder, 'no', 'out.csv')}: cannot be written: no such file or directory`);
  });
});

describe('openOutput on devices', () => {
  // private nodes of the same devices when root (test/output-helpers.ts)
  it('/dev/null is written to, and stays a character device', async () => {
    const nullDevice = deviceNode('null');
    const sink = await openOutput(nullDevice);
    await sink.write('x'.repeat(300_000));
    await sink.close();
    expect(statSync(nullDevice).isCharacterDevice()).toBe(true);
    expect(readdirSync(dirname(nullDevice)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('/dev/full: the write fails with one reason, as an SvcError', async () => {
    const fullDevice = deviceNode('full');
    const sink = await openOutput(fullDevice);
    const error = (await rejection((async () => {
      await sink.write('x'.repeat(100_000));
      await sink.close();
    })())) as SvcError;
    expect(error.code).toBe('OUTPUT');
    expect(error.describe()).toBe(`${fullDevice}: cannot be written: no space left on device`);
    await sink.abort();
  });
});

describe('streamSink: Node streams (stdout on a pipe)', () => {
  it('waits for drain: never more than one chunk beyond the high-water mark is queued', async () => {
    const received: Buffer[] = [];
    let maxQueued = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        maxQueued = Math.max(maxQueued, slow.writableLength);
        received.push(chunk);
        setTimeout(callback, 1);
      },
    });
    const sink = streamSink(slow, 'standard output');
    for (let index = 0; index < 40; index += 1) await sink.write('r'.repeat(40_000));
    await sink.close();
    expect(Buffer.concat(received).length).toBe(1_600_000);
    expect(maxQueued).toBeLessThanOrEqual(1024 + 128 * 1024);
  });

  it('EPIPE becomes OutputClosed (exit 0 quietly); other errors an SvcError with the reason', async () => {
    const failing = (error: NodeJS.ErrnoException) => new Writable({ write: (_chunk, _encoding, callback) => callback(error) });
    const closed = streamSink(failing(errnoError('EPIPE', osConstants.errno.EPIPE)), 'standard output');
    await closed.write('x');
    expect(await rejection(closed.close())).toBeInstanceOf(OutputClosed);

    const broken = streamSink(failing(errnoError('EIO', osConstants.errno.EIO)), 'standard output');
    await broken.write('x');
    const error = (await rejection(broken.close())) as SvcError;
    expect(error).not.toBeInstanceOf(OutputClosed);
    expect(error.code).toBe('OUTPUT');
    expect(error.describe()).toBe('standard output: cannot be written: i/o error');
  });
});

describe('checkOutputTarget: refused before any work', () => {
  it('a missing folder, a directory, an input file (also through a symlink)', () => {
    const folder = scratchDir();
    const input = join(folder, 'in.csv');
    writeFileSync(input, 'a\n');
    const link = join(folder, 'link.csv');
    symlinkSync(input, link);
    const code = (thunk: () => void): string | undefined => {
      try {
        thunk();
        return undefined;
      } catch (error) {
        return (error as SvcError).code;
      }
    };
    expect(code(() => checkOutputTarget(join(folder, 'no', 'x.csv'), []))).toBe('OUTPUT');
    expect(code(() => checkOutputTarget(folder, []))).toBe('OUTPUT');
    expect(code(() => checkOutputTarget(input, [input]))).toBe('OUTPUT');
    expect(code(() => checkOutputTarget(link, [input]))).toBe('OUTPUT');
    expect(code(() => checkOutputTarget(join(folder, 'new.csv'), [input, '-']))).toBeUndefined();
    expect(code(() => checkOutputTarget(undefined, [input]))).toBeUndefined();
    expect(code(() => checkOutputTarget('/dev/null', [input]))).toBeUndefined();
    expect(code(() => checkOutputTarget('/dev/stdout', [input]))).toBeUndefined();
  });
});
