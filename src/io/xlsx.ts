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
  /** the sheet's row number (1-based), as a spreadsheet shows it; with --sheets all, counted on across the sheets */
  readonly line: number;
}

export interface SheetRecords {
  readonly records: SheetRecord[];
  /** the sheet read, or the sheets joined by `+` */
  readonly sheetName: string;
  /** what the user should know: hidden sheets skipped, other sheets not read, formulas without a value */
  readonly notes: string[];
}

/** Which sheets to read: --sheet NAME|N (one, hidden or not), --sheets all (every visible one, as one table). */
export interface SheetChoice {
  readonly sheet?: string | undefined;
  readonly allSheets?: boolean | undefined;
}

/** A workbook's kind, as the bytes tell it: .xlsx is read by exceljs, .xls and .ods by SheetJS. */
export type WorkbookKind = 'xlsx' | 'xls' | 'ods';

/** One sheet read into rows of text, whatever library read it. */
interface SheetGrid {
  readonly name: string;
  readonly hidden: boolean;
  /** non-empty rows, each with its row number */
  readonly rows: SheetRecord[];
  /** cells holding a formula whose result the file does not keep (A1 addresses) */
  readonly formulasWithoutValue: string[];
}

const WORKBOOK_NAMES: Readonly<Record<WorkbookKind, string>> = {
  xlsx: '.xlsx workbook', xls: '.xls (Excel 97–2003) workbook', ods: '.ods (OpenDocument) spreadsheet',
};

/**
 * The rows of the first visible sheet (or the one `--sheet` names, by name or number, or with `--sheets all`
 * every visible sheet as one table) as strings: text as it is, numbers as plain decimal text (0.1 stays
 * "0.1", 130378 has no ".0", no exponent), dates as ISO text, rich text flattened, formulas as their cached
 * result (a formula without one is missing, and named in a note), booleans TRUE/FALSE, errors as their code
 * (#DIV/0!). Every record has the width of the widest row read.
 *
 * Merged cells: a range merged across columns keeps its value in its top-left cell only (a parent header
 * spans the empty cells to its right, as in a CSV export); a range merged down rows fills its value into
 * every row of its first column (a 省份 label merged over its 地市 rows). Rows that are entirely empty are
 * skipped; `line` keeps the sheet's row number.
 *
 * @throws SvcError USAGE for a sheet the workbook lacks (the message lists its sheets), FILE_UNREADABLE for
 *   bytes that are not a readable workbook, ENCRYPTED for a workbook protected by a password
 */
export async function readWorkbookRecords(bytes: Uint8Array, file: string, kind: WorkbookKind, choice: SheetChoice = {}): Promise<SheetRecords> {
  const sheets = kind === 'xlsx' ? await exceljsSheets(bytes, file) : await sheetjsSheets(bytes, file, kind);
  return chooseSheets(sheets, file, choice);
}

/** The first sheet (or `sheet`) of an .xlsx workbook: readWorkbookRecords for .xlsx. */
export async function readXlsxRecords(bytes: Uint8Array, file: string, sheet?: string): Promise<SheetRecords> {
  return readWorkbookRecords(bytes, file, 'xlsx', { sheet });
}

function unreadable(file: string, kind: WorkbookKind, error: unknown): SvcError {
  if (/password-protected/i.test(reason(error))) return encryptedError(file, kind);
  // the library's own words (a JavaScript TypeError, a zip offset) would tell the user nothing: say what to do
  return new SvcError('FILE_UNREADABLE', `not a readable ${WORKBOOK_NAMES[kind]}: its contents are damaged or of a kind svc-stats does not know`, { file },
    `open it in a spreadsheet and save it again as .xlsx, or export the sheet as CSV`);
}

export function encryptedError(file: string, kind: WorkbookKind | 'office'): SvcError {
  const what = kind === 'office' ? 'workbook' : WORKBOOK_NAMES[kind];
  return new SvcError('ENCRYPTED', `an encrypted ${what} (protected by a password to open): it cannot be read`, { file },
    'open it with its password in a spreadsheet and save a copy without one, or export the sheet as CSV');
}

async function exceljsSheets(bytes: Uint8Array, file: string): Promise<SheetGrid[]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares Buffer as its own ArrayBuffer-like type; a Node Buffer over the same memory is what it reads
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
    return workbook.worksheets.map((worksheet) => {
      const formulasWithoutValue: string[] = [];
      return { name: worksheet.name, hidden: worksheet.state !== undefined && worksheet.state !== 'visible', rows: sheetRecords(worksheet, formulasWithoutValue), formulasWithoutValue };
    });
  } catch (error) {
    throw unreadable(file, 'xlsx', error);
  }
}

