/**
 * Records → rows of exact measure values: the header record is planned (header-plan.ts), every later record is
 * checked against it and its cells read by the rules of its measure. Streams: a row is seen once and let go.
 */
import { SvcError } from '../errors.js';
import type { Rational } from '../exact/rational.js';
import { isInteger, scale10 } from '../exact/rational.js';
import type { MeasureDefinition } from '../catalogue/measures.js';
import type { InputRecord, LineBlock, RecordSource } from '../io/csv/records.js';
import { isLineBlock } from '../io/csv/records.js';
import { FIRST_YEAR, LAST_YEAR, isAcceptedYear, isFootnoteText, normaliseYear } from '../catalogue/columns.js';
import { isOfWhichLabel, isTotalLabel, unitKey, unitOfLabel } from '../catalogue/row-labels.js';
import type { HeaderPlan, MeasureColumn, PlanOptions } from './header-plan.js';
import { ROWS_ARE_INDEX, continuesHeader, joinHeaderRows, measureLookup, namesColumns, planHeader } from './header-plan.js';
import { isInvalid, parseNumberCell, shorten } from './cells.js';
import type { CellText } from './cell-texts.js';
import { CellTexts, isBlank, isTrimmed } from './cell-texts.js';
import type { PackedUnitKeys } from './unit-keys.js';
import { UnitKeySet, repeatsAcross } from './unit-keys.js';
import { ScanKernel, SCAN_DONE, SCAN_FOLD, SCAN_FULL, SPAN_HANDED, SPAN_SKIPPED, SPAN_SUMMED, SPAN_UNDECIDED } from './scan-kernel.js';
import type { ModelRow } from './model.js';
import { RowModel, isIndentedSubRow, isRegionLabel } from './model.js';
import { chineseHeaderOf, checkHeaderRowsAgree, isColumnCodeRow, isEnglishHeaderRow } from './bilingual.js';
import { findDivisions, hasInvisible, withoutInvisible } from '../catalogue/gazetteer.js';

export interface TableOptions {
  readonly measures: readonly MeasureDefinition[];
  /** --rows-are: each row counts as one of this measure (a community-level register) */
  readonly rowsAre?: string | undefined;
  /** the --by column, which labels rows only when no other label column exists */
  readonly groupColumn?: string | undefined;
  /** --by of several columns (`--by 省份,地市`): none labels rows when another label column exists */
  readonly groupColumns?: readonly string[] | undefined;
  /** --label COL and --year COL: the columns naming the unit and the year, when the header does not */
  readonly labelColumn?: string | undefined;
  readonly yearColumn?: string | undefined;
  /** --year Y: only the rows of this year are read */
  readonly onlyYear?: string | undefined;
  /**
   * a byte range with more of the file after it (a worker's): a label-only row at its end is data, since
   * only the rows after the last data row of the whole file are footnotes
   */
  readonly moreFollows?: boolean | undefined;
  /**
   * a worker's range: each row's unit-and-year key and line are collected here, for its caller to check across
   * the whole file (a repeat within the range is found here too; its caller reads the file in one pass then)
   */
  readonly unitLines?: UnitKeySet | undefined;
}

export interface DataRow {
  /** line of the input where the row ends (1 is the header) */
  readonly line: number;
  readonly cells: readonly string[];
  readonly label: string | undefined;
  /** the year cell, normalised (`2008年` → `2008`) */
  readonly year: string | undefined;
  /** one value per plan.measureColumns entry, in base units; null = missing */
  readonly values: readonly (Rational | null)[];
}

export interface Table {
  readonly file: string;
  readonly plan: HeaderPlan;
  readonly rows: readonly DataRow[];
}

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
/** A sheet's header starts within this many records (a title, a unit line, blank-ish rows). */
const MAX_TITLE_RECORDS = 10;
const MAX_HEADER_ROWS = 4;
/** The first data rows seen before the plan is made: enough to tell a label column 城市 from the cities measure. */
const PLANNING_ROWS = 5;

/** Read a whole table into memory: for commands that print one row per input row. */
export async function readTable(records: RecordSource, options: TableOptions): Promise<Table> {
  const rows: DataRow[] = [];
  const plan = await scanTable(records, options, (row) => rows.push(row));
  return { file: records.file, plan, rows };
}

/** Read a table row by row: `onRow` sees each row once, in order, and keeps what it needs. */
export async function scanTable(
  records: RecordSource,
  options: TableOptions,
  onRow: (row: DataRow, plan: HeaderPlan) => void,
): Promise<HeaderPlan> {
  const file = records.file;
  return scanCells(records, options, (cells, line, plan) => onRow(toRow(cells, line, plan, file), plan));
}

function planOptions(options: TableOptions): PlanOptions {
  return {
    groupColumns: options.groupColumns ?? (options.groupColumn === undefined ? [] : [options.groupColumn]),
    rowsAre: options.rowsAre, labelColumn: options.labelColumn, yearColumn: options.yearColumn,
  };
}

function hasNumber(cells: readonly string[]): boolean {
  return cells.some((cell) => {
    const value = parseNumberCell(cell);
    return value !== null && !isInvalid(value);
  });
}

/**
 * A row with text in its first cell only, long or punctuated as a sentence is (a unit's name is neither): a
 * footnote when no data row follows it.
 */
function isLabelOnlyNote(cells: readonly string[]): boolean {
  // the hot path: most rows have a figure in their second cell
  for (let index = 1; index < cells.length; index += 1) if (cells[index]!.trim() !== '') return false;
  const first = (cells[0] ?? '').trim();
  if (first === '') return false;
  return first.length > 10 || /[，。；：,.;:！？、]/.test(first);
}

