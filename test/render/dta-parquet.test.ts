/** The .dta writer and the closed table of formats, on tables made here (no binary): see test/output for runs. */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SvcError } from '../../src/errors.js';
import { renderDta, variableNames } from '../../src/render/dta.js';
import { outputFormat, resolveFormat } from '../../src/render/format.js';
import { renderParquet } from '../../src/render/parquet.js';
import type { LabelledTable } from '../../src/render/dta.js';
import { readDta } from '../output/dta-reader.js';

const LONG_LABEL = '很长的地区名'.repeat(200); // 3,600 bytes of UTF-8: beyond str2045, a strL

const TABLE: LabelledTable = {
  columns: [
    { id: 'unit', label: '地区', kind: 'text' },
    { id: 'matches under', label: 'matches under', kind: 'text' },
    { id: 'communities', label: '社区数（个）', kind: 'number' },
    { id: 'ratio', label: '比率', kind: 'number' },
    { id: 'huge', label: 'beyond a double', kind: 'number' },
    { id: '2009', label: '2009年', kind: 'number' },
    { id: 'in', label: 'a reserved word', kind: 'number' },
    { id: 'communities', label: 'the same id again', kind: 'number' },
  ],
  labels: ['地区', 'matches under', '社区数（个）', '比率', 'beyond a double', '2009年', 'a reserved word', 'the same id again'],
  rows: [
    ['北京', 'half-up', '705', '5.67', '123456789012345678901', '1', '-3000000000', null],
    [LONG_LABEL, null, null, '-0.10', '1', null, '2', '7'],
    ['', 'truncate', '2147483620', null, null, '0', '0', '8'],
  ],
};

describe('renderDta', () => {
  const dta = readDta(renderDta(TABLE));

  it('names made legal and unique, labels kept', () => {
    expect(dta.variables.map((variable) => variable.name)).toEqual(['unit', 'matches_under', 'communities', 'ratio', 'huge', '_2009', 'in_', 'communities_2']);
    expect(dta.variables.map((variable) => variable.label)).toEqual(TABLE.labels);
  });

  it('types: long for whole numbers in range, double with %w.df, text beyond 15 digits, strL beyond 2045 bytes', () => {
    expect(dta.variables.map((variable) => variable.type)).toEqual(['strL', 'str8', 'long', 'double', 'str21', 'long', 'double', 'long']);
    expect(dta.variables[3]!.format).toBe('%9.2f');
    expect(dta.variables[2]!.format).toBe('%11.0f');
  });

  it('cells: missing numbers as ., text exact, a strL read back whole', () => {
    expect(dta.rows[0]).toEqual(['北京', 'half-up', 705, 5.67, '123456789012345678901', 1, -3000000000, null]);
    expect(dta.rows[1]).toEqual([LONG_LABEL, '', null, -0.1, '1', null, 2, 7]);
    expect(dta.rows[2]).toEqual(['', 'truncate', 2147483620, null, '', 0, 0, 8]);
  });

  it('the same table gives the same bytes', () => {
    expect(Buffer.from(renderDta(TABLE)).equals(Buffer.from(renderDta(TABLE)))).toBe(true);
  });

  it('whole numbers up to 2^53 are exact doubles whatever their digits; one above is text', () => {
    const read = readDta(renderDta({
      columns: [{ id: 'big', label: 'big', kind: 'number' }, { id: 'bigger', label: 'bigger', kind: 'number' }],
      labels: ['big', 'bigger'],
      rows: [['9007199254740992', '9007199254740993'], ['-1234567890123456', '1']],
    }));
    expect(read.variables.map((variable) => [variable.type, variable.format])).toEqual([['double', '%18.0f'], ['str16', '%-16s']]);
    expect(read.rows).toEqual([[9007199254740992, '9007199254740993'], [-1234567890123456, '1']]);
  });

  it('variableNames: empty, digits only, long and clashing ids', () => {
    expect(variableNames(['', '123', 'a'.repeat(40), 'a'.repeat(40), '城镇人口(万人)', '_all'])).toEqual(
      ['v1', '_123', 'a'.repeat(32), `${'a'.repeat(30)}_2`, '城镇人口_万人_', '_all_']);
  });
});

