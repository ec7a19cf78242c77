/**
 * `verify --expected`: recompute published figures and say, for each, whether it is reproduced when the exact
 * value is rounded to the digits printed — and, when not, under which rounding rule it would be, or by how much
 * it differs. Pure: takes the table and the figures, returns rows.
 */
import { SvcError } from '../errors.js';
import type { Rational, RoundingMode } from '../exact/rational.js';
import { compare, pow10, roundToString, subtract, toSignificant } from '../exact/rational.js';
import type { MeasureDefinition } from '../catalogue/measures.js';
import { BASE_UNIT_DIMENSIONS, DIMENSION_UNITS, UNIT_PREFIXES } from '../catalogue/measures.js';
import { parseUnit } from '../table/header-plan.js';
import type { DataRow, Table } from '../table/rows.js';
import { scanTable } from '../table/rows.js';
import { isInvalid, parseNumberCell } from '../table/cells.js';
import { normaliseName } from '../catalogue/names.js';
import type { ReadOptions } from '../engine/read-options.js';
import type { RecordSource } from '../io/records.js';
import { openRecords, recordsOf } from '../io/records.js';
import { STATUS_CODES, labelled } from '../render/labels.js';
import type { ReportColumn, ReportTable } from '../render/model.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { evaluate, formulaText, inputsOf } from '../catalogue/catalogue.js';
import { rowValues } from './coverage.js';
import { sameUnit } from '../catalogue/row-labels.js';
import { FIRST_YEAR, LAST_YEAR, isAcceptedYear, normaliseYear } from '../catalogue/columns.js';
import { requireLabel } from '../engine/grouping.js';

export interface VerifyResult {
  readonly table: ReportTable;
  /** the one-line summary for stderr: `verify: 7 figures: 7 match` */
  readonly summary: string;
  readonly allMatch: boolean;
}

export interface FiguresRequest {
  readonly catalogue: Catalogue;
  readonly rounding: RoundingMode;
  readonly tolerance: Rational | undefined;
}

/** Recompute every figure of FIGURES from SOURCE; only the rows the figures can name are kept while reading. */
export async function verifyFigures(source: string, figuresSource: string, options: ReadOptions, request: FiguresRequest): Promise<VerifyResult> {
  const figuresRecords = openRecords(figuresSource, { encoding: options.encoding });
  const figures = await readFigures(figuresRecords);
  const keep = rowFilter(figures);
  const rows: DataRow[] = [];
  const records = openRecords(source, options);
  const plan = await scanTable(records, options, (row, rowPlan) => {
    // without a year column, the title's or the file name's year is every row's, for figures keyed by year
    const year = row.year ?? rowPlan.impliedYear?.year;
    if (keep(row.label, year, rows.length)) rows.push(year === row.year ? row : { ...row, year });
  });
  if (figures.some((figure) => figure.unit !== undefined)) requireLabel(plan, records.file, 'verify with figures naming a unit');
  const table = { file: records.file, plan, rows };
  const checks = checkFigures(table, request.catalogue, figures, request.rounding, request.tolerance, figuresRecords.file);
  return {
    table: figureTable(checks),
    summary: `verify: ${checks.length} figures: ${describeCounts(checks.map((check) => check.status))}${slipSummary(checks)}`,
    allMatch: checks.every((check) => check.status === 'match'),
  };
}

export interface ExpectedFigure {
  readonly line: number;
  /** an indicator or measure id */
  readonly id: string;
  readonly unit: string | undefined;
  readonly year: string | undefined;
  /** as printed */
  readonly expected: string;
  /** the unit the figure is printed in (`万人`, from a unit_of_measure column), when it is not the base unit */
  readonly unitOfMeasure?: { readonly text: string; readonly power10: number } | undefined;
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
  /** why a figure is missing, or what a mismatch looks like (a unit slip) */
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
 * Whether a row can be the one a figure names, by whatever keys the figure gives (unit, year, both): the rows
 * verify keeps while reading, so that a large file is not held in memory. A figure with neither key keeps the
 * first two rows (enough to tell one row from several).
 */
export function rowFilter(figures: readonly ExpectedFigure[]): (label: string | undefined, year: string | undefined, kept: number) => boolean {
  const keyless = figures.some((figure) => figure.unit === undefined && figure.year === undefined);
  const keyed = figures.filter((figure) => figure.unit !== undefined || figure.year !== undefined);
  return (label, year, kept) =>
    (keyless && kept < 2) || keyed.some((figure) =>
      (figure.unit === undefined || (label !== undefined && sameUnit(label, figure.unit)))
      && (figure.year === undefined || year === figure.year));
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
          ? `a divisor of ${formulaText(indicator)} is zero`
          : `${table.file} lacks ${inputsOf(indicator).find((id) => values.get(id) == null)}`);
      }
      exact = outcome.value;
    } else {
      const value = values.get(measure!.id);
      if (value == null) return missing(`${table.file} has no value for ${measure!.id}`);
      exact = value;
    }

    const power10 = figure.unitOfMeasure?.power10 ?? 0;
    if (figure.unitOfMeasure !== undefined) {
      checkUnitKind(figure, measure, file);
      exact = inPower(exact, power10);
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
    const slip = matchesUnder.length > 0 ? undefined : unitSlip(exact, expected, decimals, mode, power10, measure ?? indicator!);
    return { ...base, status: 'mismatch', matchesUnder, difference, reason: slip ?? null };
  });
}