/** A footnote's first cell starts with one of these (after blanks): most rows are ruled out by one lookup. */
const FOOTNOTE_STARTS = new Set(['注', '資', '资', '数', '說', '说', '备', 'n', 'N', 's', 'S', ' ', '\u3000', '\t']);
const FOOTNOTE_START_CODES = new Set([...FOOTNOTE_STARTS].map((start) => start.charCodeAt(0)));

function startsFootnote(cell: string): boolean {
  return cell !== '' && FOOTNOTE_STARTS.has(cell[0]!) && isFootnoteText(cell);
}

/**
 * A data row of a LineBlock, not split into strings: every cell's bounds in `text`, and as strings only the
 * cells of the label columns, the year and the reader's own text columns (`cells` holds no other cell).
 */
export interface LineCells {
  /** the block's lines, a byte string when `decode` is not the identity: digits and delimiters read the same */
  text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly cells: string[];
  /** text of a part of `text` */
  decode: (part: string) => string;
  /** the row's text columns: the same object for every row with the same texts, while few are distinct */
  texts: RowTexts;
}

/** The text columns of a row, worked out once for each distinct combination (a city and its province). */
export interface RowTexts {
  /** per text column (LineState.columns) */
  readonly entries: readonly CellText[];
  /** the year, normalised */
  readonly year: string | undefined;
  /** the first cell's text, when it is a text column */
  readonly first: string | undefined;
  /** false when a rule sends the row the way of records: a blank to fill, a control character, a bad year */
  readonly valid: boolean;
  /** for the LineReader: what it works out from these texts alone (the group's sums), kept with them */
  slot: unknown;
}

/**
 * A hot loop's second way in (engine/partial.ts): the rows of unquoted text as LineCells. Each row passed so
 * has met every rule a row of cells meets (width, fill-down, labels, year, duplicates); any other line is split
 * and goes the way of every record, to `onCells`.
 */
export interface LineReader {
  /** the columns it reads as text besides the label columns and the year (its --by columns) */
  textColumns(plan: HeaderPlan): readonly number[];
  onLine(row: LineCells, line: number, plan: HeaderPlan): void;
  /**
   * With both below, the scan kernel (table/scan-kernel.ts) may read rows for it: whether every later row of
   * these texts adds to sums as the one just given to onLine did (then the kernel sums them)…
   */
  inPlace?(texts: RowTexts): boolean;
  /** …and `count` such rows, their sums per measure column of the plan (exact; 0n for a column of --rows-are). */
  onRows?(texts: RowTexts, count: number, sums: readonly bigint[], plan: HeaderPlan): void;
}

/**
 * The rows as raw cells, after the header is found and planned and the row's width checked: for hot loops that
 * convert only what they need (see engine/partial.ts), with readCell and rowLabel applying the same rules as
 * scanTable. The header is the first record naming known columns (records above it are the title); a header
 * of several records is joined column by column; footnotes after the data are kept out (plan.footnotes).
 * With a LineReader, unquoted CSV text after the plan comes as LineBlocks, read by `lineBlock` below.
 */
