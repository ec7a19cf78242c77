import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SvcError } from '../src/errors.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'bin', 'svc-stats.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real executable, as a user would, from the project folder. */
export function runCli(args: readonly string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    env: { PATH: process.env['PATH'], LANG: 'C', ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function runJson(args: readonly string[], options: Parameters<typeof runCli>[1] = {}): Record<string, unknown>[] {
  const run = runCli([...args, '--format', 'json'], options);
  if (run.status !== 0) throw new Error(`exit ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, unknown>[];
}

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'svc-stats-test-'));
}

export function fixture(...parts: string[]): string {
  return join(ROOT, 'fixtures', ...parts);
}

/** The SvcError a promise rejects with; anything else (another error, or no error) fails the test. */
export async function errorOf(promise: Promise<unknown>): Promise<SvcError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SvcError) return error;
    throw error;
  }
  throw new Error('expected an SvcError');
}
