/**
 * A GitHub-flavoured Markdown table: labels as headers, numbers right-aligned. A cell is text, never markup:
 * `|`, line breaks, Markdown's inline marks (`* _ ~ [ ] \``) and HTML (`<script>`, `&amp;`) are escaped. An `_`
 * between two letters or digits (`urban_population`) is left as it is: GFM never reads it as emphasis.
 */
import type { OutputTable } from './model.js';
import { MISSING_MARK } from './model.js';

function escapeCell(text: string): string {
  return text
    .replace(/[\\|*~`[\]]/g, (mark) => `\\${mark}`)
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
    .replace(/[&<>]/g, (mark) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[mark]!)
    .replace(/\r\n|\r|\n/g, '<br>');
}

export function renderMarkdown(table: OutputTable): string {
  const header = `| ${table.columns.map((column) => escapeCell(column.label)).join(' | ')} |`;
  const rule = `|${table.columns.map((column) => (column.kind === 'number' ? '---:' : '---')).join('|')}|`;
  const rows = table.rows.map((row) => `| ${row.map((cell) => escapeCell(cell ?? MISSING_MARK)).join(' | ')} |`);
  return [header, rule, ...rows].join('\n') + '\n';
}