export async function scanCells(
  records: RecordSource,
  options: TableOptions,
  onCells: (cells: string[], line: number, plan: HeaderPlan) => void,
  lineReader?: LineReader,
): Promise<HeaderPlan> {
  const file = records.file;
  const lookup = measureLookup(options.measures);
  const planWith = planOptions(options);
  let plan: HeaderPlan | undefined;
  let rowCount = 0;
  let firstLine: number | undefined;
  const title: string[] = [];
  const headerRows: string[][] = [];
  const headerLines: number[] = [];
  /** the rows above the data as the model sees them: title, unit line, header rows, English header, column codes */
  const above: ModelRow[] = [];
  const englishRows: { cells: string[]; line: number }[] = [];
  let rowModel: RowModel | undefined;
  let headerLine = 0;
  let planning: InputRecord[] = [];
  let held: InputRecord[] = []; // label-only rows after data: footnotes unless a data row follows
  // merged cells of a sheet are blank below the first row of their block: coarser labels and the year fill down
  let fillColumns: number[] | undefined;
  /** how many of the fill columns are label columns (the year, if any, comes after them) */
  let fillLabels = 0;
  let filled: (string | undefined)[] = [];
  let blankBeforeFill = false;
  /** the first line whose year cell was blank with no year above it to fill down from */
  let blankYearLine: number | undefined;
  const yearAfterBlank = (line: number, year: string): SvcError => new SvcError('BAD_YEAR',
    `no year, while line ${line} below has ${year.trim()} (a blank year is filled down from a row above; no row above this one has a year)`,
    { file, line: blankYearLine, column: plan!.yearIndex! + 1 }, 'give the row its year: --year and compare would leave it out');
  const seenUnits = options.rowsAre === undefined && options.unitLines === undefined ? new UnitKeySet() : undefined;
  const unitLines = options.rowsAre === undefined ? options.unitLines : undefined;
  const noMeasure = (line: number): SvcError => new SvcError('HEADER', 'no column names a known measure', { file, line },
    "see 'svc-stats measures' for the names recognised, or declare new ones with --indicators-file");

  const makePlan = (): HeaderPlan => {
    checkHeaderRowsAgree(headerRows, headerLines, englishRows, lookup, file);
    const chinese = headerRows.map((row) => row.map(chineseHeaderOf));
    const headers = chinese.length === 1 ? chinese[0]! : joinHeaderRows(chinese);
    const made = planHeader(headers, options.measures, file, planWith,
      { line: headerLine, headerRows: headerRows.length, title, firstRows: planning.map((record) => record.cells) });
    made.model.rows.push(...above);
    rowModel = new RowModel(made, (cells, line) => made.measureColumns.map((column) =>
      column.index === ROWS_ARE_INDEX ? ONE : readCell(cells[column.index]!, column, file, line)));
    if (options.onlyYear !== undefined && made.yearIndex === undefined) {
      // no year column: the title's or the file name's year is every row's
      if (made.impliedYear === undefined) {
        throw new SvcError('USAGE', `--year ${options.onlyYear}: the input has no year column, and neither its title nor its file name gives a year`,
          { file, line: headerLine }, 'name the column with --year COLUMN');
      }
      if (made.impliedYear.year !== options.onlyYear) {
        throw new SvcError('NO_DATA', `no row of the year ${options.onlyYear}: the input is of ${made.impliedYear.year} (from its ${made.impliedYear.from})`,
          { file, line: headerLine });
      }
    }
    return made;
  };
  const fillColumnsOf = (current: HeaderPlan): number[] => {
    if (fillColumns === undefined) {
      fillColumns = [...current.labelColumns.filter((column) => column.index !== current.labelIndex && column.code !== true).map((column) => column.index),
        ...(current.yearIndex === undefined ? [] : [current.yearIndex])];
      filled = fillColumns.map(() => undefined);
      fillLabels = fillColumns.length - (current.yearIndex === undefined ? 0 : 1);
    }
    return fillColumns;
  };
  const pass = (cells: string[], line: number): void => {
    if (seenUnits !== undefined) checkDuplicate(cells, line, plan!, seenUnits, file);
    else if (unitLines !== undefined) addUnit(cells, line, plan!, unitLines);
    onCells(cells, line, plan!);
    rowCount += 1;
  };
  const accept = (cells: string[], line: number, current: HeaderPlan): void => {
    if (cells.length !== current.headers.length) {
      throw new SvcError('RAGGED_ROW',
        `the row has ${cells.length} cells but the header has ${current.headers.length}`,
        { file, line, column: Math.min(cells.length, current.headers.length) + 1 });
    }
    const raw = current.labelIndex === undefined ? '' : cells[current.labelIndex]!;
    for (const column of current.labelColumns) {
      const text = cells[column.index]!;
      if (!hasInvisible(text)) continue;
      const cleaned = withoutInvisible(text);
      cells[column.index] = cleaned.text;
      current.model.invisible.push({ line, label: cleaned.text.trim(), characters: cleaned.removed });
    }
    const fillColumns = fillColumnsOf(current);
    let unfilled = false;
    for (let at = 0; at < fillColumns.length; at += 1) {
      const index = fillColumns[at]!;
      if (!isBlank(cells[index]!)) {
        if (at === fillLabels && filled[at] === undefined && blankYearLine !== undefined && options.unitLines === undefined) throw yearAfterBlank(line, cells[index]!);
        // a coarser label that changes starts a new block: the finer ones above are not its
        if (filled[at] !== cells[index] && at < fillLabels) for (let finer = at + 1; finer < fillLabels; finer += 1) filled[finer] = '';
        filled[at] = cells[index];
      } else if (filled[at] !== undefined) cells[index] = filled[at]!;
      else {
        unfilled = true;
        if (at === fillLabels) blankYearLine ??= line;
      }
    }
    if (unfilled) {
      blankBeforeFill = true;
      // a worker's byte range that starts inside a merged block: its caller reads the whole file in one pass,
      // so these rows are not grouped here (their blank label would be an error of this range only)
      if (options.unitLines !== undefined) return;
    }
    checkTextCells(cells, line, current, file);
    if (options.onlyYear !== undefined && current.yearIndex !== undefined && normaliseYear(cells[current.yearIndex]!) !== options.onlyYear) return;
    if (rowModel!.decide(cells, line, raw, pass).kind === 'pass') pass(cells, line);
  };
  const body = (record: InputRecord, current: HeaderPlan): void => {
    const { cells, line } = record;
    const marker = bodyMarker(cells, headerRows, englishRows);
    if (marker !== undefined) {
      current.model.rows.push({ line, role: marker, label: cells.map((cell) => cell.trim()).filter((cell) => cell !== '').join(' '),
        why: marker === 'continued table' ? '续表: the table goes on below' : 'the header again, not data' });
      return;
    }
    if (startsFootnote(cells[0] ?? '')) {
      current.footnotes.push({ line, text: cells.filter((cell) => cell.trim() !== '').join(' ') });
      return;
    }
    if (isLabelOnlyNote(cells)) {
      held.push(record);
      return;
    }
    for (const earlier of held) accept(earlier.cells, earlier.line, current);
    held = [];
    accept(cells, line, current);
  };

  // LineBlocks: the text columns, each with its distinct texts; the label columns and the year are among them
  let lines: LineState | undefined;
  const startLines = (current: HeaderPlan): void => {
    if (lineReader === undefined || records.lines === undefined) return;
    const read = lineReader.textColumns(current);
    const unread = seenUnits !== undefined || unitLines !== undefined ? [] : current.labelColumns
      .filter((column) => column.code === true && column.index !== current.labelIndex && column.index !== current.yearIndex && !read.includes(column.index))
      .map((column) => column.index);
    const labels = current.labelColumns.map((column) => column.index).filter((index) => !unread.includes(index));
    const year = current.yearIndex === undefined ? [] : [current.yearIndex];
    const columns = [...new Set([...labels, ...year, ...read])];
    const width = current.headers.length;
    const fills = fillColumnsOf(current);
    lines = {
      columns, texts: columns.map(() => new CellTexts()), decode: undefined,
      spans: columns.length === 0 ? undefined : new Map(), spanFrom: Math.min(...columns), spanTo: Math.max(...columns),
      labelAt: current.labelIndex === undefined ? -1 : columns.indexOf(current.labelIndex), labelCount: labels.length,
      labelIndex: current.labelIndex ?? -1,
      control: columns.map((index) => labels.includes(index)),
      special: modelledText(current),
      fillAt: columns.map((index) => fills.indexOf(index)),
      yearAt: current.yearIndex === undefined ? -1 : columns.indexOf(current.yearIndex),
      years: new Map(),
      unread,
      row: {
        text: '', starts: new Int32Array(width), ends: new Int32Array(width), cells: new Array<string>(width), decode: (part) => part,
        texts: { entries: [], year: undefined, first: undefined, valid: false, slot: undefined },
      },
      found: undefined,
      kernel: undefined,
      kernelTried: false,
    };
    records.lines.wanted = true;
  };
  /** One line of a LineBlock as LineCells, or false when it takes the way of records (then nothing was changed). */
  const fastLine = (
    state: LineState, text: string, start: number, end: number, block: LineBlock, line: number, current: HeaderPlan,
  ): boolean => {
    if (held.length > 0 || rowModel!.busy) return false;
    const { row, columns } = state;
    const { starts, ends, cells } = row;
    const width = starts.length;
    const delimiter = block.delimiter;
    const decode = block.decode;
    // the cells' bounds; another width is a ragged row
    let cell = 0;
    starts[0] = start;
    for (let index = text.indexOf(delimiter, start); index !== -1 && index < end; index = text.indexOf(delimiter, index + 1)) {
      ends[cell] = index;
      cell += 1;
      if (cell === width) return false;
      starts[cell] = index + 1;
    }
    ends[cell] = end;
    if (cell + 1 !== width) return false;
    for (let at = 0; at < state.unread.length; at += 1) {
      const index = state.unread[at]!;
      if (!isPlainAscii(text, starts[index]!, ends[index]!)) return false;
    }
    // a blank record: no record at all
    if (end - start === width - 1) return false;
    // text columns: a blank to fill, a control character or a year that is not one go the way of records
    const found = rowTextsOf(state, text, starts, ends, decode);
    if (!found.valid) return false;
    state.found = found;
    const first = found.first;
    // a footnote, or a label-only row (a footnote unless data follows)
    if (ends[0]! > start) {
      const code = text.charCodeAt(start);
      // a byte string's first byte of a character beyond ASCII is not the character: decode a few
      const character = code < 0x80 ? code : (first ?? decode(text.slice(start, Math.min(ends[0]!, start + 4)))).charCodeAt(0);
      if (FOOTNOTE_START_CODES.has(character)) return false;
    }
    if (!hasData(text, starts, ends, decode)) return false;
    const { entries } = found;
    for (let at = 0; at < columns.length; at += 1) {
      const text = entries[at]!.text;
      cells[columns[at]!] = text;
      const fill = state.fillAt[at]!;
      if (fill === -1) continue;
      if (fill === fillLabels && filled[fill] === undefined && blankYearLine !== undefined && options.unitLines === undefined) throw yearAfterBlank(line, text);
      filled[fill] = text;
    }
    if (options.onlyYear !== undefined && found.year !== options.onlyYear) return true;
    if (seenUnits !== undefined || unitLines !== undefined) {
      const key = unitOfTexts(found, state);
      const earlier = key === undefined ? undefined : (seenUnits ?? unitLines!).add(key, line);
      if (earlier !== undefined && seenUnits !== undefined) throw duplicateFromKey(key!, earlier, line, cells[current.labelIndex!]!.trim(), file);
    }
    row.text = text;
    row.decode = decode;
    row.texts = found;
    lineReader!.onLine(row, line, current);
    rowCount += 1;
    return true;
  };
  /** One line of a LineBlock, in place or the way of records; whether in place. */
  const readLine = (state: LineState, text: string, start: number, end: number, block: LineBlock, line: number, current: HeaderPlan): boolean => {
    if (fastLine(state, text, start, end, block, line, current)) return true;
    const cells = block.decode(text.slice(start, end)).split(block.delimiter);
    if (!cells.every((cell) => cell === '')) body({ cells, line }, current);
    return false;
  };
  /** The lines of a block from `from`, `line` lines before it, read in JavaScript. */
  const readLines = (state: LineState, block: LineBlock, current: HeaderPlan, from: number, line: number): void => {
    const { text } = block;
    for (let start = from; start < text.length;) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      line += 1;
      readLine(state, text, start, end, block, line, current);
      start = end + 1;
    }
  };
  const lineBlock = (block: LineBlock, current: HeaderPlan): void => {
    const state = lines!;
    if (block.decode !== state.decode) {
      // decoded text and byte strings may spell different texts alike (é as bytes is Ã©): each kind its own memo
      if (state.kernel !== undefined) stopKernel(state, state.kernel);
      state.decode = block.decode;
      state.texts = state.columns.map(() => new CellTexts());
      if (state.spans !== undefined) state.spans = new Map();
      state.years.clear();
    }
    if (block.bytes && state.kernel === undefined && !state.kernelTried) {
      state.kernelTried = true;
      state.kernel = kernelFor(state, current, block.delimiter);
    }
    if (!block.bytes || state.kernel === undefined || !kernelBlock(state, state.kernel, block, current)) readLines(state, block, current, 0, block.line);
  };
  /**
   * The kernel for this table, or undefined: only where nothing of a row is kept but its sums (no key of its unit
   * for the repeated-unit check), the span of text columns starts at the first cell (a footnote's first
   * character is in it), and the reader can take rows summed together.
   */
  const kernelFor = (state: LineState, current: HeaderPlan, delimiter: string): KernelRun | undefined => {
    if (lineReader?.inPlace === undefined || lineReader.onRows === undefined || seenUnits !== undefined || unitLines !== undefined) return undefined;
    if (state.spans === undefined || state.spanFrom !== 0) return undefined;
    const columns: number[] = [];
    const measures: { index: number; power10: number }[] = [];
    current.measureColumns.forEach((column, at) => {
      if (column.index === ROWS_ARE_INDEX) return;
      columns.push(at);
      measures.push({ index: column.index, power10: column.power10 });
    });
    const kernel = ScanKernel.of({ width: current.headers.length, spanTo: state.spanTo, measures, unread: state.unread, delimiter });
    return kernel === undefined ? undefined : { kernel, plan: current, texts: [], summed: [], columns, measureCount: current.measureColumns.length };
  };
  /** The kernel's sums so far handed to the reader. */
  const foldKernel = (run: KernelRun): void => {
    run.kernel.fold(run.summed, (span, count, values) => {
      const sums = new Array<bigint>(run.measureCount).fill(0n);
      values.forEach((value, at) => (sums[run.columns[at]!] = value));
      lineReader!.onRows!(run.texts[span]!, count, sums, run.plan);
      rowCount += count;
    });
  };
  const stopKernel = (state: LineState, run: KernelRun): void => {
    foldKernel(run);
    state.kernel = undefined;
  };
  /** What fastLine does to the fill columns for a row of these texts, for the last row the kernel read. */
  const refill = (state: LineState, run: KernelRun, span: number): void => {
    if (span < 0) return;
    const { entries } = run.texts[span]!;
    for (let at = 0; at < state.columns.length; at += 1) {
      const fill = state.fillAt[at]!;
      if (fill !== -1) filled[fill] = entries[at]!.text;
    }
  };
  /**
   * A byte block through the kernel: it reads the rows of spans decided on, and hands each other line here, which
   * is read as every line is (and, on the first row of a span read in place, decides its span); while the table
   * model holds rows back, the lines after it too. False when the block is too long for it.
   */
  const kernelBlock = (state: LineState, run: KernelRun, block: LineBlock, current: HeaderPlan): boolean => {
    const { kernel } = run;
    const { text } = block;
    if (!kernel.put(text)) return false;
    let line = block.line;
    // rows the table model holds back from the block before: the lines after them in JavaScript until it is done
    let from = 0;
    while (held.length > 0 || rowModel!.busy) {
      let end = text.indexOf('\n', from);
      if (end === -1) end = text.length;
      line += 1;
      readLine(state, text, from, end, block, line, current);
      from = end + 1;
      if (from >= text.length) return true;
    }
    kernel.seek(from);
    for (;;) {
      const status = kernel.scan();
      line += kernel.takeLinesRead();
      refill(state, run, kernel.takeLastSpan());
      if (status === SCAN_DONE) return true;
      if (status === SCAN_FOLD) {
        foldKernel(run);
        continue;
      }
      let start = kernel.handedStart;
      if (status === SCAN_FULL) {
        // too many distinct spans (unique names): JavaScript reads the rest of the table (its own memo of spans
        // gives up past SPAN_LIMIT)
        stopKernel(state, run);
        readLines(state, block, current, start, line);
        return true;
      }
      let end = kernel.handedEnd;
      let span = kernel.handedSpan;
      for (;;) {
        line += 1;
        state.found = undefined;
        const inPlace = readLine(state, text, start, end, block, line, current);
        if (span >= 0 && kernel.stateOf(span) === SPAN_UNDECIDED) decideSpan(run, span, inPlace, state.found);
        start = end + 1;
        if (start >= text.length) return true;
        if (held.length === 0 && !rowModel!.busy) break;
        end = text.indexOf('\n', start);
        if (end === -1) end = text.length;
        span = -1;
      }
      kernel.seek(start);
    }
  };
  /**
   * A span's rows after its first, as that first row went: summed in place (the reader says every row of its
   * texts adds alike), read and skipped (another year than --year), or each handed over (a total, or "of which",
   * row: the reader's way of records). A first row that went the way of records leaves it undecided (the cause
   * may be of that row alone): its next row is handed over and decides.
   */
  const decideSpan = (run: KernelRun, span: number, inPlace: boolean, found: RowTexts | undefined): void => {
    if (!inPlace || found === undefined) return;
    run.texts[span] = found;
    if (options.onlyYear !== undefined && found.year !== options.onlyYear) {
      run.kernel.decide(span, SPAN_SKIPPED);
    } else if (lineReader!.inPlace!(found)) {
      run.kernel.decide(span, SPAN_SUMMED);
      run.summed.push(span);
    } else {
      run.kernel.decide(span, SPAN_HANDED);
    }
  };

  for await (const batch of records) {
    if (isLineBlock(batch)) {
      lineBlock(batch, plan!); // asked for once the plan is made
      continue;
    }
    for (const record of batch) {
      const { cells, line } = record;
      firstLine ??= line;
      if (plan !== undefined) {
        body(record, plan);
        continue;
      }
      if (headerRows.length === 0) {
        if (namesColumns(cells.map(chineseHeaderOf), lookup, planWith)) {
          headerRows.push(cells);
          headerLines.push(line);
          headerLine = line;
          above.push({ line, role: 'header', label: joinedText(cells), why: 'names known columns' });
        } else if (hasNumber(cells) || title.length >= MAX_TITLE_RECORDS) {
          throw noMeasure(firstLine);
        } else {
          const text = joinedText(cells);
          title.push(text);
          if (text !== '') {
            const unitLine = /^单位\s*[:：]/.test(text.normalize('NFKC'));
            above.push({ line, role: unitLine ? 'unit line' : 'title', label: text, why: unitLine ? 'units of the columns below' : 'above the header' });
          }
        }
        continue;
      }
      if (planning.length === 0 && isEnglishHeaderRow(cells, headerRows)) {
        englishRows.push({ cells, line });
        above.push({ line, role: 'English header', label: joinedText(cells), why: 'the Chinese header above names the columns' });
        continue;
      }
      if (planning.length === 0 && isColumnCodeRow(cells, headerRows[0]!.length)) {
        above.push({ line, role: 'column codes', label: joinedText(cells), why: '甲乙/1 2 3 under the header: column numbers, not data' });
        continue;
      }
      if (planning.length === 0 && headerRows.length < MAX_HEADER_ROWS && continuesHeader(cells.map(chineseHeaderOf), lookup)) {
        headerRows.push(cells);
        headerLines.push(line);
        headerLine = line;
        above.push({ line, role: 'header', label: joinedText(cells), why: 'continues the header above' });
        continue;
      }
      planning.push(record);
      if (planning.length >= PLANNING_ROWS) {
        plan = makePlan();
        for (const early of planning) body(early, plan);
        planning = [];
        startLines(plan);
      }
    }
  }
  if (lines?.kernel !== undefined) stopKernel(lines, lines.kernel);
  if (plan === undefined) {
    if (headerRows.length === 0) {
      if (firstLine === undefined) {
        throw new SvcError('EMPTY_INPUT', 'the input is empty: no header row', { file }, 'the first row must name the columns');
      }
      throw noMeasure(firstLine);
    }
    plan = makePlan();
    for (const early of planning) body(early, plan);
  }
  // at the end of a worker's range, whether a label-only row is data or a footnote depends on the ranges
  // after it: its caller reads the file in one pass instead
  if (options.moreFollows === true) plan.heldAtEnd = held.length > 0;
  else for (const note of held) plan.footnotes.push({ line: note.line, text: note.cells[0]!.trim() });
  rowModel!.finish(pass, options.moreFollows === true);
  // a worker's range may hold no row of the year asked for: the whole file is checked by its caller
  if (rowCount === 0 && options.moreFollows === undefined) throw noRows(plan, options, file);
  // a byte range that starts inside a merged block cannot fill it down: its caller reads the file in one pass
  if (blankBeforeFill) plan.blankBeforeFill = true;
  return plan;
}

