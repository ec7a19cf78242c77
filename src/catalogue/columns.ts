/**
 * The vocabulary of a yearbook sheet's non-measure cells (domain.md, "How real extracts look"): label headers
 * by administrative level, year headers, the generic words of a two-row header, footnote openings. Data only.
 */
import { normaliseName } from './names.js';

/** Administrative levels, coarsest first; `any` (名称, 单位) names a unit of whatever level, finest of all. */
export const LABEL_LEVELS = ['province', 'city', 'district', 'subdistrict', 'community', 'any'] as const;
export type LabelLevel = (typeof LABEL_LEVELS)[number];

/** Label headers by level. 城市, 街道 and 社区 are also measure names: a column of text cells is a label. */
export const LABEL_HEADERS: Readonly<Record<LabelLevel, readonly string[]>> = {
  province: ['省', '省份', '地区', '省区市', '省（区、市）', '省(自治区、直辖市)', '省份名称', '地区名称', '省名', 'province', 'prov', 'provincename', 'region'],
  city: ['市', '地级市', '地市', '城市', '城市名称', '市名', '地级市名称', 'city', 'prefecture', 'cityname'],
  district: ['区', '县', '区县', '县区', '县（市、区）', '县(市、区)', '区县名称', '市辖区名称', 'district', 'county'],
  subdistrict: ['街道', '街道名称', '乡镇街道', 'subdistrict', 'street'],
  community: ['社区', '社区名称', 'community'],
  // group, 分组, 区域: the first column of svc-stats' own --by output (csv, and its zh xlsx/table header), so that it reads back
  any: ['单位', '名称', '单位名称', 'unit', 'name', 'area', 'group', '分组', '区域'],
};

/** The level named by `--by province|city|district` and its Chinese forms. */
export const LEVEL_NAMES: Readonly<Record<string, LabelLevel>> = {
  province: 'province', 省: 'province', 省份: 'province',
  city: 'city', 市: 'city', 城市: 'city', 地市: 'city',
  district: 'district', 区县: 'district', 县: 'district',
  subdistrict: 'subdistrict', 街道: 'subdistrict',
  community: 'community', 社区: 'community',
};

/**
 * Code columns: a unit key, never a measure. community_id and 社区代码 are of communities; a division code gives
 * its level by its digits (GB/T 2260: PP0000 a province, PPCC00 a city, six digits a district; NBS 统计用区划代码:
 * nine a sub-district, twelve a community or village).
 */
export const CODE_HEADERS: Readonly<Record<string, LabelLevel | undefined>> = {
  统计用区划代码: undefined, 行政区划代码: undefined, 区划代码: undefined, 地区代码: undefined, 代码: undefined,
  code: undefined, adcode: undefined, divisioncode: undefined, 社区代码: 'community', communityid: 'community', communitycode: 'community',
};
const CODES = new Map(Object.entries(CODE_HEADERS).map(([name, level]) => [normaliseName(name), level]));

export function isCodeHeader(header: string): boolean {
  return CODES.has(normaliseName(header));
}

/** The level a code column gives: from its header, else from the digits of its first codes. */
export function codeColumnLevel(header: string, firstCells: readonly string[]): LabelLevel {
  const named = CODES.get(normaliseName(header));
  if (named !== undefined) return named;
  const code = firstCells.map((cell) => cell.normalize('NFKC').trim()).find((cell) => /^\d+$/.test(cell));
  if (code === undefined) return 'any';
  if (code.length <= 2 || /^\d{2}0000$/.test(code)) return 'province';
  if (code.length <= 4 || /^\d{4}00$/.test(code)) return 'city';
  if (code.length <= 6) return 'district';
  if (code.length <= 9 || /^\d{9}000$/.test(code)) return 'subdistrict';
  return 'community';
}

/** Year headers: 时间 is how NBS data queries (data.stats.gov.cn) head the period column; 统计年度 and 年度 the yearbooks. */
export const YEAR_HEADERS: readonly string[] = ['年份', '年度', '年', 'year', '统计年度', '时间', '统计时间', '报告期', 'period'];

