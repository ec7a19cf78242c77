/**
 * json (an array of flat objects) and ndjson (one object a line), keyed by the English ids. Numbers are
 * written from their exact decimal text, so a count beyond 2^53 is not rounded on the way out.
 */
import type { OutputTable } from './model.js';

function objectText(table: OutputTable, row: readonly (string | null)[]): string {
  const members = table.columns.map((column, index) => {
    const cell = row[index] ?? null;
    const value = cell === null ? 'null' : column.kind === 'number' ? cell : JSON.stringify(cell);
    return `${JSON.stringify(column.id)}:${value}`;
  });
  return `{${members.join(',')}}`;
}

export function renderJson(table: OutputTable): string {
  if (table.rows.length === 0) return '[]\n';
  return `[\n${table.rows.map((row) => `  ${objectText(table, row)}`).join(',\n')}\n]\n`;
}

export function renderNdjson(table: OutputTable): string {
  return table.rows.map((row) => `${objectText(table, row)}\n`).join('');
}
