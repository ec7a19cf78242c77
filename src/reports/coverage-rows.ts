/**
 * Coverage of one input, one output row per input row, streamed (issue 11): each row's measures and indicators
 * are computed as it is read and handed on in chunks, so memory does not grow with the input. The cells are those
 * coverage.ts's buildCoverage gives for the same rows: plain integer cells are read as doubles, a ratio
 * indicator of two of them is rounded in integer arithmetic (exact/ratio.ts), anything else takes the exact
 * rational path. Notes decided by all rows (zero denominators, plausibility) are returned at the end.
 */
import type { Rational } from '../exact/rational.js';
import { toDecimalString, toNumber } from '../exact/rational.js';
import type { RatioRounder } from '../exact/ratio.js';
import { ratioNumber, ratioRounder } from '../exact/ratio.js';
import type { IndicatorDefinition } from '../catalogue/indicators.js';
import type { SimpleRatio } from '../catalogue/catalogue.js';
import { evaluate, formatIndicator, inputsOf, simpleRatio } from '../catalogue/catalogue.js';
import { normaliseYear } from '../catalogue/columns.js';
import { divisionCode } from '../catalogue/gazetteer.js';
import { availableIndicators } from '../catalogue/targets.js';
import type { ReadOptions } from '../engine/read-options.js';
import { scaledInteger } from '../engine/sums.js';
import type { YearbookUnit } from './yearbook-units.js';
import { inYearbookUnit, measureColumn, yearbookUnits } from './yearbook-units.js';
import type { HeaderPlan } from '../table/header-plan.js';
import { ROWS_ARE_INDEX } from '../table/header-plan.js';
import type { TableOptions } from '../table/rows.js';
import { readCell, rowLabel, scanCells } from '../table/rows.js';
import { PlausibilityCheck, readingNotes } from '../table/notes.js';
import type { Note } from '../notes.js';
import { noteAbout } from '../notes.js';
import { SvcError } from '../errors.js';
import type { RecordSource } from '../io/records.js';
import { openRecords } from '../io/records.js';
import { labelled, withUnit } from '../render/labels.js';
import type { OutputCell, ReportColumn, RowStream } from '../render/model.js';
import type { CoverageRequest } from './coverage.js';
import { ZeroDenominators, coverageMeasures, noIndicator } from './coverage.js';

export interface StreamedCoverage {
  readonly notes: readonly Note[];
  /** values outside their plausible range: exit 1 under --strict */
  readonly warnings: readonly string[];
}

/** Read one input and hand its coverage rows to `out` as they are computed. */
export function streamCoverage(source: string, options: ReadOptions, request: CoverageRequest, out: RowStream): Promise<StreamedCoverage> {
  return streamCoverageOf(openRecords(source, options), options, request, out);
}

/** The same from records (core tests give them from memory). */
export async function streamCoverageOf(records: RecordSource, options: TableOptions, request: CoverageRequest, out: RowStream): Promise<StreamedCoverage> {
  const file = records.file;
  let rows: CoverageRows | undefined;
  // between two batches of records, the rows made so far are written (and their writing awaited)
  const paced: RecordSource = {
    file,
    async *[Symbol.asyncIterator]() {
      for await (const batch of records) {
        yield batch;
        await out.flush();
      }
    },
  };
  const plan = await scanCells(paced, options, (cells, line, rowPlan) => {
    if (rows === undefined) {
      rows = new CoverageRows(rowPlan, file, request);
      // the year column is a number column unless a year is blank, which only the first rows can be (a blank
      // year cell below a year is filled down from it)
      if (rows.shows) out.begin(rows.columns(cells));
    }
    const made = rows.row(cells, line);
    if (made !== undefined) out.add(made);
  });
  // scanCells has thrown when no row was read
  const made = rows!;
  if (!made.shows) throw noIndicator(made.present, file, request, made.availability);
  return {
    notes: [...readingNotes(file, plan), ...made.availability, ...made.zeroDenominators.notes()],
    warnings: made.plausibility.warnings(),
  };
}

interface PlannedIndicator {
  readonly definition: IndicatorDefinition;
  /** measure column slots (plan.measureColumns) of the formula's inputs, in formula order */
  readonly inputs: readonly number[];
  /** a ratio of two measures: its numerator and denominator slots */
  readonly ratio: (SimpleRatio & { readonly numeratorSlot: number; readonly denominatorSlot: number; readonly round: RatioRounder }) | undefined;
}

