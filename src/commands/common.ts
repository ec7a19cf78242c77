/**
 * Options every command shares, declared once: reading (encoding, delimiter, catalogue), output (format,
 * file, BOM, colour, language) and rounding. Commands add their own on top.
 */
import { extname } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { RoundingMode } from '../exact/rational.js';
import { ROUNDING_MODES } from '../exact/rational.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { RegionScheme } from '../catalogue/regions.js';
import type { ReadOptions } from '../engine/read-options.js';
import type { EncodingChoice } from '../io/sources/encoding.js';
import { ENCODING_CHOICES } from '../io/sources/encoding.js';
import { isTerminal } from '../io/terminal.js';
import { isStreamTarget } from '../io/target.js';
import type { Format, Lang } from '../render/model.js';
import { FORMATS } from '../render/model.js';
import type { RenderOptions } from '../render/format.js';
import type { OutputKind } from '../render/format.js';
import { extensionsOf, outputFormat } from '../render/format.js';
import { EXIT, SvcError, printable } from '../errors.js';
import { FIRST_YEAR, LAST_YEAR, isAcceptedYear, normaliseYear } from '../catalogue/columns.js';
import { byParts } from '../engine/grouping.js';
import type { Note, NoteMode } from '../notes.js';
import { noteLines } from '../notes.js';
import { helpWidth, wrapHelpText } from '../render/help.js';

/** As RenderOptions, but `bom` may be left to the target: undefined puts a BOM into a file, none on a stream. */
export type OutputOptions = Omit<RenderOptions, 'bom'> & { readonly bom: boolean | undefined };

/** zh when LC_ALL, LC_MESSAGES or LANG (the first one set) starts with zh, else en. */
export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

export function parseDecimals(text: string): number {
  if (!/^\d{1,2}$/.test(text) || Number(text) > 20) {
    throw new InvalidArgumentError('expected a whole number of decimal places from 0 to 20');
  }
  return Number(text);
}

function parseDelimiter(text: string): string {
  const delimiter = text === '\\t' || text === 'tab' ? '\t' : text;
  if ([...delimiter].length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new InvalidArgumentError('expected one character (or "tab")');
  }
  return delimiter;
}

/** GBK and its aliases are subsets of GB18030, which reads them byte for byte the same. */
const ENCODING_ALIASES: Readonly<Record<string, EncodingChoice>> = { gbk: 'gb18030', cp936: 'gb18030', gb2312: 'gb18030' };

function parseEncoding(text: string): EncodingChoice {
  const name = text.toLowerCase();
  const choice = ENCODING_ALIASES[name] ?? ENCODING_CHOICES.find((known) => known === name);
  if (choice === undefined) {
    throw new InvalidArgumentError(`Allowed choices are ${ENCODING_CHOICES.join(', ')} (and gbk, cp936, gb2312, read as gb18030).`);
  }
  return choice;
}

function parseIdList(text: string): string[] {
  const ids = text.split(',').map((id) => id.trim()).filter((id) => id !== '');
  if (ids.length === 0) throw new InvalidArgumentError('expected one or more ids separated by commas');
  const twice = ids.find((id, index) => ids.indexOf(id) !== index);
  if (twice !== undefined) throw new InvalidArgumentError(`'${twice}' is given twice (each id once)`);
  return ids;
}

/** `--year` given once or more: a year (digits) picks the rows of that year, any other text names the year column. */
function collectYear(text: string, previous: string[] | undefined): string[] {
  if (text.trim() === '') throw new InvalidArgumentError('expected a year (2008) or the name of the year column');
  return [...(previous ?? []), text.trim()];
}

