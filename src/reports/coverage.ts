/**
 * The coverage report: one row per unit (an input row, or a --by group) with the measures the indicators use and
 * the indicators, each evaluated exactly and rounded once, for printing. Returns the table and the notes for
 * stderr; prints nothing.
 */
import { SvcError } from '../errors.js';
import { isGrandTotalLabel } from '../catalogue/row-labels.js';
import type { Rational } from '../exact/rational.js';
import { toDecimalString } from '../exact/rational.js';
import type { IndicatorDefinition } from '../catalogue/indicators.js';
import type { MeasureDefinition } from '../catalogue/measures.js';
import type { Catalogue, RoundingChoice } from '../catalogue/catalogue.js';
import { evaluate, formatIndicator, inputsOf } from '../catalogue/catalogue.js';
import type { RegionScheme } from '../catalogue/regions.js';
import { availableIndicators } from '../catalogue/targets.js';
import type { Aggregation } from '../engine/aggregate.js';
import { aggregate, describeExcluded, groupName, yearOfGroup } from '../engine/aggregate.js';
import { rowRole, splitGroupKey } from '../engine/grouping.js';
import type { ReadOptions } from '../engine/read-options.js';
import type { GroupSums } from '../engine/sums.js';
import { describeIncomplete, groupValues, sumOf, sumParts } from '../engine/sums.js';
import { compare } from '../exact/rational.js';
import type { HeaderPlan, MeasureColumn } from '../table/header-plan.js';
import { ROWS_ARE_INDEX } from '../table/header-plan.js';
import type { YearbookUnit } from './yearbook-units.js';
import { inYearbookUnit, measureColumn, yearbookUnits } from './yearbook-units.js';
import type { DataRow } from '../table/rows.js';
import { PlausibilityCheck, readingNotes } from '../table/notes.js';
import type { Note } from '../notes.js';
import { NAMES_SHOWN, noteText, someNames } from '../notes.js';
import { openRecords } from '../io/records.js';
import { isStream } from '../io/sources/source.js';
import { LABELS, TOTAL_CODES, TOTAL_KEY, groupLabel, labelled, withUnit } from '../render/labels.js';
import type { OutputCell, ReportColumn, ReportTable } from '../render/model.js';
import type { Table } from '../table/rows.js';
import { readTable, scanTable } from '../table/rows.js';

export interface CoverageResult {
  readonly table: ReportTable;
  readonly notes: readonly Note[];
  /** values outside their plausible range, with the likely cause: exit 1 under --strict */
  readonly warnings: readonly string[];
}

export interface CoverageRequest {
  readonly catalogue: Catalogue;
  readonly wanted: readonly IndicatorDefinition[];
  readonly rounding: RoundingChoice;
  /** --by: one row per group of this column (or region) */
  readonly by?: { readonly column: string; readonly scheme: RegionScheme } | undefined;
  /** --yearbook-units: measures in the unit their header declared (reports/yearbook-units.ts) */
  readonly yearbookUnits?: boolean;
  /** the most input rows held at once where rows cannot be streamed (default HELD_COVERAGE_ROWS) */
  readonly heldRows?: number;
  /** --totals: a row computed from all unit rows */
  readonly totals: boolean;
  /** --codes: each unit's division code after its name (one row per input row only) */
  readonly codes?: boolean;
  /**
   * measure ids asked with -i (shown as columns besides the indicators' own); undefined when -i was not given,
   * and then a file from which no indicator can be computed shows its measures
   */
  readonly measures?: readonly string[] | undefined;
  /** --with-units (with --by): each group's subtotal, then the rows of its units */
  readonly withUnits?: boolean;
}

/**
 * The measures a coverage table shows: those the kept indicators use and those asked with -i, in catalogue
 * order; every measure of the input when no indicator can be computed and -i asked for none. The notes say
 * what was left out or why only measures are shown.
 */
