/**
 * `--by COLUMN`: the group of each row, from a label column or, for `--by region` without such a column, from
 * the province label through the NBS region table. National/total rows and "of which" rows belong to no group.
 */
import { SvcError } from '../errors.js';
import type { DataRow } from '../table/rows.js';
import type { HeaderPlan } from '../table/header-plan.js';
import { normaliseName } from '../table/header-plan.js';
import type { RegionScheme } from '../catalogue/regions.js';
import { REGION_ORDER, findProvince, regionOf } from '../catalogue/regions.js';
import { TOTAL_LABELS, isOfWhichLabel, isTotalLabel } from '../catalogue/row-labels.js';
import { LABEL_LEVELS, LEVEL_NAMES, normaliseYear } from '../catalogue/columns.js';
import { shorten } from '../table/cells.js';
import type { Division } from '../catalogue/gazetteer.js';
import { bareName, divisionByCode, findDivisions, liesWithin, provinceOf } from '../catalogue/gazetteer.js';

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export type RowRole = 'part' | 'total' | 'of-which';

/**
 * First and last characters a total or "of which" label can have (全国…, …合计, …小计, …平均, 合计:, 全国*):
 * most labels are ruled out by two lookups.
 */
const SPECIAL_STARTS = codes([...TOTAL_LABELS.flatMap((label) => [label[0]!, label[0]!.toUpperCase()]), '#', '＃', '其', ' ', '\u3000']);
const SPECIAL_ENDS = codes(['计', '均', '*', '＊', ':', '：', ')', '）', ']', ' ', '\u3000']);

function codes(characters: readonly string[]): Set<number> {
  return new Set(characters.map((character) => character.charCodeAt(0)));
}

export function labelRole(label: string | undefined): RowRole {
  if (label === undefined || label === '') return 'part';
  if (!SPECIAL_STARTS.has(label.charCodeAt(0)) && !SPECIAL_ENDS.has(label.charCodeAt(label.length - 1))) return 'part';
  if (isTotalLabel(label)) return 'total';
  if (isOfWhichLabel(label)) return 'of-which';
  return 'part';
}

export function rowRole(row: DataRow): RowRole {
  return labelRole(row.label);
}

/** One part of a group key: a column's value, the year, a region derived from the province, or the unit itself. */
export interface GroupPart {
  /** the key in machine formats: `year`, `region`, a level (`province`, `city` …), or the column's header */
  readonly id: string;
  /** as the user named it (`--by 省份`), or `year` for the implicit year part */
  readonly name: string;
  readonly kind: 'year' | 'region' | 'column' | 'unit';
  /** true for the year part added because the file has a year column (years are never mixed) */
  readonly implicit: boolean;
}

export interface Grouper {
  /** the --by text as given */
  readonly by: string;
  readonly parts: readonly GroupPart[];
  /** true when every part comes from a column of the file, false when one is derived (regions from provinces) */
  readonly fromColumn: boolean;
  /** the group of a part row, from its cells and trimmed label */
  groupOfCells(cells: readonly string[], label: string | undefined, line: number): string;
  /**
   * the cells the key is read from, part by part (undefined for a part read from the label): a grouper of one
   * part read from one cell gives the same key for the same cell text, which a hot loop may remember
   */
  readonly columns: readonly (number | undefined)[];
  /** every cell the key is read from besides the label: the columns above and those a part reads beside (a code) */
  readonly cellsRead: readonly number[];
  groupOf(row: DataRow): string;
  /** groups in display order: by year, region order, then first appearance, part by part */
  order(groups: Iterable<string>): string[];
}

const REGION_NAMES = new Set(['region', '区域', '地带', '地区分组'].map(normaliseName));
const CACHE_LIMIT = 10_000;
/** Between the parts of a group key; a key of one part is the part itself. */
export const KEY_SEPARATOR = '\u001f';

export function splitGroupKey(key: string): string[] {
  return key.split(KEY_SEPARATOR);
}

/** A group key as a person reads it: its parts, blank-separated; the implicit year dropped when `years` ≤ 1. */
export function groupDisplay(key: string, grouper: Grouper | undefined, years: number): string {
  if (grouper === undefined) return key;
  const parts = splitGroupKey(key);
  return parts.filter((_part, index) => !(grouper.parts[index]?.implicit === true && years <= 1)).join(' ');
}

/** The --by text as a list of column names: `region,年份` → [region, 年份]. */
export function byParts(by: string): string[] {
  return by.split(/[,，]/).map((part) => part.trim()).filter((part) => part !== '');
}

/** The file must name its units: grouping or pairing rows by position is never done. */
export function requireLabel(plan: HeaderPlan, file: string, what: string): void {
  if (plan.labelIndex !== undefined) return;
  throw new SvcError('NO_LABEL', `${what} needs a column naming the unit of each row (地区, 省份, 市, 区县, 名称 …), and the input has none`,
    { file, line: plan.headerLine }, 'name it with --label COLUMN');
}

