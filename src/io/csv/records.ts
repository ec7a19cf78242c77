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
import { DISPLAY_NAME, LINE_LIMIT, PieceDecoder, detectEncoding } from '../sources/encoding.js';
import type { SourceOptions } from '../sources/source.js';
import { displayName, inputError, openBytes } from '../sources/source.js';
import { addProgress } from '../progress.js';

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
  const lenient = lenientClosingQuote(delimiter);
  // the common quoting — every quote opens or closes a cell holding no quote, delimiter or line break — is read
  // as its bytes without the quotes, by papaparse's fastMode, as fast as unquoted text
  const delimiterByte = delimiter.charCodeAt(0) < 0x80 ? delimiter.charCodeAt(0) : undefined;
  const stripQuotes = delimiterByte === undefined || process.env['SVC_STATS_PARSER'] === 'csv-parse'
    ? undefined
    : (piece: Uint8Array): Uint8Array | undefined => withoutSimpleQuotes(piece, delimiterByte);
  let parser: Parser | undefined; // csv-parse, for the rest of the input once papaparse is not exact
  let parserLineOffset = 0; // lines before csv-parse's first
  let line = 0;
  // a quote seen: cells may hold line breaks. SVC_STATS_PARSER=csv-parse uses csv-parse from the start (the
  // reader tests run both ways).
  let quoted = false;
  // quoted text after the last whole record, kept as pieces (joined once, when the record ends) and its quote parity
  let carry: string[] = [];
  let carryLength = 0;
  let carryOdd = false;
  let batch: InputRecord[] = [];
  const handle = (record: string[], cellsMayBreak = quoted): void => {
    line += 1;
    if (cellsMayBreak) for (const cell of record) if (cell.length > 0) line += countLineBreaks(cell);
    // a blank line, or a line of empty cells, is no record
    if (record.every((cell) => cell === '')) return;
    batch.push({ cells: record, line });
  };
  const drain = (): void => {
    for (let record: string[] | null = parser!.read(); record !== null; record = parser!.read()) handle(record);
  };
  const startCsvParse = async (): Promise<void> => {
    quoted = true;
    const { parse } = await import('csv-parse');
    parserLineOffset = line;
    parser = parse({ delimiter, relax_column_count: true, max_record_size: LINE_LIMIT });
    // errors are read from parser.errored; without a listener the stream's 'error' event would crash the process
    parser.on('error', () => undefined);
  };
  if (process.env['SVC_STATS_PARSER'] === 'csv-parse') await startCsvParse();
  /** Whole records of quoted text: papaparse where it is exact, else csv-parse from here on. */
  const parseQuoted = async (text: string): Promise<void> => {
    const records = text === '' ? [['']] : Papa.parse<string[]>(text, { delimiter, newline: '\n', quoteChar: '"', skipEmptyLines: false });
    if (Array.isArray(records) || (records.errors.length === 0 && !lenient.test(text) && !records.data.some(hasQuote))) {
      for (const record of Array.isArray(records) ? records : records.data) handle(record);
      return;
    }
    // csv-parse's rules and messages: a quote inside an unquoted cell, text after a closing quote, an open quote
    await startCsvParse();
    parser!.write(`${text}\n`);
    drain();
  };
  const feed = async (text: string, final = false, unquoted = false): Promise<void> => {
    if (parser?.errored) return;
    if (parser !== undefined) {
      // text carried from before csv-parse took over comes first
      if (carryLength > 0) parser.write(carry.join(''));
      carry = [];
      carryLength = 0;
      if (text !== '') parser.write(text);
      drain();
      return;
    }
    if (unquoted || (!quoted && !text.includes('"'))) {
      if (text === '') return;
      const lines = text.endsWith('\n') ? text.slice(0, -1) : text;
      if (lines === '') return handle([''], false); // one blank line, which papaparse would give as no record
      const records = Papa.parse<string[]>(lines, { delimiter, newline: '\n', fastMode: true, skipEmptyLines: false }).data;
      for (const record of records) handle(record, false);
      return;
    }
    quoted = true;
    if (final && carryLength === 0 && text === '') return;
    // records end at a line feed after an even number of quotes: a cut there never falls inside a quoted cell
    const end = final ? { cut: text.length, restOdd: false } : lastRecordEnd(text, carryOdd);
    if (end.cut === 0 && !final) {
      carry.push(text);
      carryLength += text.length;
      carryOdd = end.restOdd;
      if (carryLength > LINE_LIMIT) {
        throw new SvcError('CSV_SYNTAX', `a record longer than ${LINE_LIMIT >> 20} MiB (the limit for one line or field)`,
          { file, line: line + 1 }, 'a quoted cell may be open: a field that starts with " must end with "');
      }
      return;
    }
    const head = text.slice(0, end.cut > 0 && text.charCodeAt(end.cut - 1) === 10 ? end.cut - 1 : end.cut);
    const whole = carryLength === 0 ? head : carry.join('') + head;
    const rest = text.slice(end.cut);
    carry = rest === '' ? [] : [rest];
    carryLength = rest.length;
    carryOdd = end.restOdd;
    await parseQuoted(whole);
  };
  let progressRows = 0;
  const take = (): InputRecord[] => {
    const full = batch;
    batch = [];
    // rows for the progress bar: the header is no row
    addProgress(0, progressRows === 0 ? full.length - 1 : full.length);
    progressRows += full.length;
    return full;
  };

  let decoder: PieceDecoder | undefined;
  let head: Uint8Array[] = [];
  let headLength = 0;
  const autoDetected = options.encoding === 'auto' || options.range?.autoEncoding === true;
  const startDecoding = async (): Promise<void> => {
    const first = Buffer.concat(head);
    const detected = withFile(() => detectEncoding(first, options.encoding), file);
    onEncoding(DISPLAY_NAME[detected.encoding] + (detected.bomLength > 0 ? ' with BOM' : ''));
    const range = options.range;
    const rangeShift = range === undefined ? undefined : { from: range.headerEnd, by: range.start - range.headerEnd };
    decoder = new PieceDecoder(detected, file, { autoDetected, rangeShift });
    head = [];
    await feed(...push(first.subarray(detected.bomLength)));
  };
  /** Decode a block, dropping simple quotes where a record starts the piece and csv-parse has not taken over. */
  const push = (bytes: Uint8Array | undefined): [string, boolean, boolean] => {
    decoder!.transform = parser === undefined && carryLength === 0 ? stripQuotes : undefined;
    const text = bytes === undefined ? decoder!.end() : decoder!.push(bytes);
    return [text, bytes === undefined, decoder!.transformed && text !== ''];
  };

  try {
    try {
      for await (const bytes of input) {
        if (decoder === undefined) {
          head.push(Buffer.from(bytes)); // a copy: file blocks reuse one buffer
          headLength += bytes.length;
          if (headLength >= DETECT_SIZE) await startDecoding();
        } else {
          await feed(...push(bytes));
        }
        if (parser?.errored) break;
        if (batch.length > 0) yield take();
      }
      if (decoder === undefined) await startDecoding();
      await feed(...push(undefined));
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
    if (parser?.errored) throw csvError(parser.errored, file, line, parserLineOffset);
  } finally {
    parser?.destroy();
  }
}