export function noRows(plan: HeaderPlan, options: TableOptions, file: string): SvcError {
  return options.onlyYear !== undefined
    ? new SvcError('NO_DATA', `no row of the year ${options.onlyYear}`, { file, line: plan.headerLine })
    : new SvcError('NO_DATA', 'the input has a header but no data rows', { file, line: plan.headerLine });
}

/**
 * Whether a cell after the first is not blank (trimmed as String#trim does): cells starting with a visible
 * ASCII character are looked at first, without decoding.
 */
function hasData(text: string, starts: Int32Array, ends: Int32Array, decode: (part: string) => string): boolean {
  const width = starts.length;
  for (let index = 1; index < width; index += 1) {
    if (ends[index]! === starts[index]!) continue;
    const code = text.charCodeAt(starts[index]!);
    if (code < 0x80 && !isTrimmed(code)) return true;
  }
  for (let index = 1; index < width; index += 1) {
    if (ends[index]! > starts[index]! && decode(text.slice(starts[index], ends[index])).trim() !== '') return true;
  }
  return false;
}

/** What fastLine keeps: the text columns of a LineBlock row and their distinct texts. */
interface LineState {
  readonly columns: readonly number[];
  /** per text column, its distinct texts; all memos below are of blocks decoded by `decode` */
  texts: readonly CellTexts[];
  decode: ((part: string) => string) | undefined;
  /**
   * RowTexts by the text from the first text column to the last (`北京,东部,海淀区`), while few are distinct;
   * undefined once too many are (unique names of a register)
   */
  spans: Map<string, RowTexts> | undefined;
  readonly spanFrom: number;
  readonly spanTo: number;
  /** the label column's place among the text columns, or -1; the label columns come first, in the plan's order */
  readonly labelAt: number;
  readonly labelCount: number;
  /** per text column: a label column (control characters refused) */
  readonly control: readonly boolean[];
  /** whether a label text is one the table model decides on (RowModel), never read in place */
  readonly special: (text: string, unitLabel: boolean) => boolean;
  /** the unit's label column, or -1 */
  readonly labelIndex: number;
  /** per text column: its place among the fill columns, or -1 */
  readonly fillAt: readonly number[];
  /** the year's place among the text columns, or -1 */
  readonly yearAt: number;
  /** the year of each distinct year cell, or undefined when it is not a year of four digits */
  readonly years: Map<CellText, string | undefined>;
  /**
   * Code columns (a register's community_id) that nothing of the run reads: no unit key is made (--rows-are), no
   * group or measure names them. Their texts do not repeat, so remembering them defeats the memo of spans; a
   * line whose cell there is printable ASCII without blanks holds no control nor invisible character, which is
   * all the rules ask of it, and any other line takes the way of records.
   */
  readonly unread: readonly number[];
  readonly row: LineCells;
  /** the texts of the last row fastLine got as far as reading them */
  found: RowTexts | undefined;
  /** the scan kernel of byte blocks, once made (kernelTried), while it reads */
  kernel: KernelRun | undefined;
  kernelTried: boolean;
}