function sheetRecords(worksheet: Worksheet, formulasWithoutValue: string[]): SheetRecord[] {
  const lastRow = worksheet.rowCount;
  const grid: SheetRecord[] = [];
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
          if (lacksResult(cell.value)) formulasWithoutValue.push(cell.address);
        }
        cells[column - 1] = text;
      });
    }
    pushRow(grid, cells, line);
  }
  return grid;
}

function pushRow(grid: SheetRecord[], cells: string[], line: number): void {
  for (let index = 0; index < cells.length; index += 1) cells[index] ??= '';
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  if (cells.length > 0) grid.push({ line, cells }); // an entirely empty row is skipped
}

/** A formula cell whose file keeps no result (written by a program that does not compute). */
function lacksResult(value: CellValue): boolean {
  return value !== null && typeof value === 'object' && !(value instanceof Date)
    && ('formula' in value || 'sharedFormula' in value) && (value.result === undefined || value.result === null);
}

interface SheetJsCell { t?: string; v?: unknown; w?: string; f?: string }
type SheetJsSheet = Record<string, unknown> & { '!ref'?: string; '!merges'?: { s: { r: number; c: number }; e: { r: number; c: number } }[] };

async function sheetjsSheets(bytes: Uint8Array, file: string, kind: WorkbookKind): Promise<SheetGrid[]> {
  const XLSX = await import('@e965/xlsx');
  if (kind === 'xls' && isEncryptedOle(XLSX.CFB, bytes)) throw encryptedError(file, 'office');
  let workbook;
  try {
    workbook = XLSX.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer', cellDates: true, cellFormula: true, cellHTML: false, cellStyles: false });
  } catch (error) {
    throw unreadable(file, kind, error);
  }
  const states = workbook.Workbook?.Sheets ?? [];
  const odsHidden = kind === 'ods' ? hiddenOdsTables(XLSX.CFB, bytes) : new Set<string>();
  return workbook.SheetNames.map((name, at) => {
    const sheet = workbook.Sheets[name] as SheetJsSheet | undefined;
    const formulasWithoutValue: string[] = [];
    const rows: SheetRecord[] = [];
    const ref = sheet?.['!ref'];
    if (sheet !== undefined && ref !== undefined) {
      const range = XLSX.utils.decode_range(ref);
      // merged ranges: the value of the top-left cell, filled down its first column
      const fill = new Map<string, string>();
      for (const merge of sheet['!merges'] ?? []) {
        const master = sheet[XLSX.utils.encode_cell(merge.s)] as SheetJsCell | undefined;
        const text = master === undefined ? '' : sheetjsText(master);
        for (let r = merge.s.r + 1; r <= merge.e.r; r += 1) fill.set(`${r},${merge.s.c}`, text);
      }
      for (let r = range.s.r; r <= range.e.r; r += 1) {
        const cells: string[] = [];
        for (let c = 0; c <= range.e.c; c += 1) {
          const address = XLSX.utils.encode_cell({ r, c });
          const cell = sheet[address] as SheetJsCell | undefined;
          if (cell === undefined) {
            cells[c] = fill.get(`${r},${c}`) ?? '';
            continue;
          }
          if (cell.f !== undefined && (cell.v === undefined || cell.t === 'z')) formulasWithoutValue.push(address);
          cells[c] = sheetjsText(cell);
        }
        pushRow(rows, cells, r + 1);
      }
    }
    const hidden = (states[at]?.Hidden ?? 0) !== 0 || odsHidden.has(name);
    return { name, hidden, rows, formulasWithoutValue };
  });
}

function sheetjsText(cell: SheetJsCell): string {
  switch (cell.t) {
    case 'n': return typeof cell.v === 'number' ? plainNumber(cell.v) : '';
    case 's': case 'str': return typeof cell.v === 'string' ? cell.v : String(cell.v ?? '');
    case 'b': return cell.v === true ? 'TRUE' : 'FALSE';
    case 'e': return cell.w ?? '#ERROR';
    case 'd': return cell.v instanceof Date ? isoDate(cell.v) : '';
    default: return '';
  }
}

/**
 * The hidden tables of an .ods, which SheetJS does not report: a table whose style has table:display="false"
 * (ODF 1.2, 16.4.1), as LibreOffice writes a hidden sheet.
 */