export function coverageMeasures(catalogue: Catalogue, kept: readonly IndicatorDefinition[], present: ReadonlySet<string>, where: string,
  asked: readonly string[] | undefined): { measures: MeasureDefinition[]; notes: Note[] } {
  const notes: Note[] = [];
  const used = new Set(kept.flatMap(inputsOf));
  for (const id of asked ?? []) {
    if (present.has(id)) used.add(id);
    else notes.push({ kind: `left out, not a column of ${where}`, item: id });
  }
  if (kept.length === 0 && asked === undefined) {
    for (const id of present) used.add(id);
    if (present.size > 0) notes.push(`${where}: no indicator can be computed from its columns: its measures are shown`);
  }
  return { measures: catalogue.measures.filter((measure) => used.has(measure.id)), notes };
}

/** Read the inputs and build the coverage report. */
/** The most input rows coverage holds where it cannot stream them: 1,000,000 take some 2.3 GB. */
export const HELD_COVERAGE_ROWS = 1_000_000;

export async function coverageReport(sources: readonly string[], options: ReadOptions, request: CoverageRequest): Promise<CoverageResult> {
  if (request.by !== undefined) {
    if (sources.length > 1) {
      throw new SvcError('USAGE', '--by takes one input file', {}, "use 'svc-stats compare A.csv B.csv --by ...' for several");
    }
    // --with-units reads the file twice (the groups, then their unit rows): a stream can be read once only
    if (request.withUnits === true && (sources[0] === '-' || isStream(sources[0]!))) {
      throw new SvcError('USAGE', '--with-units reads its input twice, so it takes a file, not standard input or a pipe', {},
        'save the input to a file first');
    }
    const aggregation = await aggregate(sources[0]!, options, request.by.column, request.by.scheme);
    // --with-units: the file read once more for its unit rows, each put under its group
    const members = request.withUnits === true ? groupMembers(aggregation, await readTable(openRecords(sources[0]!, options), options)) : undefined;
    return groupedCoverageTable(aggregation, request, members);
  }
  const tables: Table[] = [];
  const limit = request.heldRows ?? HELD_COVERAGE_ROWS;
  let held = 0;
  for (const source of sources) {
    const records = openRecords(source, options);
    const rows: DataRow[] = [];
    const plan = await scanTable(records, options, (row) => {
      held += 1;
      if (held > limit) {
        throw new SvcError('TOO_MANY_ROWS', `more than ${limit.toLocaleString('en')} rows: --totals, --rank, --chart and files of differing columns hold every row (2.3 KB each)`,
          { file: records.file }, 'without them rows are streamed, any number; totals of any size: --by COLUMN --totals');
      }
      rows.push(row);
    });
    tables.push({ file: records.file, plan, rows });
  }
  return coverageTable(tables, request);
}

/** One output row before the measures: its leading cells and its values by measure id. */
export interface UnitValues {
  readonly lead: readonly OutputCell[];
  readonly values: ReadonlyMap<string, Rational | null>;
  /** how a note names it: 北京 2008, 东部, total */
  readonly name: string;
  /** where the row comes from, for plausibility warnings: its file's plan and how to name it */
  readonly origin?: { readonly plan: HeaderPlan; readonly file: string; readonly name: string } | undefined;
}

/** Measure id → value for one row. */
export function rowValues(table: Table, values: readonly (Rational | null)[]): Map<string, Rational | null> {
  const byMeasure = new Map<string, Rational | null>();
  table.plan.measureColumns.forEach((column, index) => byMeasure.set(column.measure.id, values[index] ?? null));
  return byMeasure;
}

