/** The readable table of a terminal, fitted to its width; colour only when the writer allows it. */
import type { ChalkInstance } from 'chalk';
import type { OutputTable } from './model.js';
import { MISSING_MARK, isYearColumn } from './model.js';
import { displayWidth } from './width.js';

export { displayWidth };

export interface TableOptions {
  /** the plain grid whatever its width (as with width = Infinity) */
  readonly wide?: boolean;
}

/**
 * The table laid out to fit `width` columns (the caller passes process.stdout.columns), taking the first of
 * these that fits:
 * 1. the plain grid;
 * 2. the grid with header labels wrapped onto several lines, at blanks and before an opening bracket
 *    (cells are never wrapped);
 * 3. with at most six rows, the transposed grid (one line per column, like psql's expanded mode), when it is
 *    narrower than the plain one: a national table such as data/2005.csv stays one readable block;
 * 4. the columns in blocks that each fit, the first (label) column repeated in every block (and every column
 *    that names a row: `keys`, compare's indicator), one block after
 *    another with a blank line between, as R and pandas print wide frames; a block still too wide (one long
 *    text column: a source, a note) has its widest text cells wrapped onto several lines, at blanks where it can.
 * Number cells of 5 or more integer digits are grouped by thousands (606,670,000) in this format only.
 */
export function renderTable(table: OutputTable, chalk: ChalkInstance, width = Infinity, options: TableOptions = {}): string {
  const grouped = groupThousands(table);
  const limit = options.wide || !(width > 0) ? Infinity : width;
  const title = table.title === undefined ? '' : wrapTitle(table.title, limit).map((line) => `${chalk.bold(line)}\n`).join('');
  const all = grouped.columns.map((_, index) => index);

  const plain = plainHeads(grouped, all);
  const plainWidth = gridWidth(grouped, all, plain);
  if (plainWidth <= limit) return title + renderGrid(grouped, all, plain, chalk);

  const wrapped = fitHeads(grouped, all, limit);
  if (wrapped !== undefined) return title + renderGrid(grouped, all, wrapped, chalk);

  if (grouped.rows.length >= 1 && grouped.rows.length <= TRANSPOSE_MAX_ROWS && grouped.columns.length > 1) {
    const transposed = transpose(grouped);
    const columns = transposed.columns.map((_, index) => index);
    const heads = plainHeads(transposed, columns);
    const transposedWidth = gridWidth(transposed, columns, heads);
    if (transposedWidth < plainWidth && transposedWidth <= limit) {
      return title + renderGrid(transposed, columns, heads, chalk);
    }
  }

  const blocks = splitIntoBlocks(grouped, limit).map((columns) => {
    const fitted = wrapTextCells(grouped, columns, limit);
    const heads = fitHeads(fitted, columns, limit) ?? wrappedHeads(fitted, columns);
    return renderGrid(fitted, columns, heads, chalk);
  });
  return title + blocks.join('\n');
}

const TRANSPOSE_MAX_ROWS = 6;

function transpose(table: OutputTable): OutputTable {
  const [first, ...rest] = table.columns;
  const headers = table.rows.map((row) => row[0] ?? MISSING_MARK);
  return {
    columns: [
      { id: first?.id ?? '', label: first?.label ?? '', kind: 'text' },
      ...headers.map((header) => ({ id: header, label: header, kind: 'number' as const })),
    ],
    rows: rest.map((column, offset) => [column.label, ...table.rows.map((row) => row[offset + 1] ?? null)]),
  };
}

/** Number cells with 5 or more integer digits, grouped by thousands: 606670000 → 606,670,000. */
function groupThousands(table: OutputTable): OutputTable {
  const numberColumns = table.columns.map((column) => column.kind === 'number' && !isYearColumn(column));
  if (!numberColumns.includes(true)) return table;
  return {
    ...table,
    rows: table.rows.map((row) => row.map((cell, index) => (cell !== null && numberColumns[index] ? groupDigits(cell) : cell))),
  };
}

export function groupDigits(text: string): string {
  const match = /^(-?)(\d{5,})(\.\d+)?$/.exec(text);
  if (match === null) return text;
  const [, sign = '', whole = '', fraction = ''] = match;
  return sign + whole.replace(/\B(?=(\d{3})+$)/g, ',') + fraction;
}

type Heads = readonly (readonly string[])[];

function plainHeads(table: OutputTable, columns: readonly number[]): Heads {
  return columns.map((index) => (table.columns[index]?.label ?? '').split('\n'));
}

/** Widest cell of every column (the header aside), missing values shown as MISSING_MARK. */
const CELL_WIDTHS = new WeakMap<OutputTable, number[]>();

