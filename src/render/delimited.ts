/**
 * csv and tsv, quoted by papaparse's unparse rules (a test checks the two agree on random cells): a cell is
 * quoted when it holds the delimiter, a double quote, CR, LF or a BOM, or starts or ends with a space; quotes
 * are doubled. Text cells that a spreadsheet would run as a formula are neutralised (OWASP: prefix a single
 * quote) unless `raw`; numbers formatted by svc-stats are never touched. Written line by line, so that a report
 * streamed row by row (coverage per row) gives the bytes of the whole table rendered at once.
 */
import type { OutputCell, OutputColumn, OutputTable } from './model.js';

/** Leading characters that make Excel or LibreOffice Calc treat a cell as a formula, full-width forms included. */
const FORMULA_START = /^[\s\u3000]*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = { ',': /[\r\n"\uFEFF,]|^ | $/, '\t': /[\r\n"\uFEFF\t]|^ | $/ } as const;

export type Delimiter = ',' | '\t';

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The header line, LF-terminated. */
export function delimitedHeader(columns: readonly OutputColumn[], delimiter: Delimiter): string {
  const needsQuotes = NEEDS_QUOTES[delimiter];
  return `${columns.map((column) => quoted(column.id, needsQuotes)).join(delimiter)}\n`;
}

/**
 * A writer of one row as a line, LF-terminated: its pieces (cells, delimiters) pushed onto `into`, which its
 * caller joins once for many rows (a string built by += costs more to flatten than the pieces to join).
 */
export function delimitedLine(columns: readonly OutputColumn[], delimiter: Delimiter, raw: boolean): (row: readonly OutputCell[], into: string[]) => void {
  const needsQuotes = NEEDS_QUOTES[delimiter];
  const text = columns.map((column) => !raw && column.kind !== 'number');
  return (row, into) => {
    if (text.length === 0) into.push('\n');
    for (let index = 0; index < text.length; index += 1) {
      const cell = row[index] ?? null;
      if (cell !== null) into.push(quoted(text[index] ? neutralise(cell) : cell, needsQuotes));
      into.push(index === text.length - 1 ? '\n' : delimiter);
    }
  };
}

function quoted(text: string, needsQuotes: RegExp): string {
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Pieces gathered before they are joined into one string: a wide table (compare of many editions) never holds a piece per cell of every row at once. */
const JOIN_PIECES = 1 << 16;

export function renderDelimited(table: OutputTable, delimiter: Delimiter, raw: boolean): string {
  const line = delimitedLine(table.columns, delimiter, raw);
  const joined = [delimitedHeader(table.columns, delimiter)];
  let pieces: string[] = [];
  for (const row of table.rows) {
    line(row, pieces);
    if (pieces.length >= JOIN_PIECES) {
      joined.push(pieces.join(''));
      pieces = [];
    }
  }
  joined.push(pieces.join(''));
  return joined.join('');
}

// UTF-8 bytes of text cells that repeat (the labels of a register): encoded once
const ENCODED_LIMIT = 4096;
const UTF8 = new TextEncoder();

/**
 * The same lines written straight into bytes, for a report streamed row by row: a cell of printable ASCII that
 * needs no quote and no neutralising (digits, most ids) is copied byte by byte, any other cell takes
 * delimitedLine's rules and is encoded (a test checks both give the same bytes).
 */
export class DelimitedBytes {
  private buffer = Buffer.allocUnsafe(1 << 18);
  private length = 0;
  private readonly encoded = new Map<string, Uint8Array>();
  private readonly text: readonly boolean[];
  private readonly delimiterCode: number;
  private readonly needsQuotes: RegExp;

  constructor(columns: readonly OutputColumn[], delimiter: Delimiter, raw: boolean) {
    this.text = columns.map((column) => !raw && column.kind !== 'number');
    this.delimiterCode = delimiter.charCodeAt(0);
    this.needsQuotes = NEEDS_QUOTES[delimiter];
  }

  /** Text written as it is (a header, a BOM). */
  write(text: string): void {
    this.put(UTF8.encode(text));
  }

  row(row: readonly OutputCell[]): void {
    const { text } = this;
    if (text.length === 0) this.byte(10);
    for (let index = 0; index < text.length; index += 1) {
      const cell = row[index] ?? null;
      if (cell !== null && !this.plain(cell, text[index]!)) this.put(this.bytesOf(quoted(text[index] ? neutralise(cell) : cell, this.needsQuotes)));
      this.byte(index === text.length - 1 ? 10 : this.delimiterCode);
    }
  }

  /** The bytes written since the last take, in a buffer of their own (the working one is reused). */
  take(): Uint8Array {
    const bytes = Buffer.from(this.buffer.subarray(0, this.length));
    this.length = 0;
    return bytes;
  }

  /** Copies a cell of printable ASCII that no rule changes; false, having written nothing, for any other. */
  private plain(cell: string, text: boolean): boolean {
    const length = cell.length;
    if (length === 0) return true;
    // a text cell starting with = + - @ is neutralised
    const first = cell.charCodeAt(0);
    if (text && (first === 61 || first === 43 || first === 45 || first === 64)) return false;
    this.room(length);
    const { buffer, delimiterCode } = this;
    let at = this.length;
    for (let index = 0; index < length; index += 1) {
      const code = cell.charCodeAt(index);
      // blanks, controls, quotes, the delimiter and non-ASCII take the rules
      if (code <= 32 || code >= 127 || code === 34 || code === delimiterCode) return false;
      buffer[at++] = code;
    }
    this.length = at;
    return true;
  }

  private bytesOf(shown: string): Uint8Array {
    let bytes = this.encoded.get(shown);
    if (bytes === undefined) {
      bytes = UTF8.encode(shown);
      if (this.encoded.size < ENCODED_LIMIT && shown.length <= 64) this.encoded.set(shown, bytes);
    }
    return bytes;
  }

  private put(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  private byte(code: number): void {
    this.room(1);
    this.buffer[this.length++] = code;
  }

  private room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(larger, 0, 0, this.length);
    this.buffer = larger;
  }
}