/** The scan kernel at work on a table: what JavaScript decided of each span. */
interface KernelRun {
  readonly kernel: ScanKernel;
  readonly plan: HeaderPlan;
  /** per span summed or skipped: the texts of its rows */
  readonly texts: RowTexts[];
  readonly summed: number[];
  /** per measure the kernel reads: its place among the plan's measure columns */
  readonly columns: readonly number[];
  readonly measureCount: number;
}

/** A cell of printable ASCII, not empty, without blanks: no control, invisible or blank character to handle. */
function isPlainAscii(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let at = start; at < end; at += 1) {
    const code = text.charCodeAt(at);
    if (code <= 0x20 || code >= 0x7f) return false;
  }
  return true;
}

/**
 * The label texts the table model must see row by row (RowModel.decide): invisible characters, and in the unit's
 * column a blank under a coarser label, an indented sub-row, a region, a province or city that may have districts
 * beneath it (one label column), the header again or 续表.
 */
function modelledText(plan: HeaderPlan): (text: string, unitLabel: boolean) => boolean {
  const names = plan.labelColumns.filter((column) => column.code !== true);
  const levels = names.length;
  const header = plan.labelIndex === undefined ? '' : plan.headers[plan.labelIndex]!.trim();
  return (text, unitLabel) => {
    if (hasInvisible(text)) return true;
    if (!unitLabel) return false;
    const trimmed = text.trim();
    if (trimmed === '') return levels > 1;
    if (trimmed === header || trimmed.startsWith('续表') || isIndentedSubRow(text) || isRegionLabel(trimmed)) return true;
    return levels <= 1 && findDivisions(trimmed).some((division) => division.level !== 'district');
  };
}

