/**
 * The coverage table: one row per unit (an input row, or a --by group) with the measures the indicators use and
 * the indicators, each evaluated exactly and rounded once, for printing. Pure: returns the table and the notes
 * for stderr.
 */
import { SvcError } from '../errors.js';
import type { Rational } from '../exact/rational.js';
import { toDecimalString } from '../exact/rational.js';
import type { Table } from '../io/reader.js';
import type { OutputCell, OutputColumn, OutputTable } from '../render/model.js';
import type { Aggregation } from './aggregate.js';
import { describeExcluded, describeIncomplete, groupValues, sumParts } from './aggregate.js';
import type { IndicatorDefinition } from './catalogue.js';
import type { Catalogue, RoundingChoice } from './evaluate.js';
import { evaluate, formatIndicator } from './evaluate.js';
import type { Lang } from './labels.js';
import { FIXED_LABELS, indicatorLabel, measureLabel } from './labels.js';

export interface CoverageResult {
  readonly table: OutputTable;
  readonly notes: readonly string[];
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

/** Keep the indicators whose measures are present; say which column each dropped one lacked. */
export function availableIndicators(
  present: ReadonlySet<string>,
  where: string,
  catalogue: Catalogue,
  wanted: readonly IndicatorDefinition[],
): { kept: IndicatorDefinition[]; notes: string[] } {
  const kept: IndicatorDefinition[] = [];
  const notes: string[] = [];
  for (const indicator of wanted) {
    const lacking = [indicator.numerator, indicator.denominator].filter((id) => !present.has(id));
    if (lacking.length === 0) {
      kept.push(indicator);
      continue;
    }
    const names = [...new Set(lacking)].map((id) => {
      const measure = catalogue.measures.find((candidate) => candidate.id === id);
      return measure === undefined ? id : `${id} (${measure.label.zh})`;
    });
    notes.push(`${indicator.id} left out: ${where} has no column for ${names.join(' and ')}`);
  }
  return { kept, notes };
}

/** The table of measures and indicators for any list of units. */
export function buildCoverage(
  leadColumns: readonly OutputColumn[],
  units: readonly UnitValues[],
  present: ReadonlySet<string>,
  where: string,
  catalogue: Catalogue,
  wanted: readonly IndicatorDefinition[],
  rounding: RoundingChoice,
  lang: Lang,
): CoverageResult {
  const { kept, notes } = availableIndicators(present, where, catalogue, wanted);
  if (kept.length === 0) {
    throw new SvcError('NO_INDICATOR', `no indicator can be computed: ${where} has only ${[...present].join(', ')}`, {},
      wanted.length === 1 ? notes[0] : "see 'svc-stats indicators' for what each needs, or define one with --indicators-file");
  }
  const used = new Set(kept.flatMap((indicator) => [indicator.numerator, indicator.denominator]));
  const measures = catalogue.measures.filter((measure) => used.has(measure.id));
  const columns: OutputColumn[] = [
    ...leadColumns,
    ...measures.map((measure) => ({ id: measure.id, label: measureLabel(measure, lang), kind: 'number' as const })),
    ...kept.map((indicator) => ({ id: indicator.id, label: indicatorLabel(indicator, lang), kind: 'number' as const })),
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
export function coverageTable(
  tables: readonly Table[],
  catalogue: Catalogue,
  wanted: readonly IndicatorDefinition[],
  rounding: RoundingChoice,
  lang: Lang,
  withTotals = false,
): CoverageResult {
  const manyFiles = tables.length > 1;
  const hasYear = tables.some((table) => table.plan.yearIndex !== undefined);
  const yearsNumeric = tables.every((table) => table.rows.every((row) => row.year === undefined || /^\d{1,4}$/.test(row.year)));
  const leadColumns: OutputColumn[] = [
    ...(manyFiles ? [{ id: 'file', label: FIXED_LABELS.file[lang], kind: 'text' as const }] : []),
    { id: 'unit', label: FIXED_LABELS.unit[lang], kind: 'text' },
    ...(hasYear ? [{ id: 'year', label: FIXED_LABELS.year[lang], kind: yearsNumeric ? 'number' as const : 'text' as const }] : []),
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
  if (withTotals) {
    const totalLabel = lang === 'zh' ? '合计' : 'total';
    for (const table of tables) {
      const sums = sumParts(table.rows, table.plan.measureColumns.length, totalLabel);
      units.push({
        lead: [...(manyFiles ? [table.file] : []), totalLabel, ...(hasYear ? [null] : [])],
        values: groupValues(table.plan, sums),
      });
      const incomplete = describeIncomplete(table.plan, [sums]);
      if (incomplete !== undefined) notes.push(incomplete);
    }
  }
  const present = new Set(tables.flatMap((table) => table.plan.measureColumns.map((column) => column.measure.id)));
  const where = tables.length === 1 ? tables[0]!.file : 'the inputs';
  const result = buildCoverage(leadColumns, units, present, where, catalogue, wanted, rounding, lang);
  return { table: result.table, notes: [...notes, ...result.notes] };
}

/** One output row per --by group, from the group's summed measures (a ratio of sums, never a mean of ratios). */
export function groupedCoverageTable(
  aggregation: Aggregation,
  by: string,
  withTotals: boolean,
  catalogue: Catalogue,
  wanted: readonly IndicatorDefinition[],
  rounding: RoundingChoice,
  lang: Lang,
): CoverageResult {
  const totalLabel = lang === 'zh' ? '合计' : 'total';
  const groups = withTotals ? [...aggregation.groups, { ...aggregation.all, group: totalLabel }] : aggregation.groups;
  const leadColumns: OutputColumn[] = [
    { id: 'group', label: by, kind: 'text' },
    { id: 'units', label: lang === 'zh' ? '单位数' : 'units', kind: 'number' },
  ];
  const units = groups.map((group) => ({ lead: [group.group, String(group.units)], values: groupValues(aggregation.plan, group) }));
  const present = new Set(aggregation.plan.measureColumns.map((column) => column.measure.id));
  const result = buildCoverage(leadColumns, units, present, aggregation.file, catalogue, wanted, rounding, lang);
  const notes = [describeExcluded(aggregation), describeIncomplete(aggregation.plan, groups), ...result.notes]
    .filter((line): line is string => line !== undefined);
  return { table: result.table, notes };
}