/** The table of measures and indicators for any list of units. */
export function buildCoverage(
  leadColumns: readonly ReportColumn[],
  units: readonly UnitValues[],
  present: ReadonlySet<string>,
  where: string,
  request: CoverageRequest,
  plans: readonly HeaderPlan[] = [],
): CoverageResult {
  const { catalogue, wanted, rounding } = request;
  const { kept, notes } = availableIndicators(present, where, catalogue, wanted);
  const shown = coverageMeasures(catalogue, kept, present, where, request.measures);
  if (kept.length === 0 && shown.measures.length === 0) throw noIndicator(present, where, request, notes);
  notes.push(...shown.notes);
  const { measures } = shown;
  const declared = request.yearbookUnits === true ? yearbookUnits(plans, measures) : { units: new Map<string, YearbookUnit>(), notes: [] };
  notes.push(...declared.notes);
  const columns: ReportColumn[] = [
    ...leadColumns,
    ...measures.map((measure) => measureColumn(measure, declared.units.get(measure.id))),
    ...kept.map((indicator) => ({ id: indicator.id, label: withUnit(indicator.label, indicator.unit), kind: 'number' as const })),
  ];
  const zeroDenominators = new ZeroDenominators();
  const plausibility = new PlausibilityCheck();
  const rows = units.map((unit) => {
    const cells: OutputCell[] = [...unit.lead];
    for (const measure of measures) {
      const value = unit.values.get(measure.id);
      cells.push(value == null ? null : inYearbookUnit(toDecimalString(value), declared.units.get(measure.id)));
    }
    for (const indicator of kept) {
      const outcome = evaluate(indicator, unit.values);
      if ('value' in outcome) {
        cells.push(formatIndicator(indicator, outcome.value, rounding));
        if (unit.origin !== undefined) plausibility.check(indicator, outcome.value, unit.origin.name, unit.origin.plan, unit.origin.file);
        continue;
      }
      if (outcome.missing === 'zero-denominator') zeroDenominators.add(indicator.id, unit.name);
      cells.push(null);
    }
    return cells;
  });
  notes.push(...zeroDenominators.notes());
  return { table: { columns, rows }, notes, warnings: plausibility.warnings() };
}

/** No indicator asked for can be computed from what the input has. */
export function noIndicator(present: ReadonlySet<string>, where: string, request: CoverageRequest, notes: readonly Note[]): SvcError {
  return new SvcError('NO_INDICATOR', `no indicator can be computed: ${where} has only ${[...present].join(', ')}`, {},
    request.wanted.length === 1 && notes[0] !== undefined ? noteText(notes[0]) : "see 'svc-stats indicators' for what each needs, or define one with --indicators-file");
}

/** --verbose names at most this many units left missing for a zero denominator, then "and N more". */
export const ZERO_DENOMINATOR_NAMES = 10_000;

/** The units whose indicator is left missing for a zero denominator, by indicator: the first names and a count. */
export class ZeroDenominators {
  private readonly byIndicator = new Map<string, { names: string[]; count: number }>();

  /** `name` may be a function: called only while names are kept. */
  add(id: string, name: string | (() => string)): void {
    const entry = this.byIndicator.get(id) ?? { names: [], count: 0 };
    if (entry.count === 0) this.byIndicator.set(id, entry);
    entry.count += 1;
    if (entry.names.length < ZERO_DENOMINATOR_NAMES) entry.names.push(typeof name === 'string' ? name : name());
  }

  /** One note item per indicator, naming its units. */
  notes(): Note[] {
    return [...this.byIndicator].map(([id, { names, count }]) => ({
      kind: 'values left missing because their denominator is zero', separator: '; ',
      item: `${id} (${someNames(names, NAMES_SHOWN, count)})`, itemFull: `${id} (${someNames(names, ZERO_DENOMINATOR_NAMES, count)})`,
    }));
  }
}