/** A row in the body that is no data: the header again (after 续表, on a new page), or the 续表 marker itself. */
function bodyMarker(cells: readonly string[], headerRows: readonly (readonly string[])[], englishRows: readonly { cells: readonly string[] }[]):
  'continued table' | 'repeated header' | undefined {
  const first = (cells[0] ?? '').trim();
  if (first.startsWith('续表') && !hasNumber(cells)) return 'continued table';
  const same = (row: readonly string[]): boolean => row.length === cells.length && row.every((cell, at) => cell.trim() === cells[at]!.trim());
  if (cells.some((cell) => cell.trim() !== '') && (headerRows.some(same) || englishRows.some((row) => same(row.cells)))) return 'repeated header';
  return undefined;
}

function joinedText(cells: readonly string[]): string {
  return cells.map((cell) => cell.trim()).filter((cell) => cell !== '').join(' ');
}

/** Distinct spans of text columns remembered before the memo gives up. */
const SPAN_LIMIT = 4096;

function rowTextsOf(state: LineState, text: string, starts: Int32Array, ends: Int32Array, decode: (part: string) => string): RowTexts {
  const spans = state.spans;
  if (spans === undefined) return readRowTexts(state, text, starts, ends, decode);
  const span = text.slice(starts[state.spanFrom], ends[state.spanTo]);
  let found = spans.get(span);
  if (found === undefined) {
    found = readRowTexts(state, text, starts, ends, decode);
    if (spans.size < SPAN_LIMIT) spans.set(span, found);
    else state.spans = undefined;
  }
  return found;
}

