/**
 * csv and tsv through papaparse's unparse (the reader already loads papaparse, so writing costs no extra
 * module at start-up). Text cells that a spreadsheet would run as a formula are neutralised (OWASP: prefix a
 * single quote) unless `raw`; numbers formatted by svc-stats are never touched.
 */
import Papa from 'papaparse';
import type { OutputTable } from './model.js';

/** Leading characters that make Excel or LibreOffice Calc treat a cell as a formula, full-width forms included. */
const FORMULA_START = /^[\s\u3000]*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function renderDelimited(table: OutputTable, delimiter: ',' | '\t', raw: boolean): string {
  const header = table.columns.map((column) => column.id);
  const rows = table.rows.map((row) =>
    row.map((cell, index) => {
      if (cell === null) return '';
      return raw || table.columns[index]!.kind === 'number' ? cell : neutralise(cell);
    }),
  );
  return `${Papa.unparse([header, ...rows], { delimiter, newline: '\n', quotes: false, escapeFormulae: false })}\n`;
}
