/**
 * `compare`: the same units across files (yearbook editions), matched by label — province names with or
 * without their suffix. Per unit and target: the value in each file, and from the first file to each later
 * one the change, the percent change and, when both years are known, the compound annual growth rate.
 * Changes are computed on exact values; the CAGR, a root, is floating point.
 */
import type { Rational } from '../exact/rational.js';
import { divide, fromNumber, roundToString, scale10, subtract, toNumber } from '../exact/rational.js';
import { SvcError } from '../errors.js';
import type { Catalogue, RoundingChoice } from '../catalogue/catalogue.js';
import type { RegionScheme } from '../catalogue/regions.js';
import { selectTargets } from '../catalogue/targets.js';
import { aggregate, describeExcluded } from '../engine/aggregate.js';
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

/** Read every edition (one file each) and compare them. */
export async function compareReport(sources: readonly string[], options: ReadOptions, request: CompareRequest): Promise<{ table: ReportTable; notes: string[] }> {
  if (sources.length < 2) throw new SvcError('USAGE', 'compare needs two or more files');
  const editions: Edition[] = [];
  const present = new Set<string>();
  const notes: string[] = [];
  for (const source of sources) {
    const edition = await readEdition(source, options, request, notes);
    editions.push(edition.edition);
    for (const id of edition.measures) present.add(id);
  }
  const selection = selectTargets(request.catalogue, request.ids, present, 'the inputs');
  const result = compareTable(editions, selection.targets, request.rounding);
  return { table: result.table, notes: [...notes, ...selection.notes, ...result.notes] };
}

/** The one year of an edition: its year column (one year only), else a year in the file name. */
function editionYear(years: readonly string[], source: string, file: string): number | undefined {
  const distinct = [...new Set(years.filter((year) => year !== ''))];
  if (distinct.length > 1) {
    throw new SvcError('USAGE', `holds ${distinct.length} years (${distinct.join(', ')}); compare takes one year per file`, { file });
  }
  const [onlyYear] = distinct;
  return onlyYear !== undefined && /^\d{4}$/.test(onlyYear) ? Number(onlyYear) : yearFromName(source);
}

async function readEdition(source: string, options: ReadOptions, request: CompareRequest, notes: string[]): Promise<{ edition: Edition; measures: string[] }> {
  if (request.by !== undefined) {
    const aggregation = await aggregate(source, options, request.by.column, request.by.scheme);
    for (const line of [describeExcluded(aggregation), describeIncomplete(aggregation.plan, aggregation.groups)]) {
      if (line !== undefined) notes.push(line);
    }
    const units = aggregation.groups.map((group) => ({ label: group.group, values: groupValues(aggregation.plan, group) }));
    return {
      edition: { file: aggregation.file, year: editionYear(aggregation.years, source, aggregation.file), units },
      measures: aggregation.plan.measureColumns.map((column) => column.measure.id),
    };
  }
  const table = await readTable(openRecords(source, options), options);
  const year = editionYear(table.rows.map((row) => row.year ?? ''), source, table.file);
  const units = table.rows.map((row) => ({ label: row.label ?? `line ${row.line}`, values: rowValues(table, row.values) }));
  return { edition: { file: table.file, year, units }, measures: table.plan.measureColumns.map((column) => column.measure.id) };
}

/** A 4-digit year (1949–2099) in a file name: `provinces-2009.csv` → 2009. */
export function yearFromName(file: string): number | undefined {
  const base = file.split(/[\\/]/).pop() ?? file;
  const match = /(?<!\d)(19[4-9]\d|20\d\d)(?!\d)/.exec(base);
  return match === null ? undefined : Number(match[1]);
}

export function compareTable(editions: readonly Edition[], targets: readonly Target[], rounding: RoundingChoice): { table: ReportTable; notes: string[] } {
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
  const notes: string[] = [];
  const partial = order.filter((key) => byEdition.some((map) => !map.has(key)));
  if (partial.length > 0) {
    notes.push(`units not in every file (listed with missing values): ${partial.map((key) => labels.get(key)).join(', ')}`);
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
          cells.push(cagr === null || !Number.isFinite(cagr) ? null : roundToString(fromNumber(cagr), 2, rounding.mode));
        }
      });
      rows.push(cells);
    }
  }
  return { table: { columns, rows }, notes };
}
