/**
 * The one reader of every command: a path or `-` (standard input) → decoded text → csv-parse records →
 * rows of exact measure values. It streams: memory holds one block of input, whatever the file's size.
 */
import { open, stat } from 'node:fs/promises';
import type { Parser } from 'csv-parse';
import Papa from 'papaparse';
import { SvcError } from '../errors.js';
import type { Rational } from '../exact/rational.js';
import { isInteger, scale10 } from '../exact/rational.js';
import type { MeasureDefinition } from '../indicators/measures.js';
import type { Encoding, EncodingChoice } from './encoding.js';
import { PieceDecoder, detectEncoding } from './encoding.js';
import type { HeaderPlan, MeasureColumn } from './headers.js';
import { ROWS_ARE_INDEX, planHeader } from './headers.js';
import { isInvalid, parseNumberCell, shorten } from './numbers.js';

export interface ReadOptions {
  readonly encoding: EncodingChoice;
  readonly measures: readonly MeasureDefinition[];
  /** a single character; by default tab for `.tsv` files, else comma */
  readonly delimiter?: string | undefined;
  /** --rows-are: each row counts as one of this measure (a community-level register) */
  readonly rowsAre?: string | undefined;
  /** the --by column, which labels rows only when no other label column exists */
  readonly groupColumn?: string | undefined;
  /** read only the header line and this byte range of a file (parallel aggregation; see aggregate.ts) */
  readonly range?: ByteRange | undefined;
  /** standard input, for tests; process.stdin otherwise */
  readonly stdin?: NodeJS.ReadableStream;
}

export interface ByteRange {
  /** bytes 0..headerEnd hold the header line (with any BOM) */
  readonly headerEnd: number;
  readonly start: number;
  readonly end: number;
}

export interface DataRow {
  /** line of the input where the row ends (1 is the header) */
  readonly line: number;
  readonly cells: readonly string[];
  readonly label: string | undefined;
  readonly year: string | undefined;
  /** one value per plan.measureColumns entry, in base units; null = missing */
  readonly values: readonly (Rational | null)[];
}

export interface Table {
  readonly file: string;
  readonly encoding: Encoding;
  readonly plan: HeaderPlan;
  readonly rows: readonly DataRow[];
}

/** Read size: small enough that the text and records of one block stay a few MiB of garbage. */
const BLOCK_SIZE = 256 << 10;
/** The encoding is detected on this much of the input (all of any yearbook table). */
const DETECT_SIZE = 1 << 20;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export function displayName(source: string): string {
  return source === '-' ? '<stdin>' : source;
}

/** Read a whole table into memory: for commands that print one row per input row. */
export async function readTable(source: string, options: ReadOptions): Promise<Table> {
  const rows: DataRow[] = [];
  const { encoding, plan } = await scanTable(source, options, (row) => rows.push(row));
  return { file: displayName(source), encoding, plan, rows };
}

/**
 * Read a table row by row: `onRow` sees each row once, in order, and keeps what it needs. The plan of the
 * header is returned with the detected encoding once the input is consumed.
 */
export async function scanTable(
  source: string,
  options: ReadOptions,
  onRow: (row: DataRow, plan: HeaderPlan) => void,
): Promise<{ encoding: Encoding; plan: HeaderPlan; rowCount: number }> {
  const file = displayName(source);
  return scanCells(source, options, (cells, line, plan) => onRow(toRow(cells, line, plan, file), plan));
}

/**
 * The rows as raw cells, after the header is planned and the row's width checked: for hot loops that convert
 * only what they need (see aggregate.ts), with readCell and rowLabel applying the same rules as scanTable.
 */
export async function scanCells(
  source: string,
  options: ReadOptions,
  onCells: (cells: string[], line: number, plan: HeaderPlan) => void,
): Promise<{ encoding: Encoding; plan: HeaderPlan; rowCount: number }> {
  const file = displayName(source);
  let plan: HeaderPlan | undefined;
  let rowCount = 0;
  const { encoding } = await scanRecords(source, options, (cells, line) => {
    if (plan === undefined) {
      plan = planHeader(cells, options.measures, file, options.groupColumn, options.rowsAre);
      return;
    }
    if (cells.length !== plan.headers.length) {
      throw new SvcError('RAGGED_ROW',
        `the row has ${cells.length} cells but the header has ${plan.headers.length}`,
        { file, line, column: Math.min(cells.length, plan.headers.length) + 1 });
    }
    onCells(cells, line, plan);
    rowCount += 1;
  });
  if (plan === undefined) {
    throw new SvcError('EMPTY_INPUT', 'the input is empty: no header row', { file },
      'the first row must name the columns');
  }
  if (rowCount === 0) throw new SvcError('NO_DATA', 'the input has a header but no data rows', { file, line: 1 });
  return { encoding, plan, rowCount };
}