/** A fast cell: its value is in `small`, not in `exact`. */
const SMALL = undefined;

/** The coverage cells of one input's rows, one row at a time, with what the notes need gathered on the way. */
class CoverageRows {
  readonly present: ReadonlySet<string>;
  readonly kept: readonly IndicatorDefinition[];
  readonly availability: Note[];
  /** whether the table has a column to show: an indicator, or a measure (-i, or a file with measures only) */
  readonly shows: boolean;
  readonly plausibility = new PlausibilityCheck();
  readonly zeroDenominators = new ZeroDenominators();
  private readonly measureSlots: readonly number[];
  private readonly measureColumns: ReportColumn[];
  /** --yearbook-units: the unit each measure slot is printed in (undefined: its base unit) */
  private readonly measureUnits: readonly (YearbookUnit | undefined)[];
  private readonly indicators: readonly PlannedIndicator[];
  private readonly small: Float64Array;
  private readonly exact: (Rational | null | typeof SMALL)[];
  /** a fast cell's text when it is the value's own text (digits without a leading zero), else undefined */
  private readonly text: (string | undefined)[];
  /** the cells of the row being made */
  private readonly out: OutputCell[];
  /** the row being made: how notes name it */
  private label: string | undefined;
  private year: string | undefined;
  private line = 0;
  /** --codes: the division code after the unit, from the code column or the gazetteer */
  private readonly codes: boolean;
  private readonly codeColumn: number | undefined;

  constructor(private readonly plan: HeaderPlan, private readonly file: string, private readonly request: CoverageRequest) {
    const { catalogue, wanted, rounding } = request;
    this.present = new Set(plan.measureColumns.map((column) => column.measure.id));
    const { kept, notes } = availableIndicators(this.present, file, catalogue, wanted);
    this.kept = kept;
    this.availability = notes;
    // a measure named by two columns is read from the last, as rowValues does
    const slotOf = (id: string): number => {
      for (let slot = plan.measureColumns.length - 1; slot >= 0; slot -= 1) if (plan.measureColumns[slot]!.measure.id === id) return slot;
      return -1;
    };
    const { measures, notes: shown } = coverageMeasures(catalogue, kept, this.present, file, request.measures);
    this.availability.push(...shown);
    this.shows = kept.length > 0 || measures.length > 0;
    this.measureSlots = measures.map((measure) => slotOf(measure.id));
    const declared = request.yearbookUnits === true ? yearbookUnits([plan], measures) : undefined;
    this.availability.push(...declared?.notes ?? []);
    this.measureUnits = measures.map((measure) => declared?.units.get(measure.id));
    this.measureColumns = measures.map((measure, index) => measureColumn(measure, this.measureUnits[index]));
    this.indicators = kept.map((definition) => {
      const ratio = simpleRatio(definition);
      return {
        definition,
        inputs: inputsOf(definition).map(slotOf),
        ratio: ratio === undefined ? undefined : {
          ...ratio, numeratorSlot: slotOf(ratio.numerator), denominatorSlot: slotOf(ratio.denominator),
          round: ratioRounder(ratio.power10, rounding.decimals ?? definition.decimals, rounding.mode),
        },
      };
    });
    this.small = new Float64Array(plan.measureColumns.length);
    this.exact = new Array<Rational | null | typeof SMALL>(plan.measureColumns.length).fill(null);
    this.text = new Array<string | undefined>(plan.measureColumns.length).fill(undefined);
    this.codes = request.codes === true;
    this.codeColumn = plan.labelColumns.find((column) => column.code === true)?.index;
    this.out = new Array<OutputCell>(1 + (this.codes ? 1 : 0) + (plan.yearIndex === undefined ? 0 : 1) + this.measureSlots.length + this.indicators.length).fill(null);
  }

  /** The report's columns: the unit, the year (a number column unless the first row's is blank), measures, indicators. */
  columns(first: readonly string[]): ReportColumn[] {
    const { plan } = this;
    const year = plan.yearIndex === undefined ? undefined : normaliseYear(first[plan.yearIndex]!);
    return [
      labelled('unit', 'text', {}),
      ...(this.codes ? [{ id: 'code', label: { zh: '区划代码', en: 'code' }, kind: 'text' as const }] : []),
      ...(year === undefined ? [] : [labelled('year', /^\d{1,4}$/.test(year) ? 'number' : 'text')]),
      ...this.measureColumns,
      ...this.kept.map((indicator) => ({ id: indicator.id, label: withUnit(indicator.label, indicator.unit), kind: 'number' as const })),
    ];
  }

