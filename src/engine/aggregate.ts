/**
 * `--by`: one pass over the input keeping only per-group sums of each measure, so memory does not grow with the
 * number of rows. National/total rows and "of which" rows are kept out of every group and reported. Large files
 * are summed in parallel (parallel.ts), small ones on this thread (partial.ts); both give the same sums.
 */
import type { RegionScheme } from '../catalogue/regions.js';
import type { HeaderPlan } from '../table/header-plan.js';
import { displayName } from '../io/sources/source.js';
import { makeGrouper } from './grouping.js';
import { aggregateInParallel, parallelRanges } from './parallel.js';
import { aggregatePart } from './partial.js';
import type { ReadOptions } from './read-options.js';
import type { ExcludedRow, GroupSums } from './sums.js';
import { emptySums, mergeInto } from './sums.js';

export interface Aggregation {
  readonly file: string;
  readonly plan: HeaderPlan;
  /** groups in display order */
  readonly groups: readonly GroupSums[];
  /** every part row together, for --totals */
  readonly all: GroupSums;
  /** rows kept out: total and "of which" rows */
  readonly excluded: readonly ExcludedRow[];
  /** the distinct cells of the year column, if any */
  readonly years: readonly string[];
  /** true when the groups are a column of the file, false when derived (regions from provinces) */
  readonly fromColumn: boolean;
}

export async function aggregate(source: string, options: ReadOptions, by: string, scheme: RegionScheme): Promise<Aggregation> {
  const file = displayName(source);
  const parallel = parallelRanges(source, options);
  const parts = parallel === undefined
    ? [await aggregatePart(source, options, by, scheme)]
    : await aggregateInParallel(source, { ...options, encoding: parallel.encoding }, by, scheme, parallel.ranges);
  const plan = parts[0]!.plan;
  const merged = new Map<string, GroupSums>();
  for (const part of parts) {
    for (const group of part.groups) {
      const target = merged.get(group.group);
      if (target === undefined) merged.set(group.group, group);
      else mergeInto(target, group);
    }
  }
  const grouper = makeGrouper(plan, by, scheme, file);
  const groups = grouper.order(merged.keys()).map((key) => merged.get(key)!);
  const all = emptySums('', plan.measureColumns.length);
  for (const group of groups) mergeInto(all, group);
  return {
    file, plan, groups, all, excluded: parts.flatMap((part) => part.excluded),
    years: [...new Set(parts.flatMap((part) => part.years))], fromColumn: grouper.fromColumn,
  };
}

/** One line for stderr about the rows kept out of the groups, or undefined when there were none. */
export function describeExcluded(aggregation: Aggregation): string | undefined {
  if (aggregation.excluded.length === 0) return undefined;
  const shown = aggregation.excluded.slice(0, 10)
    .map((row) => `${row.label} (line ${row.line}, ${row.role === 'total' ? 'a national/total row' : 'an "of which" row'})`);
  const more = aggregation.excluded.length > 10 ? `; and ${aggregation.excluded.length - 10} more` : '';
  return `${aggregation.file}: kept out of the groups, not summed: ${shown.join('; ')}${more}`;
}

