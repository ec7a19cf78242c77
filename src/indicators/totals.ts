/**
 * `verify --check-totals`: does each national or total row equal the sum of its parts, measure by measure?
 * Parts are the other rows of the same year (and --by group); "of which" (#) rows are never parts.
 */
import { SvcError } from '../errors.js';
import type { Rational } from '../exact/rational.js';
import { ZERO, add, subtract } from '../exact/rational.js';
import type { MeasureDefinition } from './measures.js';
import type { DataRow, Table } from '../io/reader.js';
import type { Grouper } from './grouping.js';
import { rowRole } from './grouping.js';

export interface TotalCheck {
  readonly group: string | undefined;
  readonly year: string | undefined;
  readonly totalLabel: string;
  readonly line: number;
  readonly measure: MeasureDefinition;
  readonly total: Rational | null;
  readonly sumOfParts: Rational;
  readonly parts: number;
  /** labels of parts with no value for the measure */
  readonly partsMissing: readonly string[];
  /** total − sum of parts */
  readonly difference: Rational | null;
  readonly status: 'match' | 'gap' | 'missing';
}

interface Bucket {
  readonly group: string | undefined;
  readonly year: string | undefined;
  readonly totals: DataRow[];
  readonly parts: DataRow[];
}

export function checkTotals(table: Table, grouper: Grouper | undefined): TotalCheck[] {
  if (grouper !== undefined && !grouper.fromColumn) {
    throw new SvcError('USAGE', `--check-totals --by ${grouper.by} needs a column of that name in the file`, { file: table.file });
  }
  const buckets = new Map<string, Bucket>();
  for (const row of table.rows) {
    const role = rowRole(row);
    if (role === 'of-which') continue;
    const group = grouper?.groupOf(row);
    const key = JSON.stringify([group ?? null, row.year ?? null]);
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = { group, year: row.year, totals: [], parts: [] };
      buckets.set(key, bucket);
    }
    (role === 'total' ? bucket.totals : bucket.parts).push(row);
  }
  const checks: TotalCheck[] = [];
  for (const bucket of buckets.values()) {
    for (const totalRow of bucket.totals) {
      table.plan.measureColumns.forEach((column, index) => {
        let sumOfParts: Rational = ZERO;
        const partsMissing: string[] = [];
        for (const part of bucket.parts) {
          const value = part.values[index];
          if (value == null) partsMissing.push(part.label ?? `line ${part.line}`);
          else sumOfParts = add(sumOfParts, value);
        }
        const total = totalRow.values[index] ?? null;
        const difference = total === null ? null : subtract(total, sumOfParts);
        // a gap with parts lacking values is not a proven gap: the missing parts may explain it
        const status = difference === null ? 'missing'
          : difference.n === 0n ? 'match'
          : partsMissing.length > 0 ? 'missing' : 'gap';
        checks.push({
          group: bucket.group, year: bucket.year, totalLabel: totalRow.label ?? '', line: totalRow.line,
          measure: column.measure, total, sumOfParts, parts: bucket.parts.length, partsMissing, difference, status,
        });
      });
    }
  }
  if (checks.length === 0) {
    throw new SvcError('NO_DATA', 'no national or total row (全国, 合计, 总计, Total) to check', { file: table.file });
  }
  return checks;
}