interface PartReader {
  readonly part: GroupPart;
  /** the one cell its value comes from, when it comes from one cell as written (not from the label) */
  readonly column?: number;
  /** cells it reads besides `column` and the label (the gazetteer reader's code column) */
  readonly reads?: readonly number[];
  read(cells: readonly string[], label: string | undefined, line: number): string;
  rank?: (value: string) => number;
}

function columnOf(plan: HeaderPlan, name: string): number | undefined {
  return plan.columnIndex.get(name) ?? plan.columnIndex.get(normaliseName(name));
}

/**
 * `implicitYear`: the year joins every key when the file has a year column (years are never mixed); false for
 * callers that split by year themselves.
 */
export function makeGrouper(plan: HeaderPlan, by: string, scheme: RegionScheme, file: string, implicitYear = true): Grouper {
  requireLabel(plan, file, `--by ${by}`);
  const readers = byParts(by).map((name) => partReader(plan, name, scheme, file));
  if (readers.length === 0) throw new SvcError('USAGE', '--by needs a column name', { file });
  if (implicitYear && plan.yearIndex !== undefined && !readers.some((reader) => reader.part.kind === 'year')) {
    readers.unshift(yearReader(plan.yearIndex, 'year', true));
  }
  const single = readers.length === 1 ? readers[0]! : undefined;
  const groupOfCells: Grouper['groupOfCells'] = single !== undefined
    ? (cells, label, line) => single.read(cells, label, line)
    : (cells, label, line) => readers.map((reader) => reader.read(cells, label, line)).join(KEY_SEPARATOR);
  return {
    by,
    parts: readers.map((reader) => reader.part),
    fromColumn: readers.every((reader) => reader.part.kind !== 'region'),
    groupOfCells,
    columns: readers.map((reader) => reader.column),
    cellsRead: [...new Set(readers.flatMap((reader) => [...(reader.column === undefined ? [] : [reader.column]), ...(reader.reads ?? [])]))],
    groupOf: (row) => groupOfCells(row.cells, row.label, row.line),
    order: (groups) => {
      const keys = [...groups];
      const split = keys.map((key) => (single !== undefined ? [key] : splitGroupKey(key)));
      const firstSeen = readers.map((_reader, index) => {
        const seen = new Map<string, number>();
        for (const parts of split) if (!seen.has(parts[index]!)) seen.set(parts[index]!, seen.size);
        return seen;
      });
      const rank = (parts: readonly string[], index: number): number =>
        readers[index]!.rank?.(parts[index]!) ?? firstSeen[index]!.get(parts[index]!)!;
      return keys.map((key, at) => ({ key, parts: split[at]! }))
        .sort((a, b) => {
          for (let index = 0; index < readers.length; index += 1) {
            const difference = rank(a.parts, index) - rank(b.parts, index);
            if (difference !== 0) return difference;
          }
          return 0;
        })
        .map((entry) => entry.key);
    },
  };
}

function yearReader(index: number, name: string, implicit: boolean): PartReader {
  return {
    part: { id: 'year', name, kind: 'year', implicit },
    column: index,
    read: (cells) => normaliseYear(cells[index]!),
    rank: (value) => (/^\d+$/.test(value) ? Number(value) : Number.MAX_SAFE_INTEGER),
  };
}

function partReader(plan: HeaderPlan, name: string, scheme: RegionScheme, file: string): PartReader {
  let index = columnOf(plan, name);
  const level = index === undefined ? LEVEL_NAMES[normaliseName(name)] : undefined;
  if (level !== undefined) index = plan.labelColumns.find((column) => column.level === level)?.index;
  if (index !== undefined && index === plan.yearIndex) return yearReader(index, name, false);
  // a city or district table grouped by a coarser level it has no column for: the gazetteer places its units
  const unitLevel = plan.labelColumns.find((column) => column.index === plan.labelIndex)?.level;
  if (index === undefined && (level === 'province' || level === 'city') && unitLevel !== undefined
    && LABEL_LEVELS.indexOf(unitLevel) > LABEL_LEVELS.indexOf(level)) return gazetteerReader(plan, name, level, file);
  if (index !== undefined && index !== plan.labelIndex) {
    const column = index;
    const labelColumn = plan.labelColumns.find((candidate) => candidate.index === column);
    const id = labelColumn !== undefined && labelColumn.level !== 'any' ? labelColumn.level : level ?? name;
    return {
      part: { id, name, kind: 'column', implicit: false },
      column,
      read: (cells, _label, line) => {
        const text = cells[column]!.trim();
        if (CONTROL_CHARACTERS.test(text)) {
          throw new SvcError('BAD_LABEL', `the group '${shorten(text)}' holds control characters`, { file, line, column: column + 1 });
        }
        return text;
      },
    };
  }
  if (index === undefined && REGION_NAMES.has(normaliseName(name))) {
    const province = plan.labelColumns.find((column) => column.level === 'province')?.index ?? plan.labelIndex!;
    const regions = new Map<string, string>(); // province label → region: the lookup normalises names
    return {
      part: { id: 'region', name, kind: 'region', implicit: false },
      ...(province === plan.labelIndex ? {} : { column: province }),
      read: (cells, label, line) => {
        const text = province === plan.labelIndex ? label ?? '' : cells[province]!.trim();
        const known = regions.get(text);
        if (known !== undefined) return known;
        const region = regionOf(text, scheme) ?? (province === plan.labelIndex ? regionOfPlace(plan, cells, text, scheme) : undefined);
        if (region === undefined) {
          throw new SvcError('UNKNOWN_UNIT', `'${text}' is not a province, so its region is unknown`,
            { file, line, column: province + 1 }, 'use the 31 mainland province names, or add a region column');
        }
        if (regions.size < CACHE_LIMIT) regions.set(text, region);
        return region;
      },
      rank: (value) => REGION_ORDER.indexOf(value),
    };
  }
  if (index !== undefined) {
    // grouping by the label column itself: each unit its own group
    const labelColumn = plan.labelColumns.find((candidate) => candidate.index === index);
    const id = labelColumn !== undefined && labelColumn.level !== 'any' ? labelColumn.level : name;
    if (level === 'province' && labelColumn?.level === 'province') {
      // 地区 holding districts and cities below their provinces (北京市, 海淀区 …): a row that is no province is
      // grouped by the province the gazetteer places it in
      const places = gazetteerReader(plan, name, 'province', file);
      return {
        part: { id, name, kind: 'unit', implicit: false },
        read: (cells, label, line) => (label === undefined || label === '' || findProvince(label) !== undefined ? label ?? '' : places.read(cells, label, line)),
      };
    }
    return { part: { id, name, kind: 'unit', implicit: false }, read: (_cells, label) => label ?? '' };
  }
  throw new SvcError('USAGE', `--by ${name}: the input has no such column`, { file },
    `columns: ${plan.headers.filter((header) => header.trim() !== '').join(', ')}`);
}

