/**
 * `verify --check-totals`: does each national or total row equal the sum of its parts, measure by measure?
 * Parts are the other rows of the same year (and --by group); "of which" (#) rows are never parts. Rows stream
 * past: only the total rows and one running sum per year and group are kept.
 */
import { SvcError } from '../errors.js';
import { isGrandTotalLabel } from '../catalogue/row-labels.js';
import type { Rational } from '../exact/rational.js';
import { subtract, toDecimalString } from '../exact/rational.js';
import type { HeaderPlan } from '../table/header-plan.js';
import { ROWS_ARE_INDEX } from '../table/header-plan.js';
import type { DataRow } from '../table/rows.js';
import type { GroupSums } from '../engine/sums.js';
import { addValue, emptySums, mergeInto, sumOf } from '../engine/sums.js';
import type { Grouper } from '../engine/grouping.js';
import { byParts, rowRole } from '../engine/grouping.js';
import type { MeasureDefinition } from '../catalogue/measures.js';
import type { RegionScheme } from '../catalogue/regions.js';
import type { ReadOptions } from '../engine/read-options.js';
import { groupDisplay, makeGrouper, requireLabel } from '../engine/grouping.js';
import { openRecords } from '../io/records.js';
import { STATUS_CODES, labelled } from '../render/labels.js';
import type { ReportColumn, ReportTable } from '../render/model.js';
import { scanTable } from '../table/rows.js';
import { aggregate, headerPlan } from '../engine/aggregate.js';
import { displayName, isStream } from '../io/sources/source.js';
import type { VerifyResult } from './verify.js';
import { describeCounts } from './verify.js';

/** Check every total row of SOURCE against the sum of its parts (per year, and per group with `by`). */
export async function verifyTotals(source: string, options: ReadOptions, by: { column: string; scheme: RegionScheme } | undefined): Promise<VerifyResult> {
  const checks = (by === undefined ? await checksByAggregation(source, options) : undefined) ?? await checksInOnePass(source, options, by);
  return {
    table: totalsTable(checks),
    summary: `verify: ${checks.length} totals: ${describeCounts(checks.map((check) => check.status))}`,
    allMatch: checks.every((check) => check.status === 'match'),
  };
}

async function checksInOnePass(source: string, options: ReadOptions, by: { column: string; scheme: RegionScheme } | undefined): Promise<TotalCheck[]> {
  let checker: TotalsChecker | undefined;
  const records = openRecords(source, options);
  await scanTable(records, options, (row, plan) => {
    if (checker === undefined) requireLabel(plan, records.file, '--check-totals');
    checker ??= new TotalsChecker(plan, by === undefined ? undefined : makeGrouper(plan, by.column, by.scheme, records.file, false), records.file);
    checker.add(row);
  });
  return checker!.finish();
}

/**
 * The totals of a file without a year column, checked through the engine's aggregation (in parallel on a large
 * file): grouped by a coarser label column than the unit's, the parts of every group summed together are the
 * parts of the one total. Undefined — read in one pass instead — for standard input or a pipe (read once), a year column
 * (the checks follow the years' first appearance), no coarser label column, or parts lacking values (the
 * sample of them is named in file order).
 */
async function checksByAggregation(source: string, options: ReadOptions): Promise<TotalCheck[] | undefined> {
  if (source === '-' || isStream(source)) return undefined;
  const plan = await headerPlan(source, options);
  if (plan === undefined) return undefined;
  requireLabel(plan, displayName(source), '--check-totals');
  const coarser = plan.labelColumns.find((column) => column.index !== plan.labelIndex);
  const by = coarser === undefined ? undefined : plan.headers[coarser.index]!;
  if (plan.yearIndex !== undefined || by === undefined || byParts(by).length !== 1 || plan.columnIndex.get(by) !== coarser!.index) return undefined;
  const aggregation = await aggregate(source, options, by, 'three');
  if (aggregation.plan.labelIndex !== plan.labelIndex || aggregation.plan.measureColumns.length !== plan.measureColumns.length) return undefined;
  const parts = aggregation.totals[0] ?? emptySums('', plan.measureColumns.length);
  if (parts.missingCount.some((count) => count > 0)) return undefined;
  const checker = new TotalsChecker(aggregation.plan, undefined, aggregation.file);
  checker.addParts(parts);
  for (const row of aggregation.excluded) {
    if (row.role !== 'total' || !isGrandTotalLabel(row.label)) continue;
    // the --rows-are column counts 1 on every row, a total row too (as a row read whole has it)
    const values = aggregation.plan.measureColumns.map((column, index) => (column.index === ROWS_ARE_INDEX ? ONE : row.values?.[index] ?? null));
    checker.addTotal(row.label, row.line, values);
  }
  return checker.finish();
}

const ONE: Rational = { n: 1n, d: 1n };


