/**
 * `--by`: one pass over the input keeping only per-group sums of each measure (memory independent of the number
 * of rows). National/total rows and "of which" rows are kept out of every group and reported.
 */
import type { Rational } from '../exact/rational.js';
import { ZERO, add } from '../exact/rational.js';
import type { HeaderPlan } from '../io/headers.js';
import type { DataRow, ReadOptions } from '../io/reader.js';
import { displayName, scanTable } from '../io/reader.js';
import type { Grouper } from './grouping.js';
import { makeGrouper, rowRole } from './grouping.js';
import type { RegionScheme } from './regions.js';

export interface GroupSums {
  readonly group: string;
  units: number;
  /** per measure column: the sum of the values present */
  readonly sums: Rational[];
  /** per measure column: labels of units lacking a value */
  readonly missing: string[][];
}

export interface Aggregation {
  readonly file: string;
  readonly plan: HeaderPlan;
  /** groups in display order */
  readonly groups: readonly GroupSums[];
  /** every part row together, for --totals */
  readonly all: GroupSums;
  /** rows kept out: total and "of which" rows */
  readonly excluded: readonly { label: string; line: number; role: 'total' | 'of-which' }[];
}

function emptySums(group: string, measures: number): GroupSums {
  return { group, units: 0, sums: Array.from({ length: measures }, () => ZERO), missing: Array.from({ length: measures }, () => []) };
}

function addRow(target: GroupSums, values: readonly (Rational | null)[], label: string): void {
  target.units += 1;
  values.forEach((value, index) => {
    if (value === null) target.missing[index]!.push(label);
    else target.sums[index] = add(target.sums[index]!, value);
  });
}

export async function aggregate(source: string, options: ReadOptions, by: string, scheme: RegionScheme): Promise<Aggregation> {
  const file = displayName(source);
  const groups = new Map<string, GroupSums>();
  const excluded: { label: string; line: number; role: 'total' | 'of-which' }[] = [];
  let grouper: Grouper | undefined;
  let all: GroupSums | undefined;
  const { plan } = await scanTable(source, { ...options, groupColumn: by }, (row, rowPlan) => {
    grouper ??= makeGrouper(rowPlan, by, scheme, file);
    all ??= emptySums('', rowPlan.measureColumns.length);
    const role = rowRole(row);
    if (role !== 'part') {
      excluded.push({ label: row.label ?? '', line: row.line, role });
      return;
    }
    const key = grouper.groupOf(row);
    let sums = groups.get(key);
    if (sums === undefined) {
      sums = emptySums(key, rowPlan.measureColumns.length);
      groups.set(key, sums);
    }
    const label = row.label ?? `line ${row.line}`;
    addRow(sums, row.values, label);
    addRow(all, row.values, label);
  });
  const ordered = grouper!.order(groups.keys()).map((key) => groups.get(key)!);
  return { file, plan, groups: ordered, all: all ?? emptySums('', plan.measureColumns.length), excluded };
}

/** The sums of the part rows of a table read whole (total and "of which" rows left out), for --totals. */
export function sumParts(rows: readonly DataRow[], measureCount: number, group: string): GroupSums {
  const sums = emptySums(group, measureCount);
  for (const row of rows) if (rowRole(row) === 'part') addRow(sums, row.values, row.label ?? `line ${row.line}`);
  return sums;
}

/** Measure id → group sum, or null when some unit of the group lacks the measure (a partial sum would mislead). */
export function groupValues(plan: HeaderPlan, sums: GroupSums): Map<string, Rational | null> {
  const values = new Map<string, Rational | null>();
  plan.measureColumns.forEach((column, index) => {
    values.set(column.measure.id, sums.missing[index]!.length > 0 ? null : sums.sums[index]!);
  });
  return values;
}

/** One line for stderr about the rows kept out of the groups, or undefined when there were none. */
export function describeExcluded(aggregation: Aggregation): string | undefined {
  if (aggregation.excluded.length === 0) return undefined;
  const list = aggregation.excluded
    .map((row) => `${row.label} (line ${row.line}, ${row.role === 'total' ? 'a national/total row' : 'an "of which" row'})`)
    .join('; ');
  return `${aggregation.file}: kept out of the groups, not summed: ${list}`;
}

/** One line for stderr about group sums left missing, or undefined. */
export function describeIncomplete(plan: HeaderPlan, sums: readonly GroupSums[]): string | undefined {
  const parts: string[] = [];
  for (const group of sums) {
    plan.measureColumns.forEach((column, index) => {
      const lacking = group.missing[index]!;
      if (lacking.length > 0) parts.push(`${group.group || 'total'} ${column.measure.id} (${lacking.slice(0, 5).join(', ')}${lacking.length > 5 ? ', …' : ''})`);
    });
  }
  return parts.length === 0 ? undefined : `group sums left missing because some units lack a value: ${parts.join('; ')}`;
}