  /** One input row's output cells; undefined when no indicator can be computed (the row is still checked). */
  row(cells: readonly string[], line: number): OutputCell[] | undefined {
    const { plan, file, small, exact, text } = this;
    const label = rowLabel(cells, plan, file, line);
    const year = plan.yearIndex === undefined ? undefined : normaliseYear(cells[plan.yearIndex]!);
    this.label = label;
    this.year = year;
    this.line = line;
    // every measure cell is read by readCell's rules, those of columns no indicator uses too (a bad one is an error)
    const columns = plan.measureColumns;
    for (let slot = 0; slot < columns.length; slot += 1) {
      const column = columns[slot]!;
      exact[slot] = SMALL;
      text[slot] = undefined;
      if (column.index === ROWS_ARE_INDEX) {
        small[slot] = 1;
        continue;
      }
      const cell = cells[column.index]!;
      // plain digits (PLAIN_INTEGER), or a 万/亿 cell whole once scaled: a double; anything else by readCell's rules
      const whole = column.power10 >= 0 ? scaledInteger(cell, column.power10) : -1;
      if (whole === -1) {
        exact[slot] = readCell(cell, column, file, line);
        continue;
      }
      small[slot] = whole;
      // the cell is the value's own text when it has no unit to apply and no leading zero
      if (column.power10 === 0 && (cell.length === 1 || cell.charCodeAt(0) !== 48)) text[slot] = cell;
    }
    if (!this.shows) return undefined;
    // one array for every row: RowStream.add takes a row's cells before the next is made
    const { out } = this;
    let at = 0;
    out[at++] = label ?? null;
    if (this.codes) out[at++] = this.codeColumn !== undefined ? cells[this.codeColumn]!.trim() || null : divisionCode(label ?? '') ?? null;
    if (year !== undefined) out[at++] = year === '' ? null : year;
    for (const [index, slot] of this.measureSlots.entries()) {
      const value = exact[slot];
      const cell = value === SMALL ? text[slot] ?? String(small[slot]) : value === null ? null : toDecimalString(value);
      const unit = this.measureUnits[index];
      out[at++] = unit === undefined ? cell : inYearbookUnit(cell, unit);
    }
    for (const indicator of this.indicators) out[at++] = this.indicatorCell(indicator);
    return out;
  }

  /** How a zero-denominator note names the row: 北京 2008, or its line. */
  private readonly name = (): string => `${this.label ?? `line ${this.line}`}${this.year ? ` ${this.year}` : ''}`;

  /** How a plausibility warning names the row: 北京 2008 (line 3). */
  private readonly origin = (): string => `${this.label ?? ''}${this.year ? ` ${this.year}` : ''} (line ${this.line})`.trim();

  private indicatorCell(indicator: PlannedIndicator): OutputCell {
    const { small, exact } = this;
    const { definition, ratio } = indicator;
    if (ratio !== undefined && exact[ratio.numeratorSlot] === SMALL && exact[ratio.denominatorSlot] === SMALL) {
      const numerator = small[ratio.numeratorSlot]!;
      const denominator = small[ratio.denominatorSlot]!;
      if (denominator === 0) {
        this.zeroDenominator(definition);
        return null;
      }
      if (definition.plausible !== undefined) {
        const number = ratioNumber(numerator, denominator, ratio.power10);
        if (number === undefined) return this.exactIndicator(indicator);
        this.plausibility.checkNumber(definition, number, this.origin, this.plan, this.file);
      }
      return ratio.round(numerator, denominator);
    }
    return this.exactIndicator(indicator);
  }

  /** The rational path: the formula evaluated on exact values, as buildCoverage does. */
  private exactIndicator(indicator: PlannedIndicator): OutputCell {
    const { definition } = indicator;
    const values = new Map<string, Rational | null>();
    inputsOf(definition).forEach((id, index) => {
      const slot = indicator.inputs[index]!;
      const value = this.exact[slot];
      values.set(id, value === SMALL ? { n: BigInt(this.small[slot]!), d: 1n } : value);
    });
    const outcome = evaluate(definition, values);
    if ('value' in outcome) {
      if (definition.plausible !== undefined) this.plausibility.checkNumber(definition, toNumber(outcome.value), this.origin, this.plan, this.file);
      return formatIndicator(definition, outcome.value, this.request.rounding);
    }
    if (outcome.missing === 'zero-denominator') this.zeroDenominator(definition);
    return null;
  }

