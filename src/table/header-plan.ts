/**
 * Header cells → measures. `城镇人口（万人）`, `城镇人口(万人)`, `Urban_Population` and `urban population`
 * all name urban_population; the 万 in the unit multiplies every value of the column by 10^4.
 */
import { SvcError } from '../errors.js';
import { normaliseName } from '../catalogue/names.js';
export { normaliseName };
import type { MeasureDefinition } from '../catalogue/measures.js';
import { BASE_UNITS, LABEL_COLUMN_NAMES, UNIT_PREFIXES, YEAR_COLUMN_NAMES } from '../catalogue/measures.js';

/** The column index of the virtual --rows-are column: each row counts 1. */
export const ROWS_ARE_INDEX = -1;

export interface MeasureColumn {
  /** index in the row, or ROWS_ARE_INDEX */
  readonly index: number;
  readonly header: string;
  readonly measure: MeasureDefinition;
  /** values in this column are multiplied by 10^power10 to reach the measure's base unit */
  readonly power10: number;
}

export interface HeaderPlan {
  readonly headers: readonly string[];
  readonly measureColumns: readonly MeasureColumn[];
  /** the column naming the unit of each row (地区, province...), if any */
  readonly labelIndex: number | undefined;
  readonly yearIndex: number | undefined;
  /** every column by its header as written and by its normalised name, for --by */
  readonly columnIndex: ReadonlyMap<string, number>;
}


/** Split `城镇人口（万人）` into its name and its unit text. */
export function splitUnit(header: string): { name: string; unit: string | undefined } {
  const normal = header.normalize('NFKC').trim();
  const match = /^(.*?)\s*[(\[]\s*([^()[\]]*?)\s*[)\]]\s*$/.exec(normal);
  if (match === null) return { name: normal, unit: undefined };
  return { name: match[1] ?? '', unit: match[2] };
}

/** The power of ten a unit text carries (`万人` → 4, `个` → 0), or undefined when it is not understood. */
export function unitPower10(unit: string): number | undefined {
  const text = unit.replace(/\s+/g, '').toLowerCase();
  if (text === '') return 0;
  for (const [prefix, power] of UNIT_PREFIXES) {
    if (text === prefix) return power;
    if (text.startsWith(prefix) && BASE_UNITS.includes(text.slice(prefix.length))) return power;
  }
  return BASE_UNITS.includes(text) ? 0 : undefined;
}

export function measureLookup(measures: readonly MeasureDefinition[]): Map<string, MeasureDefinition> {
  const lookup = new Map<string, MeasureDefinition>();
  for (const measure of measures) {
    for (const name of [measure.id, ...measure.names]) lookup.set(normaliseName(name), measure);
  }
  return lookup;
}

const LABEL_NAMES = new Set(LABEL_COLUMN_NAMES.map(normaliseName));
const YEAR_NAMES = new Set(YEAR_COLUMN_NAMES.map(normaliseName));

/**
 * `groupColumn` (the --by column) is never the row label when another label column exists: in
 * `省份,单位,街道数` grouped by 省份, the rows are labelled by 单位.
 */
export function planHeader(
  headers: readonly string[],
  measures: readonly MeasureDefinition[],
  file: string,
  groupColumn?: string,
  rowsAre?: string,
): HeaderPlan {
  const lookup = measureLookup(measures);
  const measureColumns: MeasureColumn[] = [];
  const columnIndex = new Map<string, number>();
  const seen = new Map<string, number>();
  let labelIndex: number | undefined;
  let groupLabelIndex: number | undefined;
  let yearIndex: number | undefined;
  const groupKey = groupColumn === undefined ? undefined : normaliseName(groupColumn);

  headers.forEach((raw, index) => {
    const header = raw.replace(/^\uFEFF/, '').trim();
    const location = { file, line: 1, column: index + 1 };
    const key = normaliseName(header);
    if (key === '') return; // an unnamed column (a trailing comma) is ignored
    const previous = seen.get(key);
    if (previous !== undefined) {
      throw new SvcError('HEADER', `duplicate header '${header}' (also column ${previous + 1})`, location);
    }
    seen.set(key, index);
    columnIndex.set(header, index);
    columnIndex.set(key, index);

    const { name, unit } = splitUnit(header);
    const nameKey = normaliseName(name);
    const measure = lookup.get(nameKey);
    if (measure !== undefined) {
      const power10 = unit === undefined ? 0 : unitPower10(unit);
      if (power10 === undefined) {
        throw new SvcError('HEADER', `unit '${unit}' in header '${header}' is not understood`, location,
          'use 个, 人, 万人, 亿元, 千人 or a plain name');
      }
      const clash = measureColumns.find((column) => column.measure.id === measure.id);
      if (clash !== undefined) {
        throw new SvcError('HEADER',
          `headers '${clash.header}' (column ${clash.index + 1}) and '${header}' both name the measure ${measure.id}`,
          location, 'keep one of them');
      }
      measureColumns.push({ index, header, measure, power10 });
      columnIndex.set(measure.id, index);
    } else if (LABEL_NAMES.has(nameKey) && (key === groupKey || nameKey === groupKey)) {
      groupLabelIndex ??= index;
    } else if (labelIndex === undefined && LABEL_NAMES.has(nameKey)) {
      labelIndex = index;
    } else if (yearIndex === undefined && YEAR_NAMES.has(nameKey)) {
      yearIndex = index;
    }
  });

  if (rowsAre !== undefined) {
    const measure = measures.find((candidate) => candidate.id === rowsAre);
    if (measure === undefined) {
      throw new SvcError('USAGE', `--rows-are ${rowsAre}: not a measure id`, { file }, "see 'svc-stats measures'");
    }
    const existing = measureColumns.find((column) => column.measure.id === rowsAre);
    if (existing !== undefined) {
      throw new SvcError('USAGE', `--rows-are ${rowsAre}, but column ${existing.index + 1} ('${existing.header}') already gives it`, { file, line: 1 });
    }
    measureColumns.push({ index: ROWS_ARE_INDEX, header: `(rows: ${rowsAre})`, measure, power10: 0 });
  }
  if (measureColumns.length === 0) {
    throw new SvcError('HEADER', 'no column names a known measure', { file, line: 1 },
      "see 'svc-stats measures' for the names recognised, or declare new ones with --indicators-file");
  }
  return { headers, measureColumns, labelIndex: labelIndex ?? groupLabelIndex, yearIndex, columnIndex };
}