function readRowTexts(state: LineState, text: string, starts: Int32Array, ends: Int32Array, decode: (part: string) => string): RowTexts {
  const { columns, texts } = state;
  const entries: CellText[] = [];
  let year: string | undefined;
  let first: string | undefined;
  let valid = true;
  for (let at = 0; at < columns.length; at += 1) {
    const index = columns[at]!;
    const entry = texts[at]!.get(text, starts[index]!, ends[index]!, decode);
    if ((entry.blank && state.fillAt[at]! !== -1) || (entry.control && state.control[at]!)) valid = false;
    // a text the table model looks at (a parent, a subtotal, an invisible character…): the way of records
    if (state.control[at]!) {
      entry.modelled ??= state.special(entry.text, index === state.labelIndex);
      if (entry.modelled) valid = false;
    }
    if (at === state.yearAt) {
      year = yearOf(state, entry);
      if (year === undefined) valid = false;
    }
    if (index === 0) first = entry.text;
    entries.push(entry);
  }
  return { entries, year, first, valid, slot: undefined };
}

function yearOf(state: LineState, entry: CellText): string | undefined {
  if (state.years.has(entry)) return state.years.get(entry);
  const year = normaliseYear(entry.text);
  const valid = year === '' || isAcceptedYear(year) ? year : undefined;
  if (state.years.size < 4096) state.years.set(entry, valid);
  return valid;
}

/** Between the parts of a unit-and-year key: a character no label holds (control characters are refused). */
const KEY_JOIN = '\u0001';
const UNIT_KEY_CACHE_LIMIT = 10_000;
const unitKeys = new Map<string, string>();

/** unitKey, remembered for the labels that repeat (provinces, cities of a long file). */
function cachedUnitKey(label: string): string {
  let key = unitKeys.get(label);
  if (key === undefined) {
    key = unitKey(label);
    if (unitKeys.size < UNIT_KEY_CACHE_LIMIT) unitKeys.set(label, key);
  }
  return key;
}

/** The key of a row's unit: every label column (province names matched with or without suffix) and the year. */
function unitYearKey(cells: readonly string[], plan: HeaderPlan): string {
  let key = plan.yearIndex === undefined ? '' : normaliseYear(cells[plan.yearIndex]!);
  for (const column of plan.labelColumns) key += KEY_JOIN + cachedUnitKey(cells[column.index]!.trim());
  return key;
}

/** unitOfRow of a LineBlock row, from its texts: each label's unit key worked out once for each distinct text. */
function unitOfTexts(found: RowTexts, state: LineState): string | undefined {
  if (state.labelAt === -1) return undefined;
  const label = found.entries[state.labelAt]!;
  if (label.namesUnit === undefined) {
    const key = unitOfLabel(label.text.trim());
    label.namesUnit = key !== undefined;
    if (key !== undefined) label.unitKey = key;
  }
  if (!label.namesUnit) return undefined;
  let key = found.year ?? '';
  for (let at = 0; at < state.labelCount; at += 1) {
    const entry = found.entries[at]!;
    key += KEY_JOIN + (entry.unitKey ??= unitKey(entry.text.trim()));
  }
  return key;
}

