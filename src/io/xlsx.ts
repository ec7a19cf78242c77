/**
 * Spreadsheets in: the records of one sheet of an .xlsx workbook, as a CSV export of the sheet would give
 * them, for the same header planning and number reading as CSV input. exceljs is loaded only here, on demand.
 * Also: telling a workbook, an old .xls, UTF-16 without a BOM, an HTML page or a PDF from CSV text by its
 * first bytes, so that a wrong file gets a message that says what it is.
 */
import type { CellValue, Worksheet } from 'exceljs';
import { SvcError } from '../errors.js';

export interface SheetRecord {
  readonly cells: string[];
  /** the sheet's row number (1-based), as a spreadsheet shows it */
  readonly line: number;
}

export interface SheetRecords {
  readonly records: SheetRecord[];
  readonly sheetName: string;
}

/**
 * The rows of the first sheet (or the one named `sheet`) as strings: text as it is, numbers as plain decimal
 * text (0.1 stays "0.1", 130378 has no ".0", no exponent), dates as ISO text, rich text flattened, formulas
 * as their cached result, booleans TRUE/FALSE, errors as their code (#DIV/0!). Every record has the width
 * of the sheet's used range.
 *
 * Merged cells: a range merged across columns keeps its value in its top-left cell only (a parent header
 * spans the empty cells to its right, as in a CSV export); a range merged down rows fills its value into
 * every row of its first column (a 省份 label merged over its 地市 rows). Rows that are entirely empty are
 * skipped; `line` keeps the sheet's row number.
 *
 * @throws SvcError USAGE for a sheet name the workbook lacks (the message lists its sheets),
 *   FILE_UNREADABLE for bytes that are not a readable .xlsx workbook
 */
export async function readXlsxRecords(bytes: Uint8Array, file: string, sheet?: string): Promise<SheetRecords> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares Buffer as its own ArrayBuffer-like type; a Node Buffer over the same memory is what it reads
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    throw new SvcError('FILE_UNREADABLE', `not a readable .xlsx workbook: ${reason(error)}`, { file },
      'open it in a spreadsheet and save it again as .xlsx, or export the sheet as CSV');
  }
  const names = workbook.worksheets.map((worksheet) => worksheet.name);
  const worksheet = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet);
  if (worksheet === undefined || (sheet !== undefined && worksheet.name !== sheet)) {
    if (sheet === undefined) {
      throw new SvcError('EMPTY_INPUT', 'the workbook has no sheet', { file });
    }
    throw new SvcError('USAGE', `the workbook has no sheet named '${sheet}'; its sheets: ${names.join(', ')}`,
      { file }, 'give one of these names');
  }
  return { records: sheetRecords(worksheet), sheetName: worksheet.name };
}

function sheetRecords(worksheet: Worksheet): SheetRecord[] {
  const lastRow = worksheet.rowCount;
  const grid: { line: number; cells: string[] }[] = [];
  let width = 0;
  for (let line = 1; line <= lastRow; line += 1) {
    const row = worksheet.findRow(line);
    const cells: string[] = [];
    if (row !== undefined) {
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        let text: string;
        const master = cell.master;
        if (master !== cell && master.address !== cell.address) {
          // inside a merged range: filled down in the range's first column, empty elsewhere
          text = master.col === cell.col ? cellText(master.value) : '';
        } else {
          text = cellText(cell.value);
        }
        cells[column - 1] = text;
      });
    }
    for (let index = 0; index < cells.length; index += 1) cells[index] ??= '';
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.length === 0) continue; // an entirely empty row
    width = Math.max(width, cells.length);
    grid.push({ line, cells });
  }
  return grid.map(({ line, cells }) => ({ line, cells: [...cells, ...Array<string>(width - cells.length).fill('')] }));
}

/** A cell's value as the text a CSV export shows for it. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return plainNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDate(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null);
  if ('hyperlink' in value) return cellText(value.text as CellValue);
  return '';
}

/** Excel keeps 15 significant digits; more in a double are artefacts of binary arithmetic (0.1 + 0.2). */
const SIGNIFICANT_DIGITS = 15;