describe('renderParquet', () => {
  it('DECIMAL of the column scale, INT64 for whole numbers, text beyond 38 digits as double with its decimals noted', async () => {
    const table: LabelledTable = {
      columns: [
        { id: 'unit', label: '地区', kind: 'text' },
        { id: 'ratio', label: '比率', kind: 'number' },
        { id: 'count', label: '数', kind: 'number' },
        { id: 'wide', label: '38 digits', kind: 'number' },
        { id: 'wider', label: '40 digits', kind: 'number' },
      ],
      labels: ['地区', '比率', '数', '38 digits', '40 digits'],
      rows: [
        ['北京', '5.67', '123456789012345678', `${'9'.repeat(36)}.99`, `${'1'.repeat(38)}.50`],
        [null, '-0.1', null, '-1.00', null],
      ],
    };
    const folder = mkdtempSync(join(tmpdir(), 'svc-stats-parquet-'));
    const path = join(folder, 't.parquet');
    writeFileSync(path, await renderParquet(table));
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const types = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM '${path}'`)).getRows().map((row) => row[1]);
    expect(types).toEqual(['VARCHAR', 'DECIMAL(3,2)', 'BIGINT', 'DECIMAL(38,2)', 'DOUBLE']);
    const rows = (await connection.runAndReadAll(`SELECT unit, ratio::VARCHAR, count::VARCHAR, wide::VARCHAR FROM '${path}'`)).getRows();
    expect(rows).toEqual([['北京', '5.67', '123456789012345678', `${'9'.repeat(36)}.99`], [null, '-0.10', null, '-1.00']]);
    const decimals = (await connection.runAndReadAll(`SELECT decode(value) FROM parquet_kv_metadata('${path}') WHERE decode(key) = 'svc-stats.decimals'`)).getRows();
    expect(JSON.parse(String(decimals[0]![0]))).toEqual({ wider: 2 });
    connection.closeSync();
  });
});

describe('the closed table of formats', () => {
  const refused = (run: () => unknown): string => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(SvcError);
      expect((error as SvcError).code).toBe('USAGE');
      return (error as SvcError).message;
    }
    throw new Error('not refused');
  };

  it('each extension is its format; no extension takes the fallback', () => {
    expect(outputFormat('table', undefined, 'a.DTA', 'csv')).toBe('dta');
    expect(outputFormat('table', undefined, 'a.parquet', 'csv')).toBe('parquet');
    expect(outputFormat('table', undefined, '/dev/stdout', 'csv')).toBe('csv');
    expect(outputFormat('table', 'json', 'a.txt', 'csv')).toBe('json');
    expect(outputFormat('chart', undefined, 'a.png', 'svg')).toBe('png');
    expect(outputFormat('report', undefined, 'a.htm', 'html')).toBe('html');
    expect(resolveFormat({ format: undefined, output: 'x.jsonl' }, true)).toBe('ndjson');
  });

  it('refuses unknown extensions, another command\'s, and -f against the extension', () => {
    expect(refused(() => outputFormat('table', undefined, 'a.xls', 'csv'))).toBe('.xls is not a format svc-stats writes');
    expect(refused(() => outputFormat('table', undefined, 'a.svg', 'csv'))).toContain('written by svc-stats chart');
    expect(refused(() => outputFormat('chart', undefined, 'a.dta', 'svg'))).toContain('written by the table commands');
    expect(refused(() => outputFormat('table', 'csv', 'a.parquet', 'csv'))).toBe('-f csv and the extension .parquet (parquet) disagree');
    expect(refused(() => outputFormat('table', 'xlsx', 'a.txt', 'csv'))).toContain('disagree');
  });
});
