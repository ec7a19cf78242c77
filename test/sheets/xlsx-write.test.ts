import { describe, expect, it } from 'vitest';
import { readXlsxRecords } from '../../src/io/xlsx.js';
import type { OutputTable } from '../../src/render/model.js';
import type { XlsxMeta } from '../../src/render/xlsx.js';
import { renderXlsx } from '../../src/render/xlsx.js';

/** Table 1 and 2 of the 2005 report (domain.md), with a province, a missing value and hostile text. */
const TABLE: OutputTable = {
  title: '表1 全国社区数量、人口数量及居委会工作人员数量',
  columns: [
    { id: 'unit', label: '地区', kind: 'text' },
    { id: 'year', label: '年份', kind: 'number' },
    { id: 'communities', label: '社区数（个）', kind: 'number' },
    { id: 'urban_population', label: '城镇人口（人）', kind: 'number' },
    { id: 'committee_members_per_community', label: '平均每社区居委会工作人员数（人）', kind: 'number' },
    { id: 'centers_per_community', label: '每个社区拥有社区服务中心数（个）', kind: 'number' },
    { id: 'change', label: 'change', kind: 'number' },
  ],
  rows: [
    ['全国', '2005', '79947', '562120000', '5.67', '0.11', '-3.20'],
    ['=SUM(A1)', '2005', '705', null, '0.10', '0.00', '12345678901234567890'],
    ['+1 北京', '2005', '0', '1', '-0.5', '100.000', null],
  ],
};

const META: XlsxMeta = {
  notes: ['全国 (line 2) kept out of the groups, not summed'],
  inputs: ['data/2005.csv'],
  rounding: 'half-up (四舍五入), catalogue decimals',
  sources: ['民政部基层政权和社区建设司, 2009, 表1、表2'],
  lang: 'zh',
};

async function workbookOf(bytes: Uint8Array) {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  return workbook;
}

describe('renderXlsx', () => {
  it('reads back with readXlsxRecords as the same numbers and text', async () => {
    const bytes = await renderXlsx(TABLE, META);
    const { records, sheetName } = await readXlsxRecords(bytes, 'out.xlsx');
    expect(sheetName).toBe('数据');
    expect(records.map((record) => record.cells)).toEqual([
      TABLE.columns.map((column) => column.label),
      // a number cell keeps its value; the decimals shown are in its format (read back as the value: 0.10 → 0.1)
      ['全国', '2005', '79947', '562120000', '5.67', '0.11', '-3.2'],
      ['=SUM(A1)', '2005', '705', '', '0.1', '0', '12345678901234567890'],
      ['+1 北京', '2005', '0', '1', '-0.5', '100', ''],
    ]);
  });

  it('numbers as number cells formatted with their decimals, text as text (never a formula), missing empty', async () => {
    const workbook = await workbookOf(await renderXlsx(TABLE, META));
    const sheet = workbook.getWorksheet('数据');
    if (sheet === undefined) throw new Error('no data sheet');
    const population = sheet.getCell('D2');
    expect(population.value).toBe(562120000);
    expect(population.numFmt).toBe('0');
    expect(sheet.getCell('E2').value).toBe(5.67);
    expect(sheet.getCell('E2').numFmt).toBe('0.00');
    expect(sheet.getCell('F3').value).toBe(0);
    expect(sheet.getCell('F3').numFmt).toBe('0.00');
    expect(sheet.getCell('F4').numFmt).toBe('0.000');
    expect(sheet.getCell('G2').value).toBe(-3.2);
    // a formula-looking label is a string cell: no formula in the file, so nothing can run
    expect(sheet.getCell('A3').value).toBe('=SUM(A1)');
    expect(sheet.getCell('A3').formula).toBeUndefined();
    expect(sheet.getCell('A4').value).toBe('+1 北京');
    // more digits than a double or Excel holds: kept exact, as text
    expect(sheet.getCell('G3').value).toBe('12345678901234567890');
    expect(sheet.getCell('D3').value).toBeNull();
    expect(sheet.getCell('G4').value).toBeNull();
  });

  it('a bold, frozen header row and column widths that fit CJK text (2 per character)', async () => {
    const workbook = await workbookOf(await renderXlsx(TABLE, META));
    const sheet = workbook.getWorksheet('数据');
    if (sheet === undefined) throw new Error('no data sheet');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // 平均每社区居委会工作人员数（人）: 16 CJK characters = 32, plus a margin
    expect(sheet.getColumn(5).width).toBe(34);
    expect(sheet.getColumn(1).width).toBe(10); // 地区 / =SUM(A1) / +1 北京: 8 + 2
  });

  it('a second sheet 说明 (zh) or notes (en) with the title, notes, inputs, rounding rule and sources', async () => {
    const zh = await workbookOf(await renderXlsx(TABLE, META));
    expect(zh.worksheets.map((sheet) => sheet.name)).toEqual(['数据', '说明']);
    const { records } = await readXlsxRecords(await renderXlsx(TABLE, META), 'out.xlsx', '说明');
    expect(records.map((record) => record.cells)).toEqual([
      ['标题', TABLE.title],
      ['注', '全国 (line 2) kept out of the groups, not summed'],
      ['输入文件', 'data/2005.csv'],
      ['舍入', 'half-up (四舍五入), catalogue decimals'],
      ['资料来源', '民政部基层政权和社区建设司, 2009, 表1、表2'],
    ]);
    const en = await readXlsxRecords(await renderXlsx(TABLE, { ...META, lang: 'en' }), 'out.xlsx', 'notes');
    expect(en.records.map((record) => record.cells[0])).toEqual(['title', 'note', 'input', 'rounding', 'source']);
    const renamed = await workbookOf(await renderXlsx(TABLE, META, { dataSheet: '表1', notesSheet: '附注' }));
    expect(renamed.worksheets.map((sheet) => sheet.name)).toEqual(['表1', '附注']);
  });
});
