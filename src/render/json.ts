/**
 * json (an array of flat objects) and ndjson (one object a line), keyed by the English ids. Numbers are
 * written from their exact decimal text, so a count beyond 2^53 is not rounded on the way out. The output is
 * always valid JSON: a number cell whose text is not a JSON number (`05`, `.5`, `+1`, `1.`) is written in its
 * JSON form when it has one, else as a string.
 */
import type { OutputColumn, OutputTable } from './model.js';

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

/** A writer of one row as a JSON object, keys in column order, its pieces pushed onto `into` (joined by the caller). */
export function jsonObject(columns: readonly OutputColumn[]): (row: readonly (string | null)[], into: string[]) => void {
  const keys = columns.map((column, index) => `${index === 0 ? '{' : ','}${JSON.stringify(column.id)}:`);
  const numbers = columns.map((column) => column.kind === 'number');
  return (row, into) => {
    for (let index = 0; index < keys.length; index += 1) {
      const cell = row[index] ?? null;
      into.push(keys[index]!, cell === null ? 'null' : numbers[index] ? jsonNumber(cell) : JSON.stringify(cell));
    }
    into.push(keys.length === 0 ? '{}' : '}');
  };
}

export function renderJson(table: OutputTable): string {
  if (table.rows.length === 0) return '[]\n';
  const object = jsonObject(table.columns);
  const parts: string[] = [];
  table.rows.forEach((row, index) => {
    parts.push(index === 0 ? '[\n  ' : ',\n  ');
    object(row, parts);
  });
  parts.push('\n]\n');
  return parts.join('');
}

export function renderNdjson(table: OutputTable): string {
  const object = jsonObject(table.columns);
  const parts: string[] = [];
  for (const row of table.rows) {
    object(row, parts);
    parts.push('\n');
  }
  return parts.join('');
}