/** The region of a city or district, through the province the gazetteer (or the row's code) places it in. */
function regionOfPlace(plan: HeaderPlan, cells: readonly string[], label: string, scheme: RegionScheme): string | undefined {
  const found = placeOf(plan, cells, label, 'province');
  return found.length === 1 ? regionOf(found[0]!.name, scheme) : undefined;
}

/** The divisions of the level asked for that a row's unit lies in: by its code column, else by its name. */
function placeOf(plan: HeaderPlan, cells: readonly string[], label: string, level: 'province' | 'city'): Division[] {
  const codeColumn = plan.labelColumns.find((column) => column.code === true);
  const code = codeColumn === undefined ? undefined : divisionByCode(cells[codeColumn.index]!);
  const candidates = code !== undefined ? [code] : [...findDivisions(label)];
  const found = new Map<string, Division>();
  for (const division of candidates) {
    const outer = level === 'province' ? provinceOf(division) : division.level === 'city' ? division : cityOf(division);
    if (outer !== undefined && (outer === division || liesWithin(division, outer) || outer.level === level)) found.set(outer.code, outer);
  }
  return [...found.values()];
}

function bareOrName(division: Division, level: 'province' | 'city'): string {
  return level === 'province' ? bareName(division.name) : division.name;
}

function cityOf(division: Division): Division | undefined {
  if (division.level !== 'district') return undefined;
  return divisionByCode(`${division.code.slice(0, 4)}00`) ?? undefined;
}

/**
 * `--by province` (or city) of a table without that column: the gazetteer places each unit (海淀区 in 北京, 广州市 in
 * 广东); a name it does not know, or one it places in two provinces, is an error naming what to add.
 */
function gazetteerReader(plan: HeaderPlan, name: string, level: 'province' | 'city', file: string): PartReader {
  const cache = new Map<string, Division>();
  const codeColumn = plan.labelColumns.find((column) => column.code === true);
  let last: Division | undefined;
  return {
    part: { id: level, name, kind: 'column', implicit: false },
    reads: codeColumn === undefined ? [] : [codeColumn.index],
    read: (cells, label, line) => {
      const text = label ?? '';
      const key = codeColumn === undefined ? text : `${text}\u0000${cells[codeColumn.index]!.trim()}`;
      const known = cache.get(key);
      if (known !== undefined) {
        last = known;
        return bareOrName(known, level);
      }
      let found = placeOf(plan, cells, text, level);
      // 朝阳区 lies in 北京 and in 长春: among the rows of 北京 (the last placed for sure), it is 北京's
      if (found.length > 1 && last !== undefined && found.some((division) => division.code === last!.code)) return bareOrName(last, level);
      if (found.length === 1) last = found[0]!;
      if (found.length !== 1) {
        const where = found.map((division) => division.name).join(', ');
        throw new SvcError('UNKNOWN_UNIT', found.length === 0
          ? `'${shorten(text)}' is not a division the gazetteer knows, so its ${level} is unknown`
          : `'${shorten(text)}' may lie in ${where}: its ${level} is not known for sure`,
        { file, line, column: (plan.labelIndex ?? 0) + 1 }, `add a ${level === 'province' ? '省份' : '地市'} column, or a 行政区划代码 column`);
      }
      if (cache.size < CACHE_LIMIT) cache.set(key, found[0]!);
      return bareOrName(found[0]!, level);
    },
  };
}