/**
 * A double as plain decimal text: the shortest text that reads back as the same double, cut to 15
 * significant digits when it has more, never with an exponent (1e21 → "1000000000000000000000").
 */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  let text = String(value);
  const match = /^-?(\d+)(?:\.(\d+))?(?:e[+-]\d+)?$/.exec(text);
  const digits = match === null ? '' : `${match[1]}${match[2] ?? ''}`.replace(/^0+/, '').replace(/0+$/, '');
  if (digits.length > SIGNIFICANT_DIGITS) text = value.toPrecision(SIGNIFICANT_DIGITS);
  return expandExponent(text);
}

function expandExponent(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (match === null) return text;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponent);
  let plain: string;
  if (point <= 0) plain = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) plain = digits + '0'.repeat(point - digits.length);
  else plain = `${digits.slice(0, point)}.${digits.slice(point)}`;
  plain = plain.replace(/^0+(?=\d)/, '');
  if (plain.includes('.')) plain = plain.replace(/0+$/, '').replace(/\.$/, '');
  return plain === '0' ? '0' : sign + plain;
}

/** exceljs reads dates as UTC instants: a date alone as YYYY-MM-DD, with a time as YYYY-MM-DDTHH:MM:SS. */
function isoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type BinaryKind = 'xlsx' | 'xls' | 'utf16-no-bom' | 'html' | 'pdf';

/** What to tell the user for each kind of input that is not CSV text. */
export const BINARY_KIND_MESSAGES: Readonly<Record<BinaryKind, { message: string; hint: string }>> = {
  // never shown by the CLI, which reads a workbook whatever its name (io/records.ts); kept for completeness
  xlsx: {
    message: 'an Excel workbook (.xlsx), not CSV text',
    hint: 'svc-stats reads it as a workbook: its first sheet, or --sheet NAME',
  },
  xls: {
    message: '.xls (Excel 97) is not read',
    hint: 'save as .xlsx or CSV',
  },
  'utf16-no-bom': {
    message: 'UTF-16 text without a byte-order mark',
    hint: 'pass --encoding utf16le if it is little-endian, or save it as UTF-8 CSV',
  },
  html: {
    message: 'an HTML page saved as .csv (or .xls), not a table file',
    hint: 'open it in a spreadsheet and save it as .xlsx or CSV',
  },
  pdf: {
    message: 'a PDF document, not a table file',
    hint: 'export the table as CSV or .xlsx from its source',
  },
};

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Part names found only in an .xlsx package; the zip's local headers hold them as plain bytes. */
const XLSX_PART_NAMES = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/'];
const HTML_START = /^<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|table[\s>]|meta[\s>])/i;

/**
 * What kind of non-CSV input starts with these bytes, if any. Give it the first 64 KiB (or the whole file):
 * the part names of an .xlsx zip may come after its first parts. `undefined` means "read it as text".
 */
export function sniffBinaryKind(head: Uint8Array): BinaryKind | undefined {
  if (startsWith(head, OLE2_MAGIC)) return 'xls';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  const ascii = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');
  if (startsWith(head, ZIP_MAGIC)) {
    return XLSX_PART_NAMES.some((name) => ascii.includes(name)) ? 'xlsx' : undefined;
  }
  if (looksLikeUtf16WithoutBom(head)) return 'utf16-no-bom';
  const start = ascii.replace(/^(?:\xef\xbb\xbf)?\s*/, '').slice(0, 64);
  if (HTML_START.test(start)) return 'html';
  return undefined;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);
}

/**
 * Text in UTF-8 or GB18030 never holds a NUL byte; UTF-16 text holds one in every ASCII character (a comma,
 * a digit, a line end), all at odd offsets (little-endian) or all at even ones (big-endian). Decoded in that
 * byte order, it must be text: no control characters besides tab and line ends.
 */
function looksLikeUtf16WithoutBom(head: Uint8Array): boolean {
  if (head.length < 4) return false;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  const length = head.length - (head.length % 2);
  let zerosEven = 0;
  let zerosOdd = 0;
  for (let index = 0; index < length; index += 1) {
    if (head[index] === 0) {
      if (index % 2 === 0) zerosEven += 1;
      else zerosOdd += 1;
    }
  }
  const zeros = zerosEven + zerosOdd;
  // a stray NUL in 8-bit text is binary data, not UTF-16: there, the delimiters, digits and line ends make zeros common
  if (zeros < length / 16 || Math.max(zerosEven, zerosOdd) < zeros * 0.95) return false;
  const littleEndian = zerosOdd > zerosEven;
  const text = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be').decode(head.subarray(0, length));
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/.test(text);
}
