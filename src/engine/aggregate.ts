/**
 * `--by`: one pass over the input keeping only per-group sums of each measure, so memory does not grow with the
 * number of rows. National/total rows and "of which" rows are kept out of every group and reported. Large files
 * are summed in parallel (parallel.ts), small ones on this thread (partial.ts); both give the same sums.
 * Years are never mixed: in a file with a year column, every group is a group of one year.
 */
import type { RegionScheme } from '../catalogue/regions.js';
import { SvcError } from '../errors.js';
import type { ByteRange } from '../io/sources/source.js';
import type { Encoding } from '../io/sources/encoding.js';
import type { HeaderPlan } from '../table/header-plan.js';
import { noRows, scanCells, unitsRepeat } from '../table/rows.js';
import { displayName } from '../io/sources/source.js';
import { openRecords } from '../io/records.js';
import type { Grouper } from './grouping.js';
import { groupDisplay, makeGrouper, splitGroupKey } from './grouping.js';
import { aggregateInParallel, parallelRanges } from './parallel.js';
import type { PartialAggregation } from './partial.js';
import { aggregatePart } from './partial.js';
import type { ReadOptions } from './read-options.js';
import type { ExcludedRow, GroupSums } from './sums.js';
import { emptySums, mergeInto } from './sums.js';
import type { Note } from '../notes.js';

export interface Aggregation {
  readonly file: string;
  readonly plan: HeaderPlan;
  readonly grouper: Grouper;
  /** groups in display order */
  readonly groups: readonly GroupSums[];
  /** every part row together, one per year (group: the year, or '' without a year column), for --totals */
  readonly totals: readonly GroupSums[];
  /** rows kept out: total and "of which" rows */
  readonly excluded: readonly ExcludedRow[];
  /** the distinct cells of the year column, if any */
  readonly years: readonly string[];
}

/** The year of a group key, when the grouper has a year part. */
export function yearOfGroup(grouper: Grouper, key: string): string | undefined {
  const at = grouper.parts.findIndex((part) => part.kind === 'year');
  return at === -1 ? undefined : grouper.parts.length === 1 ? key : splitGroupKey(key)[at];
}

/** A group key as printed in notes (the year left out when the file has one year only). */
export function groupName(aggregation: Aggregation, key: string): string {
  return groupDisplay(key, aggregation.grouper, aggregation.years.length);
}

export async function aggregate(source: string, options: ReadOptions, by: string, scheme: RegionScheme): Promise<Aggregation> {
  const file = displayName(source);
  const candidate = parallelRanges(source, options);
  // a sheet's layout (title rows, a header of two rows, 城市 decided by its cells) is read in one pass
  const parallel = candidate !== undefined && await plainHeader(source, options) ? candidate : undefined;
  let parts = parallel === undefined
    ? [await aggregatePart(source, options, by, scheme)]
    : await inParallel(source, options, parallel, by, scheme);
  // a range that starts inside a block of merged (blank) label cells cannot fill them down, and one that ends
  // with label-only rows cannot tell data from footnotes; two rows of one unit are named as one pass names
  // them: then the file is read in one pass
  if (parts.some((part) => part.plan.blankBeforeFill === true || part.plan.heldAtEnd === true)
    || (parts.length > 1 && unitsRepeat(parts.flatMap((part) => (part.unitLines === undefined ? [] : [part.unitLines]))))) {
    parts = [await aggregatePart(source, options, by, scheme)];
  }
  const plan = parts[0]!.plan;
  plan.footnotes.push(...parts.slice(1).flatMap((part) => part.plan.footnotes));
  const merged = new Map<string, GroupSums>();
  for (const part of parts) {
    for (const group of part.groups) {
      const target = merged.get(group.group);
      if (target === undefined) merged.set(group.group, group);
      else mergeInto(target, group);
    }
  }
  const excluded = parts.flatMap((part) => part.excluded);
  if (merged.size === 0 && excluded.length === 0) throw noRows(plan, options, file);
  const grouper = makeGrouper(plan, by, scheme, file);
  const groups = grouper.order(merged.keys()).map((key) => merged.get(key)!);
  const years = [...new Set(parts.flatMap((part) => part.years))].sort();
  const totals = new Map<string, GroupSums>();
  for (const group of groups) {
    const year = yearOfGroup(grouper, group.group) ?? '';
    let total = totals.get(year);
    if (total === undefined) {
      total = emptySums(year, plan.measureColumns.length);
      totals.set(year, total);
    }
    mergeInto(total, group);
  }
  return { file, plan, grouper, groups, totals: [...totals.values()], excluded, years };
}

/**
 * The parts of the ranges. An error on threads is checked by reading the file in one pass, which reports what
 * one pass meets first: a range's cut may have fallen inside a quoted cell holding a line break (parallel.ts),
 * and where units are checked for repeats an error in a range may come after two rows of one unit in the ranges
 * before it, which no range has seen.
 */
async function inParallel(
  source: string, options: ReadOptions, parallel: { ranges: ByteRange[]; encoding: Encoding }, by: string, scheme: RegionScheme,
): Promise<PartialAggregation[]> {
  try {
    return await aggregateInParallel(source, { ...options, encoding: parallel.encoding }, by, scheme, parallel.ranges);
  } catch (error) {
    if (!(error instanceof SvcError)) throw error;
    return [await aggregatePart(source, options, by, scheme)];
  }
}

/** Whether the header is the first line alone and planned from it alone: then byte ranges may be read apart. */
async function plainHeader(source: string, options: ReadOptions): Promise<boolean> {
  const plan = await headerPlan(source, options); // when reading it fails, the one-pass reading reports why
  return plan !== undefined && plan.headerLine === 1 && plan.headerRows === 1 && !plan.decidedByCells;
}

/** The plan of a file's header, read up to its first data row; undefined when reading it fails. */
export async function headerPlan(source: string, options: ReadOptions): Promise<HeaderPlan | undefined> {
  let plan: HeaderPlan | undefined;
  const enough = new Error('enough');
  try {
    await scanCells(openRecords(source, options), options, (_cells, _line, rowPlan) => {
      plan = rowPlan;
      throw enough;
    });
  } catch (error) {
    if (error !== enough) return undefined;
  }
  return plan;
}

/** A note about the rows kept out of the groups (up to ten named, all under --verbose), or undefined when none. */
export function describeExcluded(aggregation: Aggregation): Note | undefined {
  if (aggregation.excluded.length === 0) return undefined;
  const rows = aggregation.excluded
    .map((row) => `${row.label} (line ${row.line}, ${row.role === 'total' ? 'a national/total row' : 'an "of which" row'})`);
  const more = rows.length > 10 ? `; and ${rows.length - 10} more` : '';
  return {
    kind: 'kept out of the groups, not summed', where: aggregation.file, separator: '; ',
    item: `${rows.slice(0, 10).join('; ')}${more}`, itemFull: rows.join('; '),
  };
}