  private zeroDenominator(indicator: IndicatorDefinition): void {
    this.zeroDenominators.add(indicator.id, this.name);
  }
}

/** Thrown from scanCells' callback to stop reading at the first data row (firstRow). */
const FIRST_ROW = Symbol('first row');

/** What a file's streamed coverage would be, from its header and first data row: read up to there only. */
async function firstRow(source: string, options: ReadOptions, request: CoverageRequest): Promise<{ columns: readonly ReportColumn[]; plan: HeaderPlan } | undefined> {
  let found: { columns: readonly ReportColumn[]; plan: HeaderPlan } | undefined;
  const records = openRecords(source, options);
  try {
    await scanCells(records, options, (cells, _line, plan) => {
      const rows = new CoverageRows(plan, records.file, request);
      if (rows.shows) found = { columns: rows.columns(cells), plan };
      throw FIRST_ROW;
    });
  } catch (error) {
    // any other error: the whole reading of the held path meets it again and reports it
    if (error !== FIRST_ROW) return undefined;
  }
  return found;
}

/** Several files streamed one after the other into one table: what streamManyFiles reads. */
export interface ManyFilesPlan {
  readonly sources: readonly string[];
  readonly columns: readonly ReportColumn[];
  /** the year of each file, from its title or name, when the files have no year column but some have such a year */
  readonly impliedYears: readonly (string | undefined)[] | undefined;
}

const columnsKey = (columns: readonly ReportColumn[]): string => JSON.stringify(columns.map((column) => [column.id, column.kind]));

/**
 * Whether coverage of several regular files can be streamed, each file's rows written as they are read (one
 * file's rows held at a time, not every file's): when every file's first row gives the same columns. The table
 * is the one coverageTable gives: a file column first, and, when no file has a year column, the year of each
 * file's title or name. Undefined when the files differ (or one cannot be read): the held path reads them all.
 */
export async function planManyFiles(sources: readonly string[], options: ReadOptions, request: CoverageRequest): Promise<ManyFilesPlan | undefined> {
  let columns: readonly ReportColumn[] | undefined;
  let yearColumn = false;
  const implied: (string | undefined)[] = [];
  for (const source of sources) {
    const first = await firstRow(source, options, request);
    if (first === undefined || (columns !== undefined && columnsKey(first.columns) !== columnsKey(columns))) return undefined;
    columns ??= first.columns;
    yearColumn = first.plan.yearIndex !== undefined;
    implied.push(first.plan.impliedYear?.year);
  }
  const [unit, ...rest] = columns!;
  const impliedYears = !yearColumn && implied.some((year) => year !== undefined) ? implied : undefined;
  // coverageTable's year column: a number column when every year is (a year from a title or name is 4 digits)
  const yearLead = impliedYears === undefined ? [] : [labelled('year', impliedYears.every((year) => year === undefined || /^\d{1,4}$/.test(year)) ? 'number' : 'text')];
  return { sources, columns: [labelled('file'), unit!, ...yearLead, ...rest], impliedYears };
}

/** The files of a plan streamed into `out`, one after the other: their notes in file order, each file's own. */
export async function streamManyFiles(plan: ManyFilesPlan, options: ReadOptions, request: CoverageRequest, out: RowStream): Promise<StreamedCoverage> {
  out.begin(plan.columns);
  const notes: Note[] = [];
  const warnings: string[] = [];
  for (const [index, source] of plan.sources.entries()) {
    const records = openRecords(source, options);
    const implied = plan.impliedYears === undefined ? undefined : [plan.impliedYears[index] ?? null];
    const expected = columnsKey(plan.columns.filter((column) => column.id !== 'file' && (implied === undefined || column.id !== 'year')));
    const streamed = await streamCoverageOf(records, options, request, {
      begin: (columns) => {
        if (columnsKey(columns) !== expected) throw new SvcError('FILE_UNREADABLE', 'the file changed while it was read (its columns differ from a first reading)', { file: records.file });
      },
      add: (row) => out.add(implied === undefined ? [records.file, ...row] : [records.file, row[0] ?? null, ...implied, ...row.slice(1)]),
      flush: () => out.flush(),
    });
    notes.push(...streamed.notes.map((note) => (typeof note !== 'string' && note.kind.startsWith('values left missing') ? noteAbout(records.file, note) : note)));
    warnings.push(...streamed.warnings);
  }
  return { notes, warnings };
}