export interface TotalCheck {
  readonly group: string | undefined;
  readonly year: string | undefined;
  readonly totalLabel: string;
  readonly line: number;
  readonly measure: MeasureDefinition;
  readonly total: Rational | null;
  readonly sumOfParts: Rational;
  readonly parts: number;
  /** how many parts have no value for the measure, and the first few of them */
  readonly partsMissing: number;
  readonly partsMissingSample: readonly string[];
  /** total − sum of parts */
  readonly difference: Rational | null;
  readonly status: 'match' | 'gap' | 'missing';
}

interface Bucket {
  readonly group: string | undefined;
  readonly year: string | undefined;
  readonly totals: { label: string; line: number; values: readonly (Rational | null)[] }[];
  readonly parts: GroupSums;
}

export class TotalsChecker {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly plan: HeaderPlan,
    private readonly grouper: Grouper | undefined,
    private readonly file: string,
  ) {
    if (grouper !== undefined && !grouper.fromColumn) {
      throw new SvcError('USAGE', `--check-totals --by ${grouper.by} needs a column of that name in the file`, { file });
    }
  }

  add(row: DataRow): void {
    const role = rowRole(row);
    if (role === 'of-which') return;
    const group = this.grouper === undefined ? undefined : groupDisplay(this.grouper.groupOf(row), this.grouper, 0);
    const bucket = this.bucket(group, row.year);
    if (role === 'total') {
      // a subtotal (小计, 广东省合计) or an average row is neither a part nor the total of every part
      if (isGrandTotalLabel(row.label)) bucket.totals.push({ label: row.label ?? '', line: row.line, values: row.values });
      return;
    }
    bucket.parts.units += 1;
    row.values.forEach((value, index) => addValue(bucket.parts, index, value, row.label ?? `line ${row.line}`));
  }

  /** Parts summed elsewhere (the engine's aggregation), of the file's one bucket: no group, no year. */
  addParts(parts: GroupSums): void {
    mergeInto(this.bucket(undefined, undefined).parts, parts);
  }

  addTotal(label: string, line: number, values: readonly (Rational | null)[]): void {
    this.bucket(undefined, undefined).totals.push({ label, line, values });
  }

  private bucket(group: string | undefined, year: string | undefined): Bucket {
    const key = JSON.stringify([group ?? null, year ?? null]);
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = { group, year, totals: [], parts: emptySums(group ?? '', this.plan.measureColumns.length) };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  finish(): TotalCheck[] {
    const checks: TotalCheck[] = [];
    for (const bucket of this.buckets.values()) {
      for (const totalRow of bucket.totals) {
        this.plan.measureColumns.forEach((column, index) => {
          const sumOfParts = sumOf(bucket.parts, index);
          const partsMissing = bucket.parts.missingCount[index]!;
          const total = totalRow.values[index] ?? null;
          const difference = total === null ? null : subtract(total, sumOfParts);
          // a gap with parts lacking values is not a proven gap: the missing parts may explain it
          const status = difference === null ? 'missing'
            : difference.n === 0n ? 'match'
            : partsMissing > 0 ? 'missing' : 'gap';
          checks.push({
            group: bucket.group, year: bucket.year, totalLabel: totalRow.label, line: totalRow.line,
            measure: column.measure, total, sumOfParts, parts: bucket.parts.units, partsMissing,
            partsMissingSample: bucket.parts.missingSample[index]!, difference, status,
          });
        });
      }
    }
    if (checks.length === 0) {
      throw new SvcError('NO_DATA', 'no national or total row (全国, 合计, 总计, Total) to check', { file: this.file });
    }
    return checks;
  }
}

function totalsTable(checks: readonly TotalCheck[]): ReportTable {
  const hasGroup = checks.some((check) => check.group !== undefined);
  const hasYear = checks.some((check) => check.year !== undefined);
  const columns: ReportColumn[] = [
    ...(hasGroup ? [labelled('group', 'text')] : []),
    ...(hasYear ? [labelled('year', 'text')] : []),
    labelled('total_label', 'text'), labelled('measure', 'text'), labelled('total', 'number'),
    labelled('sum_of_parts', 'number'), labelled('difference', 'number'), labelled('parts', 'number'),
    labelled('parts_missing', 'text'), labelled('status', 'text', { codes: STATUS_CODES }),
  ];
  const rows = checks.map((check) => [
    ...(hasGroup ? [check.group ?? null] : []),
    ...(hasYear ? [check.year ?? null] : []),
    check.totalLabel, check.measure.id,
    check.total === null ? null : toDecimalString(check.total), toDecimalString(check.sumOfParts),
    check.difference === null ? null : toDecimalString(check.difference), String(check.parts),
    check.partsMissing === 0 ? null
      : check.partsMissingSample.join(' ') + (check.partsMissing > check.partsMissingSample.length ? ` … ${check.partsMissing} in all` : ''),
    check.status,
  ]);
  return { columns, rows };
}
