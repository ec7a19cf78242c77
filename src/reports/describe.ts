/** `describe`: descriptive statistics of each target across the units of a file (or of each --by group). */
import type { Note } from '../notes.js';
import type { RoundingMode } from '../exact/rational.js';
import { fromNumber, roundToString, toNumber } from '../exact/rational.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { RegionScheme } from '../catalogue/regions.js';
import type { ReadOptions } from '../engine/read-options.js';
import type { UnitRecord, UnitSet } from '../engine/units.js';
import { collectUnits } from '../engine/units.js';
import { perYear } from './per-year.js';
import { checkStatisticsInput } from './statistics-input.js';
import { openRecords } from '../io/records.js';
import type { LabelId } from '../render/labels.js';
import { labelled } from '../render/labels.js';
import type { OutputCell, ReportColumn, ReportTable } from '../render/model.js';
import type { QuantileMethod, SdKind } from '../stats/describe.js';
import { describeValues } from '../stats/describe.js';

export interface DescribeChoices {
  readonly sd: SdKind;
  readonly quantiles: QuantileMethod;
  readonly decimals: number;
  readonly mode: RoundingMode;
}

export interface DescribeRequest {
  readonly catalogue: Catalogue;
  readonly ids: readonly string[] | undefined;
  readonly by?: { readonly column: string; readonly scheme: RegionScheme } | undefined;
  readonly choices: DescribeChoices;
}

/** Read the units of one input and describe each target across them. */
export async function describeReport(source: string, options: ReadOptions, request: DescribeRequest): Promise<{ table: ReportTable; notes: readonly Note[]; warnings: readonly string[] }> {
  const set = await collectUnits(openRecords(source, options), options, request.catalogue, request.ids, undefined, request.by, 'describe');
  checkStatisticsInput(set, 'describe');
  const result = perYear(set, (units) => ({ table: describeTable(units, request.choices), notes: [] }));
  return { table: result.table, notes: set.notes, warnings: set.warnings };
}

const COLUMNS = ['indicator', 'n', 'missing', 'mean', 'sd', 'cv', 'min', 'p25', 'median', 'p75', 'max', 'min_unit', 'max_unit'] as const;
const TEXT = new Set(['group', 'indicator', 'min_unit', 'max_unit']);

export function describeTable(set: UnitSet, choices: DescribeChoices): ReportTable {
  const grouped = set.grouper !== undefined;
  const ids = grouped ? ['group', ...COLUMNS] : [...COLUMNS];
  const columns: ReportColumn[] = ids.map((id) => labelled(id as LabelId, TEXT.has(id) ? 'text' : 'number'));
  const groups: [string | undefined, UnitRecord[]][] = grouped
    ? set.grouper!.order(new Set(set.units.map((unit) => unit.group!))).map((group) => [group, set.units.filter((unit) => unit.group === group)])
    : [[undefined, [...set.units]]];
  const format = (value: number | null): OutputCell =>
    value === null || !Number.isFinite(value) ? null : roundToString(fromNumber(value), choices.decimals, choices.mode);
  const rows: OutputCell[][] = [];
  for (const [group, units] of groups) {
    set.targets.forEach((target, index) => {
      const present = units.filter((unit) => unit.values[index] !== null);
      const lead = [...(grouped ? [group ?? null] : []), target.id];
      if (present.length === 0) {
        rows.push([...lead, '0', String(units.length), ...Array<OutputCell>(COLUMNS.length - 3).fill(null)]);
        return;
      }
      const stats = describeValues(present.map((unit) => toNumber(unit.values[index]!)), choices.sd, choices.quantiles);
      rows.push([
        ...lead, String(stats.n), String(units.length - present.length),
        format(stats.mean), format(stats.sd), format(stats.mean > 0 ? stats.cv : null), format(stats.min), format(stats.p25),
        format(stats.median), format(stats.p75), format(stats.max),
        present[stats.minIndex]!.label, present[stats.maxIndex]!.label,
      ]);
    });
  }
  return { columns, rows };
}
