/**
 * `compare`: the same units across files (yearbook editions), matched by label — province names with or
 * without their suffix. Per unit and target: the value in each file, and from the first file to each later
 * one the change, the percent change and, when both years are known, the compound annual growth rate.
 * Changes are computed on exact values; the CAGR, a root, is floating point.
 */
import type { Rational } from '../exact/rational.js';
import { divide, fromNumber, roundToString, scale10, subtract, toNumber } from '../exact/rational.js';
import type { RoundingChoice } from '../indicators/evaluate.js';
import { unitKey } from '../indicators/units.js';
import type { Target } from '../indicators/targets.js';
import { formatTarget, targetDecimals, targetValue } from '../indicators/targets.js';
import type { OutputCell, OutputColumn, OutputTable } from '../render/model.js';

export interface Edition {
  readonly file: string;
  readonly year: number | undefined;
  /** units in file order: label and values by measure id */
  readonly units: readonly { readonly label: string; readonly values: ReadonlyMap<string, Rational | null> }[];
}

/** A 4-digit year (1949–2099) in a file name: `provinces-2009.csv` → 2009. */
export function yearFromName(file: string): number | undefined {
  const base = file.split(/[\\/]/).pop() ?? file;
  const match = /(?<!\d)(19[4-9]\d|20\d\d)(?!\d)/.exec(base);
  return match === null ? undefined : Number(match[1]);
}

export function compareTable(editions: readonly Edition[], targets: readonly Target[], rounding: RoundingChoice): { table: OutputTable; notes: string[] } {
  const years = editions.map((edition) => edition.year);
  const distinctYears = years.every((year) => year !== undefined) && new Set(years).size === years.length;
  const tags = editions.map((edition, index) => (distinctYears ? String(edition.year) : String(index + 1)));
  const columns: OutputColumn[] = [
    { id: 'unit', label: 'unit', kind: 'text' },
    { id: 'indicator', label: 'indicator', kind: 'text' },
    ...tags.map((tag) => ({ id: `value_${tag}`, label: tag, kind: 'number' as const })),
  ];
  for (const tag of tags.slice(1)) {
    columns.push({ id: `change_${tag}`, label: `change ${tags[0]}→${tag}`, kind: 'number' });
    columns.push({ id: `pct_change_${tag}`, label: `% change ${tags[0]}→${tag}`, kind: 'number' });
    if (distinctYears) columns.push({ id: `cagr_${tag}`, label: `CAGR % ${tags[0]}→${tag}`, kind: 'number' });
  }

  // units in order of first appearance, each with its value maps per edition
  const order: string[] = [];
  const labels = new Map<string, string>();
  const byEdition = editions.map((edition) => {
    const map = new Map<string, ReadonlyMap<string, Rational | null>>();
    for (const unit of edition.units) {
      const key = unitKey(unit.label);
      if (!labels.has(key)) {
        labels.set(key, unit.label);
        order.push(key);
      }
      map.set(key, unit.values);
    }
    return map;
  });
  const notes: string[] = [];
  const partial = order.filter((key) => byEdition.some((map) => !map.has(key)));
  if (partial.length > 0) {
    notes.push(`units not in every file (listed with missing values): ${partial.map((key) => labels.get(key)).join(', ')}`);
  }
  if (!distinctYears) notes.push('no CAGR: the years of the files are not all known and distinct (a year column, or a year in the file name)');

  const rows: OutputCell[][] = [];
  for (const key of order) {
    for (const target of targets) {
      const values = byEdition.map((map) => {
        const unitValues = map.get(key);
        if (unitValues === undefined) return null;
        const outcome = targetValue(target, unitValues);
        return 'value' in outcome ? outcome.value : null;
      });
      const cells: OutputCell[] = [labels.get(key)!, target.id, ...values.map((value) => (value === null ? null : formatTarget(target, value, rounding)))];
      const first = values[0] ?? null;
      values.slice(1).forEach((value, offset) => {
        const later = offset + 1;
        if (first === null || value === null) {
          cells.push(null, null, ...(distinctYears ? [null] : []));
          return;
        }
        const change = subtract(value, first);
        const ratio = divide(change, first);
        cells.push(
          roundToString(change, targetDecimals(target, rounding), rounding.mode),
          ratio === null ? null : roundToString(scale10(ratio, 2), 2, rounding.mode),
        );
        if (distinctYears) {
          const span = editions[later]!.year! - editions[0]!.year!;
          const growth = toNumber(value) / toNumber(first);
          const cagr = first.n === 0n || growth < 0 ? null : (growth ** (1 / span) - 1) * 100;
          cells.push(cagr === null || !Number.isFinite(cagr) ? null : roundToString(fromNumber(cagr), 2, rounding.mode));
        }
      });
      rows.push(cells);
    }
  }
  return { table: { columns, rows }, notes };
}
