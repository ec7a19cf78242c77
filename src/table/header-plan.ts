/**
 * Header cells → measures, label columns and the year column. `城镇人口（万人）`, `城镇人口(万人)`,
 * `Urban_Population` and `urban population` all name urban_population; the 万 in the unit multiplies every value
 * of the column by 10^4. A sheet's header of two rows is joined column by column first (joinHeaderRows).
 */
import { SvcError } from '../errors.js';
import { normaliseName } from '../catalogue/names.js';
export { normaliseName };
import type { Dimension, MeasureDefinition } from '../catalogue/measures.js';
import { BASE_UNIT_DIMENSIONS, DIMENSION_UNITS, UNIT_PREFIXES } from '../catalogue/measures.js';
import type { LabelLevel } from '../catalogue/columns.js';
import { GENERIC_CHILD_WORDS, LABEL_LEVELS, codeColumnLevel, isCodeHeader, isYearHeader, labelLevel, yearFromName, yearFromTitle } from '../catalogue/columns.js';
import { isInvalid, parseNumberCell } from './cells.js';
import type { TableModel } from './roles.js';
import { emptyModel } from './roles.js';

/** The column index of the virtual --rows-are column: each row counts 1. */
export const ROWS_ARE_INDEX = -1;

export interface MeasureColumn {
  /** index in the row, or ROWS_ARE_INDEX */
  readonly index: number;
  readonly header: string;
  readonly measure: MeasureDefinition;
  /** values in this column are multiplied by 10^power10 to reach the measure's base unit */
  readonly power10: number;
  /** false when the header names no unit (read in base units) */
  readonly unitGiven: boolean;
  /** the unit came from the sheet's unit line (`单位：个、万人`), the header naming none */
  readonly unitFromTitle?: string;
}

export interface LabelColumn {
  readonly index: number;
  readonly header: string;
  readonly level: LabelLevel;
  /** a code column (统计用区划代码, 行政区划代码, community_id): a unit key, its level from the code's digits */
  readonly code?: boolean;
}

/** A column the plan does not read, and why (for inspect). */
export interface SkippedColumn {
  readonly index: number;
  readonly header: string;
  readonly why: string;
}

export interface HeaderPlan {
  /** one name per column: the header record, or the rows of a sheet's header joined column by column */
  readonly headers: readonly string[];
  readonly measureColumns: readonly MeasureColumn[];
  /** the column naming the unit of each row: the finest label column (or --label) */
  readonly labelIndex: number | undefined;
  /** every label column, coarsest first; those other than labelIndex are usable by --by */
  readonly labelColumns: readonly LabelColumn[];
  readonly yearIndex: number | undefined;
  /**
   * without a year column: the year of every row, from the sheet's title (`…（2008年）`) or else the file name
   * (`provinces-2009.csv`, `extract-20091231.csv`); --year, verify and compare use it
   */
  readonly impliedYear?: { readonly year: string; readonly from: 'title' | 'file name' } | undefined;
  /** every column by its header as written and by its normalised name, for --by */
  readonly columnIndex: ReadonlyMap<string, number>;
  /** the line of the (last) header record */
  readonly headerLine: number;
  /** how many records the header takes */
  readonly headerRows: number;
  /** the text of the records above the header: a sheet's title and unit line */
  readonly title: readonly string[];
  /** true when a column named 城市, 街道 or 社区 was told label or measure by its first cells */
  readonly decidedByCells: boolean;
  /** set while reading when a coarser label or the year was blank before any row above gave it a value */
  blankBeforeFill?: boolean;
  /** set at the end of a byte range that ends with label-only rows (data or footnotes: the rest of the file decides) */
  heldAtEnd?: boolean;
  /** footnote rows after the data (注：…, 资料来源：…), kept out; filled while the rows are read */
  readonly footnotes: { line: number; text: string }[];
  /** what each row is (table/model.ts), filled while the rows are read */
  readonly model: TableModel;
  /** label columns left out: an English name column beside its Chinese one (地区 + Region) */
  readonly skippedLabels: readonly SkippedColumn[];
}

