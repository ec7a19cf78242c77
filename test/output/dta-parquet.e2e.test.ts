/**
 * Stata .dta and Parquet through the real binary, for every kind of table output: each file is read back — the
 * .dta by a reader written here from the format's description (dta-reader.ts) and, where Debian's python3-pandas
 * is installed (.ci/run installs it), by pandas too; the Parquet by DuckDB — and must give the csv output's
 * column names and numbers, and the variable labels of the run's --lang.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { variableNames } from '../../src/render/dta.js';
import { ROOT, runCli, scratchDir } from '../helpers.js';
import { readDta, shown } from './dta-reader.js';

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly lang: 'zh' | 'en';
}

const CASES: readonly Case[] = [
  { name: 'coverage with missing values', lang: 'zh',
    args: ['coverage', 'data/provinces-2007-community-services.csv', '--indicators-file', 'data/community-services-2007.json'] },
  { name: 'coverage by region with totals', lang: 'en', args: ['coverage', 'data/provinces-2007-community-services.csv', '--indicators-file', 'data/community-services-2007.json', '--by', 'region', '--totals'] },
  { name: 'compare', lang: 'zh', args: ['compare', 'data/provinces-2005-divisions.csv', 'data/provinces-2009-divisions.csv', '-i', 'subdistricts'] },
  { name: 'describe', lang: 'en', args: ['describe', 'data/provinces-2009-divisions.csv', '-i', 'subdistricts'] },
  { name: 'equity by region', lang: 'zh', args: ['equity', 'data/provinces-2009-divisions.csv', '-i', 'subdistricts', '--weight', 'none', '--by', 'region'] },
  { name: 'verify', lang: 'en', args: ['verify', 'data/2005.csv', '--expected', 'fixtures/verify/report-2005-tables.csv'] },
  { name: 'the indicator listing', lang: 'zh', args: ['indicators'] },
];

/** Debian's python3 with pandas (apt-get install python3-pandas), if this machine has it. */
const PANDAS_PYTHON = ['/usr/bin/python3', 'python3'].find((python) =>
  spawnSync(python, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0);

function csvOf(args: readonly string[]): string[][] {
  const run = runCli([...args, '-f', 'csv', '-q']);
  expect(run.status, run.stderr).toBe(0);
  return parse(run.stdout, { relax_column_count: false }) as string[][];
}

/** The header labels of a human format in `lang`, for the columns every format shows. */
function mdLabels(args: readonly string[], lang: string): string[] {
  const run = runCli([...args, '-f', 'md', '--lang', lang, '-q']);
  return run.stdout.split('\n')[0]!.split(' | ').map((cell) => cell.replace(/^\| |\s\|$/g, '').trim());
}

function written(args: readonly string[], extension: string, lang: string): Uint8Array {
  const path = join(scratchDir(), `out${extension}`);
  const run = runCli([...args, '-o', path, '--lang', lang, '-q']);
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(path);
}

interface ReadBack {
  columns: string[];
  labels: string[];
  rows: (number | string | null)[][];
}

function readByPandas(python: string, path: string): ReadBack {
  const script = `
import json, math, sys, pandas
reader = pandas.io.stata.StataReader(sys.argv[1])
frame = reader.read(convert_missing=False)
labels = reader.variable_labels()
out = {'columns': list(frame.columns), 'labels': [labels[c] for c in frame.columns], 'rows': []}
for record in frame.itertuples(index=False):
    out['rows'].append([None if isinstance(v, float) and math.isnan(v) else (v if isinstance(v, str) else float(v)) for v in record])
print(json.dumps(out, ensure_ascii=False))`;
  const run = spawnSync(python, ['-c', script, path], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as ReadBack;
}

function readByOwnReader(path: string): ReadBack {
  const dta = readDta(readFileSync(path));
  return { columns: dta.variables.map((variable) => variable.name), labels: dta.variables.map((variable) => variable.label), rows: dta.rows.map((row) => [...row]) };
}

/** `expected` when the double is the nearest of its decimal text, else the double's own text. */
function sameNumber(value: number, expected: string): string {
  return value === Number(expected) ? expected : String(value);
}

/** `expected` when both decimal texts are one number (79947.00 and 79947), else `read`. */
function sameDecimal(read: string, expected: string): string {
  const plain = (text: string): string => (text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text);
  return plain(read) === plain(expected) ? expected : read;
}

describe.each(CASES)('$name', ({ args, lang }) => {
  const [header, ...rows] = csvOf(args);

  it('-o .dta: format 118 with the csv ids, numbers and labels in --lang (read by a reader from the spec)', () => {
    const dta = readDta(written(args, '.dta', lang));
    expect(dta.release).toBe(118);
    expect(dta.variables.map((variable) => variable.name)).toEqual(variableNames(header!));
    expect(dta.rows).toHaveLength(rows.length);
    dta.variables.forEach((variable, index) => {
      const cells = rows.map((row) => row[index]!);
      if (variable.type === 'long' || variable.type === 'double') {
        const decimals = cells.filter((cell) => cell !== '').map((cell) => cell.split('.')[1]?.length ?? 0);
        if (new Set(decimals).size > 1) {
          // figures of different decimals in one column (verify's): the same numbers, shown %g
          expect(variable.format).toMatch(/^%\d+\.0g$/);
          expect(dta.rows.map((row) => (row[index] === null ? '' : sameNumber(row[index] as number, cells[dta.rows.indexOf(row)]!)))).toEqual(cells);
        } else {
          expect(variable.format).toMatch(new RegExp(`^%\\d+\\.${decimals[0] ?? 0}f$`));
          expect(dta.rows.map((row) => (row[index] === null ? '' : shown(row[index] as number, variable.format)))).toEqual(cells);
        }
      } else {
        expect(dta.rows.map((row) => row[index])).toEqual(cells);
      }
    });
    if (!header!.some((id) => id.endsWith('_zh'))) {
      expect(dta.variables.map((variable) => variable.label)).toEqual(mdLabels(args, lang));
    }
  });

  // pandas where Debian's python3-pandas is installed (.ci/run installs it); elsewhere the reader from the spec
  it(`-o .dta read by ${PANDAS_PYTHON === undefined ? 'the reader from the spec (no python3-pandas here)' : 'pandas'} gives the same names, numbers and labels`, () => {
    const path = join(scratchDir(), 'out.dta');
    expect(runCli([...args, '-o', path, '--lang', lang, '-q']).status).toBe(0);
    const read = PANDAS_PYTHON === undefined ? readByOwnReader(path) : readByPandas(PANDAS_PYTHON, path);
    const dta = readDta(readFileSync(path));
    expect(read.columns).toEqual(variableNames(header!));
    expect(read.labels).toEqual(dta.variables.map((variable) => variable.label));
    read.rows.forEach((row, observation) => row.forEach((value, index) => {
      const cell = rows[observation]![index]!;
      const { format } = dta.variables[index]!;
      if (typeof value === 'number') expect(format.endsWith('g') ? sameNumber(value, cell) : shown(value, format)).toBe(cell);
      else expect(value ?? '').toBe(cell);
    }));
  });

  it('-o .parquet: DuckDB reads the csv ids and the same numbers, exact decimals as DECIMAL', async () => {
    const path = join(scratchDir(), 'out.parquet');
    expect(runCli([...args, '-o', path, '--lang', lang, '-q']).status).toBe(0);
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const columns = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${path}')`)).getRowObjectsJson();
    expect(columns.map((column) => column['column_name'])).toEqual(header);
    const cast = columns.map((column) => `CAST("${String(column['column_name'])}" AS VARCHAR)`).join(', ');
    const read = (await connection.runAndReadAll(`SELECT ${cast} FROM read_parquet('${path}')`)).getRows();
    // a DECIMAL has one scale: verify's 79947 beside 5.67 reads back as 79947.00, the same number
    expect(read.map((row) => row.map((cell, index) => (cell === null ? '' : sameDecimal(String(cell), rows[read.indexOf(row)]![index]!))))).toEqual(rows);
    columns.forEach((column, index) => {
      const cells = rows.map((row) => row[index]!).filter((cell) => cell !== '');
      const type = String(column['column_type']);
      const decimals = Math.max(0, ...cells.map((cell) => cell.split('.')[1]?.length ?? 0));
      if (cells.length > 0 && cells.every((cell) => /^-?\d+(\.\d+)?$/.test(cell)) && type !== 'VARCHAR') {
        expect(type).toMatch(decimals === 0 ? /^BIGINT$/ : new RegExp(`^DECIMAL\\(\\d+,${decimals}\\)$`));
      }
    });
    const metadata = (await connection.runAndReadAll(`SELECT decode(value) AS value FROM parquet_kv_metadata('${path}') WHERE decode(key) = 'svc-stats.labels'`)).getRows();
    const labels = JSON.parse(String(metadata[0]![0])) as Record<string, string>;
    expect(Object.keys(labels)).toEqual(header);
    if (!header!.some((id) => id.endsWith('_zh'))) expect(Object.values(labels)).toEqual(mdLabels(args, lang));
    connection.closeSync();
  });
});

describe('the closed table of formats', () => {
  it.each([
    ['out.xls', '.xls is not a format svc-stats writes'],
    ['out.csv.gz', '.gz is not a format svc-stats writes'],
    ['out.png', '.png (png) is written by svc-stats chart, not by this command'],
    ['out.html', '.html (html) is written by svc-stats report, not by this command'],
  ])('coverage -o %s is refused (exit 2), nothing written', (name, message) => {
    const folder = scratchDir();
    const run = runCli(['coverage', 'data/2005.csv', '-o', join(folder, name)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('.csv .tsv .json .ndjson .jsonl .md .xlsx .dta .parquet');
    expect(existsSync(join(folder, name))).toBe(false);
  });

  it('-f and the extension disagreeing is refused; .txt takes any text format', () => {
    const folder = scratchDir();
    const run = runCli(['coverage', 'data/2005.csv', '-f', 'csv', '-o', join(folder, 'out.json')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('-f csv and the extension .json (json) disagree');
    expect(runCli(['coverage', 'data/2005.csv', '-f', 'dta', '-o', join(folder, 'out.txt')]).status).toBe(2);
    expect(runCli(['coverage', 'data/2005.csv', '-f', 'json', '-o', join(folder, 'out.txt')]).status).toBe(0);
    expect(JSON.parse(readFileSync(join(folder, 'out.txt'), 'utf8'))).toHaveLength(1);
  });

  it('chart and report refuse the extensions of the table commands', () => {
    const folder = scratchDir();
    const chart = runCli(['chart', 'data/2005.csv', '-o', join(folder, 'chart.csv')]);
    expect(chart.status).toBe(2);
    expect(chart.stderr).toContain('this command writes .svg .png');
    expect(runCli(['chart', 'data/2005.csv', '-f', 'png', '-o', join(folder, 'chart.svg')]).status).toBe(2);
    const report = runCli(['report', 'data/2005.csv', '-o', join(folder, 'report.pdf')]);
    expect(report.status).toBe(2);
    expect(report.stderr).toContain('this command writes .html .htm');
  });

  it('-o - is standard output, and no file named -', () => {
    const folder = scratchDir();
    const run = runCli(['coverage', join(ROOT, 'data/2005.csv'), '-o', '-', '-i', 'population_per_community'], { cwd: folder });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.startsWith('unit,year,')).toBe(true); // csv in a pipe, and no BOM as into a file
    expect(existsSync(join(folder, '-'))).toBe(false);
  });

  it('a name without an extension is csv, as before', () => {
    const path = join(scratchDir(), 'coverage-table');
    expect(runCli(['coverage', 'data/2005.csv', '-o', path, '-i', 'population_per_community']).status).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain('population_per_community');
  });
});
