/** `describe`: descriptive statistics of each target across the units of a file (or of each --by group). */
import type { Note } from '../notes.js';
import type { RoundingMode } from '../exact/rational.js';
import { doubleText } from './double-text.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { RegionScheme } from '../catalogue/regions.js';
import type { ReadOptions } from '../engine/read-options.js';
import type { UnitSet } from '../engine/units.js';
import { collectUnits, extremesOf, groupUnits } from '../engine/units.js';
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
  const set = await collectUnits(openRecords(source, options), options, request.catalogue, request.ids, undefined, request.by, 'describe', { lacking: false });
  checkStatisticsInput(set, 'describe');
  const result = perYear(set, (year) => ({ table: describeTable(set, request.choices, year), notes: [] }));
  return { table: result.table, notes: set.notes, warnings: set.warnings };
}

const COLUMNS = ['indicator', 'n', 'missing', 'mean', 'sd', 'cv', 'min', 'p25', 'median', 'p75', 'max', 'min_unit', 'max_unit'] as const;
const TEXT = new Set(['group', 'indicator', 'min_unit', 'max_unit']);

/**
 * One row a target (a group and target with --by) over the units of one year (an index into set.yearNames), or
 * of all units. O(n log n): the units are put in their groups once, and each group's values sorted once.
 */
export function describeTable(set: UnitSet, choices: DescribeChoices, year?: number, targets: readonly number[] = set.targets.map((_target, index) => index)): ReportTable {
  const grouped = set.grouper !== undefined;
  const ids = grouped ? ['group', ...COLUMNS] : [...COLUMNS];
  const columns: ReportColumn[] = ids.map((id) => labelled(id as LabelId, TEXT.has(id) ? 'text' : 'number'));
  const { groups, starts, units } = groupUnits(set, year === undefined ? () => true : (unit) => set.yearOf[unit] === year);
  const years = year === undefined ? set.yearNames.map((_name, index) => index) : [year];
  const format = (value: number | null): OutputCell => (value === null ? null : doubleText(value, choices.decimals, choices.mode));
  let largest = 0;
  for (let k = 0; k < groups.length; k += 1) largest = Math.max(largest, starts[k + 1]! - starts[k]!);
  const present = new Float64Array(largest);
  const rows: OutputCell[][] = [];
  groups.forEach((group, k) => {
    const members = units.subarray(starts[k], starts[k + 1]);
    for (const index of targets) {
      const target = set.targets[index]!;
      const column = set.values[index]!;
      let n = 0;
      for (const unit of members) {
        const value = column[unit]!;
        if (!Number.isNaN(value)) present[n++] = value;
      }
      const lead = [...(grouped ? [set.groupNames[group] ?? null] : []), target.id];
      if (n === 0) {
        rows.push([...lead, '0', String(members.length), ...Array<OutputCell>(COLUMNS.length - 3).fill(null)]);
        continue;
      }
      const stats = describeValues(present.subarray(0, n), choices.sd, choices.quantiles);
      const extremes = extremesOf(set, index, group, years)!;
      rows.push([
        ...lead, String(stats.n), String(members.length - n),
        format(stats.mean), format(stats.sd), format(stats.mean > 0 ? stats.cv : null), format(stats.min), format(stats.p25),
        format(stats.median), format(stats.p75), format(stats.max),
        extremes.minUnit.label, extremes.maxUnit.label,
      ]);
    }
  });
  return { columns, rows };
}