function hiddenOdsTables(cfbLibrary: { read: (data: unknown, options: unknown) => { FileIndex: { name: string; content?: Uint8Array }[] } }, bytes: Uint8Array): Set<string> {
  const hidden = new Set<string>();
  let content: string;
  try {
    const zip = cfbLibrary.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' });
    const entry = zip.FileIndex.find((candidate) => candidate.name === 'content.xml')?.content;
    if (entry === undefined) return hidden;
    content = Buffer.from(entry).toString('utf8');
  } catch {
    return hidden;
  }
  const hiddenStyles = new Set<string>();
  for (const match of content.matchAll(/<style:style\b[^>]*style:name="([^"]+)"[^>]*style:family="table"[^>]*>\s*<style:table-properties\b[^>]*table:display="false"/g)) hiddenStyles.add(match[1]!);
  for (const match of content.matchAll(/<table:table\b([^>]*)>/g)) {
    const name = /table:name="([^"]*)"/.exec(match[1]!)?.[1];
    const style = /table:style-name="([^"]*)"/.exec(match[1]!)?.[1];
    if (name !== undefined && style !== undefined && hiddenStyles.has(style)) hidden.add(xmlText(name));
  }
  return hidden;
}

function xmlText(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_all, entity: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[entity]!);
}

/**
 * An OLE compound file that holds an encrypted workbook: an Office 2007+ workbook encrypted with a password is
 * an OLE file with EncryptionInfo and EncryptedPackage streams (MS-OFFCRYPTO); an encrypted .xls keeps its
 * Workbook stream with a FILEPASS record (0x002F) in its first substream.
 */
function isEncryptedOle(cfbLibrary: { read: (data: unknown, options: unknown) => { FileIndex: { name: string; content?: Uint8Array }[] } }, bytes: Uint8Array): boolean {
  let container;
  try {
    container = cfbLibrary.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' });
  } catch {
    return false; // not a compound file it can read: SheetJS says so below
  }
  const entries = container.FileIndex;
  if (entries.some((entry) => entry.name === 'EncryptionInfo' || entry.name === 'EncryptedPackage')) return true;
  const stream = entries.find((entry) => entry.name === 'Workbook' || entry.name === 'Book')?.content;
  if (stream === undefined) return false;
  // BIFF records: type (2 bytes), length (2 bytes), data; FILEPASS comes right after the globals' BOF, before any BOUNDSHEET
  for (let at = 0, records = 0; at + 4 <= stream.length && records < 200; records += 1) {
    const type = stream[at]! | (stream[at + 1]! << 8);
    const length = stream[at + 2]! | (stream[at + 3]! << 8);
    if (type === 0x002f) return true;
    if (type === 0x0085 || (type === 0x000a && records > 0)) return false; // BOUNDSHEET or EOF: no FILEPASS
    at += 4 + length;
  }
  return false;
}

/** A year in a sheet's name (`2009`, `2009年`) or in a title row above its header (`…（2009年）`). */
function sheetYear(sheet: SheetGrid): string | undefined {
  const fromName = /(?<!\d)(19[4-9]\d|20\d\d|2100)(?!\d)/.exec(sheet.name.normalize('NFKC'));
  if (fromName !== null) return fromName[1];
  for (const row of sheet.rows) {
    if (row.cells.some(isNumberText)) break;
    const match = /(?<!\d)(19[4-9]\d|20\d\d|2100)\s*年/.exec(row.cells.join(' ').normalize('NFKC'));
    if (match !== null) return match[1];
  }
  return undefined;
}

/** A cell that reads as a number (a data row has some); io does not plan headers, so a plain test is enough here. */
function isNumberText(cell: string): boolean {
  return /^[\s+-]*[0-9０-９][0-9０-９,，.．\s]*$/.test(cell);
}

function trimmedKey(cells: readonly string[]): string {
  const trimmed = cells.map((cell) => cell.trim());
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
  return trimmed.join('\u0001');
}

/** Header cells that name the year, as catalogue/columns.ts lists them (io cannot import it): a sheet a year adds none then. */
const YEAR_WORDS = new Set(['年份', '年度', '年', 'year', '统计年度', '时间']);