/** Widest cell of each of `columns`: layouts are tried on many sets of columns, the cells are measured once. */
function cellWidths(table: OutputTable, columns: readonly number[]): number[] {
  let widths = CELL_WIDTHS.get(table);
  if (widths === undefined) {
    widths = table.columns.map(() => 0);
    for (const row of table.rows) {
      for (let index = 0; index < widths.length; index += 1) {
        widths[index] = Math.max(widths[index] ?? 0, displayWidth(row[index] ?? MISSING_MARK));
      }
    }
    CELL_WIDTHS.set(table, widths);
  }
  const measured = widths;
  return columns.map((index) => measured[index] ?? 0);
}

/** The grid's width: a border before every column and after the last, one blank each side of a cell. */
function gridWidth(table: OutputTable, columns: readonly number[], heads: Heads): number {
  const cells = cellWidths(table, columns);
  let total = 1;
  columns.forEach((_, position) => {
    const head = Math.max(0, ...(heads[position] ?? []).map(displayWidth));
    total += Math.max(head, cells[position] ?? 0) + 3;
  });
  return total;
}

interface Piece {
  readonly text: string;
  /** a blank stood before it in the label (and stands there again when it stays on the same line) */
  readonly spaced: boolean;
}

/** Where a header label may break: at a blank (dropped at a line end), or before an opening bracket. */
function labelPieces(label: string): Piece[] {
  return label
    .split(/\s+/)
    .filter((word) => word !== '')
    .flatMap((word, index) => word.split(/(?=[（(])/).map((text, part) => ({ text, spaced: index > 0 && part === 0 })));
}

/** Pieces packed greedily into lines no wider than `width` (a piece wider than that has a line of its own). */
function packPieces(label: string, width: number): string[] {
  const lines: string[] = [];
  for (const piece of labelPieces(label)) {
    const last = lines[lines.length - 1];
    const joined = last === undefined ? undefined : last + (piece.spaced ? ' ' : '') + piece.text;
    if (joined !== undefined && displayWidth(joined) <= width) lines[lines.length - 1] = joined;
    else lines.push(piece.text);
  }
  return lines.length === 0 ? [''] : lines;
}

/** Each header wrapped as narrow as its cells (or its longest unbreakable piece) allow. */
function wrappedHeads(table: OutputTable, columns: readonly number[]): Heads {
  const cells = cellWidths(table, columns);
  return columns.map((index, position) => {
    const label = table.columns[index]?.label ?? '';
    const piece = Math.max(0, ...labelPieces(label).map((piece) => displayWidth(piece.text)));
    return packPieces(label, Math.max(cells[position] ?? 0, piece));
  });
}

/**
 * Headers wrapped only as much as needed for `columns` to fit `limit`: the fewest header lines that fit, each
 * header as narrow as that many lines allow. Undefined when even the narrowest wrapping is too wide.
 */
function fitHeads(table: OutputTable, columns: readonly number[], limit: number): Heads | undefined {
  const cells = cellWidths(table, columns);
  const labels = columns.map((index) => table.columns[index]?.label ?? '');
  const narrowest = labels.map((label, position) => Math.max(cells[position] ?? 0, ...labelPieces(label).map((piece) => displayWidth(piece.text))));
  const tallest = Math.max(1, ...labels.map((label, position) => packPieces(label, narrowest[position] ?? 0).length));
  for (let height = 1; height <= tallest; height += 1) {
    const heads = labels.map((label, position) => packToHeight(label, narrowest[position] ?? 0, height));
    if (gridWidth(table, columns, heads) <= limit) return heads;
  }
  return undefined;
}

/** The label in at most `height` lines (if its pieces allow), as narrow as that can be from `narrowest` on. */
function packToHeight(label: string, narrowest: number, height: number): string[] {
  const widest = displayWidth(label);
  for (let width = narrowest; ; width += 1) {
    const lines = packPieces(label, width);
    if (lines.length <= height || width >= widest) return lines;
  }
}

/** The columns that name a row (the label column, and the indicator of compare), repeated in every block. */
function keyColumns(table: OutputTable): number[] {
  const count = Math.max(1, Math.min(table.keys ?? 1, table.columns.length - 1));
  return Array.from({ length: count }, (_, index) => index);
}

/**
 * Column indexes in blocks that each fit `limit` with wrapped headers, the key columns (the label column 0,
 * and any other that names a row) first in every block. A column too wide to share a block with the label column gets a block of its own.
 */
function splitIntoBlocks(table: OutputTable, limit: number): number[][] {
  const blocks: number[][] = [];
  const keys = keyColumns(table);
  let block: number[] = [...keys];
  for (let index = keys.length; index < table.columns.length; index += 1) {
    const candidate = [...block, index];
    if (block.length > keys.length && gridWidth(table, candidate, wrappedHeads(table, candidate)) > limit) {
      blocks.push(block);
      block = [...keys, index];
    } else {
      block = candidate;
    }
  }
  blocks.push(block);
  return blocks;
}

/** Text cells are never wrapped narrower than this. */
const NARROWEST_TEXT = 8;

/**
 * The table with the widest text cells of `columns` wrapped until the block fits `limit` (or no text column
 * can be narrowed further). Numbers are never wrapped.
 */
function wrapTextCells(table: OutputTable, columns: readonly number[], limit: number): OutputTable {
  let current = table;
  for (let round = 0; round < 200; round += 1) {
    const heads = fitHeads(current, columns, limit) ?? wrappedHeads(current, columns);
    const overflow = gridWidth(current, columns, heads) - limit;
    if (overflow <= 0) return current;
    const widths = cellWidths(current, columns);
    let widest = -1;
    let widestWidth = NARROWEST_TEXT;
    columns.forEach((index, position) => {
      const width = widths[position] ?? 0;
      // the key columns are never wrapped: they name the rows of every block
      if (index >= (current.keys ?? 1) && current.columns[index]?.kind === 'text' && width > widestWidth) {
        widest = index;
        widestWidth = width;
      }
    });
    if (widest === -1) return current;
    const cap = Math.max(NARROWEST_TEXT, widestWidth - overflow);
    const column = widest;
    current = { ...current, rows: current.rows.map((row) => row.map((cell, index) => (index === column && cell !== null ? wrapText(cell, cap) : cell))) };
  }
  return current;
}

/** Text in lines of at most `width` columns: broken at blanks, and inside a word (CJK text has none) only when it must. */
function wrapText(text: string, width: number): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/(?<= )/)) {
      if (displayWidth(line + word.trimEnd()) <= width) {
        line += word;
        continue;
      }
      if (line.trim() !== '') out.push(line.trimEnd());
      line = '';
      for (const character of word) {
        if (line !== '' && displayWidth(line + character) > width) {
          out.push(line.trimEnd());
          line = '';
        }
        line += character;
      }
    }
    out.push(line.trimEnd());
  }
  return out.join('\n');
}