/**
 * The layer below scanTable: raw records (the header included) with the line where each ends, from any CSV
 * input with the same decoding rules. For files that are not measure tables (expected figures).
 */
export async function scanRecords(
  source: string,
  options: Pick<ReadOptions, 'encoding' | 'delimiter' | 'stdin' | 'range'>,
  onRecord: (cells: string[], line: number) => void,
): Promise<{ encoding: Encoding }> {
  const file = displayName(source);
  const input = await openInput(source, file, options);
  const delimiter = options.delimiter ?? (/\.tsv$/i.test(source) ? '\t' : ',');
  // Two parsers behind one reader. Until the first double quote, every piece of text is whole lines with no
  // quoting, and papaparse's fastMode splits them exactly, twice as fast as csv-parse (bench/RESULTS.md).
  // From the first quote on, csv-parse reads the rest, quoting rules and errors included. Records come from
  // csv-parse's stream as arrays, without its per-record info objects (which cost as much as the parsing): the
  // line of each record is counted here. The decoder has turned CRLF and CR into LF.
  let parser: Parser | undefined; // csv-parse, loaded at the first quote
  let line = 0;
  // a quote seen: csv-parse from here on, and cells may hold line breaks. SVC_STATS_PARSER=csv-parse uses
  // csv-parse from the start (the reader tests run both ways).
  let quoted = process.env['SVC_STATS_PARSER'] === 'csv-parse';
  const handle = (record: string[]): void => {
    line += 1;
    if (quoted) for (const cell of record) line += countLineBreaks(cell);
    // a blank line, or a line of empty cells, is no record
    if (record.every((cell) => cell === '')) return;
    onRecord(record, line);
  };
  const drain = (): void => {
    for (let record: string[] | null = parser!.read(); record !== null; record = parser!.read()) handle(record);
  };
  const feed = async (text: string): Promise<void> => {
    if (text === '' || parser?.errored) return;
    if (parser === undefined && (quoted || text.includes('"'))) {
      quoted = true;
      const { parse } = await import('csv-parse');
      parser = parse({ delimiter, relax_column_count: true });
      // errors are read from parser.errored; without a listener the stream's 'error' event would crash the process
      parser.on('error', () => undefined);
    }
    if (parser !== undefined) {
      parser.write(text);
      drain();
      return;
    }
    const lines = text.endsWith('\n') ? text.slice(0, -1) : text;
    if (lines === '') return handle(['']); // one blank line, which papaparse would give as no record
    const records = Papa.parse<string[]>(lines, { delimiter, newline: '\n', fastMode: true, skipEmptyLines: false }).data;
    for (const record of records) handle(record);
  };

  let decoder: PieceDecoder | undefined;
  let head: Uint8Array[] = [];
  let headLength = 0;
  const startDecoding = async (): Promise<void> => {
    const first = Buffer.concat(head);
    const detected = withFile(() => detectEncoding(first, options.encoding), file);
    decoder = new PieceDecoder(detected, file);
    head = [];
    await feed(decoder.push(first.subarray(detected.bomLength)));
  };

  try {
    for await (const chunk of input) {
      const bytes = chunk as Buffer;
      if (decoder === undefined) {
        head.push(Buffer.from(bytes)); // a copy: file blocks reuse one buffer
        headLength += bytes.length;
        if (headLength >= DETECT_SIZE) await startDecoding();
      } else {
        await feed(decoder.push(bytes));
      }
      if (parser?.errored) break;
    }
    if (decoder === undefined) await startDecoding();
    await feed(decoder!.end());
  } catch (error) {
    parser?.destroy();
    throw inputError(error, file);
  }
  if (parser !== undefined && !parser.errored) {
    parser.end();
    try {
      await new Promise<void>((resolve, reject) => {
        const drainOrReject = (): void => {
          try {
            drain();
          } catch (error) {
            reject(error); // a bad cell in the last records: never thrown out of an event handler
          }
        };
        parser!.once('error', reject);
        parser!.once('end', resolve);
        parser!.on('readable', drainOrReject);
        drainOrReject();
      });
    } catch (error) {
      if (error instanceof SvcError) throw error;
    }
  }
  if (parser?.errored) throw csvError(parser.errored, file, line);
  return { encoding: decoder!.encoding };
}

function countLineBreaks(cell: string): number {
  let count = 0;
  for (let index = cell.indexOf('\n'); index !== -1; index = cell.indexOf('\n', index + 1)) count += 1;
  return count;
}

const ONE: Rational = { n: 1n, d: 1n };

function toRow(cells: string[], line: number, plan: HeaderPlan, file: string): DataRow {
  const label = rowLabel(cells, plan, file, line);
  const year = plan.yearIndex === undefined ? undefined : cells[plan.yearIndex]!.trim();
  const values = plan.measureColumns.map((column) =>
    column.index === ROWS_ARE_INDEX ? ONE : readCell(cells[column.index]!, column, file, line));
  return { line, cells, label, year, values };
}

