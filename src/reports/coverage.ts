/**
 * The coverage report: one row per unit (an input row, or a --by group) with the measures the indicators use and
 * the indicators, each evaluated exactly and rounded once, for printing. Returns the table and the notes for
 * stderr; prints nothing.
 */
import { SvcError } from '../errors.js';
import type { Rational } from '../exact/rational.js';
import { toDecimalString } from '../exact/rational.js';
import type { IndicatorDefinition } from '../catalogue/indicators.js';
import type { Catalogue, RoundingChoice } from '../catalogue/catalogue.js';
import { evaluate, formatIndicator, inputsOf } from '../catalogue/catalogue.js';
import type { RegionScheme } from '../catalogue/regions.js';
import { availableIndicators } from '../catalogue/targets.js';
import type { Aggregation } from '../engine/aggregate.js';
import { aggregate, describeExcluded } from '../engine/aggregate.js';
import type { ReadOptions } from '../engine/read-options.js';
import { describeIncomplete, groupValues, sumParts } from '../engine/sums.js';
import { openRecords } from '../io/records.js';
import { LABELS, TOTAL_CODES, TOTAL_KEY, groupLabel, labelled, withUnit } from '../render/labels.js';
import type { OutputCell, ReportColumn, ReportTable } from '../render/model.js';
import type { Table } from '../table/rows.js';
import { readTable } from '../table/rows.js';

export interface CoverageResult {
  readonly table: ReportTable;
  readonly notes: readonly string[];
}

export interface CoverageRequest {
  readonly catalogue: Catalogue;
  readonly wanted: readonly IndicatorDefinition[];
  readonly rounding: RoundingChoice;
  /** --by: one row per group of this column (or region) */
  readonly by?: { readonly column: string; readonly scheme: RegionScheme } | undefined;
  /** --totals: a row computed from all unit rows */
  readonly totals: boolean;
}

/** Read the inputs and build the coverage report. */
export async function coverageReport(sources: readonly string[], options: ReadOptions, request: CoverageRequest): Promise<CoverageResult> {
  if (request.by !== undefined) {
    if (sources.length > 1) {
      throw new SvcError('USAGE', '--by takes one input file', {}, "use 'svc-stats compare A.csv B.csv --by ...' for several");
    }
    const aggregation = await aggregate(sources[0]!, options, request.by.column, request.by.scheme);
    return groupedCoverageTable(aggregation, request);
  }
  const tables: Table[] = [];
  for (const source of sources) tables.push(await readTable(openRecords(source, options), options));
  return coverageTable(tables, request);
}

/** One output row before the measures: its leading cells and its values by measure id. */
export interface UnitValues {
  readonly lead: readonly OutputCell[];
  readonly values: ReadonlyMap<string, Rational | null>;
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
): CoverageResult {
  const { catalogue, wanted, rounding } = request;
  const { kept, notes } = availableIndicators(present, where, catalogue, wanted);
  if (kept.length === 0) {
    throw new SvcError('NO_INDICATOR', `no indicator can be computed: ${where} has only ${[...present].join(', ')}`, {},
      wanted.length === 1 ? notes[0] : "see 'svc-stats indicators' for what each needs, or define one with --indicators-file");
  }
  const used = new Set(kept.flatMap(inputsOf));
  const measures = catalogue.measures.filter((measure) => used.has(measure.id));
  const columns: ReportColumn[] = [
    ...leadColumns,
    ...measures.map((measure) => ({ id: measure.id, label: withUnit(measure.label, measure.unit), kind: 'number' as const })),
    ...kept.map((indicator) => ({ id: indicator.id, label: withUnit(indicator.label, indicator.unit), kind: 'number' as const })),
  ];
  const zeroDenominators = new Map<string, number>();
  const rows = units.map((unit) => {
    const cells: OutputCell[] = [...unit.lead];
    for (const measure of measures) {
      const value = unit.values.get(measure.id);
      cells.push(value == null ? null : toDecimalString(value));
    }
    for (const indicator of kept) {
      const outcome = evaluate(indicator, unit.values);
      if ('value' in outcome) {
        cells.push(formatIndicator(indicator, outcome.value, rounding));
        continue;
      }
      if (outcome.missing === 'zero-denominator') {
        zeroDenominators.set(indicator.id, (zeroDenominators.get(indicator.id) ?? 0) + 1);
      }
      cells.push(null);
    }
    return cells;
  });
  if (zeroDenominators.size > 0) {
    const detail = [...zeroDenominators].map(([id, count]) => `${id} ${count}`).join(', ');
    notes.push(`values left missing because their denominator is zero: ${detail}`);
  }
  return { table: { columns, rows }, notes };
}

/** One output row per input row, for one or more files. */
export function coverageTable(tables: readonly Table[], request: CoverageRequest): CoverageResult {
  const manyFiles = tables.length > 1;
  const hasYear = tables.some((table) => table.plan.yearIndex !== undefined);
  const yearsNumeric = tables.every((table) => table.rows.every((row) => row.year === undefined || /^\d{1,4}$/.test(row.year)));
  const leadColumns: ReportColumn[] = [
    ...(manyFiles ? [labelled('file')] : []),
    labelled('unit', 'text', request.totals ? { codes: TOTAL_CODES } : {}),
    ...(hasYear ? [labelled('year', yearsNumeric ? 'number' : 'text')] : []),
  ];
  const units: UnitValues[] = tables.flatMap((table) => table.rows.map((row) => ({
    lead: [
      ...(manyFiles ? [table.file] : []),
      row.label ?? null,
      ...(hasYear ? [row.year === undefined || row.year === '' ? null : row.year] : []),
    ],
    values: rowValues(table, row.values),
  })));
  const notes: string[] = [];
  if (request.totals) {
    for (const table of tables) {
      const sums = sumParts(table.rows, table.plan.measureColumns.length, TOTAL_KEY);
      units.push({
        lead: [...(manyFiles ? [table.file] : []), TOTAL_KEY, ...(hasYear ? [null] : [])],
        values: groupValues(table.plan, sums),
      });
      const incomplete = describeIncomplete(table.plan, [sums]);
      if (incomplete !== undefined) notes.push(incomplete);
    }
  }
  const present = new Set(tables.flatMap((table) => table.plan.measureColumns.map((column) => column.measure.id)));
  const where = tables.length === 1 ? tables[0]!.file : 'the inputs';
  const result = buildCoverage(leadColumns, units, present, where, request);
  return { table: result.table, notes: [...notes, ...result.notes] };
}

/** One output row per --by group, from the group's summed measures (a ratio of sums, never a mean of ratios). */
export function groupedCoverageTable(aggregation: Aggregation, request: CoverageRequest): CoverageResult {
  const groups = request.totals ? [...aggregation.groups, { ...aggregation.all, group: TOTAL_KEY }] : aggregation.groups;
  const leadColumns: ReportColumn[] = [
    { id: 'group', label: groupLabel(request.by?.column ?? LABELS.group.en, !aggregation.fromColumn), kind: 'text', codes: TOTAL_CODES },
    labelled('units', 'number'),
  ];
  const units = groups.map((group) => ({ lead: [group.group, String(group.units)], values: groupValues(aggregation.plan, group) }));
  const present = new Set(aggregation.plan.measureColumns.map((column) => column.measure.id));
  const result = buildCoverage(leadColumns, units, present, aggregation.file, request);
  const notes = [describeExcluded(aggregation), describeIncomplete(aggregation.plan, groups), ...result.notes]
    .filter((line): line is string => line !== undefined);
  return { table: result.table, notes };
}
