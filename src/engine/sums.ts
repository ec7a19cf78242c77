/**
 * Exact per-group sums of measure columns. Plain integer cells are added as doubles while the sum stays below
 * 2^53 (exact); everything else, and the overflow, as BigInt rationals. Plain data, so that sums cross to and
 * from worker threads.
 */
import type { Rational } from '../exact/rational.js';
import { ZERO, add, fromBigInt } from '../exact/rational.js';
import type { HeaderPlan } from '../table/header-plan.js';
import type { DataRow } from '../table/rows.js';
import { rowRole } from './grouping.js';
import type { Note } from '../notes.js';

/** The sums of one group; plain data, so that it crosses to and from worker threads. */
export interface GroupSums {
  readonly group: string;
  units: number;
  /** per measure column: the sum of plain integer cells, exact while below 2^53 */
  readonly small: number[];
  /** per measure column: the sum of every other value */
  readonly big: Rational[];
  /** per measure column: how many units lack a value, and the first few of them */
  readonly missingCount: number[];
  readonly missingSample: string[][];
}

export interface ExcludedRow {
  readonly label: string;
  readonly line: number;
  readonly role: 'total' | 'of-which';
  /** a total row's year and values (per measure column), to say whether --totals agrees with it */
  readonly year?: string | undefined;
  readonly values?: readonly (Rational | null)[] | undefined;
}


const MISSING_SAMPLE = 5;
/** A cell summed as a double: a plain integer of at most 15 digits (exact, and so is the sum below 2^53). */
export const PLAIN_INTEGER = /^\d{1,15}$/;

/**
 * A decimal cell of a column scaled by 10^power10 (万 = 4, 亿 = 8) as the exact whole number it stands for, when
 * that is quick and safe: digits, at most one point, no more decimals than power10 (so the value is whole once
 * scaled), and at most 15 digits after scaling (exact as a double). Anything else (blanks, separators, signs,
 * more decimals, missing markers) gives -1 and goes through readCell's exact rules and messages.
 */
export function scaledInteger(cell: string, power10: number): number {
  return scaledIntegerIn(cell, 0, cell.length, power10);
}

/** scaledInteger of the cell from `start` to `end` of a line, without cutting it out. */
export function scaledIntegerIn(line: string, start: number, end: number, power10: number): number {
  const length = end - start;
  if (length === 0 || length > 16) return -1;
  let whole = 0;
  let index = start;
  let code = 0;
  for (; index < end; index += 1) {
    code = line.charCodeAt(index);
    if (code < 48 || code > 57) break;
    whole = whole * 10 + (code - 48);
  }
  if (index === start || index - start + power10 > 15) return -1;
  if (index === end) return whole * POWERS_OF_TEN[power10]!;
  if (code !== 46) return -1; // '.'
  const decimals = end - index - 1;
  if (decimals === 0 || decimals > power10) return -1;
  let fraction = 0;
  for (index += 1; index < end; index += 1) {
    code = line.charCodeAt(index);
    if (code < 48 || code > 57) return -1;
    fraction = fraction * 10 + (code - 48);
  }
  return whole * POWERS_OF_TEN[power10]! + fraction * POWERS_OF_TEN[power10 - decimals]!;
}

/** 10^0 … 10^15, exact doubles (scaledInteger's scales stay within them: at most 15 digits once scaled). */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, power) => 10 ** power);

export function emptySums(group: string, measures: number): GroupSums {
  return {
    group,
    units: 0,
    small: new Array<number>(measures).fill(0),
    big: new Array<Rational>(measures).fill(ZERO),
    missingCount: new Array<number>(measures).fill(0),
    missingSample: Array.from({ length: measures }, () => []),
  };
}

export function addValue(target: GroupSums, index: number, value: Rational | null, label: string): void {
  if (value === null) {
    target.missingCount[index] = target.missingCount[index]! + 1;
    if (target.missingSample[index]!.length < MISSING_SAMPLE) target.missingSample[index]!.push(label);
  } else {
    target.big[index] = add(target.big[index]!, value);
  }
}

export function addSmall(target: GroupSums, index: number, value: number): void {
  const sum = target.small[index]! + value;
  if (sum <= Number.MAX_SAFE_INTEGER) {
    target.small[index] = sum;
  } else {
    // beyond 2^53 a double is no longer exact: carry into the BigInt sum
    target.big[index] = add(target.big[index]!, fromBigInt(BigInt(target.small[index]!) + BigInt(value)));
    target.small[index] = 0;
  }
}

/** A whole number added exactly: as a double while the sum stays below 2^53, else into the BigInt sum. */
export function addWhole(target: GroupSums, index: number, value: bigint): void {
  if (value <= MAX_SMALL) addSmall(target, index, Number(value));
  else target.big[index] = add(target.big[index]!, fromBigInt(value));
}

const MAX_SMALL = BigInt(Number.MAX_SAFE_INTEGER);

/** The exact total of a group's measure column. */
export function sumOf(sums: GroupSums, index: number): Rational {
  const small = sums.small[index]!;
  return small === 0 ? sums.big[index]! : add(sums.big[index]!, fromBigInt(BigInt(small)));
}

export function mergeInto(target: GroupSums, source: GroupSums): void {
  target.units += source.units;
  source.small.forEach((value, index) => addSmall(target, index, value));
  source.big.forEach((value, index) => (target.big[index] = add(target.big[index]!, value)));
  source.missingCount.forEach((count, index) => (target.missingCount[index] = target.missingCount[index]! + count));
  source.missingSample.forEach((labels, index) => {
    const sample = target.missingSample[index]!;
    for (const label of labels) if (sample.length < MISSING_SAMPLE) sample.push(label);
  });
}

/** The sums of the part rows of a table read whole (total and "of which" rows left out), for --totals. */
export function sumParts(rows: readonly DataRow[], measureCount: number, group: string): GroupSums {
  const sums = emptySums(group, measureCount);
  for (const row of rows) {
    if (rowRole(row) !== 'part') continue;
    sums.units += 1;
    row.values.forEach((value, index) => addValue(sums, index, value, row.label ?? `line ${row.line}`));
  }
  return sums;
}

/** Measure id → group sum, or null when some unit of the group lacks the measure (a partial sum would mislead). */
export function groupValues(plan: HeaderPlan, sums: GroupSums): Map<string, Rational | null> {
  const values = new Map<string, Rational | null>();
  plan.measureColumns.forEach((column, index) => {
    values.set(column.measure.id, sums.missingCount[index]! > 0 ? null : sumOf(sums, index));
  });
  return values;
}

/**
 * A note about group sums left missing, or undefined. `name` gives a group's printed name; `measures`, when
 * given, the measures asked for (the others are not shown, so not worth a note).
 */
export function describeIncomplete(
  plan: HeaderPlan,
  sums: readonly GroupSums[],
  name: (key: string) => string = (key) => key,
  measures?: ReadonlySet<string>,
): Note | undefined {
  const parts: string[] = [];
  for (const group of sums) {
    plan.measureColumns.forEach((column, index) => {
      const count = group.missingCount[index]!;
      if (count === 0 || (measures !== undefined && !measures.has(column.measure.id))) return;
      const sample = group.missingSample[index]!;
      parts.push(`${name(group.group) || 'total'} ${column.measure.id} (${sample.join(', ')}${count > sample.length ? `, … ${count} in all` : ''})`);
    });
  }
  return parts.length === 0 ? undefined : { kind: 'group sums left missing because some units lack a value', item: parts.join('; '), separator: '; ' };
}
