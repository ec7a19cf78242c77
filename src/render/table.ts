/** The readable table of a terminal, through cli-table3; colour only when the writer allows it. */
import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import type { OutputTable } from './model.js';
import { MISSING_MARK } from './model.js';

/**
 * A table wider than the terminal with few rows is shown transposed (one line per column, one column per
 * row, like psql's expanded mode), which keeps a national table such as data/2005.csv readable.
 */
export function renderTable(table: OutputTable, chalk: ChalkInstance, width = Infinity): string {
  const wide = renderGrid(table, chalk);
  // the top border is box-drawing characters only, one column each: its length is the display width
  const wideWidth = wide.indexOf('\n') === -1 ? wide.length : wide.indexOf('\n');
  if (wideWidth <= width || table.rows.length > TRANSPOSE_MAX_ROWS) return wide;
  return renderGrid(transpose(table), chalk);
}

const TRANSPOSE_MAX_ROWS = 6;

function transpose(table: OutputTable): OutputTable {
  const [first, ...rest] = table.columns;
  const headers = table.rows.map((row) => row[0] ?? MISSING_MARK);
  return {
    title: table.title,
    columns: [
      { id: first?.id ?? '', label: first?.label ?? '', kind: 'text' },
      ...headers.map((header) => ({ id: header, label: header, kind: 'number' as const })),
    ],
    rows: rest.map((column, offset) => [column.label, ...table.rows.map((row) => row[offset + 1] ?? null)]),
  };
}

function renderGrid(table: OutputTable, chalk: ChalkInstance): string {
  const grid = new Table({
    head: table.columns.map((column) => chalk.bold(column.label)),
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: table.columns.map((column) => (column.kind === 'number' ? 'right' : 'left')),
  });
  for (const row of table.rows) {
    grid.push(row.map((cell) => (cell === null ? chalk.dim(MISSING_MARK) : cell)));
  }
  const title = table.title === undefined ? '' : `${chalk.bold(table.title)}\n`;
  // rows without rules between them, but one rule under the header
  const lines = grid.toString().split('\n');
  const top = lines[0] ?? '';
  const rule = top.replace('┌', '├').replace(/┬/g, '┼').replace('┐', '┤');
  if (lines.length > 2) lines.splice(2, 0, rule);
  return `${title}${lines.join('\n')}\n`;
}
