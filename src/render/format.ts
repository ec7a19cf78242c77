/**
 * The format dispatch: which format a run writes, whether it is coloured, and the report rendered as text in it.
 * Human formats (table, md, xlsx) show labels in the chosen language; machine formats (csv, tsv, json, ndjson) the
 * ids. An xlsx workbook is for people: its header row holds the labels, its cells the numbers.
 */
import { extname } from 'node:path';
import { SvcError } from '../errors.js';
import { renderDelimited } from './delimited.js';
import { renderJson, renderNdjson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { BinaryFormat, Format, Lang, ReportTable, TextFormat } from './model.js';
import { resolveTable } from './model.js';
import type { LabelledTable } from './dta.js';
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

/** What a command writes: tables (coverage, compare, describe, equity, verify, the listings), a chart, the report. */
export type OutputKind = 'table' | 'chart' | 'report';

export interface FormatEntry {
  readonly format: Format | 'svg' | 'png' | 'html';
  /** the -o extensions that name it, lower case */
  readonly extensions: readonly string[];
  readonly kind: OutputKind;
}

/**
 * The closed table of output formats: every extension an -o may end in, the format it is written in, and the
 * kind of command that writes it. Any other extension is refused, never written as CSV under a wrong name.
 */
export const OUTPUT_FORMATS: readonly FormatEntry[] = [
  { format: 'table', extensions: ['.txt'], kind: 'table' },
  { format: 'csv', extensions: ['.csv'], kind: 'table' },
  { format: 'tsv', extensions: ['.tsv'], kind: 'table' },
  { format: 'json', extensions: ['.json'], kind: 'table' },
  { format: 'ndjson', extensions: ['.ndjson', '.jsonl'], kind: 'table' },
  { format: 'md', extensions: ['.md'], kind: 'table' },
  { format: 'xlsx', extensions: ['.xlsx'], kind: 'table' },
  { format: 'dta', extensions: ['.dta'], kind: 'table' },
  { format: 'parquet', extensions: ['.parquet'], kind: 'table' },
  { format: 'svg', extensions: ['.svg'], kind: 'chart' },
  { format: 'png', extensions: ['.png'], kind: 'chart' },
  { format: 'html', extensions: ['.html', '.htm'], kind: 'report' },
];

const WRITTEN_BY: Readonly<Record<OutputKind, string>> = {
  table: 'the table commands (coverage, compare, describe, equity, verify)',
  chart: 'svc-stats chart',
  report: 'svc-stats report',
};

/** A .txt file holds text: a table by default, or any text format -f names. */
const TEXT_FORMATS: readonly string[] = ['table', 'csv', 'tsv', 'json', 'ndjson', 'md'];

/** The extensions a kind of command writes, for messages: `.csv .tsv … .parquet`. */
export function extensionsOf(kind: OutputKind): string {
  return OUTPUT_FORMATS.filter((entry) => entry.kind === kind).flatMap((entry) => entry.extensions).join(' ');
}

/**
 * The format of a run that writes `kind`: -f, else the extension of -o, else `fallback` (a name with no
 * extension, /dev/stdout, or no -o). Refused (USAGE, exit 2) before any work: an extension outside the table, one
 * another command writes (`coverage -o map.png`), and -f disagreeing with the extension (`-f csv -o out.json`).
 */
export function outputFormat(kind: OutputKind, format: string | undefined, output: string | undefined, fallback: string): string {
  const extension = output === undefined ? '' : extname(output).toLowerCase();
  if (extension === '') return format ?? fallback;
  const entry = OUTPUT_FORMATS.find((known) => known.extensions.includes(extension));
  if (entry === undefined) {
    throw new SvcError('USAGE', `${extension} is not a format svc-stats writes`, { file: output },
      `this command writes ${extensionsOf(kind)}; a file with another name: -f FORMAT and a name without an extension`);
  }
  if (entry.kind !== kind) {
    throw new SvcError('USAGE', `${extension} (${entry.format}) is written by ${WRITTEN_BY[entry.kind]}, not by this command`, { file: output },
      `this command writes ${extensionsOf(kind)}`);
  }
  if (format !== undefined && format !== entry.format && !(extension === '.txt' && TEXT_FORMATS.includes(format))) {
    throw new SvcError('USAGE', `-f ${format} and the extension ${extension} (${entry.format}) disagree`, { file: output },
      'give one of them, or name the file for its format');
  }
  return format ?? entry.format;
}

/**
 * Explicit --format; else the extension of --output; else a table on a terminal and csv in a pipe or into a
 * file. `stream`: the -o target is a device, FIFO or socket (`-o rows.fifo`), whose name is no format's.
 */
export function resolveFormat(options: Pick<RenderOptions, 'format' | 'output'>, stdoutIsTerminal: boolean, stream = false): Format {
  const fallback = options.output === undefined && stdoutIsTerminal ? 'table' : 'csv';
  return outputFormat('table', options.format, stream ? undefined : options.output, fallback) as Format;
}

/** Colour only on a terminal, never with NO_COLOR (any non-empty value) or --no-color, never into a file. */
export function useColor(options: Pick<RenderOptions, 'color' | 'output'>, env: NodeJS.ProcessEnv, stdoutIsTerminal: boolean): boolean {
  return options.color && options.output === undefined && stdoutIsTerminal && !env['NO_COLOR'];
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
 * The report as bytes: an .xlsx workbook (render/xlsx.ts, exceljs loaded only for it: headers in `options.lang`,
 * coded cells as their words, numbers as number cells; `meta` fills the notes sheet), a Stata .dta (render/dta.ts)
 * or a Parquet file (render/parquet.ts): the machine ids and cells, as csv, each column labelled in `options.lang`.
 */
export async function renderBinary(report: ReportTable, format: BinaryFormat, options: Pick<RenderOptions, 'lang'>, meta: Omit<XlsxMeta, 'lang'>): Promise<Uint8Array> {
  switch (format) {
    case 'xlsx': {
      const { renderXlsx } = await import('./xlsx.js');
      return renderXlsx(resolveTable(report, true, options.lang), { ...meta, lang: options.lang });
    }
    case 'dta': {
      const { renderDta } = await import('./dta.js');
      return renderDta(labelledTable(report, options.lang, meta));
    }
    case 'parquet': {
      const { renderParquet } = await import('./parquet.js');
      return renderParquet(labelledTable(report, options.lang, meta));
    }
  }
}

const NOTE_WORDS: Readonly<Record<Lang, { note: string; input: string; rounding: string; source: string }>> = {
  zh: { note: '注', input: '输入文件', rounding: '舍入', source: '资料来源' },
  en: { note: 'note', input: 'input', rounding: 'rounding', source: 'source' },
};

/**
 * The table as machine formats show it (ids, codes), with each column's label in `lang` beside, and the lines of
 * an xlsx's notes sheet (`note: …`, `input: …`, `rounding: …`, `source: …`).
 */
function labelledTable(report: ReportTable, lang: Lang, meta: Omit<XlsxMeta, 'lang'>): LabelledTable {
  const table = resolveTable(report, false, lang);
  const labels = report.columns.filter((column) => column.only !== 'human').map((column) => column.label[lang]);
  const words = NOTE_WORDS[lang];
  const notes = [
    ...meta.notes.map((note) => `${words.note}: ${note}`),
    ...meta.inputs.map((input) => `${words.input}: ${input}`),
    `${words.rounding}: ${meta.rounding}`,
    ...meta.sources.map((source) => `${words.source}: ${source}`),
  ];
  return { ...table, labels, notes };
}

/** COLUMNS when set (also on a terminal: whoever sets it means it), else the terminal's width, else unlimited. */
function terminalWidth(): number {
  const columns = Number(process.env['COLUMNS']);
  return Number.isInteger(columns) && columns > 0 ? columns : process.stdout.columns ?? Infinity;
}
