/**
 * A year is printed as a year by every format that prints numbers (issue 21: the report showed `2,007`): a
 * quantity of the same digits beside it is grouped where the format groups, the year never is.
 */
import { describe, expect, it } from 'vitest';
import type { ReportTable, TextFormat } from '../../src/render/model.js';
import { FORMATS, isBinaryFormat, isYearColumn } from '../../src/render/model.js';
import { render, renderBinary } from '../../src/render/format.js';
import { htmlTable } from '../../src/reports/report-page.js';
import { renderReportHtml } from '../../src/render/charts/html.js';

// a national series: the year, and quantities of four and five digits (82006 communities in 2007)
const table: ReportTable = {
  columns: [
    { id: 'year', label: { zh: '年份', en: 'year' }, kind: 'number' },
    { id: 'communities', label: { zh: '社区数', en: 'communities' }, kind: 'number' },
    { id: 'service_centers', label: { zh: '社区服务中心数', en: 'service centres' }, kind: 'number' },
  ],
  rows: [['2007', '82006', '9319'], ['2015', '12345', '2015']],
};
const options = { format: undefined, output: undefined, bom: false, color: false, raw: false, lang: 'en' as const };

describe('a year column is never grouped by thousands', () => {
  it('is known as a year column by its id', () => {
    expect(isYearColumn(table.columns[0]!)).toBe(true);
    expect(isYearColumn(table.columns[1]!)).toBe(false);
  });

  it.each(FORMATS.filter((format): format is TextFormat => !isBinaryFormat(format)))('%s', async (format) => {
    const text = await render(table, format, options, false);
    expect(text).toContain('2007');
    expect(text).not.toMatch(/2,007|2,015/);
    // the terminal table does group a quantity (5 digits and more), so the year's escape is the year column's
    if (format === 'table') expect(text).toContain('82,006');
  });

  it('xlsx: the year a whole number without a thousands format', async () => {
    const bytes = await renderBinary(table, 'xlsx', { lang: 'en' }, { inputs: [], notes: [], rounding: 'half-up', sources: [] });
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as never);
    const cell = workbook.worksheets[0]!.getCell('A2');
    expect(cell.value).toBe(2007);
    expect(String(cell.numFmt ?? '')).not.toContain(',');
  });

  it('the HTML report: quantities of four digits grouped (9,319, and 2,015 centres), the years not', () => {
    const html = htmlTable(table, 'en');
    expect(html.rows).toEqual([['2007', '82,006', '9,319'], ['2015', '12,345', '2,015']]);
    const page = renderReportHtml({ lang: 'en', title: 't', inputs: [], sections: [{ heading: 'h', table: html }], roundingRule: 'r', sources: [] });
    expect(page).toContain('<td class="num">2007</td>');
    expect(page).not.toContain('>2,007<');
  });
});