/** One output row per input row, for one or more files; with --totals, one total row per file and year. */
export function coverageTable(tables: readonly Table[], request: CoverageRequest): CoverageResult {
  const manyFiles = tables.length > 1;
  // several files: a file without a year column shows the year its title or name gives (one file: as before)
  const yearOf = (table: Table, row: DataRow): string | undefined => row.year ?? (manyFiles ? table.plan.impliedYear?.year : undefined);
  const hasYear = tables.some((table) => table.plan.yearIndex !== undefined || (manyFiles && table.plan.impliedYear !== undefined));
  const yearsNumeric = tables.every((table) => table.rows.every((row) => row.year === undefined || /^\d{1,4}$/.test(row.year)));
  const leadColumns: ReportColumn[] = [
    ...(manyFiles ? [labelled('file')] : []),
    labelled('unit', 'text', request.totals ? { codes: TOTAL_CODES } : {}),
    ...(hasYear ? [labelled('year', yearsNumeric ? 'number' : 'text')] : []),
  ];
  const notes: Note[] = tables.flatMap((table) => readingNotes(table.file, table.plan));
  const units: UnitValues[] = [];
  const present = new Set(tables.flatMap((table) => table.plan.measureColumns.map((column) => column.measure.id)));
  const used = measuresUsed(present, request);
  for (const table of tables) {
    const rowsOf = (rows: readonly DataRow[]): void => rows.forEach((row) => units.push({
      lead: [
        ...(manyFiles ? [table.file] : []),
        row.label ?? null,
        ...(hasYear ? [yearOf(table, row) === undefined || yearOf(table, row) === '' ? null : yearOf(table, row)!] : []),
      ],
      values: rowValues(table, row.values),
      name: `${row.label ?? `line ${row.line}`}${row.year ? ` ${row.year}` : ''}`,
      origin: { plan: table.plan, file: table.file, name: `${row.label ?? ''}${row.year ? ` ${row.year}` : ''} (line ${row.line})`.trim() },
    }));
    if (!request.totals) {
      rowsOf(table.rows);
      continue;
    }
    // one total per year: the rows of each year, then their total
    for (const [year, rows] of byYear(table.rows)) {
      rowsOf(rows);
      const sums = sumParts(rows, table.plan.measureColumns.length, TOTAL_KEY);
      if (sums.units === 0) {
        throw new SvcError('NO_PARTS', `--totals: no unit rows to add up${year === undefined ? '' : ` in ${year}`}, only national/total or "of which" rows`,
          { file: table.file }, 'a total row of the input is never summed');
      }
      units.push({
        lead: [...(manyFiles ? [table.file] : []), TOTAL_KEY, ...(hasYear ? [year ?? (manyFiles ? table.plan.impliedYear?.year : undefined) ?? null] : [])],
        values: groupValues(table.plan, sums),
        name: `${TOTAL_KEY}${year ? ` ${year}` : ''}`,
      });
      const incomplete = describeIncomplete(table.plan, [sums], undefined, used);
      if (incomplete !== undefined) notes.push(incomplete);
      const agreement = totalsAgreement(table.plan, sums, rows.filter((row) => rowRole(row) === 'total')
        .map((row) => ({ label: row.label ?? '', line: row.line, values: row.values })), table.file, year, used);
      if (agreement !== undefined) notes.push(agreement);
    }
  }
  const where = tables.length === 1 ? tables[0]!.file : 'the inputs';
  const result = buildCoverage(leadColumns, units, present, where, request, tables.map((table) => table.plan));
  return { table: result.table, notes: [...notes, ...result.notes], warnings: result.warnings };
}

/** The measures of the indicators that can be computed: the only ones notes speak of. */
function measuresUsed(present: ReadonlySet<string>, request: CoverageRequest): Set<string> {
  return new Set(availableIndicators(present, '', request.catalogue, request.wanted).kept.flatMap(inputsOf));
}

/** Rows by year, in order of first appearance (one entry, year undefined, without a year column). */
function byYear(rows: readonly DataRow[]): Map<string | undefined, DataRow[]> {
  const years = new Map<string | undefined, DataRow[]>();
  for (const row of rows) {
    const list = years.get(row.year);
    if (list === undefined) years.set(row.year, [row]);
    else list.push(row);
  }
  return years;
}

/**
 * Whether the total rows of the input (全国 …) agree with the --totals row computed from the units, measure by
 * measure; a measure some unit lacks is not compared. Undefined when the input has no total row. `measures`,
 * when given, are the only ones compared (those the report shows).
 */
