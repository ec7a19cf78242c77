/**
 * What reports hand to the renderers. A report's table is language-neutral: columns have a stable English id
 * (the header of csv, tsv, json, ndjson) and a label in both languages (the header of table and md, chosen by
 * --lang when rendering); cells are text, numbers already formatted as exact decimal text (rounding happened in
 * the core), or null for a missing value. Data values never depend on the language.
 */

/** Anything a person reads, in both languages. */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

export type Lang = keyof Label;

export interface ReportColumn {
  /** stable English id: the header of machine formats */
  readonly id: string;
  /** the header of human formats */
  readonly label: Label;
  readonly kind: 'text' | 'number';
  /** coded cells (statuses, the total row's key): shown as their label in human formats, as the code elsewhere */
  readonly codes?: Readonly<Record<string, Label>>;
  /** a column for one kind of format only: both languages' labels in csv, one in a table */
  readonly only?: 'human' | 'machine';
}

export type OutputCell = string | null;

/** A report's cell: text, a number as exact decimal text, missing, or words in both languages (a machine format shows the English). */
export type ReportCell = OutputCell | Label;

export interface ReportTable {
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly (readonly ReportCell[])[];
  /** how many leading columns name a row (unit, indicator): a table split into blocks repeats them all; 1 when not given */
  readonly keys?: number;
}

/**
 * Where a report that streams its rows (coverage per row) hands them: the columns once, before the first row,
 * then each row as it is made (the array may be reused for the next row: whoever keeps a row copies it). `flush`
 * is called between batches of input; it settles once what was added is written, so a fast reader waits for a
 * slow output.
 */
export interface RowStream {
  begin(columns: readonly ReportColumn[]): void;
  add(row: readonly OutputCell[]): void;
  flush(): Promise<void>;
}

/** A table as one format shows it: headers and cells resolved for that format and language. */
export interface OutputColumn {
  readonly id: string;
  readonly label: string;
  readonly kind: 'text' | 'number';
}

export interface OutputTable {
  readonly columns: readonly OutputColumn[];
  readonly rows: readonly (readonly OutputCell[])[];
  /** an optional title line for human formats */
  readonly title?: string;
  /** how many leading columns name a row, repeated in every block of a split table (1 when not given) */
  readonly keys?: number;
}

export type Format = 'table' | 'csv' | 'tsv' | 'json' | 'ndjson' | 'md' | 'xlsx' | 'dta' | 'parquet';
export const FORMATS: readonly Format[] = ['table', 'csv', 'tsv', 'json', 'ndjson', 'md', 'xlsx', 'dta', 'parquet'];
/** The formats written as bytes (a workbook, a Stata dataset, a Parquet file): never onto a terminal. */
export type BinaryFormat = 'xlsx' | 'dta' | 'parquet';
/** The formats written as text. */
export type TextFormat = Exclude<Format, BinaryFormat>;

export function isBinaryFormat(format: Format): format is BinaryFormat {
  return format === 'xlsx' || format === 'dta' || format === 'parquet';
}

/**
 * A year column (`year`, 2007): a number in machine formats (JSON 2007), but never grouped by thousands as a
 * quantity is (2,007) by any format that groups.
 */
export function isYearColumn(column: { readonly id: string }): boolean {
  return column.id === 'year';
}

/** How human formats show a missing value. */
export const MISSING_MARK = '—';

/**
 * The report as a format shows it: human formats (table, md) get labels and decoded cells in `lang`, machine
 * formats the ids and the cells as they are.
 */
export function resolveTable(report: ReportTable, human: boolean, lang: Lang): OutputTable {
  const kept = report.columns.map((column, index) => ({ column, index }))
    .filter(({ column }) => column.only === undefined || column.only === (human ? 'human' : 'machine'));
  const columns = kept.map(({ column }) => ({ id: column.id, label: human ? column.label[lang] : column.id, kind: column.kind }));
  const rows = report.rows.map((row) => kept.map(({ column, index }) => {
    const cell = row[index] ?? null;
    if (cell !== null && typeof cell === 'object') return human ? cell[lang] : cell.en;
    return human && cell !== null && column.codes !== undefined ? column.codes[cell]?.[lang] ?? cell : cell;
  }));
  // the key columns that a machine or human format drops are not keys of what is left
  const keys = kept.filter(({ index }) => index < (report.keys ?? 1)).length;
  return keys > 1 ? { columns, rows, keys } : { columns, rows };
}
