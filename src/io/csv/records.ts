/**
 * Records from CSV text: the seam between input and the rest. A `RecordSource` is an async iterable of batches
 * of records `{ cells, line }`, in input order; header planning and the engine consume only that, whatever
 * the input (a file, standard input, a worker's byte range).
 *
 * Two parsers behind one reader. Until the first double quote, every piece of text is whole lines with no
 * quoting, and papaparse's fastMode splits them exactly, twice as fast as csv-parse (bench/RESULTS.md). From the
 * first quote on, csv-parse reads the rest, quoting rules and errors included. Records come from csv-parse's
 * stream as arrays, without its per-record info objects (which cost as much as the parsing): the line of each
 * record is counted here. The decoder has turned CRLF and CR into LF.
 */
import type { Parser } from 'csv-parse';
import Papa from 'papaparse';
import { SvcError } from '../../errors.js';
import type { EncodingChoice } from '../sources/encoding.js';
import { DISPLAY_NAME, PieceDecoder, detectEncoding } from '../sources/encoding.js';
import type { SourceOptions } from '../sources/source.js';
import { displayName, inputError, openBytes } from '../sources/source.js';

export interface InputRecord {
  readonly cells: string[];
  /** the line of the input where the record ends (1-based) */
  readonly line: number;
}

/** Batches of records in input order: blank lines are no records. */
export interface RecordSource extends AsyncIterable<readonly InputRecord[]> {
  /** how the input is named in messages */
  readonly file: string;
  /** the encoding as read (`UTF-8`, `GB18030`, `UTF-8 with BOM`): known once the first batch has been read */
  readonly encoding?: string | undefined;
}

export interface CsvOptions extends SourceOptions {
  readonly encoding: EncodingChoice;
  /** a single character; by default tab for `.tsv` files, else comma */
  readonly delimiter?: string | undefined;
}

/** The encoding is detected on this much of the input (all of any yearbook table). */
const DETECT_SIZE = 1 << 20;

export function csvRecords(source: string, options: CsvOptions): RecordSource {
  const file = displayName(source);
  const records: { file: string; encoding?: string; [Symbol.asyncIterator]: () => AsyncIterator<readonly InputRecord[]> } = {
    file,
    [Symbol.asyncIterator]: () => parseCsv(source, file, options, (encoding) => { records.encoding = encoding; })[Symbol.asyncIterator](),
  };
  return records;
}

async function* parseCsv(
  source: string, file: string, options: CsvOptions, onEncoding: (encoding: string) => void,
): AsyncGenerator<readonly InputRecord[]> {
  const input = await openBytes(source, options);
  const delimiter = options.delimiter ?? (/\.tsv$/i.test(source) ? '\t' : ',');
  let parser: Parser | undefined; // csv-parse, loaded at the first quote
  let line = 0;
  // a quote seen: csv-parse from here on, and cells may hold line breaks. SVC_STATS_PARSER=csv-parse uses
  // csv-parse from the start (the reader tests run both ways).
  let quoted = process.env['SVC_STATS_PARSER'] === 'csv-parse';
  let batch: InputRecord[] = [];
  const handle = (record: string[]): void => {
    line += 1;
    if (quoted) for (const cell of record) line += countLineBreaks(cell);
    // a blank line, or a line of empty cells, is no record
    if (record.every((cell) => cell === '')) return;
    batch.push({ cells: record, line });
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
  const take = (): InputRecord[] => {
    const full = batch;
    batch = [];
    return full;
  };

  let decoder: PieceDecoder | undefined;
  let head: Uint8Array[] = [];
  let headLength = 0;
  const startDecoding = async (): Promise<void> => {
    const first = Buffer.concat(head);
    const detected = withFile(() => detectEncoding(first, options.encoding), file);
    onEncoding(DISPLAY_NAME[detected.encoding] + (detected.bomLength > 0 ? ' with BOM' : ''));
    decoder = new PieceDecoder(detected, file);
    head = [];
    await feed(decoder.push(first.subarray(detected.bomLength)));
  };

  try {
    try {
      for await (const bytes of input) {
        if (decoder === undefined) {
          head.push(Buffer.from(bytes)); // a copy: file blocks reuse one buffer
          headLength += bytes.length;
          if (headLength >= DETECT_SIZE) await startDecoding();
        } else {
          await feed(decoder.push(bytes));
        }
        if (parser?.errored) break;
        if (batch.length > 0) yield take();
      }
      if (decoder === undefined) await startDecoding();
      await feed(decoder!.end());
    } catch (error) {
      throw inputError(error, file);
    }
    if (batch.length > 0) yield take();
    if (parser !== undefined && !parser.errored) {
      parser.end();
      await new Promise<void>((resolve) => {
        parser!.once('error', () => resolve());
        parser!.once('end', resolve);
        parser!.on('readable', drain);
        drain();
      });
      if (batch.length > 0) yield take();
    }
    if (parser?.errored) throw csvError(parser.errored, file, line);
  } finally {
    parser?.destroy();
  }
}

function countLineBreaks(cell: string): number {
  let count = 0;
  for (let index = cell.indexOf('\n'); index !== -1; index = cell.indexOf('\n', index + 1)) count += 1;
  return count;
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
