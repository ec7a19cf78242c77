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
import { dropSimpleQuotesWasm } from '../byte-kernel.js';

export interface InputRecord {
  readonly cells: string[];
  /** the line of the input where the record ends (1-based) */
  readonly line: number;
}

/**
 * Whole lines of CSV text in which no cell is quoted (simple quotes already dropped), as one string: given
 * instead of records to a consumer that asked for them (RecordSource.lines), which splits what it needs itself.
 * Every line ends in a line feed but perhaps the last; `line` is the number of lines before the block.
 */
export interface LineBlock {
  readonly kind: 'lines';
  /** the lines as a byte string (one character per byte) when `decode` is not the identity */
  readonly text: string;
  readonly line: number;
  readonly delimiter: string;
  /** text of a part of `text` (a cell, a line) */
  readonly decode: (part: string) => string;
  /** `text` is a byte string (one character per byte, `decode` not the identity) */
  readonly bytes: boolean;
}

/** Records, or a block of unquoted lines (only after the consumer set `lines.wanted`). */
export type RecordBatch = readonly InputRecord[] | LineBlock;

export function isLineBlock(batch: RecordBatch): batch is LineBlock {
  return !Array.isArray(batch);
}

/** The records of a batch, for a consumer that never asks for LineBlocks. */
export function recordsOf(batch: RecordBatch): readonly InputRecord[] {
  if (isLineBlock(batch)) throw new Error('a LineBlock reached a reader of records');
  return batch;
}

/** Set `wanted` and the reader gives unquoted text from then on as LineBlocks. */
export interface LineSwitch {
  wanted: boolean;
}

/** Batches of records in input order: blank lines are no records. */
export interface RecordSource extends AsyncIterable<RecordBatch> {
  /** how the input is named in messages */
  readonly file: string;
  /** the encoding as read (`UTF-8`, `GB18030`, `UTF-8 with BOM`): known once the first batch has been read */
  readonly encoding?: string | undefined;
  /** present when the source can give LineBlocks (CSV text) */
  readonly lines?: LineSwitch | undefined;
}

export interface CsvOptions extends SourceOptions {
  readonly encoding: EncodingChoice;
  /** a single character; by default tab for `.tsv` files, else comma */
  readonly delimiter?: string | undefined;
  /** the switch for LineBlocks (see RecordSource.lines) */
  readonly lines?: LineSwitch | undefined;
}

/**
 * Until the consumer asks for LineBlocks, text is given as records a few lines at a time, the rest held back:
 * after a header of one line and the rows its plan looks at (table/rows.ts) the rest comes as LineBlocks. Past
 * this many lines (a long title, blank lines) nothing more is held back. SVC_STATS_LINES=0 never gives
 * LineBlocks (the tests compare both ways).
 */
const RECORDS_BEFORE_LINES = 64;
const LINES_HELD_BACK_AFTER = 8;

/** The encoding is detected on this much of the input (all of any yearbook table). */
const DETECT_SIZE = 1 << 20;
/** …which is then read in pieces of this size, as the blocks after it are (io/sources/source.ts). */
const HEAD_PIECE = 64 << 10;

export function csvRecords(source: string, options: CsvOptions): RecordSource {
  const file = displayName(source);
  const records: { file: string; encoding?: string; lines: LineSwitch; [Symbol.asyncIterator]: () => AsyncIterator<RecordBatch> } = {
    file,
    lines: options.lines ?? { wanted: false },
    [Symbol.asyncIterator]: () => parseCsv(source, file, { ...options, lines: records.lines }, (encoding) => { records.encoding = encoding; })[Symbol.asyncIterator](),
  };
  return records;
}

