/**
 * Header rows beyond the names: NBS tables print an English row under the Chinese one, or both in one cell
 * (`社区服务中心数 Number of Community Service Centers（个）`), and most yearbook tables a row of column codes under
 * the header (`甲,1,2,3`, `,1,2,3`, `栏次`). The Chinese names and units are what a column is read by; two header
 * rows that name different measures are refused, never joined with the second winning.
 */
import { SvcError } from '../errors.js';
import type { MeasureDefinition } from '../catalogue/measures.js';
import { normaliseName } from '../catalogue/names.js';
import { isInvalid, parseNumberCell } from './cells.js';
import { splitUnit } from './header-plan.js';

const HAN = /[\p{Script=Han}]/u;
const LATIN = /[A-Za-z]/;

/**
 * The Chinese part of a bilingual header cell, with its unit: `城镇人口（万人） Urban Population (10000 persons)` →
 * `城镇人口（万人）`; `社区服务中心数 Number of Community Service Centers（个）` → `社区服务中心数（个）`;
 * `地区 Region` → `地区`. A cell in one language is returned as it is.
 */
export function chineseHeaderOf(cell: string): string {
  if (!HAN.test(cell) || !LATIN.test(cell)) return cell;
  const text = cell.trim();
  // the English part starts at the first Latin letter after a blank that follows Chinese
  const match = /^(.*?[\p{Script=Han}）)\]][^A-Za-z]*?)\s+([A-Za-z].*)$/u.exec(text);
  if (match === null) return cell;
  const chinese = match[1]!.trim();
  const english = match[2]!;
  if (splitUnit(chinese).unit !== undefined) return chinese;
  // a unit in Chinese at the end of the English part belongs to the Chinese name
  const unit = /[(（]([^()（）]*[\p{Script=Han}][^()（）]*)[)）]\s*$/u.exec(english);
  return unit === null ? chinese : `${chinese}（${unit[1]}）`;
}

/** A header row in English under a Chinese one: no Chinese in it, letters in some cell. */
export function isEnglishHeaderRow(cells: readonly string[], headerRows: readonly (readonly string[])[]): boolean {
  if (headerRows.length === 0 || !headerRows.some((row) => row.some((cell) => HAN.test(cell)))) return false;
  const filled = cells.filter((cell) => cell.trim() !== '');
  if (filled.length === 0 || filled.some((cell) => HAN.test(cell))) return false;
  // a translation of every named column: each column the Chinese header names has English words under it
  const named = cells.map((_, at) => headerRows.some((row) => (row[at] ?? '').trim() !== ''));
  if (named.filter(Boolean).length < 2 || cells.some((cell, at) => named[at] && !LATIN.test(cell))) return false;
  // a data row in English (`Beijing,705,4090`) has numbers; a header row has none
  return !filled.some((cell) => { const value = parseNumberCell(cell); return value !== null && !isInvalid(value); });
}

const CODE_WORDS = new Set(['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸', '栏次', '栏', '代码', '序号']);

/**
 * A row of column codes under the header: every filled cell is a code word (甲, 乙, 栏次) or a whole number, and
 * the numbers run 1, 2, 3 … from left to right (at least two of them).
 */
export function isColumnCodeRow(cells: readonly string[], width: number): boolean {
  if (cells.length !== width) return false;
  let expected = 0;
  let numbers = 0;
  for (const cell of cells) {
    const text = cell.normalize('NFKC').trim();
    if (text === '') continue;
    if (/^\d+$/.test(text)) {
      const value = Number(text);
      if (numbers === 0 ? value !== 1 : value !== expected + 1) return false;
      expected = value;
      numbers += 1;
      continue;
    }
    if (!CODE_WORDS.has(text.toLowerCase())) return false;
  }
  return numbers >= 2;
}

/** The measure a header cell names, or undefined. */
function measureOf(cell: string, lookup: ReadonlyMap<string, MeasureDefinition>): MeasureDefinition | undefined {
  const text = chineseHeaderOf(cell).trim();
  if (text === '') return undefined;
  return lookup.get(normaliseName(splitUnit(text).name));
}

/**
 * Two header rows that name different measures in one column are refused: a Chinese row and the row under it
 * (the column's own cell, not a parent spanning from the left), or the Chinese header and its English row.
 */
export function checkHeaderRowsAgree(
  headerRows: readonly (readonly string[])[], lines: readonly number[],
  english: readonly { cells: readonly string[]; line: number }[],
  lookup: ReadonlyMap<string, MeasureDefinition>, file: string,
): void {
  const rows = [...headerRows.map((cells, at) => ({ cells, line: lines[at]! })), ...english];
  const width = Math.max(0, ...rows.map((row) => row.cells.length));
  for (let column = 0; column < width; column += 1) {
    let first: { measure: MeasureDefinition; cell: string; line: number } | undefined;
    for (const row of rows) {
      const cell = row.cells[column] ?? '';
      const measure = measureOf(cell, lookup);
      if (measure === undefined) continue;
      if (first === undefined) first = { measure, cell: cell.trim(), line: row.line };
      else if (first.measure.id !== measure.id) {
        throw new SvcError('HEADER',
          `the header rows disagree in column ${column + 1}: '${first.cell}' (line ${first.line}) names ${first.measure.id}, '${cell.trim()}' (line ${row.line}) names ${measure.id}`,
          { file, line: row.line, column: column + 1 }, 'keep one header row per column, or fix the one that is wrong');
      }
    }
  }
}