/**
 * A child cell of a two-row header that is no name of its own: it takes its parent's name (`社区服务中心` over
 * `个数`). The value is the unit it implies, if any.
 */
export const GENERIC_CHILD_WORDS: ReadonlyMap<string, string | undefined> = new Map([
  ['个数', '个'], ['数量', undefined], ['合计', undefined], ['小计', undefined], ['总数', undefined], ['数', undefined],
  ['number', undefined], ['total', undefined],
]);

/** A row after the data whose first cell starts so is a footnote (注：…, 资料来源：…). */
export const FOOTNOTE_OPENINGS: readonly string[] = ['注', '资料来源', '数据来源', '说明', '备注', 'note', 'source'];

const LEVEL_OF = new Map<string, LabelLevel>();
for (const level of LABEL_LEVELS) for (const name of LABEL_HEADERS[level]) LEVEL_OF.set(normaliseName(name), level);
const YEARS = new Set(YEAR_HEADERS.map(normaliseName));

/** The level a header names as a label column, or undefined. */
export function labelLevel(header: string): LabelLevel | undefined {
  return LEVEL_OF.get(normaliseName(header));
}

export function isYearHeader(header: string): boolean {
  return YEARS.has(normaliseName(header));
}

export function isFootnoteText(cell: string): boolean {
  const text = cell.normalize('NFKC').trim().toLowerCase();
  return FOOTNOTE_OPENINGS.some((opening) => text.startsWith(opening) && /^[:：\s]|^\d|^$/.test(text.slice(opening.length, opening.length + 1)))
    || /^注\d*[:：]/.test(text);
}

/** `2008`, ` 2008年 `, `2008年度`, `2008年末`, `２００８` → `2008`; other text is kept as written (trimmed). */
export function normaliseYear(cell: string): string {
  const text = cell.normalize('NFKC').trim();
  const match = /^(\d{4})\s*(?:年(?:度|末|底)?)?$/.exec(text);
  return match === null ? text : match[1]!;
}

/** The years a table may hold: the People's Republic's statistics start in 1949; 2100 is far enough ahead. */
export const FIRST_YEAR = 1949;
export const LAST_YEAR = 2100;

/** Whether a normalised year cell is a year svc-stats accepts: four digits from 1949 to 2100 (0000 is no year). */
export function isAcceptedYear(year: string): boolean {
  return /^\d{4}$/.test(year) && Number(year) >= FIRST_YEAR && Number(year) <= LAST_YEAR;
}

const YEAR_IN_TEXT = '(19[4-9]\\d|20\\d\\d|2100)';

/** The year a sheet's title gives: `表4-2 各地区城市社区服务情况（2008年）` → 2008 (a year followed by 年). */
export function yearFromTitle(title: readonly string[]): number | undefined {
  for (const line of title) {
    const match = new RegExp(`(?<!\\d)${YEAR_IN_TEXT}\\s*年`).exec(line.normalize('NFKC'));
    if (match !== null) return Number(match[1]);
  }
  return undefined;
}

/**
 * The year a file name gives: a 4-digit year (1949–2100) standing alone (`provinces-2009.csv`), or the year of
 * a date written without separators (`extract-20091231.csv`, `report-200912.csv`) or with them
 * (`2009-12-31.csv`). Other runs of digits (a code, `table-123456789.csv`) give none.
 */
export function yearFromName(file: string): number | undefined {
  const base = (file.split(/[\\/]/).pop() ?? file).normalize('NFKC');
  for (const match of base.matchAll(/(?<!\d)\d+(?!\d)/g)) {
    const digits = match[0];
    const year = Number(digits.slice(0, 4));
    if (year < FIRST_YEAR || year > LAST_YEAR) continue;
    if (digits.length === 4) return year;
    const month = Number(digits.slice(4, 6));
    if (digits.length === 6 && month >= 1 && month <= 12) return year;
    const day = Number(digits.slice(6, 8));
    if (digits.length === 8 && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate()) return year;
  }
  return undefined;
}
