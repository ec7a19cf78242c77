import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { SvcError } from '../../src/errors.js';
import { cellText, plainNumber, readXlsxRecords } from '../../src/io/xlsx.js';
import { ROOT } from '../helpers.js';

const FIXTURES = join(ROOT, 'fixtures', 'xlsx');
const bytes = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

describe('readXlsxRecords on a sheet LibreOffice wrote (fixtures/xlsx/yearbook-2008.xlsx)', () => {
  it('gives the records a CSV export gives: title, blank row skipped, merged parents in their first cell', async () => {
    const { records, sheetName } = await readXlsxRecords(bytes('yearbook-2008.xlsx'), 'yearbook-2008.xlsx');
    expect(sheetName).toBe('表4-2');
    expect(records[0]).toEqual({ line: 1, cells: ['表4-2 各地区城市社区服务情况（2008年）', '', '', '', '', ''] });
    // row 2 is blank: skipped, the next record keeps the sheet's row number
    expect(records[1]).toEqual({ line: 3, cells: ['地区', '社区', '', '社区服务中心', '', '城镇人口'] });
    // 地区 is merged down over both header rows: filled down, like any vertical merge
    expect(records[2]).toEqual({ line: 4, cells: ['地区', '社区数（个）', '居委会成员数（人）', '个数', '每万城镇人口拥有数（个）', '（万人）'] });
    // the ratio column is ROUND(D/F;2): its cached result, as plain decimal text (0.1, not 0.10 or 0.1000000001)
    expect(records[3]).toEqual({ line: 5, cells: ['全国', '130378', '749806', '9332', '0.1', '98065'] });
    expect(records[4]).toEqual({ line: 6, cells: ['北京市', '705', '4090', '39', '0.06', '691'] });
    expect(records[9]).toEqual({ line: 11, cells: ['西藏自治区', '…', '1020', '…', '…', '80.5'] });
    expect(records.at(-2)).toEqual({ line: 12, cells: ['注：本表数据不含香港、澳门特别行政区和台湾省。', '', '', '', '', ''] });
    expect(records.at(-1)?.cells[0]).toMatch(/^资料来源：/);
    expect(records.at(-1)?.line).toBe(13);
    expect(records).toHaveLength(12);
  });

  it('agrees with LibreOffice\'s own CSV export of the sheet but for the two documented differences', async () => {
    const { records } = await readXlsxRecords(bytes('yearbook-2008.xlsx'), 'yearbook-2008.xlsx');
    const exported = (parse(readFileSync(join(FIXTURES, 'yearbook-2008.libreoffice.csv')), { relaxColumnCount: true }) as string[][])
      .filter((cells) => cells.some((cell) => cell !== ''));
    const ours = records.map((record) => record.cells);
    expect(ours).toHaveLength(exported.length);
    ours.forEach((cells, row) => {
      cells.forEach((cell, column) => {
        const theirs = exported[row]?.[column] ?? '';
        if (cell === theirs) return;
        // 1. a vertical merge is filled down (the export leaves it blank); 2. numbers are the value, not its
        // formatted display (0.1 shown as 0.10 under the format 0.00)
        const filledDown = theirs === '' && column === 0 && cell === ours[row - 1]?.[0];
        const displayed = Number(theirs) === Number(cell) && theirs !== '';
        expect(filledDown || displayed, `row ${row} column ${column}: ${cell} vs ${theirs}`).toBe(true);
      });
    });
  });
});