export interface PlanOptions {
  /** the --by columns, which label rows only when no other label column exists */
  readonly groupColumns?: readonly string[] | undefined;
  readonly rowsAre?: string | undefined;
  /** --label COL: the column naming the unit */
  readonly labelColumn?: string | undefined;
  /** --year COL: the column giving the year */
  readonly yearColumn?: string | undefined;
}

export interface HeaderContext {
  /** the line of the (last) header record */
  readonly line: number;
  readonly headerRows: number;
  readonly title: readonly string[];
  /** the first data rows, to tell a label column named 城市 (text) from the cities measure (numbers) */
  readonly firstRows: readonly (readonly string[])[];
}

/** Split `城镇人口（万人）` into its name and its unit text. */
export function splitUnit(header: string): { name: string; unit: string | undefined } {
  const normal = header.normalize('NFKC').trim();
  const match = /^(.*?)\s*[(\[]\s*([^()[\]]*?)\s*[)\]]\s*$/.exec(normal);
  if (match !== null) return { name: match[1] ?? '', unit: match[2] };
  // `城镇人口 万人`, `社区数/个`: a unit after a blank or a slash, when it reads as a unit
  const loose = /^(.*?[^\s/])\s*(?:\/|\s)\s*([^\s/]{1,4})$/.exec(normal);
  if (loose !== null && /[\p{Script=Han}]/u.test(loose[1]!) && parseUnit(loose[2]!) !== undefined) return { name: loose[1]!, unit: loose[2] };
  return { name: normal, unit: undefined };
}

/** A unit text read: its power of ten (`万人` → 4) and its base unit (`人`), or undefined when not understood. */
export function parseUnit(unit: string): { power10: number; base: string | undefined } | undefined {
  const text = unit.replace(/\s+/g, '').toLowerCase();
  if (text === '') return { power10: 0, base: undefined };
  if (text in BASE_UNIT_DIMENSIONS) return { power10: 0, base: text };
  for (const [prefix, power] of UNIT_PREFIXES) {
    if (text === prefix) return { power10: power, base: undefined };
    const rest = text.slice(prefix.length);
    if (text.startsWith(prefix) && rest in BASE_UNIT_DIMENSIONS) return { power10: power, base: rest };
  }
  return undefined;
}

/** The power of ten a unit text carries (`万人` → 4, `个` → 0), or undefined when it is not understood. */
export function unitPower10(unit: string): number | undefined {
  return parseUnit(unit)?.power10;
}

/** The lookups made, one for each list of measures (a catalogue's list is read for every header and file). */
const LOOKUPS = new WeakMap<readonly MeasureDefinition[], ReadonlyMap<string, MeasureDefinition>>();

/** Each measure under its normalised id, names and labels; made once for each list of measures. */
export function measureLookup(measures: readonly MeasureDefinition[]): ReadonlyMap<string, MeasureDefinition> {
  const made = LOOKUPS.get(measures);
  if (made !== undefined) return made;
  const lookup = new Map<string, MeasureDefinition>();
  LOOKUPS.set(measures, lookup);
  for (const measure of measures) {
    for (const name of [measure.id, ...measure.names]) lookup.set(normaliseName(name), measure);
    // the labels svc-stats writes as headers (xlsx, table, md) read back: `residents' committee members (persons)`
    for (const label of [measure.label.zh, measure.label.en]) {
      if (!lookup.has(normaliseName(label))) lookup.set(normaliseName(label), measure);
    }
  }
  return lookup;
}

/** Whether a cell is only a unit in brackets: `（万人）`, `(个)`. */
function bareUnit(cell: string): string | undefined {
  const match = /^[(\[]\s*([^()[\]]*?)\s*[)\]]$/.exec(cell.normalize('NFKC').trim());
  return match === null ? undefined : match[1];
}

/**
 * A sheet's header of several rows, joined column by column. A parent cell spans the empty cells to its right
 * (`社区服务中心` over `个数`); a child that is only a unit (`（万人）`) or a generic word (`个数`, `数量`, `合计`,
 * `小计`) takes its parent's name; a child with a name of its own keeps it; under an empty child, a parent of
 * its own column stays, a spanning one does not (it named the column to its left).
 */
