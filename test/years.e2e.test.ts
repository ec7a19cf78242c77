// Years everywhere (issue 18 item 5, issue 19): the title's year and the file name's year in every command,
// 时间 / 统计年度 / 年度 headers, years outside 1949–2100 refused, file-name dates, two editions of one year.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { yearFromName, yearFromTitle } from '../src/catalogue/columns.js';
import { fixture, runCli, scratchDir } from './helpers.js';

const TITLED = fixture('years', 'titled.csv'); // 表1 各地区社区服务（2008年）, no year column

describe('the year of a table without a year column', () => {
  it('from the title or the file name; dates in file names give their year; codes do not', () => {
    expect(yearFromTitle(['表1 各地区社区服务（2008年）'])).toBe(2008);
    expect(yearFromTitle(['表１ （２００９年）'])).toBe(2009);
    expect(yearFromTitle(['表4-2 单位：个'])).toBeUndefined();
    expect(yearFromName('data/extract-20091231.csv')).toBe(2009);
    expect(yearFromName('report-200912.csv')).toBe(2009);
    expect(yearFromName('2009-12-31.csv')).toBe(2009);
    expect(yearFromName('provinces-2009-divisions.csv')).toBe(2009);
    expect(yearFromName('extract-20091341.csv')).toBeUndefined(); // month 13: not a date
    expect(yearFromName('table-0000.csv')).toBeUndefined();
    expect(yearFromName('code-110101.csv')).toBeUndefined();
  });

  it('--year YEAR reads every row of a table of that year, in coverage, describe and equity', () => {
    const coverage = runCli(['coverage', TITLED, '--year', '2008', '-i', 'population_per_community', '-f', 'csv']);
    expect(coverage.status).toBe(0);
    expect(coverage.stdout).toBe('unit,communities,urban_population,population_per_community\n北京,2600,14390000,5535\n上海,3700,15420000,4168\n');
    const describe = runCli(['describe', TITLED, '--year', '2008', '-i', 'population_per_community', '-f', 'csv']);
    expect(describe.status).toBe(0);
    expect(describe.stdout.split('\n')[1]).toMatch(/^population_per_community,2,0,4851\.0915,/);
    const equity = runCli(['equity', TITLED, '--year', '2008', '-i', 'population_per_community', '--weight', 'none', '-f', 'csv']);
    expect(equity.status).toBe(0);
  });

  it('--year of another year: no rows, saying what year the table is and where that came from', () => {
    const run = runCli(['coverage', TITLED, '--year', '2009']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`svc-stats: ${TITLED}:2: no row of the year 2009: the input is of 2008 (from its title)\n`);
  });

  it('the file name gives the year when the title does not (extract-20091231.csv is of 2009)', () => {
    const folder = scratchDir();
    const file = join(folder, 'extract-20091231.csv');
    copyFileSync(fixture('extracts', 'cities-2009.csv'), file);
    expect(runCli(['coverage', file, '--year', '2009', '-f', 'csv']).status).toBe(0);
    const other = runCli(['coverage', file, '--year', '2008']);
    expect(other.stderr).toBe(`svc-stats: ${file}:1: no row of the year 2008: the input is of 2009 (from its file name)\n`);
    // compare puts it after the 2008 edition
    const compare = runCli(['compare', file, fixture('extracts', 'cities-2008.csv'), '-i', 'communities', '-f', 'csv']);
    expect(compare.stdout.split('\n')[0]).toBe('unit,indicator,value_2008,value_2009,change_2009,pct_change_2009,cagr_2009');
  });

  it('verify: figures keyed by year match the title year; another year is missing', () => {
    const run = runCli(['verify', TITLED, '--expected', fixture('years', 'figures-2008.csv'), '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('svc-stats: verify: 2 figures: 2 match\n');
    const other = runCli(['verify', TITLED, '--expected', fixture('years', 'figures-2009.csv'), '-f', 'csv']);
    expect(other.status).toBe(1);
    expect(other.stdout).toContain(`missing,,,"no row of ${TITLED} matches unit '北京', year 2009"`);
  });

  it('coverage of several files shows the year each gives', () => {
    const run = runCli(['coverage', fixture('extracts', 'cities-2008.csv'), fixture('extracts', 'cities-2009.csv'), '-i', 'population_per_community', '-f', 'csv']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('file,unit,year,communities,urban_population,population_per_community');
    expect(lines.slice(1).map((line) => line.split(',')[2])).toEqual(['2008', '2008', '2008', '2009', '2009', '2009']);
  });
});

describe('year columns and year cells', () => {
  it('时间 is a year column: a --rows-are register never sums two years together', () => {
    const run = runCli(['coverage', fixture('years', 'register-shijian.csv'), '--by', 'province', '--rows-are', 'communities', '-i', 'committee_members_per_community', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('year,group,units,communities,committee_members,committee_members_per_community\n'
      + '2008,北京,2,2,12,6.00\n2009,北京,2,2,14,7.00\n2009,上海,1,1,9,9.00\n');
  });

  it('统计年度 with 2008年度 cells is a year column', () => {
    const run = runCli(['compare', fixture('years', 'tongji-niandu.csv'), '-i', 'communities', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('unit,indicator,value_2008,value_2009,change_2009,pct_change_2009,cagr_2009\n北京,communities,2600,2650,50,1.92,1.92\n');
  });

  it.each([['year-0000.csv', '0000'], ['year-2208.csv', '2208']])('%s: a year outside 1949–2100 is refused where it is', (name, year) => {
    const file = fixture('years', name);
    const run = runCli(['coverage', file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`svc-stats: ${file}:3:1: the year '${year}' is outside 1949–2100 (fix the year cell)\n`);
  });

  it('--year 0000 is refused as no year', () => {
    const run = runCli(['coverage', 'data/2005.csv', '--year', '0000']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('svc-stats: --year 0000: not a year from 1949 to 2100\n');
  });
});

describe('two editions of one year', () => {
  it('that disagree: a note names the unit, the measure and both values', () => {
    const first = fixture('years', 'cities-2009-first-edition.csv');
    const revised = fixture('years', 'cities-2009-revised.csv');
    const run = runCli(['compare', first, revised, '-i', 'communities', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('unit,indicator,value_1,value_2,change_2,pct_change_2\n广州市,communities,1550,1560,10,0.65\n深圳市,communities,850,850,0,0.00\n');
    expect(run.stderr).toContain(`svc-stats: two editions of 2009 disagree (${first}, ${revised}), 1 value: 广州市 communities 1550 in ${first}, 1560 in ${revised}; compared in the order given\n`);
  });

  it('that agree: a note says so', () => {
    const first = fixture('years', 'cities-2009-first-edition.csv');
    const run = runCli(['compare', first, first, '-i', 'communities', '-f', 'csv']);
    expect(run.stderr).toContain(`two editions of 2009 (${first}, ${first}): their common units agree; compared in the order given`);
  });
});
