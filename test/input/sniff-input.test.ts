/**
 * The one way in, option by option: what openRecords decides from a source's first 64 KiB — the delimiter of
 * CSV text without a comma in its first line, a workbook, a file that is not a table — and the encoding aliases.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sniffDelimiter } from '../../src/io/csv/sniff.js';
import { onNotice } from '../../src/io/notices.js';
import type { RecordOptions } from '../../src/io/records.js';
import { SNIFF_SIZE, openRecords } from '../../src/io/records.js';
import { fixture, runCli, runJson, scratchDir, errorOf } from '../helpers.js';

async function recordsOf(source: string, options: Partial<RecordOptions> = {}): Promise<string[][]> {
  const cells: string[][] = [];
  for await (const batch of openRecords(source, { encoding: 'auto', ...options })) {
    for (const record of batch) cells.push(record.cells);
  }
  return cells;
}


const ROWS = [['地区', '社区数（个）', '城镇人口（万人）'], ['北京', '2000', '1200'], ['天津', '1500', '900']];

describe('sniffDelimiter', () => {
  it.each([
    [';', '地区;社区数;人口\n北京;1;2\n'],
    ['\t', '地区\t社区数\t人口\n北京\t1\t2\n'],
    ['|', '地区|社区数|人口\n北京|1|2\n'],
  ])('finds %j when the first line has no comma', (delimiter, text) => {
    expect(sniffDelimiter(text)).toBe(delimiter);
  });

  it('keeps the comma when the first line has one, whatever else it holds', () => {
    expect(sniffDelimiter('地区,社区数;个\n北京,1\n')).toBeUndefined();
    expect(sniffDelimiter('a;b;c,d\n')).toBeUndefined();
  });

  it('keeps the comma for a one-column file', () => {
    expect(sniffDelimiter('社区数\n1\n2\n')).toBeUndefined();
  });

  it('prefers the candidate that splits every line alike over a more frequent one that does not', () => {
    // two bars in the header but none below: the semicolon is the delimiter
    expect(sniffDelimiter('a;b|c|d;e\n1;2;3\n4;5;6\n')).toBe(';');
    // a tie on the header alone: the first of ; tab |
    expect(sniffDelimiter('a;b\tc\n')).toBe(';');
  });

  it('ignores a BOM and CR line ends', () => {
    expect(sniffDelimiter('\uFEFF地区;人口\r\n北京;1\r\n')).toBe(';');
  });
});

describe('openRecords: delimiters', () => {
  let notes: string[] = [];
  let stop: () => void = () => undefined;
  beforeEach(() => {
    notes = [];
    stop = onNotice((message) => notes.push(message));
  });
  afterEach(() => stop());

  it.each([[';', 'semi.txt', "';'"], ['\t', 'tabs.txt', 'tab'], ['|', 'bars.csv', "'|'"]])(
    'reads %j-separated text and names the delimiter in a note', async (delimiter, name, named) => {
      const path = join(scratchDir(), name);
      writeFileSync(path, ROWS.map((row) => row.join(delimiter)).join('\n') + '\n');
      expect(await recordsOf(path)).toEqual(ROWS);
      expect(notes).toEqual([`${path}: read as separated by ${named}: its first line has no comma (--delimiter sets it)`]);
    });

  it('sniffs GB18030 and UTF-16LE text after decoding it', async () => {
    const text = ROWS.map((row) => row.join(';')).join('\r\n') + '\r\n';
    const folder = scratchDir();
    writeFileSync(join(folder, 'gbk.txt'), iconv.encode(text, 'gb18030'));
    writeFileSync(join(folder, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(await recordsOf(join(folder, 'gbk.txt'))).toEqual(ROWS);
    expect(await recordsOf(join(folder, 'utf16.txt'))).toEqual(ROWS);
  });

  it('sniffs standard input, and still reads all of it after the first 64 KiB', async () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => `u${index};${index}`);
    const text = ['地区;社区数（个）', ...rows].join('\n') + '\n';
    expect(Buffer.byteLength(text)).toBeGreaterThan(SNIFF_SIZE * 2);
    const chunks = [];
    for (let start = 0; start < text.length; start += 10_000) chunks.push(Buffer.from(text.slice(start, start + 10_000)));
    const records = await recordsOf('-', { stdin: Readable.from(chunks) });
    expect(records).toHaveLength(20_001);
    expect(records.at(-1)).toEqual(['u19999', '19999']);
    expect(notes).toEqual(["<stdin>: read as separated by ';': its first line has no comma (--delimiter sets it)"]);
  });

  it('leaves comma files, .tsv files and a given --delimiter alone, without a note', async () => {
    const folder = scratchDir();
    writeFileSync(join(folder, 'a.tsv'), 'a;b\tc\n1;2\t3\n');
    expect(await recordsOf(join(folder, 'a.tsv'))).toEqual([['a;b', 'c'], ['1;2', '3']]);
    writeFileSync(join(folder, 'a.txt'), 'a;b|c\n1;2|3\n');
    expect(await recordsOf(join(folder, 'a.txt'), { delimiter: '|' })).toEqual([['a;b', 'c'], ['1;2', '3']]);
    expect(await recordsOf('data/2005.csv')).toHaveLength(2);
    expect(notes).toEqual([]);
  });
});

describe('openRecords: what a file is, from its first bytes', () => {
  const folder = scratchDir();
  const write = (name: string, bytes: Buffer | string): string => {
    const path = join(folder, name);
    writeFileSync(path, bytes);
    return path;
  };

  it.each([
    ['old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]), 'FILE_UNREADABLE',
      'not a readable .xls (Excel 97–2003) workbook: its contents are damaged or of a kind svc-stats does not know (open it in a spreadsheet and save it again as .xlsx, or export the sheet as CSV)'],
    ['page.csv', '<!DOCTYPE html>\n<html><body><table><tr><td>北京</td></tr></table></body></html>\n', 'FILE_TYPE',
      'an HTML page saved as .csv (or .xls), not a table file (open it in a spreadsheet and save it as .xlsx or CSV)'],
    ['table.csv', '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'FILE_TYPE', 'a PDF document, not a table file (export the table as CSV or .xlsx from its source)'],
    ['utf16.csv', Buffer.from('地区,社区数（个）\n北京,2000\n', 'utf16le'), 'ENCODING',
      'UTF-16 text without a byte-order mark (pass --encoding utf16le if it is little-endian, or save it as UTF-8 CSV)'],
  ])('refuses %s with what it is and what to do', async (name, bytes, code, text) => {
    const path = write(name, bytes);
    const error = await errorOf(recordsOf(path));
    expect(error.code).toBe(code);
    expect(error.describe()).toBe(`${path}: ${text}`);
  });

  it('reads UTF-16 without a BOM when --encoding utf16le says so', async () => {
    const path = write('utf16-asked.csv', Buffer.from('地区,社区数（个）\n北京,2000\n', 'utf16le'));
    expect(await recordsOf(path, { encoding: 'utf16le' })).toEqual([['地区', '社区数（个）'], ['北京', '2000']]);
  });

  it('reads an .xlsx workbook whatever its name, from a file or standard input', async () => {
    const workbook = readFileSync(fixture('xlsx', 'cities-merged-province.xlsx'));
    const named = await recordsOf(fixture('xlsx', 'cities-merged-province.xlsx'));
    expect(named[1]?.slice(0, 2)).toEqual(['广东省', '广州市']);
    expect(await recordsOf(write('misnamed.csv', workbook))).toEqual(named);
    expect(await recordsOf('-', { stdin: Readable.from([workbook]) })).toEqual(named);
  });

  it('--sheet picks a sheet by name, lists the sheets when it is wrong, and is refused for CSV text', async () => {
    const workbook = fixture('xlsx', 'cities-merged-province.xlsx');
    expect((await recordsOf(workbook, { sheet: '说明' }))[0]).not.toEqual((await recordsOf(workbook))[0]);
    const wrong = await errorOf(recordsOf(workbook, { sheet: 'nope' }));
    expect(wrong.code).toBe('USAGE');
    expect(wrong.message).toBe("the workbook has no sheet 'nope'; its sheets: 1 地市, 2 说明");
    expect(await recordsOf(workbook, { sheet: '2' })).toEqual(await recordsOf(workbook, { sheet: '说明' }));
    expect((await errorOf(recordsOf('data/2005.csv', { sheet: '地市' }))).code).toBe('USAGE');
  });
});

describe('the yearbook workbook reads as its CSV export does', () => {
  it('fixtures/xlsx/yearbook-2008.xlsx: the records of LibreOffice\'s CSV export, but for the two documented differences', async () => {
    const ours = await recordsOf(fixture('xlsx', 'yearbook-2008.xlsx'));
    const exported = await recordsOf(fixture('xlsx', 'yearbook-2008.libreoffice.csv'));
    expect(ours).toHaveLength(exported.length);
    ours.forEach((cells, row) => cells.forEach((cell, column) => {
      const theirs = exported[row]?.[column] ?? '';
      // fixtures/xlsx/README.md: a vertical merge is filled down; a number is its value (0.1), not its display (0.10)
      const same = cell === theirs || (theirs === '' && column === 0 && cell === ours[row - 1]?.[0])
        || (theirs !== '' && Number(theirs) === Number(cell));
      expect(same, `row ${row} column ${column}: ${cell} vs ${theirs}`).toBe(true);
    }));
  });

  it.each(['yearbook-2008', 'cities-merged-province'])('svc-stats coverage %s.xlsx ends as on its CSV export', (name) => {
    // the header planner reads title rows and two-row headers later (issue 10); until then both give the same answer
    const workbook = runCli(['coverage', fixture('xlsx', `${name}.xlsx`), '--format', 'csv']);
    const exported = runCli(['coverage', fixture('xlsx', `${name}.libreoffice.csv`), '--format', 'csv']);
    expect(workbook.status).toBe(exported.status);
    expect(workbook.stdout).toBe(exported.stdout);
    // but for the note naming the sheets not read (cities-merged-province.xlsx has a second sheet, 说明)
    const sheetsNote = /^svc-stats: \S*FILE: read sheet .*\n/m;
    expect(workbook.stderr.replaceAll(`${name}.xlsx`, 'FILE').replace(sheetsNote, '')).toBe(exported.stderr.replaceAll(`${name}.libreoffice.csv`, 'FILE'));
  });
});

describe('svc-stats: delimiters and encodings end to end', () => {
  it('a semicolon-separated .txt gives the same figures as the CSV, with one note', () => {
    const path = join(scratchDir(), 'extract.txt');
    writeFileSync(path, readFileSync('data/2005.csv', 'utf8').replaceAll(',', ';'));
    const run = runCli(['coverage', path, '--format', 'json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(runJson(['coverage', 'data/2005.csv']));
    expect(run.stderr).toBe(`svc-stats: ${path}: read as separated by ';': its first line has no comma (--delimiter sets it)\n`);
  });

  it.each(['gbk', 'GBK', 'cp936', 'gb2312'])('-e %s reads GB18030 text (GBK is a subset)', (name) => {
    expect(runJson(['coverage', fixture('good/2005-gb18030.csv'), '-e', name])).toEqual(runJson(['coverage', 'data/2005.csv']));
  });

  it('--help says so', () => {
    expect(runCli(['coverage', '--help']).stdout.replace(/\s+/g, ' ')).toContain('gbk, cp936 and gb2312 are read as gb18030');
  });
});