export function addInputOptions(command: Command): Command {
  return command
    .option('--label <column>', 'the column naming the unit of each row, when its header does not say (default: the finest of 省份/市/区县/名称 …)')
    .addOption(new Option('--year <column|year>', 'a year (2008): read only the rows of that year; a column name: the year column').argParser(collectYear))
    .option('--strict', 'treat warnings (values outside their plausible range) as failures: exit 1')
    .option('--rows-are <measure>', 'each row counts as one of MEASURE (a community-level register: --rows-are communities)')
    .addOption(new Option('-e, --encoding <encoding>',
      'input encoding; auto: a BOM decides, else UTF-8 if valid, else GB18030; gbk, cp936 and gb2312 are read as gb18030, a superset')
      .choices([...ENCODING_CHOICES, ...Object.keys(ENCODING_ALIASES)]).argParser(parseEncoding).default('auto'))
    .addOption(new Option('-d, --delimiter <char>',
      'input delimiter (default: tab for .tsv; else comma, or ; tab | when the first line has no comma and has one of them)').argParser(parseDelimiter))
    .option('--sheet <name|n>', 'the sheet of a workbook (.xlsx, .xls, .ods) to read, by name or number from 1 (default: the first visible one)')
    .addOption(new Option('--sheets <which>', 'all: every visible sheet of a workbook as one table (续表 sheets, one sheet a year)').choices(['all']));
}

/** What each command writes, for the closed table of formats (render/format.ts); any other command writes tables. */
const OUTPUT_KINDS: Readonly<Record<string, OutputKind>> = { chart: 'chart', report: 'report' };

/**
 * Run before every command's action (cli.ts): `-o -` is standard output, and -f with -o's extension is checked
 * against the closed table of formats, so that a format svc-stats does not write is refused before any work.
 */
export function settleOutput(command: Command): void {
  const options = command.opts<{ output?: unknown; format?: unknown }>();
  if (options.output === '-') command.setOptionValue('output', undefined);
  const output = typeof options.output === 'string' && options.output !== '-' ? options.output : undefined;
  const format = typeof options.format === 'string' ? options.format : undefined;
  if (output !== undefined || format !== undefined) {
    outputFormat(OUTPUT_KINDS[command.name()] ?? 'table', format, isStreamTarget(output) ? undefined : output, 'csv');
  }
  if (command.opts<{ chart?: unknown }>().chart !== undefined && command.name() !== 'chart') checkTerminalChartOutput(format, output);
}

/** --chart draws bars as text: the only format is a table's (a terminal, or a .txt file or a name without extension). */
function checkTerminalChartOutput(format: string | undefined, output: string | undefined): void {
  if (format !== undefined && format !== 'table') {
    throw new SvcError('USAGE', `--chart draws terminal bars as text, not ${format}`, {}, `leave out --chart for the table as ${format}, or draw an SVG or PNG with svc-stats chart`);
  }
  const extension = output === undefined || isStreamTarget(output) ? '' : extname(output).toLowerCase();
  if (extension !== '' && extension !== '.txt') {
    throw new SvcError('USAGE', `--chart draws terminal bars as text, not ${extension}`, { file: output },
      `name the file .txt, leave out --chart for the table as ${extension}, or draw an SVG or PNG with svc-stats chart`);
  }
}

/** An option's argument parser that refuses the option given twice (commander keeps the last silently). */
export function once<T>(name: string, parse: (text: string) => T): (text: string, previous: T | undefined) => T {
  return (text, previous) => {
    if (previous !== undefined) throw new InvalidArgumentError(`${name} is given twice (first ${String(previous)}): give it once`);
    return parse(text);
  };
}

export function parseOutputName(text: string): string {
  if (text === '') throw new InvalidArgumentError('expected a file name (- for standard output)');
  return text;
}

function parseFormat(text: string): Format {
  const format = FORMATS.find((known) => known === text);
  if (format === undefined) throw new InvalidArgumentError(`Allowed choices are ${FORMATS.join(', ')}.`);
  return format;
}

export function addOutputOptions(command: Command): Command {
  return command
    .addOption(new Option('-f, --format <format>', 'output format (default: table on a terminal, csv in a pipe; with -o, from the extension)')
      .choices(FORMATS).argParser(once('-f', parseFormat)))
    .addOption(new Option('-o, --output <file>', `write to FILE atomically instead of standard output (- : standard output); the format from its extension: ${extensionsOf('table')}, else csv`)
      .argParser(once('-o', parseOutputName)))
    .option('--bom', 'start csv/tsv with a UTF-8 BOM, so that Excel shows Chinese text (the default for -o FILE, not for standard output)')
    .option('--no-bom', 'no BOM in a csv/tsv file written with -o')
    .option('--raw', 'do not neutralise cells starting with = + - @ in csv/tsv (unsafe to open in a spreadsheet)')
    .addOption(new Option('--lang <lang>', 'language of labels in table and md output (default: from LANG)').choices(['zh', 'en']))
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR is honoured too)');
}

