/**
 * `compare`: the same units across files (yearbook editions), matched by label — province names with or
 * without their suffix. Per unit and target: the value in each file, and from the first file to each later
 * one the change, the percent change and, when both years are known, the compound annual growth rate.
 * Changes are computed on exact values; the CAGR, a root, is floating point.
 */
import type { Rational } from '../exact/rational.js';
import { divide, fromNumber, pow10, roundToString, scale10, subtract, toNumber } from '../exact/rational.js';
import { SvcError } from '../errors.js';
import type { Catalogue, RoundingChoice } from '../catalogue/catalogue.js';
import type { RegionScheme } from '../catalogue/regions.js';
import { measuresAsked, selectTargets } from '../catalogue/targets.js';
import type { Note } from '../notes.js';
import { someNames } from '../notes.js';
import type { Aggregation } from '../engine/aggregate.js';
import { aggregate, describeExcluded, groupName, yearOfGroup } from '../engine/aggregate.js';
import { groupDisplay, requireLabel, splitGroupKey } from '../engine/grouping.js';
import type { HeaderPlan } from '../table/header-plan.js';
import { PlausibilityCheck, readingNotes } from '../table/notes.js';
import type { ReadOptions } from '../engine/read-options.js';
import { describeIncomplete, groupValues } from '../engine/sums.js';
import { openRecords } from '../io/records.js';
import { COMPARE_LABELS, labelled } from '../render/labels.js';
import { readTable } from '../table/rows.js';
import { rowValues } from './coverage.js';
import { unitKey } from '../catalogue/row-labels.js';
import { yearFromName, yearFromTitle } from '../catalogue/columns.js';
import type { Target } from '../catalogue/targets.js';
import { formatTarget, targetDecimals, targetValue } from '../catalogue/targets.js';
import type { Label, OutputCell, ReportCell, ReportColumn, ReportTable } from '../render/model.js';

export interface Edition {
  readonly file: string;
  readonly year: number | undefined;
  /** the plan of its file, for plausibility warnings */
  readonly plan?: HeaderPlan | undefined;
  /** units in file order: label and values by measure id */
  readonly units: readonly { readonly label: string; readonly values: ReadonlyMap<string, Rational | null> }[];
}

export interface CompareRequest {
  readonly catalogue: Catalogue;
  /** -i: indicator and measure ids; by default every indicator the inputs support, or their measures */
  readonly ids: readonly string[] | undefined;
  readonly rounding: RoundingChoice;
  readonly by?: { readonly column: string; readonly scheme: RegionScheme } | undefined;
  readonly shape?: CompareShape;
}

/**
 * Read every edition and compare them. An edition is a file, or one year of a file holding several (a long
 * file); editions are compared in time order when every year is known, whatever the order of the files.
 */
export async function compareReport(sources: readonly string[], options: ReadOptions, request: CompareRequest): Promise<{ table: ReportTable; notes: Note[]; warnings: string[] }> {
  const { editions: ordered, present, notes } = await readAllEditions(sources, options, request, 'compare');
  const selection = selectTargets(request.catalogue, request.ids, present, 'the inputs');
  const result = compareTable(ordered, selection.targets, request.rounding, request.shape);
  const plausibility = new PlausibilityCheck();
  for (const edition of ordered) {
    if (edition.plan === undefined) continue;
    for (const unit of edition.units) {
      for (const target of selection.targets) {
        if (target.kind !== 'indicator') continue;
        const outcome = targetValue(target, unit.values);
        if ('value' in outcome) plausibility.check(target.indicator, outcome.value, `${unit.label}${edition.year === undefined ? '' : ` ${edition.year}`}`, edition.plan, edition.file);
      }
    }
  }
  return { table: result.table, notes: [...notes, ...selection.notes, ...result.notes], warnings: plausibility.warnings() };
}

/**
 * The editions of every source (a file, or each year of a long file), in time order when every year is known
 * (a note says when that is not the order given), with the measures present: what compare and convergence read.
 */
export async function readAllEditions(sources: readonly string[], options: ReadOptions, request: CompareRequest, command: 'compare' | 'convergence'): Promise<{ editions: readonly Edition[]; present: Set<string>; notes: Note[] }> {
  const editions: Edition[] = [];
  const present = new Set<string>();
  const notes: Note[] = [];
  for (const source of sources) {
    const read = await readEditions(source, options, request, notes);
    editions.push(...read.editions);
    for (const id of read.measures) present.add(id);
  }
  if (editions.length < 2) {
    throw new SvcError('USAGE', sources.length < 2 ? `${command} needs two or more files, or one file holding several years` : `${command} needs two or more editions`, {},
      'give A.csv B.csv, or one file with a year column of two or more years');
  }
  notes.push(...sameYearEditions(editions));
  const ordered = timeOrder(editions);
  if (ordered !== editions) {
    notes.push(`${command === 'compare' ? 'compared' : 'read'} in time order (${ordered.map((edition) => edition.year).join(', ')}), not in the order given (${editions.map((edition) => edition.year).join(', ')})`);
  }
  return { editions: ordered, present, notes };
}

