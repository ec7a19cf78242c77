/**
 * The one way in: a source (path or `-`) → its records. Every input kind yields the same RecordSource, so
 * header planning and the engine never know where records come from.
 *
 * What a source is, is decided by its first 64 KiB, not by its name, for files and standard input alike: an
 * .xlsx, .xls or .ods workbook is read as its sheet's records; a PDF, an HTML page or UTF-16 without a BOM is
 * refused with what it looks like; anything else is CSV text, whose delimiter is sniffed when none is given
 * and its first line has no comma (csv/sniff.ts).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SvcError } from '../errors.js';
import type { CsvOptions, LineSwitch, RecordBatch, RecordSource } from './csv/records.js';
import { csvRecords } from './csv/records.js';
import { DELIMITER_NAMES, sniffDelimiter } from './csv/sniff.js';
import { notice } from './notices.js';
import type { Encoding } from './sources/encoding.js';
import { detectEncoding } from './sources/encoding.js';
import { displayName, inputError, isStream, readAllBytes, streamOf } from './sources/source.js';
import { BINARY_KIND_MESSAGES, readWorkbookRecords, sniffBinaryKind } from './xlsx.js';

export type { InputRecord, LineBlock, RecordBatch, RecordSource } from './csv/records.js';
export { isLineBlock, recordsOf } from './csv/records.js';

export interface RecordOptions extends CsvOptions {
  /** --sheet: the sheet of a workbook to read, by name or number (default: the first visible one) */
  readonly sheet?: string | undefined;
  /** --sheets all: every visible sheet of a workbook as one table */
  readonly allSheets?: boolean | undefined;
}

/** How much of a source decides its kind and its delimiter: the zip part names of an .xlsx are within it. */
export const SNIFF_SIZE = 64 << 10;

export function openRecords(source: string, options: RecordOptions): RecordSource {
  const file = displayName(source);
  const records: { file: string; encoding?: string; lines: LineSwitch; [Symbol.asyncIterator]: () => AsyncIterator<RecordBatch> } = {
    file,
    // an .xlsx sheet never gives LineBlocks: setting it changes nothing there
    lines: { wanted: false },
    [Symbol.asyncIterator]: () => readRecords(source, file, { ...options, lines: records.lines }, (encoding) => { records.encoding = encoding; })[Symbol.asyncIterator](),
  };
  return records;
}

/** The CSV reader's records, passing on the encoding it detected. */
async function* csvWithEncoding(source: string, options: CsvOptions, onEncoding: (encoding: string) => void): AsyncGenerator<RecordBatch> {
  const records = csvRecords(source, options);
  for await (const batch of records) {
    if (records.encoding !== undefined) onEncoding(records.encoding);
    yield batch;
  }
  if (records.encoding !== undefined) onEncoding(records.encoding);
}

async function* readRecords(source: string, file: string, options: RecordOptions, onEncoding: (encoding: string) => void): AsyncGenerator<RecordBatch> {
  const { sheet, allSheets, ...csvOptions } = options;
  if (options.range !== undefined) {
    // a worker's byte range of a large CSV file: the main thread has looked at the file; only the delimiter is sniffed again
    const delimiter = options.delimiter ?? sniffedDelimiter(source, file, (await headOf(source, file, options)).bytes, options, false);
    yield* csvWithEncoding(source, { ...csvOptions, delimiter }, onEncoding);
    return;
  }
  const head = await headOf(source, file, options);
  // UTF-16 without a BOM is read when asked for by --encoding utf16le
  const sniffed = sniffBinaryKind(head.bytes);
  const kind = sniffed === 'utf16-no-bom' && options.encoding === 'utf16le' ? undefined : sniffed;
  if (kind === 'xlsx' || kind === 'xls' || kind === 'ods') {
    const bytes = head.stdin !== undefined ? await readAllBytes(source, { stdin: head.stdin }) : await readAllBytes(source);
    const { records, sheetName, notes } = await readWorkbookRecords(bytes, file, kind, { sheet, allSheets });
    for (const note of notes) notice(note);
    onEncoding(`${kind}, sheet ${sheetName}`);
    yield records;
    return;
  }
  if (kind !== undefined) {
    const { message, hint } = BINARY_KIND_MESSAGES[kind];
    throw new SvcError(kind === 'utf16-no-bom' ? 'ENCODING' : 'FILE_TYPE', message, { file }, hint);
  }
  if (looksLikeJsonArray(head.bytes)) {
    // svc-stats' own json output (an array of flat objects) read back: its keys are the header
    const bytes = source === '-' ? await readAllBytes(source, { stdin: head.stdin }) : await readAllBytes(source);
    onEncoding('json');
    yield jsonRecords(bytes, file);
    return;
  }
  if (sheet !== undefined || allSheets === true) {
    throw new SvcError('USAGE', `${sheet !== undefined ? '--sheet' : '--sheets'} is for workbooks (.xlsx, .xls, .ods), and this is CSV text`, { file });
  }
  const delimiter = options.delimiter ?? sniffedDelimiter(source, file, head.bytes, options, true);
  yield* csvWithEncoding(source, { ...csvOptions, delimiter, ...(head.stdin ? { stdin: head.stdin } : {}) }, onEncoding);
}

/** stream.Readable.from, loaded when a stream is read: node:stream costs ~1 ms of a start that reads a file. */
const readableFrom = (chunks: AsyncIterable<Buffer>): NodeJS.ReadableStream =>
  (createRequire(import.meta.url)('node:stream') as typeof import('node:stream')).Readable.from(chunks);

