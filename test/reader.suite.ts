import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { toDecimalString } from '../src/exact/rational.js';
import { BUILTIN_MEASURES } from '../src/catalogue/measures.js';
import type { EncodingChoice } from '../src/io/sources/encoding.js';
import { detectEncoding } from '../src/io/sources/encoding.js';
import { normaliseName, splitUnit, unitPower10 } from '../src/table/header-plan.js';
import { parseNumberCell } from '../src/table/cells.js';
import { openRecords } from '../src/io/records.js';
import type { RecordOptions } from '../src/io/records.js';
import type { TableOptions } from '../src/table/rows.js';
import { readTable as readRows } from '../src/table/rows.js';

/** A source read as every command reads it: its records, then its table. */
function readTable(source: string, options: RecordOptions & TableOptions) {
  return readRows(openRecords(source, options), options);
}
import { fixture, scratchDir, errorOf } from './helpers.js';

function fromBytes(bytes: Buffer | string, encoding: EncodingChoice = 'auto') {
  return readTable('-', { encoding, measures: BUILTIN_MEASURES, stdin: Readable.from([Buffer.from(bytes)]) });
}

/** measure id → exact decimal text of the first row */
async function firstRow(bytes: Buffer | string, encoding: EncodingChoice = 'auto'): Promise<Record<string, string | null>> {
  const table = await fromBytes(bytes, encoding);
  const row = table.rows[0]!;
  return Object.fromEntries(table.plan.measureColumns.map((column, index) => {
    const value = row.values[index];
    return [column.measure.id, value == null ? null : toDecimalString(value)];
  }));
}