/** Units named in a note on editions that disagree, at most. */
const DISAGREEMENTS_SHOWN = 5;

/**
 * Two editions of one year (two files, or a file and a re-issue): the rows of a unit in both should hold the
 * same figures. Where they do not, a note names the unit, the measure and both values; where they do, a
 * note says they agree. They stay in the order given either way (timeOrder), without a CAGR.
 */
export function sameYearEditions(editions: readonly Edition[]): string[] {
  const notes: string[] = [];
  const byYear = new Map<number, Edition[]>();
  for (const edition of editions) {
    if (edition.year === undefined) continue;
    const list = byYear.get(edition.year);
    if (list === undefined) byYear.set(edition.year, [edition]);
    else list.push(edition);
  }
  for (const [year, list] of byYear) {
    if (list.length < 2) continue;
    const [first, ...others] = list;
    const firstUnits = new Map(first!.units.map((unit) => [unitKey(unit.label), unit]));
    const differences: string[] = [];
    let count = 0;
    for (const other of others) {
      for (const unit of other.units) {
        const earlier = firstUnits.get(unitKey(unit.label));
        if (earlier === undefined) continue;
        for (const [id, value] of unit.values) {
          const before = earlier.values.get(id);
          if (before === undefined || before === null || value === null) continue;
          if (before.n * value.d === value.n * before.d) continue;
          count += 1;
          if (differences.length < DISAGREEMENTS_SHOWN) {
            differences.push(`${unit.label} ${id} ${roundToString(before, 6, 'half-up').replace(/\.?0+$/, '')} in ${first!.file}, ${roundToString(value, 6, 'half-up').replace(/\.?0+$/, '')} in ${other.file}`);
          }
        }
      }
    }
    const files = list.map((edition) => edition.file).join(', ');
    notes.push(count === 0
      ? `two editions of ${year} (${files}): their common units agree; compared in the order given`
      : `two editions of ${year} disagree (${files}), ${count} value${count > 1 ? 's' : ''}: ${differences.join('; ')}${count > differences.length ? `; and ${count - differences.length} more` : ''}; compared in the order given`);
  }
  return notes;
}

/** Editions sorted by year when every year is known and distinct; the same array when already in order. */
export function timeOrder(editions: readonly Edition[]): readonly Edition[] {
  const years = editions.map((edition) => edition.year);
  if (years.some((year) => year === undefined) || new Set(years).size !== years.length) return editions;
  const sorted = [...editions].sort((a, b) => a.year! - b.year!);
  return sorted.every((edition, index) => edition === editions[index]) ? editions : sorted;
}

/**
 * The years of a file: one edition per year of its year column (`make` gets the year to keep), or one edition
 * of every row (`make` gets undefined; the year from the column, else the file name).
 */
function splitYears<T>(years: readonly string[], source: string, file: string, title: readonly string[], make: (keep: string | undefined, edition: number | undefined) => T): T[] {
  const distinct = [...new Set(years.filter((year) => year !== ''))];
  if (distinct.length > 1) {
    const bad = distinct.find((year) => !/^\d{4}$/.test(year));
    if (bad !== undefined) throw new SvcError('USAGE', `the year '${bad}' is not a 4-digit year, so the years cannot be told apart in time`, { file });
    return distinct.map((year) => make(year, Number(year)));
  }
  const [onlyYear] = distinct;
  return [make(undefined, onlyYear !== undefined && /^\d{4}$/.test(onlyYear) ? Number(onlyYear) : yearFromTitle(title) ?? yearFromName(source))];
}

