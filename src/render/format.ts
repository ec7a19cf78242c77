/**
 * The format dispatch: which format a run writes, whether it is coloured, and the report rendered as text in it.
 * Human formats (table, md, xlsx) show labels in the chosen language; machine formats (csv, tsv, json, ndjson) the
 * ids. An xlsx workbook is for people: its header row holds the labels, its cells the numbers.
 */
import { extname } from 'node:path';
import { renderDelimited } from './delimited.js';
import { renderJson, renderNdjson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { Format, Lang, ReportTable, TextFormat } from './model.js';
import { resolveTable } from './model.js';
import type { XlsxMeta } from './xlsx.js';

export interface RenderOptions {
  readonly format: Format | undefined;
  readonly output: string | undefined;
  readonly bom: boolean;
  /** false with --no-color */
  readonly color: boolean;
  /** --raw: no formula neutralisation in csv/tsv */
  readonly raw: boolean;
  /** language of labels in table and md */
  readonly lang: Lang;
}

const FORMAT_BY_EXTENSION: Record<string, Format> = {
  '.csv': 'csv', '.tsv': 'tsv', '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.md': 'md',
  '.txt': 'table', '.xlsx': 'xlsx',
};

/** Explicit --format; else the extension of --output; else a table on a terminal and csv in a pipe. */
export function resolveFormat(options: Pick<RenderOptions, 'format' | 'output'>, stdoutIsTTY = Boolean(process.stdout.isTTY)): Format {
  if (options.format !== undefined) return options.format;
  if (options.output !== undefined) return FORMAT_BY_EXTENSION[extname(options.output).toLowerCase()] ?? 'csv';
  return stdoutIsTTY ? 'table' : 'csv';
}

/** Colour only on a terminal, never with NO_COLOR (any non-empty value) or --no-color, never into a file. */
export function useColor(options: Pick<RenderOptions, 'color' | 'output'>, env = process.env, stdoutIsTTY = Boolean(process.stdout.isTTY)): boolean {
  return options.color && options.output === undefined && stdoutIsTTY && !env['NO_COLOR'];
}

/** The table renderer's dependencies (cli-table3, chalk) are loaded only when a table is asked for. */
export async function render(report: ReportTable, format: TextFormat, options: RenderOptions, color: boolean): Promise<string> {
  const human = format === 'table' || format === 'md';
  const table = resolveTable(report, human, options.lang);
  switch (format) {
    case 'table': {
      const [{ renderTable }, { Chalk }] = await Promise.all([import('./table.js'), import('chalk')]);
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

/**
 * The report as an .xlsx workbook (render/xlsx.ts, exceljs loaded only for it): headers in `options.lang`,
 * coded cells as their words, numbers as number cells; `meta` fills the notes sheet.
 */
export async function renderWorkbook(report: ReportTable, options: Pick<RenderOptions, 'lang'>, meta: Omit<XlsxMeta, 'lang'>): Promise<Uint8Array> {
  const { renderXlsx } = await import('./xlsx.js');
  return renderXlsx(resolveTable(report, true, options.lang), { ...meta, lang: options.lang });
}

/** COLUMNS when set (also on a terminal: whoever sets it means it), else the terminal's width, else unlimited. */
function terminalWidth(): number {
  const columns = Number(process.env['COLUMNS']);
  return Number.isInteger(columns) && columns > 0 ? columns : process.stdout.columns ?? Infinity;
}
