/**
 * The one writer of every command: chooses the format, renders, and hands the text to src/io/output.ts, which
 * writes standard output or `--output` (atomically for a file: never a half-written file).
 */
import { extname } from 'node:path';
import { openOutput } from './output.js';
import { renderDelimited } from '../render/delimited.js';
import { renderJson, renderNdjson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import type { Format, OutputTable } from '../render/model.js';

export { checkOutputTarget, removeTemporaryFiles } from './output.js';

export interface OutputOptions {
  readonly format: Format | undefined;
  readonly output: string | undefined;
  readonly bom: boolean;
  /** false with --no-color */
  readonly color: boolean;
  /** --raw: no formula neutralisation in csv/tsv */
  readonly raw: boolean;
}

const FORMAT_BY_EXTENSION: Record<string, Format> = {
  '.csv': 'csv', '.tsv': 'tsv', '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.md': 'md',
  '.txt': 'table',
};

/** Explicit --format; else the extension of --output; else a table on a terminal and csv in a pipe. */
export function resolveFormat(options: OutputOptions, stdoutIsTTY = Boolean(process.stdout.isTTY)): Format {
  if (options.format !== undefined) return options.format;
  if (options.output !== undefined) return FORMAT_BY_EXTENSION[extname(options.output).toLowerCase()] ?? 'csv';
  return stdoutIsTTY ? 'table' : 'csv';
}

/** Colour only on a terminal, never with NO_COLOR (any non-empty value) or --no-color, never into a file. */
export function useColor(options: OutputOptions, env = process.env, stdoutIsTTY = Boolean(process.stdout.isTTY)): boolean {
  return options.color && options.output === undefined && stdoutIsTTY && !env['NO_COLOR'];
}

/** The table renderer's dependencies (cli-table3, chalk) are loaded only when a table is asked for. */
export async function render(table: OutputTable, format: Format, options: OutputOptions, color: boolean): Promise<string> {
  switch (format) {
    case 'table': {
      const [{ renderTable }, { Chalk }] = await Promise.all([import('../render/table.js'), import('chalk')]);
      return renderTable(table, new Chalk({ level: color ? 1 : 0 }), terminalWidth());
    }
    case 'csv':
    case 'tsv':
      return (options.bom ? '\uFEFF' : '') + renderDelimited(table, format === 'csv' ? ',' : '\t', options.raw);
    case 'json':
      return renderJson(table);
    case 'ndjson':
      return renderNdjson(table);
    case 'md':
      return renderMarkdown(table);
  }
}

/** The terminal's width, or COLUMNS when not on a terminal, else unlimited. */
function terminalWidth(): number {
  return process.stdout.columns ?? (Number(process.env['COLUMNS']) || Infinity);
}

export async function writeOutput(table: OutputTable, options: OutputOptions): Promise<void> {
  const format = resolveFormat(options);
  const text = await render(table, format, options, useColor(options));
  await writeText(options.output, text);
}

/** Writes `path` through the one output module: atomically for a file, directly for a device or FIFO. */
export async function writeAtomically(path: string, text: string): Promise<void> {
  await writeText(path, text);
}

async function writeText(target: string | undefined, text: string): Promise<void> {
  const sink = await openOutput(target);
  try {
    await sink.write(text);
    await sink.close();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}