export function totalsAgreement(
  plan: HeaderPlan,
  sums: GroupSums,
  totalRows: readonly { label: string; line: number; values?: readonly (Rational | null)[] | undefined }[],
  file: string,
  year: string | undefined,
  measures?: ReadonlySet<string>,
): string | undefined {
  if (totalRows.length === 0) return undefined;
  const lines = totalRows.map((row) => {
    const differences: string[] = [];
    const uncompared: string[] = [];
    const asked = (column: MeasureColumn): boolean => column.index !== ROWS_ARE_INDEX && (measures === undefined || measures.has(column.measure.id));
    plan.measureColumns.forEach((column, index) => {
      if (!asked(column)) return;
      const given = row.values?.[index] ?? null;
      if (given === null) return;
      if (sums.missingCount[index]! > 0) {
        uncompared.push(column.measure.id);
        return;
      }
      const computed = sumOf(sums, index);
      if (compare(given, computed) !== 0) differences.push(`${column.measure.id} ${toDecimalString(given)} against ${toDecimalString(computed)}`);
    });
    const where = `the input's total row ${row.label} (line ${row.line})`;
    const compared = plan.measureColumns.filter((column, index) => asked(column) && (row.values?.[index] ?? null) !== null
      && sums.missingCount[index] === 0).length;
    const verdict = compared === 0 ? 'cannot be compared with the sum of the units'
      : differences.length === 0 ? `agrees with the sum of the ${sums.units} units${uncompared.length === 0 ? '' : ` on the ${compared} measures compared`}`
      : `differs from the sum of the ${sums.units} units: ${differences.join('; ')}`;
    const rest = uncompared.length === 0 ? '' : ` (not compared, some units lack a value: ${uncompared.join(', ')})`;
    return `${where} ${verdict}${rest}`;
  });
  return `${file}: --totals${year === undefined ? '' : ` ${year}`}: ${lines.join('; ')}`;
}

/** The lead columns of a grouped report: one per part of the group key (the year left out when there is one). */
export function groupLeadColumns(aggregation: Aggregation, byText: string): { columns: ReportColumn[]; cells: (key: string) => OutputCell[] } {
  const { grouper } = aggregation;
  const shown = grouper.parts.map((part, index) => ({ part, index }))
    .filter(({ part }) => !(part.implicit && aggregation.years.length <= 1));
  const single = grouper.parts.length === 1;
  const columns: ReportColumn[] = shown.map(({ part }) => {
    if (part.kind === 'year') return labelled('year', aggregation.years.every((year) => /^\d{1,4}$/.test(year)) ? 'number' : 'text');
    const explicit = grouper.parts.filter((candidate) => !candidate.implicit);
    return explicit.length === 1
      ? { id: 'group', label: groupLabel(byText, part.kind === 'region'), kind: 'text', codes: TOTAL_CODES }
      : { id: part.id, label: groupLabel(part.name, part.kind === 'region'), kind: 'text', codes: TOTAL_CODES };
  });
  return {
    columns,
    cells: (key) => {
      const parts = single ? [key] : splitGroupKey(key);
      return shown.map(({ index }) => parts[index] ?? null);
    },
  };
}

/** --with-units: the input's unit rows by the key of their group. */
export interface GroupMembers {
  readonly table: Table;
  readonly rows: ReadonlyMap<string, readonly DataRow[]>;
}

/** The unit rows of a table (no national/total or "of which" row) by the group --by puts them in. */
export function groupMembers(aggregation: Aggregation, table: Table): GroupMembers {
  const rows = new Map<string, DataRow[]>();
  for (const row of table.rows) {
    if (rowRole(row) !== 'part') continue;
    const key = aggregation.grouper.groupOf(row);
    const list = rows.get(key);
    if (list === undefined) rows.set(key, [row]);
    else list.push(row);
  }
  return { table, rows };
}

/** The unit cell of a group's own row under --with-units. */
export const SUBTOTAL_KEY = 'subtotal';
const SUBTOTAL_CODES = { [SUBTOTAL_KEY]: { zh: '小计', en: 'subtotal' }, ...TOTAL_CODES };