/**
 * The first SNIFF_SIZE bytes of a source (fewer if it is shorter). Standard input, and any path that is not a
 * regular file (a pipe, a FIFO, `<(…)`, /dev/stdin on a pipe), cannot be read twice: it is opened once, its
 * first bytes are kept and given back, followed by the rest, as `stdin` for the reader.
 */
async function headOf(source: string, file: string, options: RecordOptions): Promise<{ bytes: Uint8Array; stdin?: NodeJS.ReadableStream }> {
  if (source === '-' || options.stdin !== undefined || isStream(source)) {
    const input = (options.stdin ?? streamOf(source)) as AsyncIterable<Uint8Array>;
    const iterator = input[Symbol.asyncIterator]();
    const chunks: Buffer[] = [];
    let length = 0;
    let done = false;
    while (length < SNIFF_SIZE) {
      const next = await iterator.next();
      if (next.done === true) {
        done = true;
        break;
      }
      const chunk = Buffer.from(next.value);
      chunks.push(chunk);
      length += chunk.length;
    }
    async function* replay(): AsyncGenerator<Buffer> {
      yield* chunks;
      if (done) return;
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield Buffer.from(next.value);
    }
    return { bytes: Buffer.concat(chunks, length).subarray(0, SNIFF_SIZE), stdin: readableFrom(replay()) };
  }
  // not a stream: a regular file (or a directory, refused below), read synchronously
  let fd: number | undefined;
  try {
    fd = openSync(source, 'r');
    const buffer = Buffer.alloc(SNIFF_SIZE);
    const bytesRead = readSync(fd, buffer, 0, SNIFF_SIZE, 0);
    return { bytes: buffer.subarray(0, bytesRead) };
  } catch (error) {
    // a missing file or a directory: the CSV reader reports it with its usual words
    if (['ENOENT', 'EISDIR', 'EACCES', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')) return { bytes: new Uint8Array() };
    throw inputError(error, file);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const DECODER_NAME: Record<Encoding, string> = { utf8: 'utf-8', gb18030: 'gb18030', utf16le: 'utf-16le' };

/**
 * The delimiter for CSV text given without --delimiter: tab for a .tsv name, else the comma unless the first
 * line has none and has semicolons, tabs or bars (named in a note when `tell`). Bytes that do not decode are
 * left to the reader, which reports them where they are.
 */
function sniffedDelimiter(source: string, file: string, head: Uint8Array, options: RecordOptions, tell: boolean): string | undefined {
  if (/\.tsv$/i.test(source)) return undefined;
  let text: string;
  try {
    const { encoding, bomLength } = detectEncoding(head, options.encoding);
    // not fatal, and streaming: the cut at SNIFF_SIZE may fall inside a character
    text = new TextDecoder(DECODER_NAME[encoding]).decode(head.subarray(bomLength), { stream: true });
  } catch {
    return undefined;
  }
  const delimiter = sniffDelimiter(text);
  if (delimiter !== undefined && tell) {
    notice(`${file}: read as separated by ${DELIMITER_NAMES[delimiter]}: its first line has no comma (--delimiter sets it)`);
  }
  return delimiter;
}

/** A JSON array, as svc-stats writes with -f json: its first character (after a BOM and blanks) is `[`. */
function looksLikeJsonArray(head: Uint8Array): boolean {
  let at = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (at < head.length && (head[at] === 0x20 || head[at] === 0x0a || head[at] === 0x0d || head[at] === 0x09)) at += 1;
  return head[at] === 0x5b && head[at + 1] !== 0x5d; // `[`, not `[]` alone (an empty array is read as CSV text and refused as empty)
}

/**
 * Records of a JSON array of flat objects: the keys (in order of first appearance) are the header, each object
 * a row; numbers as their shortest decimal text, null as an empty cell. A nested value, a number beyond 2^53
 * (no longer exact once parsed) or text that is not JSON is an error naming the file.
 */
function jsonRecords(bytes: Uint8Array, file: string): { cells: string[]; line: number }[] {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    throw new SvcError('CSV_SYNTAX', 'starts as a JSON array but is not valid UTF-8 JSON', { file }, 'give a JSON array of objects, as svc-stats -f json writes, or CSV text');
  }
  if (!Array.isArray(value) || !value.every((row) => typeof row === 'object' && row !== null && !Array.isArray(row))) {
    throw new SvcError('CSV_SYNTAX', 'a JSON input must be an array of objects, one a row', { file });
  }
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const row of value as Record<string, unknown>[]) for (const key of Object.keys(row)) if (!seen.has(key)) { seen.add(key); keys.push(key); }
  const records = [{ cells: keys, line: 1 }];
  (value as Record<string, unknown>[]).forEach((row, index) => {
    records.push({
      line: index + 2,
      cells: keys.map((key) => {
        const cell = row[key];
        if (cell === null || cell === undefined) return '';
        if (typeof cell === 'string') return cell;
        if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
        if (typeof cell === 'number') {
          if (Number.isInteger(cell) && !Number.isSafeInteger(cell)) {
            throw new SvcError('NOT_A_NUMBER', `row ${index + 1}, ${key}: ${cell} is beyond 2^53 and no longer exact once read as JSON`, { file }, 'give the table as CSV');
          }
          return String(cell).includes('e') ? cell.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : String(cell);
        }
        throw new SvcError('CSV_SYNTAX', `row ${index + 1}, ${key}: a nested value, not a cell`, { file });
      }),
    });
  });
  return records;
}
