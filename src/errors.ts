import { printable } from './printable.js';
/**
 * The one error type of svc-stats. Core code throws it; only src/cli.ts prints it and chooses the exit code.
 * Tests assert `code`, which is stable; the message may be reworded.
 */
export type ErrorCode =
  | 'USAGE' // bad option, unknown indicator id, bad --decimals
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE' // permissions, a directory, an I/O error
  | 'FILE_TYPE' // not a table file svc-stats reads: PDF, an HTML page, a zip that is no workbook
  | 'ENCRYPTED' // a workbook protected by a password to open
  | 'ENCODING' // bytes invalid in the chosen encoding
  | 'EMPTY_INPUT' // no header at all
  | 'NO_DATA' // a header but no data rows
  | 'CSV_SYNTAX' // unclosed quote and other malformed CSV
  | 'RAGGED_ROW' // a row with more or fewer cells than the header
  | 'HEADER' // duplicate header, two headers for one measure, no measure column, unknown unit
  | 'NOT_A_NUMBER'
  | 'NEGATIVE_COUNT'
  | 'NEGATIVE_VALUE' // describe or equity: a negative value or weight, for which the statistics mean nothing
  | 'TOO_LARGE' // describe or equity: a value beyond what a double holds (1.8e308): exact sums allow it, statistics do not
  | 'FRACTIONAL_COUNT'
  | 'BAD_LABEL' // control characters in a label, group or year cell
  | 'BAD_YEAR' // a year cell that is not a year of four digits
  | 'CATALOGUE' // a malformed --indicators-file
  | 'UNIT_MISMATCH' // a header's unit of the wrong kind: 社区数（元）
  | 'DUPLICATE_ROW' // two rows of one unit and year
  | 'NO_LABEL' // pairing or grouping units in a file with no label column
  | 'NO_PARTS' // --totals with no part rows
  | 'NO_INDICATOR' // coverage: the input supports none of the indicators asked for
  | 'SQL_LAYOUT' // sql: a sheet layout (title rows, a header of several rows, footnotes) that SQL cannot read
  | 'TOO_MANY_ROWS' // a human format (table, md, xlsx) of a streamed report, or coverage's held rows, beyond the rows it holds
  | 'UNKNOWN_ID' // an indicator or measure id that the catalogue lacks, in a figures file
  | 'UNKNOWN_UNIT' // a label that should name a known unit (a province, for --by region) and does not
  | 'OUTPUT'; // --output into a missing folder, onto the input, or a failed write

export interface Location {
  file?: string;
  line?: number;
  column?: number;
}

export class SvcError extends Error {
  readonly code: ErrorCode;
  readonly location: Location;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, location: Location = {}, hint?: string) {
    super(message);
    this.name = 'SvcError';
    this.code = code;
    this.location = location;
    this.hint = hint;
  }

  /**
   * `FILE:LINE:COLUMN: message (hint)` as far as the location is known, one line of at most MESSAGE_LIMIT
   * characters: a quoted cell or id is cut to QUOTE_LIMIT characters with `…`, then the whole line if need be.
   */
  describe(): string {
    const { file, line, column } = this.location;
    const where = [file, line, line !== undefined ? column : undefined].filter((part) => part !== undefined);
    const oneLine = (text: string): string => printable(text.replace(/[\r\n]+/g, ' '));
    const prefix = cut(where.length > 0 ? oneLine(`${where.join(':')}: `) : '', 120);
    const message = cut(shortenQuotes(oneLine(this.message)), Math.max(60, DESCRIBE_LIMIT - prefix.length - 40));
    const room = DESCRIBE_LIMIT - prefix.length - message.length - 3;
    const hint = this.hint ? ` (${cut(shortenQuotes(oneLine(this.hint)), Math.max(20, room))})` : '';
    return `${prefix}${message}${hint}`;
  }
}

export { printable };

/** The longest line an error prints, `svc-stats: ` included; 3 MB labels must not become 3 MB messages. */
export const MESSAGE_LIMIT = 300;
/** What describe() may take of it. */
const DESCRIBE_LIMIT = MESSAGE_LIMIT - 'svc-stats: '.length;
/** The longest quoted cell or id in a message. */
export const QUOTE_LIMIT = 60;

function cut(text: string, limit: number): string {
  const characters = [...text];
  return characters.length <= limit ? text : `${characters.slice(0, limit - 1).join('')}…`;
}

/** `'a very long cell…'`: every quoted part of a message cut to QUOTE_LIMIT characters. */
function shortenQuotes(text: string): string {
  return text.replace(/'([^']{61,})'/g, (_match, quoted: string) => `'${cut(quoted, QUOTE_LIMIT)}'`);
}

/** Any text printed as one diagnostic line (commander's own messages too): quotes and length cut, one line. */
export function messageLine(text: string): string {
  return cut(shortenQuotes(printable(text.replace(/\s*[\r\n]+\s*/g, ' '))), DESCRIBE_LIMIT);
}

/** Exit codes of a run that ends normally: 0 success, 1 a check failed (verify, or a warning under --strict), 2 bad input or usage. bin/svc-stats.js
 * exits 130 and 143 on SIGINT and SIGTERM; src/cli.ts 70 on an internal error. */
export const EXIT = { ok: 0, checkFailed: 1, badInput: 2 } as const;
