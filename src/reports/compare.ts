/**
 * `compare`: the same units across files (yearbook editions), matched by label — province names with or
 * without their suffix. Per unit and target: the value in each file, and from the first file to each later
 * one the change, the percent change and, when both years are known, the compound annual growth rate.
 * Changes are computed on exact values; the CAGR, a root, is floating point.
 */
import type { Rational } from '../exact/rational.js';
import { divide, fromNumber, roundToString, scale10, subtract, toNumber } from '../exact/rational.js';
import { doubleText } from './double-text.js';
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
import type { Target } from '../catalogue/targets.js';
import { formatTarget, targetDecimals, targetValue } from '../catalogue/targets.js';
import type { OutputCell, ReportColumn, ReportTable } from '../render/model.js';

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
}

/**
 * Read every edition and compare them. An edition is a file, or one year of a file holding several (a long
 * file); editions are compared in time order when every year is known, whatever the order of the files.
 */
export async function compareReport(sources: readonly string[], options: ReadOptions, request: CompareRequest): Promise<{ table: ReportTable; notes: Note[]; warnings: string[] }> {
  const editions: Edition[] = [];
  const present = new Set<string>();
  const notes: Note[] = [];
  for (const source of sources) {
    const read = await readEditions(source, options, request, notes);
    editions.push(...read.editions);
    for (const id of read.measures) present.add(id);
  }
  if (editions.length < 2) {
    throw new SvcError('USAGE', sources.length < 2 ? 'compare needs two or more files, or one file holding several years' : 'compare needs two or more editions', {},
      'give A.csv B.csv, or one file with a year column of two or more years');
  }
  const ordered = timeOrder(editions);
  if (ordered !== editions) {
    notes.push(`compared in time order (${ordered.map((edition) => edition.year).join(', ')}), not in the order given (${editions.map((edition) => edition.year).join(', ')})`);
  }
  const selection = selectTargets(request.catalogue, request.ids, present, 'the inputs');
  const result = compareTable(ordered, selection.targets, request.rounding);
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
  requireLabel(table.plan, table.file, 'compare');
  notes.push(...readingNotes(table.file, table.plan));
  const editions = splitYears(table.rows.map((row) => row.year ?? ''), source, table.file, table.plan.title, (year, editionYear) => ({
    file: table.file, year: editionYear, plan: table.plan,
    units: table.rows.filter((row) => year === undefined || row.year === year)
      .map((row) => ({ label: row.label ?? `line ${row.line}`, values: rowValues(table, row.values) })),
  }));
  return { editions, measures: table.plan.measureColumns.map((column) => column.measure.id) };
}

/** A group's name without its year part: the year is the edition. */
function withoutYear(_display: string, aggregation: Aggregation, key: string): string {
  const parts = aggregation.grouper.parts.length === 1 ? [key] : splitGroupKey(key);
  return parts.filter((_part, index) => aggregation.grouper.parts[index]!.kind !== 'year').join(' ');
}

/** The year a sheet's title gives: `表4-2 各地区城市社区服务情况（2008年）` → 2008. */
export function yearFromTitle(title: readonly string[]): number | undefined {
  for (const line of title) {
    const match = /(?<!\d)(19[4-9]\d|20\d\d)\s*年/.exec(line.normalize('NFKC'));
    if (match !== null) return Number(match[1]);
  }
  return undefined;
}

/** A 4-digit year (1949–2099) in a file name: `provinces-2009.csv` → 2009. */
export function yearFromName(file: string): number | undefined {
  const base = file.split(/[\\/]/).pop() ?? file;
  const match = /(?<!\d)(19[4-9]\d|20\d\d)(?!\d)/.exec(base);
  return match === null ? undefined : Number(match[1]);
}

export function compareTable(editions: readonly Edition[], targets: readonly Target[], rounding: RoundingChoice): { table: ReportTable; notes: Note[] } {
  const years = editions.map((edition) => edition.year);
  const distinctYears = years.every((year) => year !== undefined) && new Set(years).size === years.length;
  const tags = editions.map((edition, index) => (distinctYears ? String(edition.year) : String(index + 1)));
  const columns: ReportColumn[] = [
    labelled('unit'),
    labelled('indicator'),
    ...tags.map((tag) => ({ id: `value_${tag}`, label: COMPARE_LABELS.value(tag), kind: 'number' as const })),
  ];
  const base = tags[0]!;
  for (const tag of tags.slice(1)) {
    columns.push({ id: `change_${tag}`, label: COMPARE_LABELS.change(base, tag), kind: 'number' });
    columns.push({ id: `pct_change_${tag}`, label: COMPARE_LABELS.pct_change(base, tag), kind: 'number' });
    if (distinctYears) columns.push({ id: `cagr_${tag}`, label: COMPARE_LABELS.cagr(base, tag), kind: 'number' });
  }

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
  if (!distinctYears) notes.push('no CAGR: the years of the files are not all known and distinct (a year column, or a year in the file name)');

  const rows: OutputCell[][] = [];
  for (const key of order) {
    for (const target of targets) {
      const values = byEdition.map((map) => {
        const unitValues = map.get(key);
        if (unitValues === undefined) return null;
        const outcome = targetValue(target, unitValues);
        return 'value' in outcome ? outcome.value : null;
      });
      const cells: OutputCell[] = [labels.get(key)!, target.id, ...values.map((value) => (value === null ? null : formatTarget(target, value, rounding)))];
      const first = values[0] ?? null;
      values.slice(1).forEach((value, offset) => {
        const later = offset + 1;
        if (first === null || value === null) {
          cells.push(null, null, ...(distinctYears ? [null] : []));
          return;
        }
        const change = subtract(value, first);
        const ratio = divide(change, first);
        cells.push(
          roundToString(change, targetDecimals(target, rounding), rounding.mode),
          ratio === null ? null : roundToString(scale10(ratio, 2), 2, rounding.mode),
        );
        if (distinctYears) {
          const span = editions[later]!.year! - editions[0]!.year!;
          const growth = toNumber(value) / toNumber(first);
          const cagr = first.n === 0n || growth < 0 ? null : (growth ** (1 / span) - 1) * 100;
          cells.push(cagr === null ? null : doubleText(cagr, 2, rounding.mode));
        }
      });
      rows.push(cells);
    }
  }
  return { table: { columns, rows }, notes };
}