/** The row's label, trimmed; control characters in it are an error. */
export function rowLabel(cells: readonly string[], plan: HeaderPlan, file: string, line: number): string | undefined {
  const label = plan.labelIndex === undefined ? undefined : cells[plan.labelIndex]!.trim();
  if (label !== undefined && CONTROL_CHARACTERS.test(label)) {
    throw new SvcError('BAD_LABEL', `the label '${shorten(label)}' holds control characters`,
      { file, line, column: plan.labelIndex! + 1 });
  }
  return label;
}

/** One cell of a measure column in base units, or null when missing; every rule of a count applied. */
export function readCell(cell: string, column: MeasureColumn, file: string, line: number): Rational | null {
  const parsed = parseNumberCell(cell);
  if (parsed === null) return null;
  const location = { file, line, column: column.index + 1 };
  if (isInvalid(parsed)) throw new SvcError('NOT_A_NUMBER', `${column.header}: ${parsed.invalid}`, location);
  const value = scale10(parsed, column.power10);
  if (column.measure.kind === 'count') {
    if (value.n < 0n) {
      throw new SvcError('NEGATIVE_COUNT', `${column.header}: a count cannot be negative ('${shorten(cell.trim())}')`, location);
    }
    if (!isInteger(value)) {
      throw new SvcError('FRACTIONAL_COUNT',
        `${column.header}: '${shorten(cell.trim())}' is not a whole number of ${column.measure.unit.zh}` +
          (column.power10 !== 0 ? ' once the unit is applied' : ''), location);
    }
  }
  return value;
}

/**
 * Blocks of a file from `start` to `end` (exclusive), read through a file handle: lighter to start than a
 * read stream, which matters for the many small yearbook tables. One buffer is reused: a block is valid until
 * the next is asked for, and whoever keeps bytes copies them.
 */
async function* blocksOf(source: string, start = 0, end = Infinity): AsyncIterable<Uint8Array> {
  const handle = await open(source, 'r');
  const buffer = Buffer.allocUnsafe(BLOCK_SIZE);
  try {
    for (let position = start; position < end;) {
      const block = buffer.subarray(0, Math.min(BLOCK_SIZE, end - position));
      const { bytesRead } = await handle.read(block, 0, block.length, position);
      if (bytesRead === 0) break;
      yield block.subarray(0, bytesRead);
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

async function* rangeOf(source: string, range: ByteRange): AsyncIterable<unknown> {
  yield* blocksOf(source, 0, range.headerEnd);
  yield* blocksOf(source, range.start, range.end);
}

async function openInput(source: string, file: string, options: Pick<ReadOptions, 'stdin' | 'range'>): Promise<AsyncIterable<unknown>> {
  if (source === '-') return (options.stdin ?? process.stdin) as AsyncIterable<unknown>;
  try {
    const info = await stat(source);
    if (info.isDirectory()) throw new SvcError('FILE_UNREADABLE', 'is a directory, not a file', { file });
  } catch (error) {
    throw inputError(error, file);
  }
  if (options.range !== undefined) return rangeOf(source, options.range);
  return blocksOf(source);
}

function inputError(error: unknown, file: string): SvcError {
  if (error instanceof SvcError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new SvcError('FILE_NOT_FOUND', 'no such file', { file });
  if (code === 'EACCES' || code === 'EPERM') return new SvcError('FILE_UNREADABLE', 'permission denied', { file });
  if (code === 'EISDIR') return new SvcError('FILE_UNREADABLE', 'is a directory, not a file', { file });
  return new SvcError('FILE_UNREADABLE', `cannot be read: ${(error as Error).message}`, { file });
}

function withFile<T>(action: () => T, file: string): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof SvcError) throw new SvcError(error.code, error.message, { ...error.location, file }, error.hint);
    throw error;
  }
}

/** csv-parse's errors (CsvError, with a stable `code`) become ours; an unclosed quote opens on the line after the lines read. */
function csvError(error: unknown, file: string, linesRead: number): SvcError {
  if (error instanceof SvcError) return error;
  const csv = error as { code?: string; lines?: number; message?: string };
  const line = csv.lines;
  switch (csv.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new SvcError('CSV_SYNTAX', 'a quoted cell is never closed', { file, line: linesRead + 1 },
        'a field that starts with " must end with "');
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new SvcError('CSV_SYNTAX', 'a closing quote is followed by text instead of a delimiter', { file, line });
    case 'INVALID_OPENING_QUOTE': // csv-parse's code has no CSV_ prefix here
    case 'CSV_INVALID_OPENING_QUOTE':
      return new SvcError('CSV_SYNTAX', 'a quote appears inside an unquoted cell', { file, line },
        'quote the whole cell and double the inner quotes: "a ""b"""');
    default:
      return new SvcError('CSV_SYNTAX', csv.message ?? String(error), { file, line });
  }
}