export function addIndicatorOptions(command: Command): Command {
  return command
    .addOption(new Option('-i, --indicators <ids>', 'indicators to compute, in this order (default: all)').argParser(parseIdList))
    .addOption(new Option('--rounding <mode>', 'rounding rule of printed figures').choices(ROUNDING_MODES).default('half-up'))
    .addOption(new Option('--decimals <n>', "decimal places for every indicator (default: the catalogue's)").argParser(parseDecimals));
}

export function addGroupOptions(command: Command): Command {
  return command
    .option('--by <columns>', 'group rows by these columns (region,年份 or 省份,地市); "region" maps provinces to NBS regions, province|city|district name the label column of that level')
    .addOption(new Option('--regions <scheme>', 'regions for --by region: three belts (东部 中部 西部) or four (… 东北)')
      .choices(['three', 'four']).default('three'));
}

export function addCatalogueOption(command: Command): Command {
  return command.option('--indicators-file <file>', 'JSON file adding or overriding measures and indicators (see README)');
}

/** The options of every command that reads tables and computes indicators by group: coverage, compare, describe, equity. */
export function addAnalysisOptions(command: Command): Command {
  addInputOptions(command);
  addCatalogueOption(command);
  addIndicatorOptions(command);
  return addGroupOptions(command);
}

export interface CommonOptions {
  indicatorsFile?: string;
  rowsAre?: string;
  encoding: EncodingChoice;
  delimiter?: string;
  sheet?: string;
  sheets?: 'all';
  format?: Format;
  output?: string;
  bom?: boolean;
  raw?: boolean;
  lang?: Lang;
  color: boolean;
  indicators?: string[];
  rounding: RoundingMode;
  decimals?: number;
  label?: string;
  year?: string[];
  strict?: boolean;
}

/**
 * Options that contradict or do nothing given the others are refused before the run (cli.ts calls it on every
 * command): a --by column named twice, --regions without --by region, --tolerance with --check-totals (which
 * compares exact sums: a tolerance there would silently mean nothing).
 */
export function checkOptionCombinations(command: Command): void {
  const options = command.opts<{ by?: string; regions?: string; tolerance?: unknown; checkTotals?: boolean }>();
  if (typeof options.by === 'string') {
    const parts = byParts(options.by).map((part) => part.toLowerCase());
    const twice = parts.find((part, index) => parts.indexOf(part) !== index);
    if (twice !== undefined) throw new SvcError('USAGE', `--by ${options.by}: '${twice}' is given twice`, {}, 'name each column once');
  }
  const hasBy = command.options.some((option) => option.long === '--by');
  if (hasBy && command.getOptionValueSource('regions') === 'cli') {
    const byRegion = typeof options.by === 'string' && byParts(options.by).some((part) => part.toLowerCase() === 'region');
    if (!byRegion) {
      throw new SvcError('USAGE', `--regions ${options.regions} has no effect without --by region`, {}, 'add --by region, or leave --regions out');
    }
  }
  if (options.tolerance !== undefined && options.checkTotals === true) {
    throw new SvcError('USAGE', '--tolerance applies to --expected figures; --check-totals compares exact sums', {}, 'leave --tolerance out');
  }
}

/** --year values split: the year to read, and the year column's name. */
export function yearOptions(values: readonly string[] | undefined): { onlyYear: string | undefined; yearColumn: string | undefined } {
  let onlyYear: string | undefined;
  let yearColumn: string | undefined;
  for (const value of values ?? []) {
    const year = normaliseYear(value);
    if (/^\d{4}$/.test(year)) {
      if (!isAcceptedYear(year)) throw new SvcError('USAGE', `--year ${value}: not a year from ${FIRST_YEAR} to ${LAST_YEAR}`);
      if (onlyYear !== undefined && onlyYear !== year) throw new SvcError('USAGE', `--year ${onlyYear} and --year ${year}: give one year`);
      onlyYear = year;
    } else {
      yearColumn = value;
    }
  }
  return { onlyYear, yearColumn };
}

