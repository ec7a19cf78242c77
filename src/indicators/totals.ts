/**
 * `verify --check-totals`: does each national or total row equal the sum of its parts, measure by measure?
 * Parts are the other rows of the same year (and --by group); "of which" (#) rows are never parts. Rows stream
 * past: only the total rows and one running sum per year and group are kept.
 */
import { SvcError } from '../errors.js';
import type { Rational } from '../exact/rational.js';
import { subtract } from '../exact/rational.js';
import type { HeaderPlan } from '../io/headers.js';
import type { DataRow } from '../io/reader.js';
import type { GroupSums } from './aggregate.js';
import { addValue, emptySums, sumOf } from './aggregate.js';
import type { Grouper } from './grouping.js';
import { rowRole } from './grouping.js';
import type { MeasureDefinition } from './measures.js';

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
    const group = this.grouper?.groupOf(row);
    const key = JSON.stringify([group ?? null, row.year ?? null]);
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = { group, year: row.year, totals: [], parts: emptySums(group ?? '', this.plan.measureColumns.length) };
      this.buckets.set(key, bucket);
    }
    if (role === 'total') {
      bucket.totals.push({ label: row.label ?? '', line: row.line, values: row.values });
      return;
    }
    bucket.parts.units += 1;
    row.values.forEach((value, index) => addValue(bucket.parts, index, value, row.label ?? `line ${row.line}`));
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
