/**
 * `svc-stats sql`: the DuckDB query, run through @duckdb/node-api, gives byte for byte what `svc-stats coverage -f csv`
 * gives with the same options — every built-in indicator, each rounding mode, --by (columns, region, two parts),
 * --totals, years, user formulas, half-way cases, and a generated register of 200,000 communities — or, where
 * coverage refuses the input, the query stops too. The Spark and PostgreSQL texts are checked against goldens, and
 * the PostgreSQL query is run on a server when .ci/run has started one (SVC_STATS_PG_SOCKET: its socket folder).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.mjs';
import { SQL_GOLDENS } from './golden/sql/cases.mjs';
import { runCli, scratchDir } from './helpers.js';

let connection: DuckDBConnection;
let closeDuckDb: () => void;

beforeAll(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  closeDuckDb = () => {
    connection.closeSync();
    instance.closeSync();
  };
});
afterAll(() => closeDuckDb());

/** A result as coverage's csv writes it: a header of ids, empty for missing, quotes where a cell needs them. */
function csvOf(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cell = (value: unknown): string => {
    if (value === null) return '';
    const text = String(value);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns.join(','), ...rows.map((row) => row.map(cell).join(','))].map((line) => `${line}\n`).join('');
}

async function duckDbCsv(sql: string): Promise<{ csv?: string; error?: string }> {
  try {
    const reader = await connection.runAndReadAll(sql);
    return { csv: csvOf(reader.columnNames(), reader.getRows()) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function sqlText(args: readonly string[]): string {
  const run = runCli(['sql', ...args]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

/** The query's result against coverage's csv; where coverage exits 2, the query must stop with an error. */
async function expectAgreement(args: readonly string[]): Promise<string> {
  const coverage = runCli(['coverage', ...args, '-f', 'csv', '-q']);
  const result = await duckDbCsv(sqlText(args));
  if (coverage.status === 2) {
    expect(result.error, `coverage refused (${coverage.stderr.trim()}), the query did not`).toBeDefined();
    return coverage.stderr;
  }
  expect(coverage.status).toBe(0);
  expect(result.error).toBeUndefined();
  expect(result.csv).toBe(coverage.stdout);
  return coverage.stdout;
}

const HALF_WAY = 'fixtures/sql/half-way.csv';
const FORMULAS = ['--indicators-file', 'fixtures/sql/formulas.json', '-i', 'places_per_100_communities,residents_beyond_members_10k,members_per_center_share'];

describe('sql --dialect duckdb agrees with coverage', () => {
  it('every built-in indicator, the report\'s 2005 figures', async () => {
    const output = await expectAgreement(['data/2005.csv']);
    expect(output).toContain('全国,2005,79947,562120000,453543,8479,194796,5904,7031,5.67,0.11,9.43,0.15,6.63,2.44,13.54,1239');
  });

  for (const mode of ['half-up', 'half-even', 'truncate', 'ceiling', 'floor']) {
    it(`half-way cases rounded ${mode}, per row, by region with totals, and user formulas`, async () => {
      const rows = await expectAgreement([HALF_WAY, '--rounding', mode]);
      await expectAgreement([HALF_WAY, '--rounding', mode, '--by', 'region', '--totals']);
      await expectAgreement([HALF_WAY, '--rounding', mode, '--totals', ...FORMULAS]);
      // 6.5 persons per community (北京市), 0.125 committee members (天津), 0.005 万 residents per centre (辽宁)
      const expected = { 'half-up': ['北京市,2,13,1,0,3,7,', '天津,8,60,1,1,1,8,0.13,'], 'half-even': ['北京市,2,13,1,0,3,6,', '天津,8,60,1,1,1,8,0.12,'],
        truncate: ['北京市,2,13,1,0,3,6,', '天津,8,60,1,1,1,7,0.12,'], ceiling: ['北京市,2,13,1,0,3,7,', '天津,8,60,1,1,1,8,0.13,'],
        floor: ['北京市,2,13,1,0,3,6,', '天津,8,60,1,1,1,7,0.12,'] }[mode]!;
      for (const start of expected) expect(rows).toContain(start);
    });
  }

  const fixtures: [string, ...string[]][] = [
    ['fixtures/good/2005-bom-crlf.csv'],
    ['fixtures/good/2005-english.csv', '--rounding', 'half-even'],
    ['fixtures/good/2005-fullwidth-digits.csv'],
    ['fixtures/synthetic/provinces-coverage.csv', '--by', 'region', '--regions', 'four', '--totals'],
    ['fixtures/synthetic/provinces-coverage-2009.csv', '--by', 'region', '--decimals', '5', '--rounding', 'floor'],
    ['fixtures/extracts/long-2008-2009.csv', '--by', 'region', '--totals'],
    ['fixtures/extracts/long-2008-2009.csv', '--by', 'region,年份', '--totals'],
    ['fixtures/extracts/long-2008-2009.csv', '--year', '2009', '--by', 'region', '--totals'],
    ['fixtures/extracts/long-2008-2009.csv', '--totals'],
    ['fixtures/extracts/merged-cells-2009.csv', '--totals'],
    ['fixtures/extracts/merged-cells-2009.csv', '--by', 'province'],
    ['fixtures/extracts/prefectures-2009.csv', '--by', 'province,city', '--totals'],
    ['fixtures/extracts/total-spellings.csv', '--by', 'region', '--totals'],
    ['fixtures/extracts/total-disagrees.csv', '--totals'],
    ['fixtures/extracts/ten-thousand-communities.csv', '--by', 'region'],
    ['fixtures/extracts/no-unit-2008.csv', '--totals'],
    ['fixtures/extracts/cities-2009.csv', '--totals', '-i', 'population_per_community'],
    ['data/provinces-2007-community-services.csv', '--indicators-file', 'data/community-services-2007.json', '--by', 'region', '--totals'],
    // refused by both: no unit rows to add
    ['fixtures/extracts/totals-only.csv', '--by', 'region', '--totals'],
    ['data/2005.csv', '--totals'],
  ];
  it(`the fixtures it accepts (${fixtures.length} runs)`, async () => {
    for (const args of fixtures) await expectAgreement(args);
  });

  it('a city table by region: coverage places cities through the gazetteer, the query stops (its regions know provinces only)', async () => {
    const args = ['fixtures/extracts/cities-2009.csv', '--by', 'region'];
    expect(runCli(['coverage', ...args, '-f', 'csv', '-q']).status).toBe(0);
    const result = await duckDbCsv(sqlText(args));
    expect(result.error).toContain('not a province, so its region is unknown: ');
  });

  it('a bad cell stops the query as it stops coverage', async () => {
    const dir = scratchDir();
    const file = join(dir, 'bad.csv');
    writeFileSync(file, '地区,社区数（个）,城镇人口（万人）\n北京,10,5\n天津,x1,6\n');
    const stderr = await expectAgreement([file]);
    expect(stderr).toContain("'x1' is not a number");
    expect((await duckDbCsv(sqlText([file]))).error).toContain('社区数（个）: not a number: x1');
  });

  it('a generated register of 200,000 communities (万人 with mixed decimals) by region with totals; 20,000 by province and per row', async () => {
    const dir = scratchDir();
    const plain = join(dir, 'register.csv');
    const mixed = join(dir, 'register-mixed.csv');
    await generate(20_000, plain);
    await generate(200_000, mixed, 20051231, 'mixed');
    await expectAgreement([plain, '--rows-are', 'communities', '--by', 'province', '-i', 'population_per_community,centers_per_10k_residents']);
    const regions = await expectAgreement([mixed, '--rows-are', 'communities', '--by', 'region', '--totals', '--rounding', 'half-even']);
    expect(regions.trim().split('\n')).toHaveLength(5);
    await expectAgreement([plain, '--rows-are', 'communities', '-i', 'population_per_community,centers_per_10k_residents']);
  }, 60_000);
});

describe('sql refuses what SQL cannot read', () => {
  it('a sheet layout (a title, a header of two rows): export a clean CSV', () => {
    const run = runCli(['sql', 'fixtures/extracts/sheet-2008.csv']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^svc-stats: fixtures\/extracts\/sheet-2008.csv:\d+: a title above the header cannot be skipped by SQL \(export the table as a clean CSV/);
  });

  it('Spark and PostgreSQL read a table: --table is required', () => {
    const run = runCli(['sql', 'data/2005.csv', '--dialect', 'spark']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--dialect spark reads a table of the warehouse: name it with --table NAME');
  });

  it('DuckDB reads Parquet with read_parquet, a table by name, and Chinese headers quoted as written', () => {
    const sql = sqlText(['--columns', '省份,社区数（个）,城镇人口（万人）', '--source', 'registers/*.parquet', '--by', 'region']);
    expect(sql).toContain("FROM read_parquet('registers/*.parquet')");
    expect(sql).toContain('CAST("城镇人口（万人）" AS VARCHAR)');
    expect(sqlText(['--columns', '省份,社区数', '--table', 'yearbook', '-i', 'communities_per_center,population_per_community', '--rows-are', 'service_centers'])).toContain('FROM yearbook\n');
  });
});

describe('sql --dialect spark and postgres: the texts against their goldens', () => {
  for (const golden of SQL_GOLDENS) {
    it(golden.name, () => {
      expect(sqlText(golden.args.slice(1))).toBe(readFileSync(golden.file, 'utf8'));
    });
  }
});

/** PostgreSQL, when .ci/run has started a server on a local socket; otherwise only the goldens above. */
const PG_SOCKET = process.env['SVC_STATS_PG_SOCKET'];
describe.runIf(PG_SOCKET !== undefined)('sql --dialect postgres on a PostgreSQL server', () => {
  const psql = (args: readonly string[], input?: string): { status: number | null; stdout: string; stderr: string } => {
    const run = spawnSync('psql', ['-X', '-q', '-h', PG_SOCKET!, '-p', process.env['SVC_STATS_PG_PORT'] ?? '5432', '-U', 'postgres',
      '-v', 'ON_ERROR_STOP=1', ...args], { encoding: 'utf8', input });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  const load = (file: string, table: string): void => {
    const [header] = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
    const columns = header!.split(',').map((name) => `"${name}" text`).join(', ');
    const csv = readFileSync(file, 'utf8');
    expect(psql(['-c', `DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (${columns});`]).status).toBe(0);
    expect(psql(['-c', `\\copy ${table} FROM STDIN WITH (FORMAT csv, HEADER true)`], csv).status).toBe(0);
  };
  const cases: [string, string, ...string[]][] = [
    [HALF_WAY, 'half_way', '--rounding', 'half-even', '--by', 'region', '--totals'],
    [HALF_WAY, 'half_way', '--rounding', 'half-up', '--totals', ...FORMULAS],
    ['fixtures/extracts/long-2008-2009.csv', 'long_years', '--by', 'region,年份', '--totals'],
    ['fixtures/extracts/merged-cells-2009.csv', 'merged_cells', '--totals'],
    ['fixtures/extracts/total-spellings.csv', 'total_spellings', '--by', 'region', '--totals', '--rounding', 'truncate'],
  ];
  for (const [file, table, ...args] of cases) {
    it(`${file} ${args.join(' ')}`, () => {
      load(file, table);
      const sql = sqlText([file, '--dialect', 'postgres', '--table', table, ...args]);
      const result = psql(['--csv', '-f', '-'], sql);
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(runCli(['coverage', file, '-f', 'csv', '-q', ...args]).stdout);
    });
  }
});