export function joinHeaderRows(rows: readonly (readonly string[])[]): string[] {
  const width = Math.max(...rows.map((row) => row.length));
  let names = Array.from({ length: width }, (_, index) => (rows[0]![index] ?? '').trim());
  for (const child of rows.slice(1)) {
    const spanned: string[] = [];
    let parent = '';
    for (let index = 0; index < width; index += 1) {
      if (names[index] !== '') parent = names[index]!;
      spanned.push(parent);
    }
    names = spanned.map((parentName, index) => {
      const own = names[index]!;
      const cell = (child[index] ?? '').trim();
      if (cell === '') return own;
      const unit = bareUnit(cell);
      if (unit !== undefined) return parentName === '' ? cell : `${splitUnit(parentName).name}（${unit}）`;
      const generic = GENERIC_CHILD_WORDS.get(normaliseName(cell));
      if (GENERIC_CHILD_WORDS.has(normaliseName(cell)) && parentName !== '') {
        return generic === undefined || splitUnit(parentName).unit !== undefined ? parentName : `${parentName}（${generic}）`;
      }
      return cell;
    });
  }
  return names;
}

/** Cells that are text, not numbers nor missing markers: what a label column holds. */
function isTextCell(cell: string): boolean {
  const value = parseNumberCell(cell);
  return value !== null && isInvalid(value);
}

const LEVEL_RANK = new Map<LabelLevel, number>(LABEL_LEVELS.map((level, rank) => [level, rank]));

function namesColumn(header: string, key: string, wanted: string | undefined): boolean {
  return wanted !== undefined && (header === wanted.trim() || key === normaliseName(wanted));
}

/**
 * The plan of a header: which column is which measure (and its unit), which columns label the rows (the
 * finest is the unit), which gives the year. `groupColumns` (the --by columns) never label the rows when
 * another label column exists: in `省份,单位,街道数` grouped by 省份, the rows are labelled by 单位.
 */