export function readOptions(options: CommonOptions & { by?: string }, catalogue: Catalogue): ReadOptions {
  return {
    encoding: options.encoding, delimiter: options.delimiter, measures: catalogue.measures,
    groupColumns: options.by === undefined ? undefined : byParts(options.by),
    rowsAre: options.rowsAre, sheet: options.sheet, allSheets: options.sheets === 'all', labelColumn: options.label, ...yearOptions(options.year),
  };
}

/**
 * --quiet and --verbose, on every command that prints notes (cli.ts adds them, and sets the mode before the
 * command runs). Notes are grouped by kind by default; errors are never silenced.
 */
export function addNoteOptions(command: Command): Command {
  return command
    .addOption(new Option('-q, --quiet', 'no notes and no warnings on stderr (errors stay; under --strict a warning still exits 1)').conflicts('verbose'))
    .addOption(new Option('--verbose', 'every note in full: one line each, lists not cut short'));
}

let noteMode: NoteMode = 'default';

/** The longest note line printed without --verbose (README, Reliability). */
export const NOTE_LIMIT = 1000;

/** Set once per run, from the parsed --quiet / --verbose. */
export function setNoteMode(options: { quiet?: boolean; verbose?: boolean }): void {
  noteMode = options.quiet === true ? 'quiet' : options.verbose === true ? 'verbose' : 'default';
}

/**
 * A report's notes to stderr, grouped by kind (in full under --verbose, none under --quiet). Returns the lines
 * as shown when not quiet, for the notes sheet of a workbook, which keeps them even under --quiet.
 */
export function printNotes(notes: readonly Note[]): string[] {
  // what the notes echo of the input (cells, file names) is shown, never acted on, on stderr and in a notes sheet
  const lines = noteLines(notes, noteMode === 'verbose' ? 'verbose' : 'default').map(printable);
  for (const line of lines) note(line);
  return lines;
}

/** Warnings to stderr; under --strict, any warning makes the run fail (exit 1) once its output is written. */
export function reportWarnings(warnings: readonly string[], strict: boolean | undefined): void {
  for (const line of warnings) note(line);
  if (strict === true && warnings.length > 0) process.exitCode = EXIT.checkFailed;
}

export function outputOptions(options: CommonOptions): OutputOptions {
  return {
    format: options.format,
    output: options.output,
    bom: options.bom,
    color: options.color,
    raw: options.raw === true,
    lang: options.lang ?? defaultLang(),
  };
}

/** --by COLUMN with its region scheme, or undefined. */
export function groupOption(options: { by?: string; regions?: RegionScheme }): { column: string; scheme: RegionScheme } | undefined {
  return options.by === undefined ? undefined : { column: options.by, scheme: options.regions ?? 'three' };
}

/** Diagnostics go to standard error, one line each, never into the data; none under --quiet. */
export function note(message: string): void {
  if (noteMode === 'quiet') return;
  const line = printable(message.replace(/[\r\n]+/g, ' '));
  // lists are cut to a few names unless --verbose; a name of 40,000 characters is cut here
  const shown = noteMode === 'default' && line.length > NOTE_LIMIT ? `${line.slice(0, NOTE_LIMIT - 1)}…` : line;
  process.stderr.write(`svc-stats: ${shown}\n`);
}

/** The width help is written for (COLUMNS, else the terminal's, else 80; at most 80): render/help.ts. */
export function currentHelpWidth(): number {
  return helpWidth(process.env, isTerminal(1) ? process.stdout.columns : undefined);
}

/** Examples and notes after a command's options, wrapped to the help's width when help is printed. */
export function addExamples(command: Command, text: string): Command {
  return command.addHelpText('after', () => wrapHelpText(text, currentHelpWidth()));
}