async function readEditions(source: string, options: ReadOptions, request: CompareRequest, notes: Note[]): Promise<{ editions: Edition[]; measures: string[] }> {
  if (request.by !== undefined) {
    const aggregation = await aggregate(source, options, request.by.column, request.by.scheme);
    notes.push(...readingNotes(aggregation.file, aggregation.plan));
    const name = (key: string): string => groupDisplay(key, aggregation.grouper, 0);
    for (const line of [describeExcluded(aggregation), describeIncomplete(aggregation.plan, aggregation.groups, (key) => groupName(aggregation, key),
      measuresAsked(request.catalogue, request.ids))]) {
      if (line !== undefined) notes.push(line);
    }
    const editions = splitYears(aggregation.years, source, aggregation.file, aggregation.plan.title, (year, editionYear) => ({
      file: aggregation.file, year: editionYear, plan: aggregation.plan,
      units: aggregation.groups
        .filter((group) => year === undefined || yearOfGroup(aggregation.grouper, group.group) === year)
        .map((group) => ({ label: withoutYear(name(group.group), aggregation, group.group), values: groupValues(aggregation.plan, group) })),
    }));
    return { editions, measures: aggregation.plan.measureColumns.map((column) => column.measure.id) };
  }
  const table = await readTable(openRecords(source, options), options);
  // a series of one unit (a year column, one row a year, no label column: data/national-series.csv) is that unit over its years
  const years = table.rows.map((row) => row.year ?? '');
  const series = table.plan.labelIndex === undefined && table.rows.length > 1 && !years.includes('') && new Set(years).size === years.length;
  if (!series) requireLabel(table.plan, table.file, 'compare');
  const seriesLabel = (table.file.split(/[\\/]/).pop() ?? table.file).replace(/\.[^.]*$/, '');
  if (series) notes.push(`${table.file}: no unit column, one row a year: compared as one unit, ${seriesLabel}`);
  notes.push(...readingNotes(table.file, table.plan));
  const editions = splitYears(years, source, table.file, table.plan.title, (year, editionYear) => ({
    file: table.file, year: editionYear, plan: table.plan,
    units: table.rows.filter((row) => year === undefined || row.year === year)
      .map((row) => ({ label: series ? seriesLabel : row.label ?? `line ${row.line}`, values: rowValues(table, row.values) })),
  }));
  return { editions, measures: table.plan.measureColumns.map((column) => column.measure.id) };
}

/** A group's name without its year part: the year is the edition. */
function withoutYear(_display: string, aggregation: Aggregation, key: string): string {
  const parts = aggregation.grouper.parts.length === 1 ? [key] : splitGroupKey(key);
  return parts.filter((_part, index) => aggregation.grouper.parts[index]!.kind !== 'year').join(' ');
}

export { yearFromName, yearFromTitle };

/** How changes are taken: from the first edition, or from the one before (year on year). */
export type CompareBase = 'first' | 'previous';

export interface CompareShape {
  /** --base: change from the first edition (default) or from the previous one */
  readonly base?: CompareBase;
  /** --long: one row per unit, target and edition (unit, indicator, year, value, change, pct_change) */
  readonly long?: boolean;
  /** --rounded-change: changes from the values as printed (rounded), not from the exact values */
  readonly roundedChange?: boolean;
}

/** The exact value of a decimal text as printed (`7208`, `-0.56`). */
function fromDecimalText(text: string): Rational {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null) throw new Error(`not a decimal: ${text}`);
  const [, sign = '', whole = '', fraction = ''] = match;
  const magnitude = BigInt(whole + fraction);
  return { n: sign === '-' ? -magnitude : magnitude, d: pow10(fraction.length) };
}

/** An indicator or measure id as a cell: its Chinese name in a human format in zh, the id elsewhere. */
function targetCell(target: Target): Label {
  const label = target.kind === 'indicator' ? target.indicator.label : target.measure.label;
  return { zh: label.zh, en: target.id };
}

