/**
 * The one writer of every command: chooses the format, renders, and writes to standard output or atomically
 * to `--output` (a temporary file in the target's folder, then a rename: never a half-written file).
 */
import { existsSync, realpathSync, rmSync, statSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { SvcError } from '../errors.js';
import type { RenderOptions } from '../render/format.js';
import { render, resolveFormat, useColor } from '../render/format.js';
import type { ReportTable } from '../render/model.js';

export type OutputOptions = RenderOptions;

/**
 * Refuse an --output that cannot be written before any work is done: a missing folder, a directory, or one
 * of the input files (which the rename would replace).
 */
export function checkOutputTarget(output: string | undefined, inputs: readonly string[]): void {
  if (output === undefined) return;
  const folder = dirname(output);
  if (!existsSync(folder)) {
    throw new SvcError('OUTPUT', `the folder ${folder} does not exist`, { file: output });
  }
  if (existsSync(output) && statSync(output).isDirectory()) {
    throw new SvcError('OUTPUT', 'is a directory', { file: output });
  }
  const target = existsSync(output) ? realpathSync(output) : resolve(output);
  for (const input of inputs) {
    if (input !== '-' && existsSync(input) && realpathSync(input) === target) {
      throw new SvcError('OUTPUT', 'is also an input file; it would be overwritten', { file: output },
        'write to another file');
    }
  }
}

export async function writeOutput(table: ReportTable, options: OutputOptions): Promise<void> {
  const format = resolveFormat(options);
  const text = await render(table, format, options, useColor(options));
  if (options.output === undefined) {
    process.stdout.write(text);
    return;
  }
  await writeAtomically(options.output, text);
}

/** Temporary files being written, removed if the process is interrupted (see bin/svc-stats.js). */
const pendingTemporaries = new Set<string>();

export function removeTemporaryFiles(): void {
  for (const temporary of pendingTemporaries) rmSync(temporary, { force: true });
  pendingTemporaries.clear();
}

const WRITE_CHUNK = 1 << 20;

/**
 * Write beside the target, then rename over it: readers see the old file or the whole new one. Large output
 * is written in chunks, so that an interrupt is handled (and the temporary file removed) mid-write.
 */
export async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}-${Date.now().toString(36)}.tmp`);
  pendingTemporaries.add(temporary);
  try {
    const handle = await open(temporary, 'wx');
    try {
      const bytes = Buffer.from(text, 'utf8');
      for (let start = 0; start < bytes.length; start += WRITE_CHUNK) {
        await handle.write(bytes, start, Math.min(WRITE_CHUNK, bytes.length - start));
      }
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new SvcError('OUTPUT', `cannot be written: ${(error as Error).message}`, { file: path });
  } finally {
    pendingTemporaries.delete(temporary);
  }
}