async function* parseCsv(
  source: string, file: string, options: CsvOptions, onEncoding: (encoding: string) => void,
): AsyncGenerator<RecordBatch> {
  const input = await openBytes(source, options);
  const delimiter = options.delimiter ?? (/\.tsv$/i.test(source) ? '\t' : ',');
  const lenient = lenientClosingQuote(delimiter);
  // the common quoting — every quote opens or closes a cell holding no quote, delimiter or line break — is read
  // as its bytes without the quotes, by papaparse's fastMode, as fast as unquoted text
  // in GB18030 a second byte may be 0x40–0x7E: a delimiter byte there (| ~ or a letter) is found only in text,
  // which is known once the encoding is (startDecoding)
  let delimiterByte = delimiter.charCodeAt(0) < 0x80 ? delimiter.charCodeAt(0) : undefined;
  const stripQuotes = process.env['SVC_STATS_PARSER'] === 'csv-parse'
    ? undefined
    : (piece: Uint8Array): Uint8Array | undefined => (delimiterByte === undefined ? undefined : withoutSimpleQuotes(piece, delimiterByte));
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
  // batches ready before `batch`: records, then a LineBlock, in input order
  let ready: RecordBatch[] = [];
  // unquoted text held back until the consumer has seen the records before it (see RECORDS_BEFORE_LINES)
  let deferred: string | undefined;
  let linesAsRecords = 0;
  const linesAllowed = process.env['SVC_STATS_LINES'] !== '0';
  const linesWanted = (): boolean => linesAllowed && options.lines?.wanted === true;
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
    // papaparse drops a U+FEFF at the start of the text it is given: such text goes to csv-parse, which keeps it
    const records = text === '' ? [['']] : text.charCodeAt(0) === 0xfeff ? undefined
      : Papa.parse<string[]>(text, { delimiter, newline: '\n', quoteChar: '"', skipEmptyLines: false });
    if (records !== undefined && (Array.isArray(records) || (records.errors.length === 0 && !lenient.test(text) && !records.data.some(hasQuote)))) {
      for (const record of Array.isArray(records) ? records : records.data) handle(record);
      return;
    }
    // csv-parse's rules and messages: a quote inside an unquoted cell, text after a closing quote, an open quote
    await startCsvParse();
    parser!.write(`${text}\n`);
    drain();
  };
  // lineFeeds: the line feeds in `given`, when the decoder has counted them
  const feed = async (given: string, final = false, unquoted = false, bytes = false, lineFeeds?: number): Promise<void> => {
    if (parser?.errored) return;
    if (deferred !== undefined) {
      // text held back comes first
      const rest = deferred;
      deferred = undefined;
      await feed(rest);
    }
    // a byte string goes on as one only in a LineBlock
    const blockOfBytes = bytes && linesWanted() && parser === undefined && (unquoted || (!quoted && !given.includes('"')));
    let text = bytes && !blockOfBytes ? decodeBytes(given) : given;
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
      if (linesWanted()) {
        if (batch.length > 0) ready.push(take());
        ready.push({ kind: 'lines', text, line, delimiter, decode: bytes ? decodeBytes : same, bytes });
        // decoding a byte string changes no line feed: the decoder's count holds for `text`
        const lines = lineFeeds === undefined ? countLines(text) : lineFeeds + (text.endsWith('\n') ? 0 : 1);
        line += lines;
        addProgress(0, lines);
        return;
      }
      if (options.lines !== undefined && linesAllowed && linesAsRecords < RECORDS_BEFORE_LINES) {
        // the consumer may ask for LineBlocks once it has read the header: the rest of the text waits for it
        linesAsRecords += LINES_HELD_BACK_AFTER;
        const cut = afterLines(text, LINES_HELD_BACK_AFTER);
        if (cut < text.length) {
          deferred = text.slice(cut);
          text = text.slice(0, cut);
        }
      }
      // unquoted text is split as papaparse's fastMode splits it, without its dropping of a U+FEFF at the start of
      // each piece it is given (where pieces start is the reader's business, not the file's)
      const lines = text.endsWith('\n') ? text.slice(0, -1) : text;
      for (const line of lines.split('\n')) handle(line.split(delimiter), false);
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
  /** Everything ready, in order. */
  const takeAll = (): RecordBatch[] => {
    const all = ready;
    ready = [];
    if (batch.length > 0) all.push(take());
    return all;
  };
  /** The text held back, fed now that the consumer has read what came before it (and perhaps asked for lines). */
  async function* takeDeferred(): AsyncGenerator<RecordBatch> {
    while (deferred !== undefined) {
      const text = deferred;
      deferred = undefined;
      await feed(text);
      yield* takeAll();
    }
  }
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
  /**
   * The decoder, once the first MiB is here to detect the encoding on; then that MiB is read a block at a time,
   * as the rest is, so that the blocks after the consumer's first rows may come as byte strings.
   */
  async function* startDecoding(): AsyncGenerator<RecordBatch> {
    const first = Buffer.concat(head);
    const detected = withFile(() => detectEncoding(first, options.encoding), file);
    if (detected.encoding === 'gb18030' && delimiterByte !== undefined && delimiterByte >= 0x40) delimiterByte = undefined;
    onEncoding(DISPLAY_NAME[detected.encoding] + (detected.bomLength > 0 ? ' with BOM' : ''));
    const range = options.range;
    const rangeShift = range === undefined ? undefined : { from: range.headerEnd, by: range.start - range.headerEnd };
    decoder = new PieceDecoder(detected, file, { autoDetected, rangeShift });
    head = [];
    for (let at = detected.bomLength; at < first.length; at += HEAD_PIECE) {
      await feed(...push(first.subarray(at, Math.min(at + HEAD_PIECE, first.length))));
      if (parser?.errored) return;
      yield* takeAll();
      yield* takeDeferred();
    }
  }
  const decodeBytes = (bytes: string): string => decoder!.decodeBytes(bytes);
  /**
   * Decode a block, dropping simple quotes where a record starts the piece and csv-parse has not taken over; as
   * a byte string when it may become a LineBlock.
   */
  const push = (bytes: Uint8Array | undefined): [string, boolean, boolean, boolean, number] => {
    const unparsed = parser === undefined && carryLength === 0;
    decoder!.transform = unparsed ? stripQuotes : undefined;
    decoder!.bytes = unparsed && !quoted && linesWanted() && delimiterByte !== undefined;
    const text = bytes === undefined ? decoder!.end() : decoder!.push(bytes);
    return [text, bytes === undefined, decoder!.transformed && text !== '', decoder!.returnedBytes && text !== '', decoder!.lastLineFeeds];
  };

  try {
    try {
      for await (const bytes of input) {
        if (decoder === undefined) {
          head.push(Buffer.from(bytes)); // a copy: file blocks reuse one buffer
          headLength += bytes.length;
          if (headLength >= DETECT_SIZE) yield* startDecoding();
        } else {
          await feed(...push(bytes));
        }
        if (parser?.errored) break;
        yield* takeAll();
        yield* takeDeferred();
      }
      if (decoder === undefined) yield* startDecoding();
      await feed(...push(undefined));
      yield* takeAll();
      yield* takeDeferred();
    } catch (error) {
      throw inputError(error, file);
    }
    yield* takeAll();
    if (parser !== undefined && !parser.errored) {
      parser.end();
      await new Promise<void>((resolve) => {
        parser!.once('error', () => resolve());
        parser!.once('end', resolve);
        parser!.on('readable', drain);
        drain();
      });
      yield* takeAll();
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
export function withoutSimpleQuotes(given: Uint8Array, delimiter: number): Uint8Array | undefined {
  const length = given.length;
  // Buffer's indexOf is native (memchr); a plain Uint8Array's is a loop of the engine, 6× slower
  if (asBuffer(given).indexOf(0x22) === -1) return undefined;
  // the same loop in WebAssembly, 4× faster (io/byte-kernel.ts)
  const dropped = dropSimpleQuotesWasm(given, delimiter);
  if (dropped !== null) return dropped;
  // one kind of array for the loop (element access stays monomorphic), which does nothing else: a function that
  // also cut and allocated was optimised, then thrown back for the rest of its work, piece after piece
  const bytes = given.constructor === Uint8Array ? given : new Uint8Array(given.buffer, given.byteOffset, length);
  const out = new Uint8Array(length);
  const written = dropSimpleQuotes(bytes, out, delimiter);
  return written === -1 ? undefined : out.subarray(0, written);
}

/** The loop of withoutSimpleQuotes: the length written to `out`, or -1 when the bytes are not so simple. */
function dropSimpleQuotes(bytes: Uint8Array, out: Uint8Array, delimiter: number): number {
  const length = bytes.length;
  let written = 0;
  // at the start of a cell each time round
  for (let index = 0; index < length;) {
    if (bytes[index] === 0x22) {
      // quoted: no quote, delimiter or line break inside, then the cell's end
      let close = index + 1;
      for (; close < length; close += 1) {
        const inside = bytes[close]!;
        if (inside === 0x22) break;
        if (inside === delimiter || inside === 0x0a || inside === 0x0d) return -1;
        out[written++] = inside;
      }
      if (close === length) return -1;
      index = close + 1;
      if (index === length) break;
      const after = bytes[index]!;
      if (after !== delimiter && after !== 0x0a && after !== 0x0d) return -1;
      out[written++] = after;
      index += 1;
      continue;
    }
    // unquoted: up to and with the delimiter or line break that ends it; a quote in it is not simple
    for (; index < length; index += 1) {
      const byte = bytes[index]!;
      if (byte === 0x22) return -1;
      out[written++] = byte;
      if (byte === delimiter || byte === 0x0a || byte === 0x0d) {
        index += 1;
        break;
      }
    }
  }
  return written;
}

/** A cell with a quote in it: an escaped quote (exact either way) or a stray one, which only csv-parse refuses. */
function hasQuote(record: string[]): boolean {
  for (const cell of record) if (cell.includes('"')) return true;
  return false;
}

/** Just after the `count`th line feed of `text`, or its length. */
function afterLines(text: string, count: number): number {
  let at = -1;
  for (let seen = 0; seen < count; seen += 1) {
    at = text.indexOf('\n', at + 1);
    if (at === -1) return text.length;
  }
  return at + 1;
}

/** The bytes as a Buffer, without a copy. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

function same(text: string): string {
  return text;
}

/** The lines of unquoted text as papaparse splits it: a final line feed ends the last line, '' is no line. */
function countLines(text: string): number {
  return text === '' ? 0 : countLineBreaks(text) + (text.endsWith('\n') ? 0 : 1);
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