export function compareTable(editions: readonly Edition[], targets: readonly Target[], rounding: RoundingChoice, shape: CompareShape = {}): { table: ReportTable; notes: Note[] } {
  const base = shape.base ?? 'first';
  const years = editions.map((edition) => edition.year);
  const distinctYears = years.every((year) => year !== undefined) && new Set(years).size === years.length;
  const tags = editions.map((edition, index) => (distinctYears ? String(edition.year) : String(index + 1)));
  /** the edition each later one is compared with */
  const baseOf = (later: number): number => (base === 'first' ? 0 : later - 1);

  // units in order of first appearance, each with its value maps per edition
  const order: string[] = [];
  const labels = new Map<string, string>();
  const byEdition = editions.map((edition) => {
    const map = new Map<string, ReadonlyMap<string, Rational | null>>();
    for (const unit of edition.units) {
      const key = unitKey(unit.label);
      if (!labels.has(key)) {
        labels.set(key, unit.label);
        order.push(key);
      }
      map.set(key, unit.values);
    }
    return map;
  });
  const notes: Note[] = [];
  const partial = order.filter((key) => byEdition.some((map) => !map.has(key))).map((key) => labels.get(key)!);
  if (partial.length > 0) {
    notes.push({ kind: 'units not in every file (listed with missing values)', item: someNames(partial), itemFull: partial.join(', ') });
  }
  if (!distinctYears && !shape.long) notes.push('no CAGR: the years of the files are not all known and distinct (a year column, or a year in the file name)');

  /** change and % change of edition `later` against its base; also whether the printed values would say otherwise */
  let differsFromPrinted = 0;
  const changeOf = (target: Target, values: readonly (Rational | null)[], printed: readonly (string | null)[], later: number): [OutputCell, OutputCell] => {
    const from = baseOf(later);
    const exactFirst = values[from] ?? null;
    const exactLater = values[later] ?? null;
    if (exactFirst === null || exactLater === null) return [null, null];
    const decimals = targetDecimals(target, rounding);
    const roundedFirst = fromDecimalText(printed[from]!);
    const roundedLater = fromDecimalText(printed[later]!);
    const [first, value] = shape.roundedChange ? [roundedFirst, roundedLater] : [exactFirst, exactLater];
    const change = roundToString(subtract(value, first), decimals, rounding.mode);
    if (!shape.roundedChange && change !== roundToString(subtract(roundedLater, roundedFirst), decimals, rounding.mode)) differsFromPrinted += 1;
    const ratio = divide(subtract(value, first), first);
    return [change, ratio === null ? null : roundToString(scale10(ratio, 2), 2, rounding.mode)];
  };
  const cagrOf = (values: readonly (Rational | null)[], later: number): OutputCell => {
    const from = baseOf(later);
    const first = values[from] ?? null;
    const value = values[later] ?? null;
    if (first === null || value === null) return null;
    const span = editions[later]!.year! - editions[from]!.year!;
    const growth = toNumber(value) / toNumber(first);
    const cagr = first.n === 0n || growth < 0 ? null : (growth ** (1 / span) - 1) * 100;
    return cagr === null || !Number.isFinite(cagr) ? null : roundToString(fromNumber(cagr), 2, rounding.mode);
  };

  const yearColumn: ReportColumn = distinctYears ? labelled('year', 'number') : { id: 'edition', label: { zh: '版次', en: 'edition' }, kind: 'text' };
  const columns: ReportColumn[] = shape.long
    ? [labelled('unit'), labelled('indicator'), yearColumn, { id: 'value', label: { zh: '数值', en: 'value' }, kind: 'number' },
      { id: 'change', label: base === 'first' ? { zh: `变化（较${tags[0]}）`, en: `change from ${tags[0]}` } : { zh: '变化（较上年）', en: 'change from previous' }, kind: 'number' },
      { id: 'pct_change', label: base === 'first' ? { zh: `变化率%（较${tags[0]}）`, en: `% change from ${tags[0]}` } : { zh: '变化率%（较上年）', en: '% change from previous' }, kind: 'number' }]
    : [labelled('unit'), labelled('indicator'), ...tags.map((tag) => ({ id: `value_${tag}`, label: COMPARE_LABELS.value(tag), kind: 'number' as const }))];
  if (!shape.long) {
    tags.slice(1).forEach((tag, offset) => {
      const from = tags[baseOf(offset + 1)]!;
      columns.push({ id: `change_${tag}`, label: COMPARE_LABELS.change(from, tag), kind: 'number' });
      columns.push({ id: `pct_change_${tag}`, label: COMPARE_LABELS.pct_change(from, tag), kind: 'number' });
      if (distinctYears) columns.push({ id: `cagr_${tag}`, label: COMPARE_LABELS.cagr(from, tag), kind: 'number' });
    });
  }

  const rows: ReportCell[][] = [];
  for (const key of order) {
    for (const target of targets) {
      const values = byEdition.map((map) => {
        const unitValues = map.get(key);
        if (unitValues === undefined) return null;
        const outcome = targetValue(target, unitValues);
        return 'value' in outcome ? outcome.value : null;
      });
      const printed = values.map((value) => (value === null ? null : formatTarget(target, value, rounding)));
      if (shape.long) {
        printed.forEach((text, index) => {
          const [change, pct] = index === 0 ? [null, null] : changeOf(target, values, printed, index);
          rows.push([labels.get(key)!, targetCell(target), tags[index]!, text, change, pct]);
        });
        continue;
      }
      const cells: ReportCell[] = [labels.get(key)!, targetCell(target), ...printed];
      for (let later = 1; later < values.length; later += 1) {
        cells.push(...changeOf(target, values, printed, later));
        if (distinctYears) cells.push(cagrOf(values, later));
      }
      rows.push(cells);
    }
  }
  if (differsFromPrinted > 0) {
    notes.push(`changes are of the exact values, not of the rounded values shown: in ${differsFromPrinted} ${differsFromPrinted === 1 ? 'case' : 'cases'} the change differs from the difference of the printed values (--rounded-change takes them from the printed values)`);
  }
  if (shape.roundedChange) notes.push('changes and % changes are of the values as printed (rounded), as --rounded-change asks');
  // unit and indicator name every row: a table split into blocks repeats both
  return { table: { columns, rows, keys: 2 }, notes };
}