describe('readXlsxRecords: merges, values and sheets (fixtures/xlsx/cities-merged-province.xlsx)', () => {
  it('fills a vertically merged 省份 label down its 地市 rows', async () => {
    const { records, sheetName } = await readXlsxRecords(bytes('cities-merged-province.xlsx'), 'cities.xlsx');
    expect(sheetName).toBe('地市');
    expect(records.map((record) => record.cells.slice(0, 2))).toEqual([
      ['省份', '地市'],
      ['广东省', '广州市'], ['广东省', '深圳市'], ['广东省', '珠海市'],
      ['浙江省', '杭州市'], ['浙江省', '宁波市'],
      ['注：0.1 与 606670000 为测试读数用的值，不是年鉴数字。', ''],
    ]);
    expect(records.map((record) => record.line)).toEqual([1, 2, 3, 4, 5, 6, 8]);
  });

  it('numbers without float artefacts, dates as ISO text, rich text flattened, empty cells empty', async () => {
    const { records } = await readXlsxRecords(bytes('cities-merged-province.xlsx'), 'cities.xlsx');
    expect(records[1]?.cells).toEqual(['广东省', '广州市', '1423', '606670000', '2008-12-31']);
    expect(records[2]?.cells).toEqual(['广东省', '深圳市', '0.1', '8912345', '2008-12-31']);
    expect(records[3]?.cells).toEqual(['广东省', '珠海市', '297', '1234567', '']);
    // the footnote is rich text in the file (LibreOffice switched fonts between CJK and Latin runs)
    expect(records[6]?.cells[0]).toBe('注：0.1 与 606670000 为测试读数用的值，不是年鉴数字。');
  });

  it('reads a sheet by name; an unknown name is a USAGE error listing the sheets', async () => {
    const { records, sheetName } = await readXlsxRecords(bytes('cities-merged-province.xlsx'), 'cities.xlsx', '说明');
    expect(sheetName).toBe('说明');
    expect(records).toEqual([{ line: 1, cells: ['测试用工作表：第二张表，按名称选择。'] }]);
    const error = await readXlsxRecords(bytes('cities-merged-province.xlsx'), 'cities.xlsx', 'Sheet9').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SvcError);
    expect((error as SvcError).code).toBe('USAGE');
    expect((error as SvcError).message).toContain('1 地市, 2 说明');
    expect((error as SvcError).location.file).toBe('cities.xlsx');
  });

  it('bytes that are not a workbook: FILE_UNREADABLE naming the file', async () => {
    const error = await readXlsxRecords(new TextEncoder().encode('地区,社区数\n全国,1\n'), 'a.xlsx').catch((caught: unknown) => caught);
    expect((error as SvcError).code).toBe('FILE_UNREADABLE');
    expect((error as SvcError).describe()).toMatch(/^a\.xlsx: not a readable \.xlsx workbook/);
  });
});

describe('cell values as CSV text', () => {
  it('plain decimal text of doubles', () => {
    expect(plainNumber(0.1)).toBe('0.1');
    expect(plainNumber(0.1 + 0.2)).toBe('0.3'); // 0.30000000000000004 has 17 significant digits
    expect(plainNumber(130378)).toBe('130378');
    expect(plainNumber(5.67)).toBe('5.67');
    expect(plainNumber(-2.5)).toBe('-2.5');
    expect(plainNumber(1e21)).toBe('1000000000000000000000');
    expect(plainNumber(1.5e-7)).toBe('0.00000015');
    expect(plainNumber(-0)).toBe('0');
    expect(plainNumber(606670000)).toBe('606670000');
  });

  it('text, booleans, errors, rich text, hyperlinks, formulas', () => {
    expect(cellText('=SUM(A1)')).toBe('=SUM(A1)');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText({ error: '#DIV/0!' })).toBe('#DIV/0!');
    expect(cellText({ richText: [{ text: '深圳' }, { text: '市' }] })).toBe('深圳市');
    expect(cellText({ text: '民政部', hyperlink: 'https://www.mca.gov.cn' })).toBe('民政部');
    expect(cellText({ formula: 'A1/B1', result: 0.1 })).toBe('0.1');
    expect(cellText({ formula: 'A1/B1' })).toBe('');
    expect(cellText(new Date(Date.UTC(2008, 11, 31)))).toBe('2008-12-31');
    expect(cellText(new Date(Date.UTC(2008, 11, 31, 8, 30)))).toBe('2008-12-31T08:30:00');
  });
});

describe('readXlsxRecords: merges in a workbook exceljs wrote', () => {
  it('a block merged across and down: filled down its first column, empty elsewhere; a parent header in its first cell', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('区县');
    sheet.addRow(['省份', '地市', '街道', '']);
    sheet.addRow(['', '', '街道数（个）', '社区数（个）']);
    sheet.addRow(['广东省', '广州市', 1, 2]);
    sheet.addRow(['', '深圳市', 3, 4]);
    sheet.addRow(['', '', '', '']);
    sheet.addRow(['浙江省', '杭州市', 5, 6]);
    sheet.mergeCells('C1:D1'); // parent header over two child headers
    sheet.mergeCells('A1:B2'); // a 2×2 block
    sheet.mergeCells('A3:A4'); // a province over its cities
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer() as unknown as ArrayBuffer);
    const { records } = await readXlsxRecords(bytes, 'block.xlsx');
    expect(records).toEqual([
      { line: 1, cells: ['省份', '', '街道', ''] },
      { line: 2, cells: ['省份', '', '街道数（个）', '社区数（个）'] },
      { line: 3, cells: ['广东省', '广州市', '1', '2'] },
      { line: 4, cells: ['广东省', '深圳市', '3', '4'] },
      { line: 6, cells: ['浙江省', '杭州市', '5', '6'] },
    ]);
  });
});
