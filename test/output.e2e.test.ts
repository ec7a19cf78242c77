// Output through the real binary (npm run build first): full file systems, /dev/full, devices, FIFOs,
// symlinks, modes, and standard streams that fail or close. Cases that fit fixtures/bad/cases.json are there.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import type { StdioOptions } from 'node:child_process';
import {
  chmodSync, closeSync, createReadStream, lstatSync, openSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, scratchDir } from './helpers.js';
import { deviceNode, stdoutLink } from './output-helpers.js';

/** A unit-level file of `rows` rows, columns 地区,社区数（个）,城镇人口（人） (as in data/ and fixtures/). */
function generatedInput(rows: number): string {
  const path = join(scratchDir(), 'generated.csv');
  const lines = ['地区,社区数（个）,城镇人口（人）'];
  for (let index = 0; index < rows; index += 1) lines.push(`社区${index},${1 + (index % 50)},${1000 + index}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Runs the binary with the given stdio (file descriptors or 'pipe'), capturing what comes back through pipes. */
function runWithStdio(args: readonly string[], stdio: StdioOptions, cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd, stdio, encoding: 'utf8', env: { PATH: process.env['PATH'], LANG: 'C' }, maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

const noStack = /\n\s+at |Error:|node:internal/;

/** A 64 KiB tmpfs in a scratch folder: needs root and a mount that works (not in most containers). */
function mountTinyFileSystem(): { folder?: string; reason?: string } {
  if (process.getuid?.() !== 0) return { reason: 'not running as root, so no tmpfs can be mounted' };
  const folder = scratchDir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', folder], { stdio: 'pipe' });
    return { folder };
  } catch (error) {
    return { reason: `mount -t tmpfs failed: ${String((error as { stderr?: unknown }).stderr ?? error).trim()}` };
  }
}

const tiny = mountTinyFileSystem();
if (tiny.reason) console.log(`output.e2e: full-file-system tests skipped: ${tiny.reason}`);
afterAll(() => {
  if (tiny.folder) execFileSync('umount', [tiny.folder]);
});

describe(`a full file system (a 64 KiB tmpfs)${tiny.reason ? `: skipped, ${tiny.reason}` : ''}`, () => {
  const input = generatedInput(4000);
  const args = ['coverage', input, '-i', 'population_per_community', '-f', 'csv'];

  it.skipIf(!tiny.folder)('-o out.csv: exit 2, one line, the old file byte-identical, no temporary file', () => {
    const folder = tiny.folder!;
    const old = Buffer.from('unit,communities\n旧,1\n');
    writeFileSync(join(folder, 'out.csv'), old);
    try {
      const run = runCli([...args, '-o', 'out.csv'], { cwd: folder });
      expect(run.stderr).toBe('svc-stats: out.csv: cannot be written: no space left on device\n');
      expect(run.status).toBe(2);
      expect(readFileSync(join(folder, 'out.csv'))).toEqual(old);
      expect(readdirSync(folder)).toEqual(['out.csv']);
      // the output would have fitted nowhere: it is larger than the whole file system
      expect(runCli(args).stdout.length).toBeGreaterThan(64 * 1024);
    } finally {
      rmSync(join(folder, 'out.csv'), { force: true });
    }
  });

  it.skipIf(!tiny.folder)('stdout redirected to a file there: exit 2, one line', () => {
    const target = join(tiny.folder!, 'stdout.csv');
    const fd = openSync(target, 'w');
    try {
      const run = runWithStdio(args, ['ignore', fd, 'pipe']);
      expect(run.stderr).toBe('svc-stats: standard output: cannot be written: no space left on device\n');
      expect(run.status).toBe(2);
    } finally {
      closeSync(fd);
      rmSync(target, { force: true });
    }
  });
});

describe('standard output that fails', () => {
  it('> /dev/full: exit 2, one line, no stack trace', () => {
    const fd = openSync('/dev/full', 'w');
    try {
      const run = runWithStdio(['coverage', 'data/2005.csv'], ['ignore', fd, 'pipe']);
      expect(run.stderr).toBe('svc-stats: standard output: cannot be written: no space left on device\n');
      expect(run.status).toBe(2);
      const help = runWithStdio(['--help'], ['ignore', fd, 'pipe']);
      expect(help.stderr).toBe('svc-stats: standard output: cannot be written: no space left on device\n');
      expect(help.status).toBe(2);
      expect(help.stderr).not.toMatch(noStack);
    } finally {
      closeSync(fd);
    }
  });
});

describe('standard error that fails never changes a successful run', () => {
  // describe prints a note on stderr (the national row is not a unit) and succeeds
  const args = ['describe', 'data/provinces-2009-divisions.csv', '-f', 'csv'];

  it('the run does print a note (so the cases below do write to stderr)', () => {
    const run = runCli(args);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^svc-stats: .*not units here/);
  });

  it('2> /dev/full: exit 0, the data complete', () => {
    const expected = runCli(args).stdout;
    const fd = openSync('/dev/full', 'w');
    try {
      const run = runWithStdio(args, ['ignore', 'pipe', fd]);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(expected);
    } finally {
      closeSync(fd);
    }
  });

  it('stderr a pipe whose reader has gone (EPIPE): exit 0, the data complete', async () => {
    const expected = runCli(args).stdout;
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    // close our end before the child (a Node start-up away) writes its note: its write then fails with EPIPE
    child.stderr.destroy();
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    expect(code).toBe(0);
    expect(stdout).toBe(expected);
  });
});

describe('standard output on a non-blocking pipe', () => {
  it("a pipe made non-blocking while the run writes (a Node parent's stdout, shared), read slowly: exit 0, the data complete", async () => {
    const input = generatedInput(30_000);
    const args = ['coverage', input, '-f', 'csv'];
    const expected = runCli(args).stdout;
    expect(expected.length).toBeGreaterThan(4 * 65_536); // more than a pipe holds: writes meet EAGAIN
    // libuv makes a child's stdio blocking when it starts it; the parent's process.stdout, made after, sets
    // O_NONBLOCK again on the one open pipe, under the child
    const parent = join(scratchDir(), 'parent.cjs');
    writeFileSync(parent, `
const child = require('node:child_process').spawn(process.execPath, [${JSON.stringify(BIN)}, ...${JSON.stringify(args)}], { stdio: ['ignore', 'inherit', 'ignore'] });
process.stdout;
const fdinfo = require('node:fs').readFileSync('/proc/self/fdinfo/1', 'utf8');
process.stderr.write('flags ' + /flags:\\s*(\\d+)/.exec(fdinfo)[1] + '\\n');
child.on('exit', (status) => (process.exitCode = status));
`);
    const child = spawn(process.execPath, [parent], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // a slow reader: the pipe fills and the writer must wait
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 2);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    const flags = Number.parseInt(/flags (\d+)/.exec(stderr)?.[1] ?? 'x', 8);
    expect(flags & 0o4000).toBe(0o4000); // O_NONBLOCK
    expect(code).toBe(0);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(expected);
  });
});

describe('-o onto things that are not regular files', () => {
  const args = ['coverage', 'data/2005.csv', '-f', 'csv'];

  it('-o /dev/null (a private c 1,3 node when root): exit 0, and it stays the same character device', () => {
    const nullDevice = deviceNode('null');
    const before = statSync(nullDevice);
    const run = runCli([...args, '-o', nullDevice]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const after = statSync(nullDevice);
    expect(after.isCharacterDevice()).toBe(true);
    expect([after.ino, after.rdev, after.mode]).toEqual([before.ino, before.rdev, before.mode]);
    expect(readdirSync(dirname(nullDevice)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('-o /dev/full: exit 2, one line, the device untouched', () => {
    const fullDevice = deviceNode('full');
    const run = runCli([...args, '-o', fullDevice]);
    expect(run.stderr).toBe(`svc-stats: ${fullDevice}: cannot be written: no space left on device\n`);
    expect(run.status).toBe(2);
    expect(statSync(fullDevice).isCharacterDevice()).toBe(true);
  });

  it('-o /dev/stdout (a private link to /proc/self/fd/1 when root): the data on stdout, a pipe or a file', () => {
    const link = stdoutLink();
    const expected = runCli(args).stdout;
    const run = runCli([...args, '-o', link]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(expected);
    const target = join(scratchDir(), 'redirected.csv');
    const fd = openSync(target, 'w');
    try {
      expect(runWithStdio([...args, '-o', link], ['ignore', fd, 'pipe']).status).toBe(0);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(target, 'utf8')).toBe(expected);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('-o a FIFO: written in place while a reader reads it; the FIFO stays a FIFO', async () => {
    const expected = runCli(args).stdout;
    const fifo = join(scratchDir(), 'rows.fifo');
    execFileSync('mkfifo', [fifo]);
    const child = spawn(process.execPath, [BIN, ...args, '-o', fifo], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    let read = '';
    for await (const chunk of createReadStream(fifo, { encoding: 'utf8' })) read += chunk;
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    expect(read).toBe(expected);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('-o a symlink: the link stays, the file it points to gets the output and keeps its mode', () => {
    const folder = scratchDir();
    const real = join(folder, 'real.csv');
    writeFileSync(real, 'old\n');
    chmodSync(real, 0o600);
    symlinkSync('real.csv', join(folder, 'link.csv'));
    const run = runCli([...args, '-o', join(folder, 'link.csv')]);
    expect(run.status).toBe(0);
    expect(lstatSync(join(folder, 'link.csv')).isSymbolicLink()).toBe(true);
    // a csv file written with -o starts with a BOM (for spreadsheets); standard output has none
    expect(readFileSync(real, 'utf8')).toBe(`\uFEFF${runCli(args).stdout}`);
    expect(statSync(real).mode & 0o7777).toBe(0o600);
    expect(readdirSync(folder).sort()).toEqual(['link.csv', 'real.csv']);
  });

  it('-o an existing file with mode 0600: replaced, still 0600', () => {
    const target = join(scratchDir(), 'private.csv');
    writeFileSync(target, 'old\n');
    chmodSync(target, 0o600);
    const run = runCli([...args, '-o', target]);
    expect(run.status).toBe(0);
    expect(statSync(target).mode & 0o7777).toBe(0o600);
    expect(readFileSync(target, 'utf8')).toBe(`\uFEFF${runCli(args).stdout}`);
  });
});
