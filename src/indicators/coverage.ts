/**
 * The coverage table: one row per input row with the measures the indicators use and the indicators, each
 * evaluated exactly and rounded once, for printing. Pure: returns the table and the notes for stderr.
 */
import type { Rational } from '../exact/rational.js';
import { toDecimalString } from '../exact/rational.js';
import type { Table } from '../io/reader.js';
import type { OutputColumn, OutputTable, OutputCell } from '../render/model.js';
import type { IndicatorDefinition } from './catalogue.js';
import type { Catalogue, RoundingChoice } from './evaluate.js';
import { evaluate, formatIndicator } from './evaluate.js';
import type { Lang } from './labels.js';
import { FIXED_LABELS, indicatorLabel, measureLabel } from './labels.js';

export interface CoverageResult {
  readonly table: OutputTable;
  readonly notes: readonly string[];
}

/** Measure id → value for one row. */
export function rowValues(table: Table, values: readonly (Rational | null)[]): Map<string, Rational | null> {
  const byMeasure = new Map<string, Rational | null>();
  table.plan.measureColumns.forEach((column, index) => byMeasure.set(column.measure.id, values[index] ?? null));
  return byMeasure;
}

/** Keep the indicators whose inputs some table has; say which column each dropped one lacked. */
export function availableIndicators(
  tables: readonly Table[],
  catalogue: Catalogue,
  wanted: readonly IndicatorDefinition[],
): { kept: IndicatorDefinition[]; notes: string[] } {
  const present = new Set(tables.flatMap((table) => table.plan.measureColumns.map((column) => column.measure.id)));
  const kept: IndicatorDefinition[] = [];
  const notes: string[] = [];
  for (const indicator of wanted) {
    const lacking = [indicator.numerator, indicator.denominator].filter((id) => !present.has(id));
    if (lacking.length === 0) {
      kept.push(indicator);
      continue;
    }
    const names = lacking.map((id) => {
      const measure = catalogue.measures.find((candidate) => candidate.id === id);
      return measure === undefined ? id : `${id} (${measure.label.zh})`;
    });
    const where = tables.length === 1 ? tables[0]!.file : 'the inputs';
    notes.push(`${indicator.id} left out: ${where} has no column for ${names.join(' and ')}`);
  }
  return { kept, notes };
}

export function coverageTable(
  tables: readonly Table[],
  catalogue: Catalogue,
  wanted: readonly IndicatorDefinition[],
  rounding: RoundingChoice,
  lang: Lang,
): CoverageResult {
  const { kept, notes } = availableIndicators(tables, catalogue, wanted);
  const used = new Set(kept.flatMap((indicator) => [indicator.numerator, indicator.denominator]));
  const measures = catalogue.measures.filter((measure) => used.has(measure.id));
  const manyFiles = tables.length > 1;
  const hasYear = tables.some((table) => table.plan.yearIndex !== undefined);
  const yearsNumeric = tables.every((table) => table.rows.every((row) => row.year === undefined || /^\d{1,4}$/.test(row.year)));

  const columns: OutputColumn[] = [
    ...(manyFiles ? [{ id: 'file', label: FIXED_LABELS.file[lang], kind: 'text' as const }] : []),
    { id: 'unit', label: FIXED_LABELS.unit[lang], kind: 'text' },
    ...(hasYear ? [{ id: 'year', label: FIXED_LABELS.year[lang], kind: yearsNumeric ? 'number' as const : 'text' as const }] : []),
    ...measures.map((measure) => ({ id: measure.id, label: measureLabel(measure, lang), kind: 'number' as const })),
    ...kept.map((indicator) => ({ id: indicator.id, label: indicatorLabel(indicator, lang), kind: 'number' as const })),
  ];

  const zeroDenominators = new Map<string, number>();
  const rows: OutputCell[][] = [];
  for (const table of tables) {
    for (const row of table.rows) {
      const values = rowValues(table, row.values);
      const cells: OutputCell[] = [];
      if (manyFiles) cells.push(table.file);
      cells.push(row.label ?? null);
      if (hasYear) cells.push(row.year === undefined || row.year === '' ? null : row.year);
      for (const measure of measures) {
        const value = values.get(measure.id);
        cells.push(value == null ? null : toDecimalString(value));
      }
      for (const indicator of kept) {
        const outcome = evaluate(indicator, values);
        if ('value' in outcome) {
          cells.push(formatIndicator(indicator, outcome.value, rounding));
        } else {
          if (outcome.missing === 'zero-denominator') {
            zeroDenominators.set(indicator.id, (zeroDenominators.get(indicator.id) ?? 0) + 1);
          }
          cells.push(null);
        }
      }
      rows.push(cells);
    }
  }
  if (zeroDenominators.size > 0) {
    const detail = [...zeroDenominators].map(([id, count]) => `${id} ${count}`).join(', ');
    notes.push(`values left missing because their denominator is zero: ${detail}`);
  }
  return { table: { columns, rows }, notes };
}
