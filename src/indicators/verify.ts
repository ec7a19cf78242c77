/**
 * `verify --expected`: recompute published figures and say, for each, whether it is reproduced when the exact
 * value is rounded to the digits printed — and, when not, under which rounding rule it would be, or by how much
 * it differs. Pure: takes the table and the figures, returns rows.
 */
import { SvcError } from '../errors.js';
import type { Rational, RoundingMode } from '../exact/rational.js';
import { compare, roundToString, subtract, toSignificant } from '../exact/rational.js';
import type { DataRow, Table } from '../io/reader.js';
import { isInvalid, parseNumberCell } from '../io/numbers.js';
import type { Catalogue } from './evaluate.js';
import { evaluate } from './evaluate.js';
import { rowValues } from './coverage.js';
import { sameUnit } from './units.js';

export interface ExpectedFigure {
  readonly line: number;
  /** an indicator or measure id */
  readonly id: string;
  readonly unit: string | undefined;
  readonly year: string | undefined;
  /** as printed */
  readonly expected: string;
  readonly source: string | undefined;
}

export type FigureStatus = 'match' | 'mismatch' | 'missing';

export interface FigureCheck {
  readonly figure: ExpectedFigure;
  readonly recomputed: string | null;
  /** the exact unrounded value, 6 significant digits */
  readonly exact: string | null;
  readonly status: FigureStatus;
  /** for a mismatch: the rounding rules under which the figure would match */
  readonly matchesUnder: readonly RoundingMode[];
  /** for a mismatch no rule explains: recomputed − expected, in the printed unit */
  readonly difference: string | null;
  /** why a figure is missing */
  readonly reason: string | null;
}

export const DIAGNOSTIC_RULES: readonly RoundingMode[] = ['half-up', 'half-even', 'truncate', 'ceiling'];

/** Decimal places a printed figure shows: `5.67` → 2, `7031` → 0, `56,212` → 0. */
export function printedDecimals(text: string): number {
  const normal = text.normalize('NFKC').trim();
  const point = normal.indexOf('.');
  return point === -1 ? 0 : normal.length - point - 1;
}

export function parseFigure(text: string, location: { file: string; line: number; column: number }): Rational {
  const value = parseNumberCell(text);
  if (value === null) throw new SvcError('NOT_A_NUMBER', 'the expected figure is empty', location);
  if (isInvalid(value)) throw new SvcError('NOT_A_NUMBER', `expected figure ${value.invalid}`, location);
  return value;
}

function findRows(table: Table, figure: ExpectedFigure): { rows: DataRow[]; reason: string | null } {
  let rows = [...table.rows];
  if (figure.year !== undefined) rows = rows.filter((row) => row.year !== undefined && row.year === figure.year);
  if (figure.unit !== undefined) rows = rows.filter((row) => row.label !== undefined && sameUnit(row.label, figure.unit!));
  if (rows.length === 0) {
    const what = [figure.unit && `unit '${figure.unit}'`, figure.year && `year ${figure.year}`].filter(Boolean).join(', ');
    return { rows, reason: `no row of ${table.file} matches ${what || 'the figure'}` };
  }
  if (rows.length > 1) return { rows, reason: `more than one row of ${table.file} matches: give unit and year` };
  return { rows, reason: null };
}

/**
 * Whether a row can be the one a figure names: the rows verify keeps while reading, so that a large file is not
 * held in memory. A figure without a unit keeps the first two rows (enough to tell one row from several).
 */
export function rowFilter(figures: readonly ExpectedFigure[]): (label: string | undefined, kept: number) => boolean {
  const units = figures.flatMap((figure) => (figure.unit === undefined ? [] : [figure.unit]));
  const anyWithoutUnit = figures.some((figure) => figure.unit === undefined);
  return (label, kept) =>
    (anyWithoutUnit && kept < 2) || (label !== undefined && units.some((unit) => sameUnit(label, unit)));
}

export function checkFigures(
  table: Table,
  catalogue: Catalogue,
  figures: readonly ExpectedFigure[],
  mode: RoundingMode,
  tolerance: Rational | undefined,
  file: string,
): FigureCheck[] {
  return figures.map((figure) => {
    const indicator = catalogue.indicators.find((candidate) => candidate.id === figure.id);
    const measure = catalogue.measures.find((candidate) => candidate.id === figure.id);
    if (indicator === undefined && measure === undefined) {
      throw new SvcError('UNKNOWN_ID', `'${figure.id}' is neither an indicator nor a measure`, { file, line: figure.line, column: 1 },
        "see 'svc-stats indicators' and 'svc-stats measures'");
    }
    const expected = parseFigure(figure.expected, { file, line: figure.line, column: 1 });
    const missing = (reason: string): FigureCheck =>
      ({ figure, recomputed: null, exact: null, status: 'missing', matchesUnder: [], difference: null, reason });

    const { rows, reason } = findRows(table, figure);
    if (reason !== null) return missing(reason);
    const values = rowValues(table, rows[0]!.values);
    let exact: Rational;
    if (indicator !== undefined) {
      const outcome = evaluate(indicator, values);
      if ('missing' in outcome) {
        return missing(outcome.missing === 'zero-denominator'
          ? `the denominator ${indicator.denominator} is zero`
          : `${table.file} lacks ${values.has(indicator.numerator) ? indicator.denominator : indicator.numerator}`);
      }
      exact = outcome.value;
    } else {
      const value = values.get(measure!.id);
      if (value == null) return missing(`${table.file} has no value for ${measure!.id}`);
      exact = value;
    }

    const decimals = printedDecimals(figure.expected);
    const recomputed = roundToString(exact, decimals, mode);
    const gap = subtract(parseFigure(recomputed, { file, line: figure.line, column: 1 }), expected);
    const absoluteGap = gap.n < 0n ? { n: -gap.n, d: gap.d } : gap;
    const matches = gap.n === 0n || (tolerance !== undefined && compare(absoluteGap, tolerance) <= 0);
    const base = { figure, recomputed, exact: toSignificant(exact, 6), reason: null };
    if (matches) return { ...base, status: 'match', matchesUnder: [], difference: null };
    const matchesUnder = DIAGNOSTIC_RULES.filter((rule) =>
      compare(parseFigure(roundToString(exact, decimals, rule), { file, line: figure.line, column: 1 }), expected) === 0);
    const difference = matchesUnder.length > 0 ? null : roundToString(gap, decimals, 'half-up');
    return { ...base, status: 'mismatch', matchesUnder, difference };
  });
}