/** A title wider than the terminal, cut into lines that fit (it is one line of text, never a cell). */
function wrapTitle(title: string, limit: number): string[] {
  if (displayWidth(title) <= limit) return [title];
  const lines: string[] = [];
  let line = '';
  for (const character of title) {
    if (line !== '' && displayWidth(line + character) > limit) {
      lines.push(line);
      line = '';
    }
    line += character;
  }
  lines.push(line);
  return lines;
}

type Border = readonly [left: string, fill: string, between: string, right: string];
const TOP: Border = ['┌', '─', '┬', '┐'];
const RULE: Border = ['├', '─', '┼', '┤'];
const BOTTOM: Border = ['└', '─', '┴', '┘'];

/**
 * The grid, box-drawn: a border, the header (bold; several lines when wrapped), one rule under it, the rows
 * without rules between them, a border. Each cell has one blank either side; number columns are aligned
 * right, text left. Written directly rather than through cli-table3, whose layout takes time quadratic in
 * the number of cells (12 s for 4,000 rows × 17 columns): this is linear, with the same output.
 */
function renderGrid(table: OutputTable, columns: readonly number[], heads: Heads, chalk: ChalkInstance): string {
  const right = columns.map((index) => table.columns[index]?.kind === 'number');
  const cells = cellWidths(table, columns);
  const widths = columns.map((_, position) => Math.max(cells[position] ?? 0, ...(heads[position] ?? []).map(displayWidth)));
  const border = ([left, fill, between, end]: Border) => `${left}${widths.map((width) => fill.repeat(width + 2)).join(between)}${end}`;
  const line = (texts: readonly string[]) => {
    const padded = texts.map((text, position) => {
      const gap = ' '.repeat(Math.max(0, (widths[position] ?? 0) - displayWidth(text)));
      return right[position] ? gap + text : text + gap;
    });
    return `│ ${padded.join(' │ ')} │`;
  };
  // a cell of several lines (a header wrapped, a label with a line break) makes its row as tall, top-aligned
  const block = (texts: readonly (readonly string[])[]) => {
    const height = Math.max(1, ...texts.map((lines) => lines.length));
    return Array.from({ length: height }, (_, index) => line(texts.map((lines) => lines[index] ?? '')));
  };

  const out = [border(TOP)];
  out.push(...block(heads.map((lines) => lines.map((text) => (text === '' ? '' : chalk.bold(text))))));
  if (table.rows.length > 0) out.push(border(RULE));
  for (const row of table.rows) {
    out.push(...block(columns.map((index) => {
      const cell = row[index] ?? null;
      return cell === null ? [chalk.dim(MISSING_MARK)] : cell.split('\n');
    })));
  }
  out.push(border(BOTTOM));
  return `${out.join('\n')}\n`;
}
