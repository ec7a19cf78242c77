/**
 * The one error type of svc-stats. Core code throws it; only src/cli.ts prints it and chooses the exit code.
 * Tests assert `code`, which is stable; the message may be reworded.
 */
export type ErrorCode =
  | 'USAGE' // bad option, unknown indicator id, bad --decimals
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE' // permissions, a directory, an I/O error
  | 'ENCODING' // bytes invalid in the chosen encoding
  | 'EMPTY_INPUT' // no header at all
  | 'NO_DATA' // a header but no data rows
  | 'CSV_SYNTAX' // unclosed quote and other malformed CSV
  | 'RAGGED_ROW' // a row with more or fewer cells than the header
  | 'HEADER' // duplicate header, two headers for one measure, no measure column, unknown unit
  | 'NOT_A_NUMBER'
  | 'NEGATIVE_COUNT'
  | 'FRACTIONAL_COUNT'
  | 'BAD_LABEL' // control characters in a label
  | 'CATALOGUE' // a malformed --indicators-file
  | 'UNIT_MISMATCH' // a header's unit of the wrong kind: 社区数（元）
  | 'DUPLICATE_ROW' // two rows of one unit and year
  | 'NO_LABEL' // pairing or grouping units in a file with no label column
  | 'NO_PARTS' // --totals with no part rows
  | 'NO_INDICATOR' // coverage: the input supports none of the indicators asked for
  | 'UNKNOWN_ID' // an indicator or measure id that the catalogue lacks, in a figures file
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

  /** `FILE:LINE:COLUMN: message (hint)` as far as the location is known. */
  describe(): string {
    const { file, line, column } = this.location;
    const where = [file, line, line !== undefined ? column : undefined].filter((part) => part !== undefined);
    const prefix = where.length > 0 ? `${where.join(':')}: ` : '';
    return `${prefix}${this.message}${this.hint ? ` (${this.hint})` : ''}`;
  }
}

/** Exit codes: 0 success, 1 a check failed (verify, or a warning under --strict), 2 bad input or usage, 130 interrupted. */
export const EXIT = { ok: 0, checkFailed: 1, badInput: 2, interrupted: 130 } as const;
