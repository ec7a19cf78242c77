/**
 * Issue 19, item 5: many inputs in bounded memory. compare and coverage of many files keep, of each file, only
 * what the output shows (its units' values, or its groups' sums), never its records: the runs below are given a
 * V8 heap far smaller than the records they read (NODE_OPTIONS=--max-old-space-size), and a run that held them
 * would die there. The peak resident sizes at 10,000 files are in the README's Reliability section.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.mjs';
import { runCli, scratchDir } from './helpers.js';

const PROVINCES = ['北京', '天津', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '上海', '江苏', '浙江', '安徽', '福建', '江西', '山东', '河南'];
const ONE_ROW_FILES = 500;
/** far below what the records of the inputs take once read (see each case) */
const SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=40' };

describe('many one-row files', () => {
  let folder: string;
  let names: string[];
  beforeAll(() => {
    folder = scratchDir();
    names = [];
    for (let index = 0; index < ONE_ROW_FILES; index += 1) {
      const name = `f${String(index).padStart(4, '0')}.csv`;
      // communities index + 100, population (index + 100) × 7000 persons: 7000 per community in every file
      writeFileSync(join(folder, name), `地区,社区数（个）,城镇人口（万人）\n${PROVINCES[index % PROVINCES.length]},${index + 100},${Math.floor(((index + 100) * 7) / 10)}.${((index + 100) * 7) % 10}\n`);
      names.push(name);
    }
  });

  it(`coverage of ${ONE_ROW_FILES} files: one row each, in a small heap`, () => {
    const run = runCli(['coverage', ...names, '-i', 'population_per_community', '-f', 'csv'], { cwd: folder, env: SMALL_HEAP });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('file,unit,communities,urban_population,population_per_community');
    expect(lines).toHaveLength(ONE_ROW_FILES + 1);
    expect(lines[1]).toBe('f0000.csv,北京,100,700000,7000');
    expect(lines.at(-1)).toBe(`f0499.csv,${PROVINCES[499 % PROVINCES.length]},599,4193000,7000`);
  });

  it(`compare of ${ONE_ROW_FILES} files: one edition each, in a small heap`, () => {
    const run = runCli(['compare', ...names, '-i', 'communities', '-f', 'csv'], { cwd: folder, env: SMALL_HEAP });
    expect(run.status).toBe(0);
    const [header = '', ...rows] = run.stdout.trimEnd().split('\n');
    const columns = header.split(',');
    expect(columns.filter((column) => column.startsWith('value_'))).toHaveLength(ONE_ROW_FILES);
    // 北京 is in files 0, 16, 32 …: its value in the first edition, missing in the second
    const beijing = rows.find((row) => row.startsWith('北京,'))!.split(',');
    expect(beijing[columns.indexOf('value_1')]).toBe('100');
    expect(beijing[columns.indexOf('value_2')]).toBe('');
    expect(beijing[columns.indexOf('value_17')]).toBe('116');
  });
});

describe('compare --by and coverage of large registers', () => {
  const FILES = 8;
  const ROWS = 40_000;
  let folder: string;
  let names: string[];
  beforeAll(async () => {
    folder = scratchDir();
    mkdirSync(join(folder, 'in'));
    // two registers of 40,000 communities (some 2 MiB each), each copied to four years: 320,000 rows in all,
    // whose rows, held, take ten times the 40 MiB heap the runs are given
    await generate(ROWS, join(folder, 'a.csv'), 1);
    await generate(ROWS, join(folder, 'b.csv'), 2);
    names = [];
    for (let index = 0; index < FILES; index += 1) {
      const name = join('in', `register-${2001 + index}.csv`);
      copyFileSync(join(folder, index % 2 === 0 ? 'a.csv' : 'b.csv'), join(folder, name));
      names.push(name);
    }
  });

  it('holds one file at a time: each year\'s regions as coverage --by region gives them for its file alone', () => {
    const args = ['--by', 'region', '--rows-are', 'communities', '-i', 'communities,population_per_community', '-f', 'csv'];
    const run = runCli(['compare', ...names, ...args, '--long'], { cwd: folder, env: SMALL_HEAP });
    expect(run.status).toBe(0);
    const long = run.stdout.trimEnd().split('\n').slice(1).map((line) => line.split(','));
    for (const [file, years] of [['a.csv', [2001, 2003, 2005, 2007]], ['b.csv', [2002, 2004, 2006, 2008]]] as const) {
      const alone = runCli(['coverage', file, ...args], { cwd: folder });
      expect(alone.status).toBe(0);
      const groups = alone.stdout.trimEnd().split('\n').slice(1).map((line) => line.split(','));
      expect(groups.map((group) => group[0]).sort()).toEqual(['东部', '中部', '西部'].sort());
      for (const [region, , communities, , perCommunity] of groups) {
        for (const year of years) {
          const values = long.filter((row) => row[0] === region && row[2] === String(year)).map((row) => [row[1], row[3]]);
          expect(values).toEqual([['communities', communities], ['population_per_community', perCommunity]]);
        }
      }
    }
  });

  it('coverage of four streams them one after the other: each file\'s rows as coverage gives them for it alone', () => {
    const args = ['--rows-are', 'communities', '-i', 'population_per_community,centers_per_10k_residents', '-f', 'csv'];
    const four = names.slice(0, 4);
    const run = runCli(['coverage', ...four, ...args], { cwd: folder, env: SMALL_HEAP });
    expect(run.status).toBe(0);
    const alone = Object.fromEntries(['a.csv', 'b.csv'].map((file) => [file, runCli(['coverage', file, ...args], { cwd: folder }).stdout.trimEnd().split('\n')]));
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    // register-2001.csv …: the year of each file from its name, after the unit
    expect(header).toBe(`file,unit,year,${alone['a.csv']![0]!.split(',').slice(1).join(',')}`);
    expect(rows).toHaveLength(4 * ROWS);
    four.forEach((name, index) => {
      const expected = alone[index % 2 === 0 ? 'a.csv' : 'b.csv']!.slice(1).map((line) => {
        const [unit, ...rest] = line.split(',');
        return [name, unit, String(2001 + index), ...rest].join(',');
      });
      expect(rows.slice(index * ROWS, (index + 1) * ROWS)).toEqual(expected);
    });
  });
});

describe('what coverage holds has a limit, not an out-of-memory crash', () => {
  // the limit is 1,000,000 rows (some 2.3 GB); SVC_STATS_HELD_ROWS lowers it to reach it with a fixture
  const LOW = { SVC_STATS_HELD_ROWS: '10' };
  it.each([['--totals'], ['--rank']])('%s of 64 rows beyond a limit of 10: exit 2, one line naming the limit and the way round it', (option) => {
    const run = runCli(['coverage', 'fixtures/synthetic/provinces-31.csv', option, '-f', 'csv'], { env: LOW });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('svc-stats: fixtures/synthetic/provinces-31.csv: more than 10 rows: --totals, --rank, --chart and files of differing columns hold every row (2.3 KB each) (without them rows are streamed, any number; totals of any size: --by COLUMN --totals)\n');
  });

  it('the same rows streamed (no --totals) are not limited', () => {
    const run = runCli(['coverage', 'fixtures/synthetic/provinces-31.csv', '-f', 'csv'], { env: LOW });
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1 + 64);
  });
});