export function planHeader(
  headers: readonly string[],
  measures: readonly MeasureDefinition[],
  file: string,
  options: PlanOptions = {},
  context: HeaderContext = { line: 1, headerRows: 1, title: [], firstRows: [] },
): HeaderPlan {
  const lookup = measureLookup(measures);
  const measureColumns: MeasureColumn[] = [];
  const labelColumns: LabelColumn[] = [];
  const columnIndex = new Map<string, number>();
  const seen = new Map<string, number>();
  let yearIndex: number | undefined;
  let forcedLabel: number | undefined;
  let decidedByCells = false;
  const line = context.line;

  headers.forEach((raw, index) => {
    const header = raw.replace(/^\uFEFF/, '').trim();
    const location = { file, line, column: index + 1 };
    const key = normaliseName(header);
    if (key === '') return; // an unnamed column (a trailing comma) is ignored
    const previous = seen.get(key);
    if (previous !== undefined) {
      throw new SvcError('HEADER', `duplicate header '${header}' (also column ${previous + 1})`, location);
    }
    seen.set(key, index);
    columnIndex.set(header, index);
    columnIndex.set(key, index);

    if (namesColumn(header, key, options.labelColumn)) {
      forcedLabel = index;
      labelColumns.push({ index, header, level: labelLevel(header) ?? 'any' });
      return;
    }
    if (namesColumn(header, key, options.yearColumn)) {
      yearIndex = index;
      return;
    }
    if (isCodeHeader(header)) {
      labelColumns.push({ index, header, level: codeColumnLevel(header, context.firstRows.map((row) => row[index] ?? '')), code: true });
      return;
    }
    const { name, unit } = splitUnit(header);
    const measure = lookup.get(normaliseName(name));
    const level = unit === undefined ? labelLevel(header) : undefined;
    // 城市, 街道, 社区 name both a label column and a measure: text in the first rows makes it a label
    if (level !== undefined && measure !== undefined) decidedByCells = true;
    const isLabel = level !== undefined
      && (measure === undefined || context.firstRows.some((row) => isTextCell(row[index] ?? '')));
    if (isLabel) {
      labelColumns.push({ index, header, level });
    } else if (measure !== undefined) {
      const fromUnitLine = unit === undefined ? unitLineUnit(context.title, measure) : undefined;
      const column = measureColumn(index, header, measure, unit ?? fromUnitLine, location, measureColumns);
      measureColumns.push(fromUnitLine === undefined ? column : { ...column, unitFromTitle: fromUnitLine });
      columnIndex.set(measure.id, index);
    } else if (yearIndex === undefined && isYearHeader(header)) {
      yearIndex = index;
    }
  });

  for (const [option, wanted] of [['--label', options.labelColumn], ['--year', options.yearColumn]] as const) {
    if (wanted !== undefined && columnIndex.get(wanted.trim()) === undefined && columnIndex.get(normaliseName(wanted)) === undefined) {
      throw new SvcError('USAGE', `${option} ${wanted}: the input has no such column`, { file, line },
        `columns: ${headers.filter((header) => header.trim() !== '').join(', ')}`);
    }
  }

  if (options.rowsAre !== undefined) {
    const rowsAre = options.rowsAre;
    const measure = measures.find((candidate) => candidate.id === rowsAre);
    if (measure === undefined) {
      throw new SvcError('USAGE', `--rows-are ${rowsAre}: not a measure id`, { file }, "see 'svc-stats measures'");
    }
    const existing = measureColumns.find((column) => column.measure.id === rowsAre);
    if (existing !== undefined) {
      throw new SvcError('USAGE', `--rows-are ${rowsAre}, but column ${existing.index + 1} ('${existing.header}') already gives it`, { file, line });
    }
    measureColumns.push({ index: ROWS_ARE_INDEX, header: `(rows: ${rowsAre})`, measure, power10: 0, unitGiven: true });
  }
  if (measureColumns.length === 0) {
    throw new SvcError('HEADER', 'no column names a known measure', { file, line },
      "see 'svc-stats measures' for the names recognised, or declare new ones with --indicators-file");
  }
  // 地区 + Region: one label, the Chinese one, not two levels
  const skippedLabels: SkippedColumn[] = [];
  const named = labelColumns.filter((column) => {
    const english = column.code !== true && column.index !== forcedLabel && !/[\p{Script=Han}]/u.test(column.header)
      && labelColumns.some((other) => other !== column && other.level === column.level && other.code !== true && /[\p{Script=Han}]/u.test(other.header));
    if (english) skippedLabels.push({ index: column.index, header: column.header, why: 'the English name of the Chinese label column' });
    return !english;
  });
  // the code's level ranks with the names: at one level, a name labels the unit and the code keys it
  named.sort((a, b) => LEVEL_RANK.get(a.level)! - LEVEL_RANK.get(b.level)! || Number(a.code === true) - Number(b.code === true) || a.index - b.index);
  return {
    headers, measureColumns, labelColumns: named, yearIndex, impliedYear: yearIndex === undefined ? impliedYear(context.title, file) : undefined, columnIndex,
    labelIndex: forcedLabel ?? unitColumn(named, options.groupColumns ?? []),
    headerLine: line, headerRows: context.headerRows, title: context.title, decidedByCells, footnotes: [],
    model: emptyModel(), skippedLabels,
  };
}

/** A table's one year when no column gives it: its title's, else its file name's. */
function impliedYear(title: readonly string[], file: string): HeaderPlan['impliedYear'] {
  const fromTitle = yearFromTitle(title);
  if (fromTitle !== undefined) return { year: String(fromTitle), from: 'title' };
  const fromName = yearFromName(file);
  return fromName === undefined ? undefined : { year: String(fromName), from: 'file name' };
}

/** The finest label column not named by --by (or, when --by names every one, the finest of all). */
function unitColumn(labelColumns: readonly LabelColumn[], groupColumns: readonly string[]): number | undefined {
  const grouped = (column: LabelColumn): boolean =>
    groupColumns.some((by) => namesColumn(column.header, normaliseName(column.header), by));
  // a code column keys the unit; a name column, when there is one, names it
  const names = labelColumns.some((column) => column.code !== true) ? labelColumns.filter((column) => column.code !== true) : labelColumns;
  const candidates = names.filter((column) => !grouped(column));
  const pool = candidates.length > 0 ? candidates : names;
  const finest = pool.reduce<LabelColumn | undefined>((best, column) =>
    best === undefined || LEVEL_RANK.get(column.level)! > LEVEL_RANK.get(best.level)! ? column : best, undefined);
  return finest?.index;
}

