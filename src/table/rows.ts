/**
 * Records → rows of exact measure values: the header record is planned (header-plan.ts), every later record is
 * checked against it and its cells read by the rules of its measure. Streams: a row is seen once and let go.
 */
import { SvcError } from '../errors.js';
import type { Rational } from '../exact/rational.js';
import { isInteger, scale10 } from '../exact/rational.js';
import type { MeasureDefinition } from '../catalogue/measures.js';
import type { RecordSource } from '../io/csv/records.js';
import type { HeaderPlan, MeasureColumn } from './header-plan.js';
import { ROWS_ARE_INDEX, planHeader } from './header-plan.js';
import { isInvalid, parseNumberCell, shorten } from './cells.js';

export interface TableOptions {
  readonly measures: readonly MeasureDefinition[];
  /** --rows-are: each row counts as one of this measure (a community-level register) */
  readonly rowsAre?: string | undefined;
  /** the --by column, which labels rows only when no other label column exists */
  readonly groupColumn?: string | undefined;
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
  readonly plan: HeaderPlan;
  readonly rows: readonly DataRow[];
}

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Read a whole table into memory: for commands that print one row per input row. */
export async function readTable(records: RecordSource, options: TableOptions): Promise<Table> {
  const rows: DataRow[] = [];
  const plan = await scanTable(records, options, (row) => rows.push(row));
  return { file: records.file, plan, rows };
}

/** Read a table row by row: `onRow` sees each row once, in order, and keeps what it needs. */
export async function scanTable(
  records: RecordSource,
  options: TableOptions,
  onRow: (row: DataRow, plan: HeaderPlan) => void,
): Promise<HeaderPlan> {
  const file = records.file;
  return scanCells(records, options, (cells, line, plan) => onRow(toRow(cells, line, plan, file), plan));
}

/**
 * The rows as raw cells, after the header is planned and the row's width checked: for hot loops that convert
 * only what they need (see engine/aggregate.ts), with readCell and rowLabel applying the same rules as scanTable.
 */
export async function scanCells(
  records: RecordSource,
  options: TableOptions,
  onCells: (cells: string[], line: number, plan: HeaderPlan) => void,
): Promise<HeaderPlan> {
  const file = records.file;
  let plan: HeaderPlan | undefined;
  let rowCount = 0;
  for await (const batch of records) {
    for (const { cells, line } of batch) {
      if (plan === undefined) {
        plan = planHeader(cells, options.measures, file, options.groupColumn, options.rowsAre);
        continue;
      }
      if (cells.length !== plan.headers.length) {
        throw new SvcError('RAGGED_ROW',
          `the row has ${cells.length} cells but the header has ${plan.headers.length}`,
          { file, line, column: Math.min(cells.length, plan.headers.length) + 1 });
      }
      onCells(cells, line, plan);
      rowCount += 1;
    }
  }
  if (plan === undefined) {
    throw new SvcError('EMPTY_INPUT', 'the input is empty: no header row', { file },
      'the first row must name the columns');
  }
  if (rowCount === 0) throw new SvcError('NO_DATA', 'the input has a header but no data rows', { file, line: 1 });
  return plan;
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