/** The whole reader suite; run once per parser path (test/reader.test.ts, test/reader-csv-parse.test.ts). */
export function readerSuite(): void {
  describe('numbers', () => {
    it.each([
      ['56,212', '56212'],
      ['  8479 ', '8479'],
      ['７９９４７', '79947'],
      ['５６，２１２．５', '56212.5'],
      ['1,234,567', '1234567'],
      ['43.1', '43.1'],
      ['-3.25', '-3.25'],
      ['\u30008479\u3000', '8479'],
      ['12345678901234567890', '12345678901234567890'],
    ])('%j reads as %s', (cell, expected) => {
      const value = parseNumberCell(cell);
      expect(value !== null && !('invalid' in value) && toDecimalString(value)).toBe(expected);
    });

    it.each(['', '  ', '…', '……', '...', '—', '——', '-', '－'])('%j is missing, not zero', (cell) => {
      expect(parseNumberCell(cell)).toBeNull();
    });

    it.each([
      ['abc', 'is not a number'],
      ['1.2.3', 'is not a number'],
      ['1e400', 'exponent notation'],
      ['12,34', 'is not a number'],
      ['1,2345', 'is not a number'],
      ['0x10', 'is not a number'],
    ])('%j is refused: %s', (cell, reason) => {
      const value = parseNumberCell(cell);
      expect(value !== null && 'invalid' in value ? value.invalid : '').toContain(reason);
    });
  });

  describe('headers', () => {
    it('normalises case, blanks, underscores and full-width forms', () => {
      expect(normaliseName('Urban_Population')).toBe('urbanpopulation');
      expect(normaliseName(' 社区 服务中心 ')).toBe('社区服务中心');
      expect(splitUnit('城镇人口（万人）')).toEqual({ name: '城镇人口', unit: '万人' });
      expect(splitUnit('城镇人口(万人)')).toEqual({ name: '城镇人口', unit: '万人' });
      expect(splitUnit('社区数')).toEqual({ name: '社区数', unit: undefined });
    });

    it.each([['万人', 4], ['亿元', 8], ['千人', 3], ['个', 0], ['人', 0], ['万', 4], ['', 0]])('unit %s is 10^%i', (unit, power) => {
      expect(unitPower10(unit)).toBe(power);
    });

    it('does not guess an unknown unit', () => {
      expect(unitPower10('打')).toBeUndefined();
    });

    it('matches every Chinese name of domain.md and scales by the unit', async () => {
      const csv = '地区,社区居委会,城镇人口数(万人),居委会工作人员数（万人）,社区服务中心,一般社区服务设施,街道办事处,市辖区,城市\n全国,79947,56212,45.3543,8479,194796,5904,852,667\n';
      expect(await firstRow(csv)).toEqual({
        communities: '79947', urban_population: '562120000', committee_members: '453543', service_centers: '8479',
        service_facilities: '194796', subdistricts: '5904', districts: '852', cities: '667',
      });
    });

    it('refuses two headers naming one measure, and duplicate headers', async () => {
      const clash = await errorOf(fromBytes('地区,社区数,社区总数\n全国,1,2\n'));
      expect(clash.code).toBe('HEADER');
      expect(clash.location).toMatchObject({ line: 1, column: 3 });
      const duplicate = await errorOf(fromBytes('地区,地区,社区数\n全国,全国,1\n'));
      expect(duplicate.code).toBe('HEADER');
      expect(duplicate.message).toContain('duplicate');
    });

    it('needs at least one measure column', async () => {
      expect((await errorOf(fromBytes('地区,人口密度\n全国,1\n'))).code).toBe('HEADER');
    });

    it('finds the label and year columns', async () => {
      const table = await fromBytes('省份,年度,社区数\n广东,2005,100\n');
      expect(table.rows[0]).toMatchObject({ label: '广东', year: '2005', line: 2 });
    });
  });

  describe('encodings', () => {
    const csv = '地区,社区数（个）\n全国,79947\n';

    it.each<[string, Buffer]>([
      ['UTF-8', Buffer.from(csv, 'utf8')],
      ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')])],
      ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')])],
      ['GB18030', iconv.encode(csv, 'gb18030')],
    ])('auto-detects %s', async (_name, bytes) => {
      const table = await fromBytes(bytes);
      expect(table.rows[0]!.label).toBe('全国');
      expect(toDecimalString(table.rows[0]!.values[0]!)).toBe('79947');
    });

    it('detects by BOM first, then by UTF-8 validity', () => {
      expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), 'auto')).toEqual({ encoding: 'utf8', bomLength: 3 });
      expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0]), 'auto')).toEqual({ encoding: 'utf16le', bomLength: 2 });
      expect(detectEncoding(Buffer.from([0xd6, 0xd0]), 'auto').encoding).toBe('gb18030');
      expect(detectEncoding(Buffer.from('中', 'utf8'), 'auto').encoding).toBe('utf8');
    });

    it('names the line and byte offset of invalid bytes, never U+FFFD', async () => {
      const bytes = Buffer.concat([Buffer.from('地区,社区数\n全国,1\n', 'utf8'), Buffer.from([0x41, 0xff, 0x0a])]);
      const error = await errorOf(fromBytes(bytes, 'utf8'));
      expect(error.code).toBe('ENCODING');
      expect(error.location.line).toBe(3);
      expect(error.message).toContain(`byte offset ${bytes.length - 2}`);
      expect(error.message).toContain('0xff');
    });

    it('refuses bytes that are neither UTF-8 nor GB18030', async () => {
      // 0xff is invalid in both encodings (0x80 is not: WHATWG's GB18030 reads it as €)
      const bytes = Buffer.concat([Buffer.from('unit,communities\nA,1\n', 'utf8'), Buffer.from([0xff, 0x0a])]);
      const error = await errorOf(fromBytes(bytes));
      expect(error.code).toBe('ENCODING');
      expect(error.message).toBe('invalid GB18030 at byte offset 21 (0xff)');
      expect(error.location.line).toBe(3);
    });

    it('refuses a file mixing UTF-8 and GB18030 lines', async () => {
      const bytes = Buffer.concat([Buffer.from('地区,社区数\n', 'utf8'), iconv.encode('全国,1\n', 'gb18030')]);
      const error = await errorOf(fromBytes(bytes));
      expect(error.code).toBe('ENCODING');
      expect(error.message).toMatch(/^mixed encodings: the lines before line 2 are UTF-8/);
    });

    it('refuses binary data (a NUL byte) with its offset', async () => {
      const error = await errorOf(fromBytes(Buffer.from('unit,communities\nA,1\u0000\n')));
      expect(error.code).toBe('ENCODING');
      expect(error.message).toBe('binary data: a NUL byte at byte offset 20');
      expect(error.location.line).toBe(2);
    });
  });

  describe('rows', () => {
    it('reads missing markers as missing', async () => {
      expect(await firstRow('地区,社区数,社区服务中心数,街道数\n全国,…,—,\n')).toEqual({
        communities: null, service_centers: null, subdistricts: null,
      });
    });

    it('places a non-numeric cell by line and column', async () => {
      const error = await errorOf(fromBytes('地区,社区数,社区服务中心数\n甲,1,2\n乙,3,x\n'));
      expect(error.code).toBe('NOT_A_NUMBER');
      expect(error.location).toMatchObject({ file: '<stdin>', line: 3, column: 3 });
    });

    it('refuses negative and fractional counts', async () => {
      expect((await errorOf(fromBytes('地区,社区数\n甲,-1\n'))).code).toBe('NEGATIVE_COUNT');
      expect((await errorOf(fromBytes('地区,社区数\n甲,1.5\n'))).code).toBe('FRACTIONAL_COUNT');
      expect((await errorOf(fromBytes('地区,城镇人口(万人)\n甲,1.00005\n'))).code).toBe('FRACTIONAL_COUNT');
    });

    it('counts blank lines and quoted line breaks in line numbers, whichever way the input is cut', async () => {
      const text = '地区,社区数,备注\n\n甲,1,a\n\n乙,2,"two\nlines"\n丁,x,b\n';
      for (let cut = 0; cut <= text.length; cut += 1) {
        const chunks = [Buffer.from(text.slice(0, cut)), Buffer.from(text.slice(cut))];
        const error = await errorOf(readTable('-', { encoding: 'utf8', measures: BUILTIN_MEASURES, stdin: Readable.from(chunks) }));
        expect(error.location).toMatchObject({ line: 7, column: 2 });
      }
    });

    it('refuses ragged rows, short and long', async () => {
      const short = await errorOf(fromBytes('地区,社区数,街道数\n甲,1\n'));
      expect(short.code).toBe('RAGGED_ROW');
      expect(short.location.line).toBe(2);
      expect((await errorOf(fromBytes('地区,社区数\n甲,1,2\n'))).code).toBe('RAGGED_ROW');
    });

    it('reports an unclosed quote at the line its record starts', async () => {
      const error = await errorOf(fromBytes('地区,社区数\n甲,1\n"乙,2\n丙,3\n'));
      expect(error.code).toBe('CSV_SYNTAX');
      expect(error.location.line).toBe(3);
    });

    it('refuses empty input and a header without rows', async () => {
      expect((await errorOf(fromBytes(''))).code).toBe('EMPTY_INPUT');
      expect((await errorOf(fromBytes('地区,社区数\n'))).code).toBe('NO_DATA');
    });

    it('accepts CRLF, CR-only and a missing final newline', async () => {
      for (const text of ['地区,社区数\r\n甲,5\r\n', '地区,社区数\r甲,5\r', '地区,社区数\n甲,5']) {
        expect(await firstRow(text)).toEqual({ communities: '5' });
      }
    });

    it('reads a .tsv file with tabs, and a file the same as standard input', async () => {
      const folder = scratchDir();
      const path = join(folder, 'x.tsv');
      writeFileSync(path, '地区\t社区数\n甲\t7\n');
      const table = await readTable(path, { encoding: 'auto', measures: BUILTIN_MEASURES });
      expect(table.file).toBe(path);
      expect(toDecimalString(table.rows[0]!.values[0]!)).toBe('7');
    });

    it('names a missing file and a directory', async () => {
      const missing = await errorOf(readTable(fixture('nope.csv'), { encoding: 'auto', measures: BUILTIN_MEASURES }));
      expect(missing.code).toBe('FILE_NOT_FOUND');
      const folder = await errorOf(readTable(fixture(), { encoding: 'auto', measures: BUILTIN_MEASURES }));
      expect(folder.code).toBe('FILE_UNREADABLE');
    });
  });
}