function chooseSheets(sheets: readonly SheetGrid[], file: string, choice: SheetChoice): SheetRecords {
  const names = sheets.map((sheet) => (sheet.hidden ? `${sheet.name} (hidden)` : sheet.name));
  const visible = sheets.filter((sheet) => !sheet.hidden);
  const hidden = sheets.filter((sheet) => sheet.hidden);
  const notes: string[] = [];
  const formulaNote = (sheet: SheetGrid): void => {
    if (sheet.formulasWithoutValue.length === 0) return;
    const shown = sheet.formulasWithoutValue.slice(0, 5).join(', ') + (sheet.formulasWithoutValue.length > 5 ? ` and ${sheet.formulasWithoutValue.length - 5} more` : '');
    notes.push(`${file}: sheet ${sheet.name}: ${sheet.formulasWithoutValue.length} formula cell${sheet.formulasWithoutValue.length > 1 ? 's' : ''} without a saved result read as missing: ${shown} (open the workbook in a spreadsheet and save it, so that they are computed)`);
  };
  if (sheets.length === 0) throw new SvcError('EMPTY_INPUT', 'the workbook has no sheet', { file });
  if (choice.sheet !== undefined && choice.allSheets === true) throw new SvcError('USAGE', '--sheet and --sheets all: give one of them', { file });
  if (choice.sheet !== undefined) {
    const wanted = choice.sheet;
    const byNumber = /^\d+$/.test(wanted.trim()) ? Number(wanted.trim()) : undefined;
    const found = sheets.find((sheet) => sheet.name === wanted)
      ?? sheets.find((sheet) => sheet.name.trim().normalize('NFKC') === wanted.trim().normalize('NFKC'))
      ?? (byNumber !== undefined && byNumber >= 1 ? sheets[byNumber - 1] : undefined);
    if (found === undefined) {
      throw new SvcError('USAGE', `the workbook has no sheet '${wanted}'; its sheets: ${sheets.map((sheet, at) => `${at + 1} ${names[at]}`).join(', ')}`,
        { file }, 'give one of these names or numbers');
    }
    if (found.hidden) notes.push(`${file}: sheet ${found.name} is hidden in the workbook; read as --sheet ${wanted} asks`);
    formulaNote(found);
    return { records: padded([found.rows]), sheetName: found.name, notes };
  }
  if (visible.length === 0) throw new SvcError('EMPTY_INPUT', `every sheet of the workbook is hidden: ${sheets.map((sheet) => sheet.name).join(', ')}`, { file }, 'name one with --sheet NAME');
  if (hidden.length > 0) notes.push(`${file}: hidden sheet${hidden.length > 1 ? 's' : ''} not read: ${hidden.map((sheet) => sheet.name).join(', ')} (--sheet NAME reads one)`);
  if (choice.allSheets !== true) {
    const [first, ...others] = visible;
    if (others.length > 0) notes.push(`${file}: read sheet ${first!.name}; not read: ${others.map((sheet) => sheet.name).join(', ')} (--sheet NAME, or --sheets all for one table over every visible sheet)`);
    formulaNote(first!);
    return { records: padded([first!.rows]), sheetName: first!.name, notes };
  }
  for (const sheet of visible) formulaNote(sheet);
  const joined = joinSheets(visible, file);
  return { ...joined, notes: [...notes, ...joined.notes] };
}

/** Every record widened to the widest row, so that a sheet's trailing empty cells are not a ragged row. */
function padded(parts: readonly (readonly SheetRecord[])[]): SheetRecord[] {
  const width = Math.max(0, ...parts.flatMap((rows) => rows.map((row) => row.cells.length)));
  return parts.flatMap((rows) => rows.map(({ line, cells }) => ({ line, cells: [...cells, ...Array<string>(width - cells.length).fill('')] })));
}

/**
 * --sheets all: the visible sheets as one table, the first sheet's header and title kept. A later sheet's rows
 * above its data that repeat the first sheet's (its header, a column-code row) or a title line (`续表`, a unit
 * line) are not data; a later sheet whose header differs is refused. When every sheet has a year of its own
 * (its name, or its title: one sheet a year) and the header has no year column, a 年份 column is added.
 * Lines are counted on across the sheets (a note says where each sheet starts).
 */