/** Two rows of one unit and year: an error naming both lines (a total or "of which" row may repeat). */
function checkDuplicate(cells: readonly string[], line: number, plan: HeaderPlan, seen: UnitKeySet, file: string): void {
  const key = unitOfRow(cells, plan);
  if (key === undefined) return;
  const earlier = seen.add(key, line);
  if (earlier !== undefined) throw duplicateFromKey(key, earlier, line, cells[plan.labelIndex!]!.trim(), file);
}

/** A worker's unit row, for its caller's check (a repeat within the range is left for the check in one pass). */
function addUnit(cells: readonly string[], line: number, plan: HeaderPlan, units: UnitKeySet): void {
  const key = unitOfRow(cells, plan);
  if (key !== undefined) units.add(key, line);
}

/** The unit-and-year key of a unit row, or undefined for a total or "of which" row, or when no column names units. */
function unitOfRow(cells: readonly string[], plan: HeaderPlan): string | undefined {
  if (plan.labelIndex === undefined) return undefined;
  const label = cells[plan.labelIndex]!.trim();
  if (label === '' || isTotalLabel(label) || isOfWhichLabel(label)) return undefined;
  return unitYearKey(cells, plan);
}

function duplicateFromKey(key: string, first: number, second: number, label: string, file: string): SvcError {
  const year = key.slice(0, key.indexOf(KEY_JOIN));
  return duplicateError(label, year === '' ? undefined : year, first, second, file);
}

export function duplicateError(label: string, year: string | undefined, first: number, second: number, file: string): SvcError {
  const [a, b] = first < second ? [first, second] : [second, first];
  return new SvcError('DUPLICATE_ROW', `two rows of one unit${year ? ` in ${year}` : ''}: lines ${a} and ${b} (${label})`,
    { file, line: b }, 'keep one row per unit and year');
}

/**
 * Whether the unit-and-year keys of a file's ranges, in file order, repeat: then the file is read again in one
 * pass, which names the two rows as a reading in one pass does.
 */
export function unitsRepeat(ranges: readonly PackedUnitKeys[]): boolean {
  return ranges.some((range) => range.repeated) || repeatsAcross(ranges);
}

const ONE: Rational = { n: 1n, d: 1n };

function toRow(cells: string[], line: number, plan: HeaderPlan, file: string): DataRow {
  const label = rowLabel(cells, plan, file, line);
  const year = plan.yearIndex === undefined ? undefined : normaliseYear(cells[plan.yearIndex]!);
  const values = plan.measureColumns.map((column) =>
    column.index === ROWS_ARE_INDEX ? ONE : readCell(cells[column.index]!, column, file, line));
  return { line, cells, label, year, values };
}

/**
 * The cells that reach output as text — every label column and the year — hold no control characters (they
 * would reach csv, md and the terminal), and a year is a year of four digits (`2009`, `2009年`, or blank), so
 * that it is a valid JSON number and sorts as a year.
 */
function checkTextCells(cells: readonly string[], line: number, plan: HeaderPlan, file: string): void {
  for (const column of plan.labelColumns) {
    const text = cells[column.index]!;
    if (CONTROL_CHARACTERS.test(text)) {
      throw new SvcError('BAD_LABEL', `the label '${shorten(text.trim())}' holds control characters`, { file, line, column: column.index + 1 });
    }
  }
  if (plan.yearIndex !== undefined) {
    const cell = cells[plan.yearIndex]!;
    const year = normaliseYear(cell);
    if (year !== '' && !/^\d{4}$/.test(year)) {
      throw new SvcError('BAD_YEAR', `the year '${shorten(cell.trim())}' is not a year of four digits`,
        { file, line, column: plan.yearIndex + 1 }, 'write years as 2009 or 2009年');
    }
    if (year !== '' && !isAcceptedYear(year)) {
      throw new SvcError('BAD_YEAR', `the year '${shorten(cell.trim())}' is outside ${FIRST_YEAR}–${LAST_YEAR}`,
        { file, line, column: plan.yearIndex + 1 }, 'fix the year cell');
    }
  }
}

/** The row's label, trimmed; control characters in it are an error. */
export function rowLabel(cells: readonly string[], plan: HeaderPlan, file: string, line: number): string | undefined {
  const label = plan.labelIndex === undefined ? undefined : cells[plan.labelIndex]!.trim();
  if (label !== undefined && CONTROL_CHARACTERS.test(label)) {
    throw new SvcError('BAD_LABEL', `the label '${shorten(label)}' holds control characters`,
      { file, line, column: plan.labelIndex! + 1 });
  }
  // 全国 in the province column with the finer columns blank is the national row, not a unit of that name
  if (label === '' && plan.labelColumns.length > 1) {
    const coarser = plan.labelColumns.map((column) => cells[column.index]!.trim()).find((text) => text !== '' && isTotalLabel(text));
    if (coarser !== undefined) return coarser;
  }
  return label;
}

/** One cell of a measure column in base units, or null when missing; every rule of a count applied. */
export function readCell(cell: string, column: MeasureColumn, file: string, line: number): Rational | null {
  const parsed = parseNumberCell(cell);
  if (parsed === null) return null;
  const location = { file, line, column: column.index + 1 };
  if (isInvalid(parsed)) throw new SvcError('NOT_A_NUMBER', `${column.header}: ${parsed.invalid}`, location);
  const value = scale10(parsed, column.power10);
  if (column.measure.kind === 'count') {
    if (value.n < 0n) {
      throw new SvcError('NEGATIVE_COUNT', `${column.header}: a count cannot be negative ('${shorten(cell.trim())}')`, location);
    }
    if (!isInteger(value)) {
      throw new SvcError('FRACTIONAL_COUNT',
        `${column.header}: '${shorten(cell.trim())}' is not a whole number of ${column.measure.unit.zh}` +
          (column.power10 !== 0 ? ' once the unit is applied' : ''), location);
    }
  }
  return value;
}
