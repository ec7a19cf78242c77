/**
 * Spreadsheets out: an .xlsx workbook with the table on its first sheet and the notes (inputs, rounding rule,
 * sources) on a second. exceljs is loaded only here, on demand, so that other formats do not pay for it.
 */
import type { Worksheet } from 'exceljs';
import type { OutputTable } from './model.js';
import { displayWidth } from './width.js';

export type SheetLang = 'zh' | 'en';

export interface XlsxMeta {
  /** one line each: the notes a command printed on stderr (kept-out rows, missing measures, …) */
  readonly notes: readonly string[];
  /** the input files */
  readonly inputs: readonly string[];
  /** the rounding rule and decimals, as words: "half-up (四舍五入), catalogue decimals" */
  readonly rounding: string;
  /** where the figures come from */
  readonly sources: readonly string[];
  readonly lang: SheetLang;
}

/** The words of the workbook itself: sheet names and the field names of the notes sheet. */
export interface XlsxLabels {
  readonly dataSheet: string;
  readonly notesSheet: string;
  readonly title: string;
  readonly note: string;
  readonly input: string;
  readonly rounding: string;
  readonly source: string;
}

const LABELS: Readonly<Record<SheetLang, XlsxLabels>> = {
  zh: { dataSheet: '数据', notesSheet: '说明', title: '标题', note: '注', input: '输入文件', rounding: '舍入', source: '资料来源' },
  en: { dataSheet: 'data', notesSheet: 'notes', title: 'title', note: 'note', input: 'input', rounding: 'rounding', source: 'source' },
};

/** The most characters an Excel cell holds (Excel's specifications and limits): a longer text is cut, with a note. */
export const XLSX_CELL_LIMIT = 32_767;

/** A text cut to what a cell holds: its first XLSX_CELL_LIMIT − 1 UTF-16 units (a pair never split) and `…`. */
export function fitCell(text: string): string {
  if (text.length <= XLSX_CELL_LIMIT) return text;
  let end = XLSX_CELL_LIMIT - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** The note a workbook gets when cells were cut, in the notes sheet and on stderr. */
export function cutCellsNote(count: number): string {
  return `${count} cell${count === 1 ? '' : 's'} cut to ${XLSX_CELL_LIMIT.toLocaleString('en')} characters, the most an Excel cell holds (csv or json keep them whole)`;
}

/** How many texts of a table (header and cells) an .xlsx sheet cuts. */
export function cellsToCut(table: OutputTable): number {
  let count = table.columns.filter((column) => column.label.length > XLSX_CELL_LIMIT).length;
  for (const row of table.rows) for (const cell of row) if (cell !== null && cell.length > XLSX_CELL_LIMIT) count += 1;
  return count;
}

/** Excel shows 15 significant digits; a figure with more is written as text rather than changed. */
const MAX_SIGNIFICANT_DIGITS = 15;
const DECIMAL_TEXT = /^-?(\d+)(?:\.(\d+))?$/;
/** Column widths in character units: a CJK character counts 2, as on a terminal. */
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/**
 * The workbook's bytes. Number cells (exact decimal text, already rounded) become numbers whose format shows
 * the same decimals ('0.00' for "5.67", '0' for "7031"); text cells stay strings, so a label starting with
 * '=' is text and never a formula; missing values are empty cells. The header row is bold and frozen.
 */
export async function renderXlsx(table: OutputTable, meta: XlsxMeta, labels?: Partial<XlsxLabels>): Promise<Uint8Array> {
  const words = { ...LABELS[meta.lang], ...labels };
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'svc-stats';
  if (table.title !== undefined) workbook.title = table.title;

  const sheet = workbook.addWorksheet(sheetName(words.dataSheet), { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow(table.columns.map((column) => fitCell(column.label)));
  header.font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow([]);
    row.forEach((text, index) => {
      if (text === null) return;
      const cell = added.getCell(index + 1);
      const number = table.columns[index]?.kind === 'number' ? asNumber(text) : undefined;
      if (number === undefined) {
        cell.value = fitCell(text); // a string cell: exceljs writes formulas only from { formula } values
        if (table.columns[index]?.kind === 'number') cell.alignment = { horizontal: 'right' };
      } else {
        cell.value = number.value;
        cell.numFmt = number.format;
      }
    });
  }
  fitColumns(sheet, [table.columns.map((column) => column.label), ...table.rows.map((row) => row.map((cell) => cell ?? ''))]);

  const notes = workbook.addWorksheet(sheetName(words.notesSheet));
  const lines: [string, string][] = [];
  if (table.title !== undefined) lines.push([words.title, table.title]);
  const cut = cellsToCut(table);
  for (const note of meta.notes) lines.push([words.note, note]);
  if (cut > 0) lines.push([words.note, cutCellsNote(cut)]);
  for (const input of meta.inputs) lines.push([words.input, input]);
  lines.push([words.rounding, meta.rounding]);
  for (const source of meta.sources) lines.push([words.source, source]);
  const notesCut = lines.filter(([, text]) => text.length > XLSX_CELL_LIMIT).length;
  if (notesCut > 0) lines.push([words.note, `${cutCellsNote(notesCut)}: in this sheet`]);
  for (const [field, text] of lines) notes.addRow([field, fitCell(text)]);
  notes.getColumn(1).font = { bold: true };
  fitColumns(notes, lines);

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as unknown as ArrayBuffer);
}

/** A decimal text as a number with the format that shows its decimals, if a double holds it exactly. */
function asNumber(text: string): { value: number; format: string } | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (match === null) return undefined;
  const decimals = match[2]?.length ?? 0;
  const significant = `${match[1]}${match[2] ?? ''}`.replace(/^0+/, '');
  if (significant.length > MAX_SIGNIFICANT_DIGITS) return undefined;
  const value = Number(text);
  if (value.toFixed(decimals) !== text.replace(/^-(?=0(\.0*)?$)/, '')) return undefined;
  return { value: Object.is(value, -0) ? 0 : value, format: decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}` };
}

function fitColumns(sheet: Worksheet, rows: readonly (readonly string[])[]): void {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((text, index) => {
      widths[index] = Math.max(widths[index] ?? 0, displayWidth(text));
    });
  }
  widths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width + 2));
  });
}

/** Excel's rules for a sheet name: at most 31 characters, none of []:*?/\ */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'sheet';
}