/**
 * Just after the last line feed of `text` with an even number of double quotes before it (counting `startOdd`
 * for the text before), or 0; and whether the quotes after that point (or in all of it) are odd.
 */
function lastRecordEnd(text: string, startOdd: boolean): { cut: number; restOdd: boolean } {
  let quotes = startOdd ? 1 : 0;
  for (let index = text.indexOf('"'); index !== -1; index = text.indexOf('"', index + 1)) quotes += 1;
  const endOdd = quotes % 2 === 1;
  let after = 0; // quotes after the index
  for (let index = text.length - 1; index >= 0; index -= 1) {
    const code = text.charCodeAt(index);
    if (code === 34) {
      quotes -= 1;
      after += 1;
    } else if (code === 10 && quotes % 2 === 0) {
      return { cut: index + 1, restOdd: after % 2 === 1 };
    }
  }
  return { cut: 0, restOdd: endOdd };
}

/**
 * Papaparse accepts blanks (whatever String#trim removes) between a closing quote and the delimiter or line
 * end, which csv-parse refuses: text with that pattern goes to csv-parse.
 */
function lenientClosingQuote(delimiter: string): RegExp {
  const escaped = delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`"[^\\S\\n]+(?:${escaped}|\\n|$)`);
}

/**
 * Whole lines (bytes of UTF-8 or GB18030, where quote, delimiter, CR and LF are never part of a character) whose
 * every cell is unquoted without a quote, or quoted with no quote, delimiter or line break inside: csv-parse reads
 * each such cell as its text without the quotes, so they are dropped; undefined when the piece is not so simple.
 * A dropped quote sits next to a delimiter, a line end or the piece's start or end, all ASCII, so validity of the
 * encoding is unchanged.
 */
export function withoutSimpleQuotes(bytes: Uint8Array, delimiter: number): Uint8Array | undefined {
  const length = bytes.length;
  if (bytes.indexOf(0x22) === -1) return undefined;
  const out = new Uint8Array(length);
  let written = 0;
  let cellStart = true;
  for (let index = 0; index < length; index += 1) {
    const byte = bytes[index]!;
    if (byte !== 0x22) {
      out[written++] = byte;
      cellStart = byte === delimiter || byte === 0x0a || byte === 0x0d;
      continue;
    }
    if (!cellStart) return undefined;
    let close = index + 1;
    for (; close < length; close += 1) {
      const inside = bytes[close]!;
      if (inside === 0x22) break;
      if (inside === delimiter || inside === 0x0a || inside === 0x0d) return undefined;
      out[written++] = inside;
    }
    if (close === length) return undefined;
    const after = close + 1 < length ? bytes[close + 1]! : 0x0a;
    if (after !== delimiter && after !== 0x0a && after !== 0x0d) return undefined;
    index = close;
    cellStart = false;
  }
  return out.subarray(0, written);
}

/** A cell with a quote in it: an escaped quote (exact either way) or a stray one, which only csv-parse refuses. */
function hasQuote(record: string[]): boolean {
  for (const cell of record) if (cell.includes('"')) return true;
  return false;
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
function csvError(error: unknown, file: string, linesRead: number, lineOffset: number): SvcError {
  if (error instanceof SvcError) return error;
  const csv = error as { code?: string; lines?: number; message?: string };
  const line = csv.lines === undefined ? undefined : csv.lines + lineOffset;
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
