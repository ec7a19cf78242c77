/**
 * A report as one self-contained HTML page: inline CSS (with an A4 print layout), inline SVG charts, no script and
 * nothing fetched from the network, so it reads the same offline, in a mail attachment or printed. Every piece of
 * text is escaped: labels come from the user's files.
 */
import type { Lang } from './model.js';
import { MISSING_MARK } from './model.js';

export interface ReportInput {
  file: string;
  encoding: string;
  rows: number;
  /** warnings and remarks about this input, one sentence each */
  notes: string[];
}

export interface ReportTable {
  columns: { label: string; numeric: boolean }[];
  /** cells as display text; null is missing */
  rows: (string | null)[][];
}

export type ReportSection =
  /** `note`: a paragraph under the table (how it was computed) */
  | { heading: string; table: ReportTable; note?: string }
  | { heading: string; paragraphs: string[] }
  /** an SVG document from renderChartSvg, inserted as it is: it must come from there, not from user text */
  | { heading: string; svg: string; caption?: string };

export interface ReportModel {
  lang: Lang;
  title: string;
  /** shown under the title, e.g. the date and the command line */
  subtitle?: string;
  inputs: ReportInput[];
  sections: ReportSection[];
  /** how figures were rounded, as a paragraph */
  roundingRule: string;
  sources: string[];
}

const HEADINGS: Record<Lang, { inputs: string; file: string; encoding: string; rows: string; notes: string; rounding: string; sources: string }> = {
  zh: { inputs: '输入与检查', file: '文件', encoding: '编码', rows: '行数', notes: '说明', rounding: '修约规则', sources: '资料来源' },
  en: { inputs: 'Inputs and checks', file: 'File', encoding: 'Encoding', rows: 'Rows', notes: 'Notes', rounding: 'Rounding', sources: 'Sources' },
};

const CSS = `
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif;
  color: #222; max-width: 960px; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
.subtitle { color: #666; margin-top: 0; }
h2 { font-size: 1.15rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .85rem; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .2rem .45rem; text-align: left; vertical-align: top; }
/* headers wrap (long indicator names), unit names and numbers never do */
th { background: #f4f6f8; vertical-align: bottom; font-weight: 600; }
td:first-child, th:first-child { white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.nowrap { white-space: nowrap; }
.missing { color: #999; }
figure { margin: .5rem 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #666; font-size: .85rem; }
p.note { color: #555; font-size: .85rem; margin-top: .25rem; }
ul.notes { margin: .25rem 0; padding-left: 1.2rem; }
/* on screen a table wider than the page scrolls inside its own box instead of running past the page */
.table-box { overflow-x: auto; }
@media print {
  @page { size: A4; margin: 15mm; }
  /* a wide table (more than 8 columns) is printed on a page of its own turned to landscape, smaller: nothing
     is cut at the page's edge (checked by printing to PDF with headless Chromium, see the README) */
  @page wide { size: A4 landscape; margin: 12mm; }
  section.wide { page: wide; }
  section.wide table { font-size: 7.5pt; }
  section.wider table { font-size: 6.5pt; }
  section.wide th, section.wide td { padding: .1rem .25rem; }
  .table-box { overflow: visible; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  p.note { break-before: avoid; }
  table, figure { break-inside: avoid; }
  th { background: none; }
}
`;

/** Text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The report as an HTML document.
 * @throws Error when a section's SVG is not an SVG document or holds a script, or a table row has the wrong length
 */
export function renderReportHtml(model: ReportModel): string {
  const words = HEADINGS[model.lang];
  const e = escapeHtml;
  const inputs = model.inputs
    .map(
      (input) => `<tr><td>${e(input.file)}</td><td class="nowrap">${e(input.encoding)}</td><td class="num">${input.rows}</td><td>${
        input.notes.length === 0 ? '' : `<ul class="notes">${input.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`
      }</td></tr>`,
    )
    .join('\n');
  const sections = model.sections.map((section) => {
    const body = 'table' in section
      ? tableHtml(section.table, section.heading) + (section.note === undefined ? '' : `\n<p class="note">${e(section.note)}</p>`)
      : 'paragraphs' in section
        ? section.paragraphs.map((paragraph) => `<p>${e(paragraph)}</p>`).join('\n')
        : figureHtml(section.svg, section.caption);
    const width = 'table' in section ? widthClass(section.table) : '';
    return `<section${width === '' ? '' : ` class="${width}"`}>\n<h2>${e(section.heading)}</h2>\n${body}\n</section>`;
  });
  return `<!DOCTYPE html>
<html lang="${model.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(model.title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${e(model.title)}</h1>
${model.subtitle === undefined ? '' : `<p class="subtitle">${e(model.subtitle)}</p>\n`}<section>
<h2>${e(words.inputs)}</h2>
<table>
<thead><tr><th>${e(words.file)}</th><th>${e(words.encoding)}</th><th class="num">${e(words.rows)}</th><th>${e(words.notes)}</th></tr></thead>
<tbody>
${inputs}
</tbody>
</table>
</section>
${sections.join('\n')}
<section>
<h2>${e(words.rounding)}</h2>
<p>${e(model.roundingRule)}</p>
</section>
<section>
<h2>${e(words.sources)}</h2>
<ul>
${model.sources.map((s) => `<li>${e(s)}</li>`).join('\n')}
</ul>
</section>
</body>
</html>
`;
}

function tableHtml(table: ReportTable, heading: string): string {
  // a short header (单位数, n) stays on one line; a long one (an indicator's name) wraps
  const head = table.columns.map((c) => {
    const classes = [c.numeric ? 'num' : '', [...c.label].length <= 6 ? 'nowrap' : ''].filter(Boolean).join(' ');
    return `<th${classes ? ` class="${classes}"` : ''}>${escapeHtml(c.label)}</th>`;
  }).join('');
  const body = table.rows.map((row, r) => {
    if (row.length !== table.columns.length) {
      throw new Error(`renderReportHtml: row ${r + 1} of table "${heading}" has ${row.length} cells for ${table.columns.length} columns`);
    }
    const cells = row.map((cell, c) => {
      const classes = [table.columns[c]!.numeric ? 'num' : '', cell === null ? 'missing' : ''].filter(Boolean).join(' ');
      return `<td${classes ? ` class="${classes}"` : ''}>${cell === null ? MISSING_MARK : escapeHtml(cell)}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<div class="table-box"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table></div>`;
}

/** Tables of more than this many columns are printed on a landscape page (`wide`), smaller still past WIDER_COLUMNS. */
export const WIDE_COLUMNS = 8;
const WIDER_COLUMNS = 14;

/** The print class of a table's section: '' (portrait), 'wide' or 'wide wider' (landscape, smaller type). */
export function widthClass(table: ReportTable): string {
  const columns = table.columns.length;
  return columns > WIDER_COLUMNS ? 'wide wider' : columns > WIDE_COLUMNS ? 'wide' : '';
}

function figureHtml(svg: string, caption: string | undefined): string {
  const trimmed = svg.trim();
  if (!/^<svg[\s>]/.test(trimmed) || !trimmed.endsWith('</svg>')) throw new Error('renderReportHtml: a chart section needs an SVG document');
  if (/<script|\son\w+\s*=/i.test(trimmed)) throw new Error('renderReportHtml: a chart SVG must hold no script or event handler');
  return `<figure>\n${trimmed}\n${caption === undefined ? '' : `<figcaption>${escapeHtml(caption)}</figcaption>\n`}</figure>`;
}