/** The largest power of ten a unit slip is looked for at, either way (亿 is 10^8). */
const SLIP_POWERS = 12;

/** A value in units of 10^power: 562120000 persons at 4 is 56212 (万人). */
function inPower(value: Rational, power: number): Rational {
  return power >= 0 ? { n: value.n, d: value.d * pow10(power) } : { n: value.n * pow10(-power), d: value.d };
}

/** 万 for 4, else `10^5`. */
function powerName(power: number): string {
  return UNIT_PREFIXES.find(([, candidate]) => candidate === power)?.[0] ?? `10^${power}`;
}

/**
 * A mismatch that is exactly a power of ten: the figure matches when the value is taken in units 10^k times
 * larger or smaller than the figure's (a yearbook's 万人 copied as persons). The words say which unit would fit.
 */
function unitSlip(exact: Rational, expected: Rational, decimals: number, mode: RoundingMode, power10: number,
  definition: { readonly unit: { readonly zh: string } }): string | undefined {
  if (expected.n === 0n || exact.n === 0n) return undefined;
  const prefixed = (power: number): boolean => UNIT_PREFIXES.some(([, candidate]) => candidate === power);
  const unitAt = (power: number): string => (power === 0 ? definition.unit.zh : prefixed(power) ? `${powerName(power)}${definition.unit.zh}` : `10^${power} ${definition.unit.zh}`);
  for (let size = 1; size <= SLIP_POWERS; size += 1) {
    for (const k of [size, -size]) {
      const shifted = roundToString(inPower(exact, k), decimals, mode);
      if (compare(parseNumberCell(shifted) as Rational, expected) !== 0) continue;
      const unit = power10 + k;
      const hint = unit === 0 ? 'leave out unit_of_measure' : prefixed(unit) ? `give unit_of_measure ${unitAt(unit)}` : 'check the digits and the unit';
      return `a unit slip: the figure is the value in ${unitAt(unit)}, 10^${k} times ${unitAt(power10)} as it is read (${hint})`;
    }
  }
  return undefined;
}

/** A figure's unit_of_measure must count what its measure counts: 社区数 in 万人 is refused. */
function checkUnitKind(figure: ExpectedFigure, measure: MeasureDefinition | undefined, file: string): void {
  const base = parseUnit(figure.unitOfMeasure!.text)?.base;
  if (measure?.dimension === undefined || base === undefined) return;
  if (BASE_UNIT_DIMENSIONS[base] !== measure.dimension) {
    throw new SvcError('UNIT_MISMATCH', `unit_of_measure '${figure.unitOfMeasure!.text}' does not count what ${measure.id} counts (${DIMENSION_UNITS[measure.dimension]})`,
      { file, line: figure.line });
  }
}

const FIGURE_COLUMNS: Record<string, readonly string[]> = {
  indicator: ['indicator', 'measure', 'id', '指标'],
  unit: ['unit', '地区', '单位', 'region', 'province'],
  year: ['year', '年份', '年度'],
  expected: ['expected', 'published', 'value', '期望值', '公布值', '数值'],
  source: ['source', '来源', '出处'],
  unitOfMeasure: ['unit_of_measure', 'unit of measure', '计量单位', '单位名称'],
};