function joinSheets(sheets: readonly SheetGrid[], file: string): { records: SheetRecord[]; sheetName: string; notes: string[] } {
  const notes: string[] = [];
  const [first, ...later] = sheets;
  const firstData = first!.rows.findIndex((row) => row.cells.some(isNumberText));
  const above = first!.rows.slice(0, firstData === -1 ? first!.rows.length : firstData);
  const aboveKeys = new Set(above.map((row) => trimmedKey(row.cells)));
  const headerAt = above.findIndex((row) => row.cells.filter((cell) => cell.trim() !== '').length >= 2);
  const parts: SheetRecord[][] = [first!.rows];
  const where: string[] = [];
  let offset = 0;
  const span = (sheet: SheetGrid, rows: readonly SheetRecord[]): string =>
    rows.length === 0 ? `${sheet.name} (no rows)` : `${sheet.name} lines ${rows[0]!.line + offset}–${rows[rows.length - 1]!.line + offset}`;
  where.push(span(first!, first!.rows));
  offset = first!.rows[first!.rows.length - 1]?.line ?? 0;
  for (const sheet of later) {
    let skip = 0;
    for (const row of sheet.rows) {
      const key = trimmedKey(row.cells);
      const filled = row.cells.filter((cell) => cell.trim() !== '');
      const titleLike = filled.length === 1 && /续|續|continued|单位\s*[:：]/i.test(filled[0]!);
      if (aboveKeys.has(key) || titleLike) {
        skip += 1;
        continue;
      }
      if (!row.cells.some(isNumberText) && filled.length >= 2) {
        throw new SvcError('HEADER', `sheet ${sheet.name}, row ${row.line}: its header (${filled.join(', ')}) is not the header of sheet ${first!.name}, so the sheets are not one table`,
          { file }, `read one sheet with --sheet ${sheet.name}`);
      }
      break;
    }
    const rows = sheet.rows.slice(skip).map((row) => ({ line: row.line + offset, cells: row.cells }));
    if (skip > 0) notes.push(`${file}: sheet ${sheet.name}: its ${skip} row${skip > 1 ? 's' : ''} above the data (a repeated header or a 续表 title) not read as data`);
    where.push(span(sheet, sheet.rows.slice(skip)));
    parts.push(rows);
    offset += sheet.rows[sheet.rows.length - 1]?.line ?? 0;
  }
  notes.push(`${file}: sheets read as one table: ${where.join('; ')}`);
  const years = sheets.map(sheetYear);
  const headerCells = headerAt === -1 ? [] : above[headerAt]!.cells.map((cell) => cell.normalize('NFKC').replace(/\s+/g, '').toLowerCase());
  if (headerAt !== -1 && years.every((year) => year !== undefined) && new Set(years).size === years.length && !headerCells.some((cell) => YEAR_WORDS.has(cell))) {
    notes.push(`${file}: one sheet a year: a 年份 column added from the sheets' names or titles (${sheets.map((sheet, at) => (sheet.name === years[at] ? sheet.name : `${sheet.name}: ${years[at]}`)).join(', ')})`);
    const headerLine = above[headerAt]!.line;
    parts.forEach((rows, at) => {
      parts[at] = rows.map((row) => ({
        line: row.line,
        cells: [...row.cells, at === 0 && row.line === headerLine ? '年份' : row.cells.some(isNumberText) ? years[at]! : ''],
      }));
    });
    const width = Math.max(...parts.flatMap((rows) => rows.map((row) => row.cells.length - 1)));
    // the year goes last: widen each row to the widest sheet first, then add the year
    const records = parts.flatMap((rows) => rows.map(({ line, cells }) => {
      const year = cells[cells.length - 1]!;
      const body = cells.slice(0, -1);
      return { line, cells: [...body, ...Array<string>(width - body.length).fill(''), year] };
    }));
    return { records, sheetName: sheets.map((sheet) => sheet.name).join('+'), notes };
  }
  return { records: padded(parts), sheetName: sheets.map((sheet) => sheet.name).join('+'), notes };
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

export type BinaryKind = 'xlsx' | 'xls' | 'ods' | 'zip' | 'utf16-no-bom' | 'html' | 'pdf';

/** What to tell the user for each kind of input that is not CSV text and is not read as a workbook. */
export const BINARY_KIND_MESSAGES: Readonly<Record<Exclude<BinaryKind, 'xlsx' | 'xls' | 'ods'>, { message: string; hint: string }>> = {
  zip: {
    message: 'a zip archive that is not an .xlsx or .ods workbook, not a table file',
    hint: 'unzip it and give the table inside, or save the table as .xlsx or CSV',
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
    // [Content_Types].xml: an Office package whose xl/ parts come after the first 64 KiB (exceljs decides)
    if (XLSX_PART_NAMES.some((name) => ascii.includes(name)) || ascii.includes('[Content_Types].xml')) return 'xlsx';
    // an OpenDocument package holds its mimetype uncompressed (first, when written by the standard's rules)
    const ods = ascii.includes('application/vnd.oasis.opendocument.spreadsheet') || (ascii.includes('content.xml') && ascii.includes('META-INF/manifest.xml'));
    return ods ? 'ods' : 'zip';
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
