/**
 * json (an array of flat objects) and ndjson (one object a line), keyed by the English ids. Numbers are
 * written from their exact decimal text, so a count beyond 2^53 is not rounded on the way out. The output is
 * always valid JSON: a number cell whose text is not a JSON number (`05`, `.5`, `+1`, `1.`) is written in its
 * JSON form when it has one, else as a string.
 */
import type { OutputTable } from './model.js';

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const DECIMAL = /^([+-]?)0*(\d*)(?:\.(\d*))?$/;

/** `05` → `5`, `.5` → `0.5`, `+1` → `1`, `1.` → `1`; anything else that is not a JSON number → a string. */
export function jsonNumber(text: string): string {
  if (JSON_NUMBER.test(text)) return text;
  const match = DECIMAL.exec(text);
  if (match === null || (match[2] === '' && (match[3] ?? '') === '')) return JSON.stringify(text);
  const [, sign, whole, fraction = ''] = match;
  const number = `${whole === '' ? '0' : whole}${fraction === '' ? '' : `.${fraction}`}`;
  return `${sign === '-' && /[1-9]/.test(number) ? '-' : ''}${number}`;
}

function objectText(table: OutputTable, row: readonly (string | null)[]): string {
  const members = table.columns.map((column, index) => {
    const cell = row[index] ?? null;
    const value = cell === null ? 'null' : column.kind === 'number' ? jsonNumber(cell) : JSON.stringify(cell);
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