function measureColumn(
  index: number, header: string, measure: MeasureDefinition, unit: string | undefined,
  location: { file: string; line: number; column: number }, existing: readonly MeasureColumn[],
): MeasureColumn {
  const parsed = unit === undefined ? { power10: 0, base: undefined } : parseUnit(unit);
  if (parsed === undefined) {
    throw new SvcError('HEADER', `unit '${unit}' in header '${header}' is not understood`, location,
      'use 个, 人, 万人, 亿元, 千人 or a plain name');
  }
  const dimension: Dimension | undefined = parsed.base === undefined ? undefined : BASE_UNIT_DIMENSIONS[parsed.base];
  const expected = measureDimension(measure);
  if (dimension !== undefined && expected !== undefined && dimension !== expected) {
    throw new SvcError('UNIT_MISMATCH',
      `${header}: the unit '${unit}' does not fit ${measure.id}, which is counted in ${DIMENSION_UNITS[expected]}`,
      location, `write ${splitUnit(header).name}（${measure.unit.zh}）, or fix the column`);
  }
  const clash = existing.find((column) => column.measure.id === measure.id);
  if (clash !== undefined) {
    throw new SvcError('HEADER',
      `headers '${clash.header}' (column ${clash.index + 1}) and '${header}' both name the measure ${measure.id}`,
      location, 'keep one of them');
  }
  // an English id names the measure in its base unit (svc-stats' own csv output): that is a unit given
  const unitGiven = unit !== undefined && unit.trim() !== '' || normaliseName(header) === normaliseName(measure.id);
  return { index, header, measure, power10: parsed.power10, unitGiven };
}

/**
 * The unit a sheet's unit line (`单位：个、万人` under the title) gives a measure whose header has none: the one
 * unit of the line that counts what the measure counts (万人 for persons), or undefined when none or several do.
 */
export function unitLineUnit(title: readonly string[], measure: MeasureDefinition): string | undefined {
  const expected = measureDimension(measure);
  if (expected === undefined) return undefined;
  for (const line of title) {
    const match = /单位\s*[:：]\s*(.+)$/.exec(line.normalize('NFKC').replace(/,+$/, ''));
    if (match === null) continue;
    const fitting = match[1]!.split(/[、,，;；/\s]+/).filter((unit) => {
      const base = parseUnit(unit)?.base;
      return base !== undefined && BASE_UNIT_DIMENSIONS[base] === expected;
    });
    if (fitting.length === 1) return fitting[0];
  }
  return undefined;
}

/**
 * What a measure counts: its declared dimension, or for a measure of a user's catalogue, the dimension of its
 * base unit (个 → things, 人 → persons, 元 → money), when that unit is one svc-stats knows.
 */
export function measureDimension(measure: MeasureDefinition): Dimension | undefined {
  if (measure.dimension !== undefined) return measure.dimension;
  const base = parseUnit(measure.unit.zh)?.base;
  return base === undefined ? undefined : BASE_UNIT_DIMENSIONS[base];
}

/** Whether a record can be a header: some cell names a measure, a label column or the year column. */
export function namesColumns(cells: readonly string[], lookup: ReadonlyMap<string, MeasureDefinition>, options: PlanOptions): boolean {
  return cells.some((cell) => {
    const text = cell.replace(/^\uFEFF/, '').trim();
    if (text === '') return false;
    const key = normaliseName(text);
    return lookup.has(normaliseName(splitUnit(text).name)) || labelLevel(text) !== undefined || isYearHeader(text)
      || namesColumn(text, key, options.labelColumn) || namesColumn(text, key, options.yearColumn);
  });
}

/**
 * Whether the record after a header row continues it: no cell is a number, and its first cell is empty or
 * some cell is a unit in brackets, a generic word or a measure name (a data row's first cell names its unit).
 */
export function continuesHeader(cells: readonly string[], lookup: ReadonlyMap<string, MeasureDefinition>): boolean {
  if (cells.some((cell) => { const value = parseNumberCell(cell); return value !== null && !isInvalid(value); })) return false;
  if ((cells[0] ?? '').trim() === '') return cells.some((cell) => cell.trim() !== '');
  return cells.some((cell) => bareUnit(cell) !== undefined || GENERIC_CHILD_WORDS.has(normaliseName(cell))
    || lookup.has(normaliseName(splitUnit(cell).name)));
}