/** The published figures: a CSV with the columns indicator and expected, and optionally unit, year and source. */
export async function readFigures(records: RecordSource): Promise<ExpectedFigure[]> {
  const file = records.file;
  const figures: ExpectedFigure[] = [];
  let columns: Map<string, number> | undefined;
  for await (const batch of records) {
    for (const { cells, line } of recordsOf(batch)) {
      if (columns === undefined) {
        columns = figureColumns(cells, file);
        continue;
      }
      const known = columns;
      const cell = (key: string): string | undefined => {
        const index = known.get(key);
        const text = index === undefined ? undefined : cells[index]?.trim();
        return text === '' ? undefined : text;
      };
      const expected = cell('expected') ?? '';
      parseFigure(expected, { file, line, column: known.get('expected')! + 1 });
      const year = cell('year');
      if (year !== undefined && !isAcceptedYear(normaliseYear(year))) {
        throw new SvcError('BAD_YEAR', `the year '${year}' is not a year from ${FIRST_YEAR} to ${LAST_YEAR}`, { file, line, column: known.get('year')! + 1 },
          'write years as 2009 or 2009年');
      }
      const unitText = cell('unitOfMeasure');
      const unitOfMeasure = unitText === undefined ? undefined : figureUnit(unitText, { file, line, column: known.get('unitOfMeasure')! + 1 });
      figures.push({ line, id: cell('indicator') ?? '', unit: cell('unit'), year: year === undefined ? undefined : normaliseYear(year), expected, source: cell('source'), unitOfMeasure });
    }
  }
  if (figures.length === 0) throw new SvcError('NO_DATA', 'the figures file has no figures', { file });
  return figures;
}

/** A unit_of_measure cell: `万人` → 10^4; a unit svc-stats does not read is refused where it is. */
function figureUnit(text: string, location: { file: string; line: number; column: number }): ExpectedFigure['unitOfMeasure'] {
  const unit = parseUnit(text);
  if (unit === undefined) {
    throw new SvcError('HEADER', `unit_of_measure '${text}' is not a unit svc-stats reads`, location, 'use 个, 人, 万人, 亿元, 千人 …');
  }
  return { text, power10: unit.power10 };
}

function figureColumns(headers: readonly string[], file: string): Map<string, number> {
  const columns = new Map<string, number>();
  headers.forEach((header, index) => {
    for (const [key, names] of Object.entries(FIGURE_COLUMNS)) {
      if (names.map(normaliseName).includes(normaliseName(header)) && !columns.has(key)) columns.set(key, index);
    }
  });
  for (const required of ['indicator', 'expected']) {
    if (!columns.has(required)) {
      throw new SvcError('HEADER', `the figures file needs a column '${required}'`, { file, line: 1 },
        'columns: indicator, unit, year, expected, source, unit_of_measure');
    }
  }
  return columns;
}

/** `; 1 a unit slip (urban_population, line 3: see its note)` */
function slipSummary(checks: readonly FigureCheck[]): string {
  const slips = checks.filter((check) => check.status === 'mismatch' && check.reason?.startsWith('a unit slip') === true);
  if (slips.length === 0) return '';
  const named = slips.slice(0, 5).map((check) => `${check.figure.id} line ${check.figure.line}`).join(', ');
  return `; ${slips.length === 1 ? '1 is a unit slip' : `${slips.length} are unit slips`} (${named}${slips.length > 5 ? ' …' : ''}: see the note column)`;
}

/** `2 mismatch, 2 match`, in order of first appearance. */
export function describeCounts(statuses: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
}

function figureTable(checks: readonly FigureCheck[]): ReportTable {
  const hasYear = checks.some((check) => check.figure.year !== undefined);
  const hasSource = checks.some((check) => check.figure.source !== undefined);
  const hasUnitOfMeasure = checks.some((check) => check.figure.unitOfMeasure !== undefined);
  const columns: ReportColumn[] = [
    labelled('indicator', 'text'), labelled('unit', 'text'),
    ...(hasYear ? [labelled('year', 'text')] : []),
    ...(hasUnitOfMeasure ? [labelled('unit_of_measure', 'text')] : []),
    labelled('expected', 'number'), labelled('recomputed', 'number'), labelled('exact', 'number'),
    labelled('status', 'text', { codes: STATUS_CODES }), labelled('matches_under', 'text'), labelled('difference', 'number'),
    labelled('note', 'text'),
    ...(hasSource ? [labelled('source', 'text')] : []),
  ];
  const rows = checks.map((check) => {
    const { figure } = check;
    const expected = roundToString(parseFigure(figure.expected, { file: '', line: figure.line, column: 0 }), printedDecimals(figure.expected), 'half-up');
    return [
      figure.id, figure.unit ?? null, ...(hasYear ? [figure.year ?? null] : []),
      ...(hasUnitOfMeasure ? [figure.unitOfMeasure?.text ?? null] : []),
      expected, check.recomputed, check.exact, check.status,
      check.matchesUnder.length > 0 ? check.matchesUnder.join(' ') : null, check.difference, check.reason,
      ...(hasSource ? [figure.source ?? null] : []),
    ];
  });
  return { columns, rows };
}

