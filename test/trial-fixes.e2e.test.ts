/**
 * Defects a new-user trial found on yearbook-shaped inputs (each was a silently wrong table or a refusal of
 * svc-stats' own output), kept as end-to-end cases through the real binary.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './helpers.js';

const folder = scratchDir();
function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

describe('subtotal, province-total and average rows are never summed as units', () => {
  const sub = file('sub.csv', `省份,地级市,社区数（个）,城镇人口（万人）
广东省,小计,2660,1930
广东省,广州市,1000,800
广东省,深圳市,900,700
广东省,珠海市,760,430
湖北省,湖北省合计,1100,700
湖北省,武汉市,1100,700
全国,,3760,2630
,全国平均,940,650
`);

  it('--by sums the units only: 广东省 2660 communities, not 5320', () => {
    const run = runCli(['coverage', sub, '--by', '省份', '--totals', '-i', 'population_per_community', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('group,units,communities,urban_population,population_per_community\n'
      + '广东省,3,2660,19300000,7256\n湖北省,1,1100,7000000,6364\ntotal,4,3760,26300000,6995\n');
    expect(run.stderr).toContain('小计 (line 2, a national/total row)');
  });

  it('--check-totals checks the national row (全国 in the province column, the city blank) and no subtotal', () => {
    const run = runCli(['verify', sub, '--check-totals', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      'total_label,measure,total,sum_of_parts,difference,parts,parts_missing,status',
      '全国,communities,3760,3760,0,4,,match',
      '全国,urban_population,26300000,26300000,0,4,,match',
    ]);
  });

  it('describe counts units only', () => {
    const run = runCli(['describe', sub, '-i', 'communities', '-f', 'csv']);
    expect(run.stdout).toMatch(/^indicator,n,[^\n]*\ncommunities,4,/);
  });
});

describe('spellings of the national row are one unit across editions', () => {
  it('compare matches 全国合计 with 全国', () => {
    const a = file('n2008.csv', '地区,年份,社区数\n全国合计,2008,100\n北京,2008,10\n');
    const b = file('n2009.csv', '地区,年份,社区数\n全国,2009,110\n北京,2009,11\n');
    const run = runCli(['compare', a, b, '-i', 'communities', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[1]).toMatch(/^全国合计,communities,100,110,10,/);
    expect(run.stderr).not.toContain('units not in every file');
  });
});

describe('svc-stats reads what it writes', () => {
  it('a --by output (first column `group`) is a table of units', () => {
    const grouped = join(folder, 'by-province.csv');
    const reg = file('reg.csv', '省份,社区,城镇人口\n北京,A,100\n北京,B,300\n河北,C,200\n');
    expect(runCli(['coverage', reg, '--by', '省份', '--rows-are', 'communities', '-o', grouped]).status).toBe(0);
    const run = runCli(['describe', grouped, '-i', 'population_per_community', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\npopulation_per_community,2,0,200\.0000,/);
  });

  it('an xlsx written with English labels reads back with every measure', () => {
    const workbook = join(folder, 'out.xlsx');
    expect(runCli(['coverage', 'data/2005.csv', '--lang', 'en', '-o', workbook]).status).toBe(0);
    const run = runCli(['coverage', workbook, '-f', 'csv', '-i', 'committee_members_per_community,centers_per_community']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[1]).toBe('全国,2005,79947,453543,8479,5.67,0.11');
  });
});

describe('a unit after a blank or a slash', () => {
  it('城镇人口 万人 and 社区数/个 are read with their units', () => {
    const run = runCli(['coverage', file('u.csv', '地区,城镇人口 万人,社区数/个\n北京,1000,200\n'), '-f', 'csv', '-i', 'population_per_community']);
    expect(run.stdout).toBe('unit,communities,urban_population,population_per_community\n北京,200,10000000,50000\n');
  });
});

describe('the unit line of a sheet (单位：个、万人)', () => {
  it('gives a header without a unit the one unit of the line that counts what it counts', () => {
    const sheet = file('unit-line.csv', '表4-2 各地区城市社区服务情况（2008年）,,,\n单位：个、万人,,,\n地区,社区数,城镇人口,社区服务中心数\n全国,130378,98065,9332\n北京,705,691,39\n');
    const run = runCli(['coverage', sheet, '-f', 'csv', '-i', 'population_per_community']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('unit,communities,urban_population,population_per_community\n全国,130378,980650000,7522\n北京,705,6910000,9801\n');
    expect(run.stderr).toContain('units from the unit line above the header: 社区数 in 个, 城镇人口 in 万人, 社区服务中心数 in 个');
  });

  it('a unit line with two units for persons decides nothing: the header is read in base units, with the note', () => {
    const sheet = file('unit-line-two.csv', '单位：人、万人,,\n地区,社区数,城镇人口\n北京,705,6910000\n');
    const run = runCli(['coverage', sheet, '-f', 'csv', '-i', 'population_per_community']);
    expect(run.stdout).toBe('unit,communities,urban_population,population_per_community\n北京,705,6910000,9801\n');
    expect(run.stderr).toMatch(/no unit in the header of [^:]*城镇人口/);
  });
});

describe('a semicolon-separated sheet with a title line', () => {
  it('the plain title line does not decide the delimiter', () => {
    const sheet = file('semicolon-title.csv', '表4-2 各地区城市社区服务情况（2008年）\n地区;社区数（个）;城镇人口（万人）\n北京;705;691\n');
    const run = runCli(['coverage', sheet, '-f', 'csv', '-i', 'population_per_community']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('unit,communities,urban_population,population_per_community\n北京,705,6910000,9801\n');
    expect(run.stderr).toContain("read as separated by ';'");
  });
});