/** One output row per --by group, from the group's summed measures (a ratio of sums, never a mean of ratios). */
export function groupedCoverageTable(aggregation: Aggregation, request: CoverageRequest, members?: GroupMembers): CoverageResult {
  const { grouper, plan } = aggregation;
  const lead = groupLeadColumns(aggregation, request.by?.column ?? LABELS.group.en);
  const yearAt = grouper.parts.findIndex((part) => part.kind === 'year');
  const notes: Note[] = [...readingNotes(aggregation.file, plan)];
  const present = new Set(plan.measureColumns.map((column) => column.measure.id));
  const used = measuresUsed(present, request);
  const rows: { key: OutputCell[]; sums: GroupSums }[] = [];
  const totalCells = (year: string): OutputCell[] => lead.columns.map((column) => (column.id === 'year' ? year : TOTAL_KEY));
  if (request.totals && aggregation.groups.length === 0) {
    throw new SvcError('NO_PARTS', '--totals: no unit rows to add up, only national/total or "of which" rows', { file: aggregation.file },
      'a total row of the input is never summed');
  }
  if (request.totals && yearAt !== -1 && aggregation.years.length > 1) {
    // each year's groups, then that year's total
    for (const total of aggregation.totals) {
      for (const group of aggregation.groups) {
        if (yearOfGroup(grouper, group.group) === total.group) rows.push({ key: lead.cells(group.group), sums: group });
      }
      rows.push({ key: totalCells(total.group), sums: total });
    }
  } else {
    for (const group of aggregation.groups) rows.push({ key: lead.cells(group.group), sums: group });
    if (request.totals) rows.push({ key: totalCells(aggregation.totals[0]?.group ?? ''), sums: aggregation.totals[0]! });
  }
  const named = (cells: readonly OutputCell[]): string => cells.filter((cell) => cell !== null && cell !== SUBTOTAL_KEY).join(' ');
  const leadColumns: ReportColumn[] = [...lead.columns, ...(members === undefined ? [] : [labelled('unit', 'text', { codes: SUBTOTAL_CODES })]), labelled('units', 'number')];
  const units: UnitValues[] = [];
  for (const { key, sums } of rows) {
    const isTotal = aggregation.totals.includes(sums);
    const cells = members === undefined ? key : [...key, isTotal ? TOTAL_KEY : SUBTOTAL_KEY];
    units.push({ lead: [...cells, String(sums.units)], values: groupValues(plan, sums), name: named(cells), origin: { plan, file: aggregation.file, name: named(cells) } });
    if (members === undefined || isTotal) continue;
    // under the subtotal, the rows of its units as the input gives them
    const group = aggregation.groups.find((candidate) => candidate === sums)?.group;
    for (const row of (group === undefined ? undefined : members.rows.get(group)) ?? []) {
      const name = `${row.label ?? `line ${row.line}`}${row.year ? ` ${row.year}` : ''}`;
      units.push({ lead: [...key, row.label ?? null, '1'], values: rowValues(members.table, row.values), name, origin: { plan, file: aggregation.file, name: `${name} (line ${row.line})` } });
    }
  }
  const result = buildCoverage(leadColumns, units, present, aggregation.file, request, [plan]);
  const name = (key: string): string => (key === TOTAL_KEY ? '' : groupName(aggregation, key));
  const totals = request.totals
    ? aggregation.totals.map((total) => totalsAgreement(plan, total,
      aggregation.excluded.filter((row) => row.role === 'total' && isGrandTotalLabel(row.label) && (yearAt === -1 || row.year === total.group)),
      aggregation.file, aggregation.years.length > 1 ? total.group : undefined, used))
    : [];
  const incomplete = describeIncomplete(plan, rows.map(({ sums }) => sums).map((sums) =>
    (aggregation.totals.includes(sums) ? { ...sums, group: '' } : sums)), name, used);
  return {
    table: result.table,
    notes: [...notes, describeExcluded(aggregation), incomplete, ...totals, ...result.notes].filter((line): line is Note => line !== undefined),
    warnings: result.warnings,
  };
}
