/**
 * Issue 10, end to end through the real binary: files shaped like real yearbook extracts
 * (fixtures/extracts/, all synthetic; its README says what each mimics) are read right, or refused with a
 * reason — never a silently wrong table.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runJson, scratchDir } from './helpers.js';

const X = (name: string): string => `fixtures/extracts/${name}`;

describe('1. label and year columns of any level', () => {
  it('a city table labelled 市 or 地级市 names its units', () => {
    expect(runJson(['coverage', X('cities-2008.csv'), '-i', 'population_per_community']).map((row) => row['unit']))
      .toEqual(['广州', '深圳', '珠海']);
    expect(runJson(['coverage', X('cities-2009.csv'), '-i', 'population_per_community']).map((row) => row['unit']))
      .toEqual(['珠海市', '广州市', '深圳市']);
  });

  it('城市 is the label column when its cells are text, the cities measure when they are numbers', () => {
    const labelled = runJson(['coverage', X('cities-chengshi-2009.csv'), '-i', 'population_per_community']);
    expect(labelled.map((row) => [row['unit'], row['population_per_community']])).toEqual([['珠海', 5577], ['广州', 5290], ['深圳', 10471]]);
    const run = runCli(['describe', X('provinces-cities-measure.csv'), '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').slice(1, 3).map((line) => line.split(',')[0])).toEqual(['communities', 'cities']);
  });

  it('with 省份 and 地市, the unit is the city; --by 省份, --by province and --by province,地市 group', () => {
    const units = runJson(['describe', X('prefectures-2009.csv'), '-i', 'communities']);
    expect(units[0]).toMatchObject({ n: 5, min_unit: '珠海', max_unit: '广州' });
    const byName = runJson(['coverage', X('prefectures-2009.csv'), '--by', '省份', '-i', 'population_per_community']);
    const byLevel = runJson(['coverage', X('prefectures-2009.csv'), '--by', 'province', '-i', 'population_per_community']);
    expect(byName).toEqual([
      { group: '广东', units: 3, communities: 2660, urban_population: 18550000, population_per_community: 6974 },
      { group: '江苏', units: 2, communities: 1900, urban_population: 13300000, population_per_community: 7000 },
    ]);
    expect(byLevel.map((row) => row['units'])).toEqual([3, 2]);
    const two = runJson(['coverage', X('prefectures-2009.csv'), '--by', 'province,地市', '-i', 'population_per_community']);
    expect(two.map((row) => [row['province'], row['city'], row['units']])).toEqual([
      ['广东', '广州', 1], ['广东', '深圳', 1], ['广东', '珠海', 1], ['江苏', '南京', 1], ['江苏', '苏州', 1],
    ]);
  });

  it('merged cells left blank below the first row of a block fill down (coarser labels and the year)', () => {
    const rows = runJson(['coverage', X('merged-cells-2009.csv'), '--by', '省份', '-i', 'population_per_community']);
    expect(rows.map((row) => [row['group'], row['units']])).toEqual([['广东', 3], ['江苏', 2]]);
    const units = runJson(['coverage', X('merged-cells-2009.csv'), '-i', 'population_per_community']);
    expect(units.map((row) => row['year'])).toEqual([2009, 2009, 2009, 2009, 2009]);
  });

  it('--label and --year name columns the header does not', () => {
    const input = '站点,统计期,社区数（个）,城镇人口（人）\n甲,2008,10,5000\n乙,2008,20,9000\n甲,2009,11,5200\n';
    const rows = runJson(['coverage', '-', '--label', '站点', '--year', '统计期', '-i', 'population_per_community'], { input });
    expect(rows.map((row) => [row['unit'], row['year']])).toEqual([['甲', 2008], ['乙', 2008], ['甲', 2009]]);
    const missing = runCli(['coverage', '-', '--label', 'nope'], { input });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--label nope: the input has no such column');
  });
});

describe('2. no positional matching', () => {
  it('compare, describe, equity, --by and --check-totals refuse a file with no label column, naming --label', () => {
    for (const args of [
      ['compare', X('no-label.csv'), X('no-label.csv')],
      ['describe', X('no-label.csv')],
      ['equity', X('no-label.csv'), '-i', 'population_per_community'],
      ['coverage', X('no-label.csv'), '--by', 'region'],
      ['verify', X('no-label.csv'), '--check-totals'],
      ['verify', X('no-label.csv'), '--expected', X('figures-unit-only.csv')],
    ]) {
      const run = runCli(args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/needs a column naming the unit of each row.*\(name it with --label COLUMN\)\n$/);
      expect(run.stdout).toBe('');
    }
  });

  it('coverage of a file with no label column still prints one row per input row', () => {
    expect(runJson(['coverage', X('no-label.csv'), '-i', 'population_per_community'])).toHaveLength(2);
  });

  it('two rows of one unit and year are an error naming both lines (北京 and 北京市 are one unit)', () => {
    for (const command of ['coverage', 'describe', 'compare']) {
      const args = command === 'compare' ? [command, X('duplicate-units.csv'), X('cities-2008.csv')] : [command, X('duplicate-units.csv')];
      const run = runCli(args);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`svc-stats: ${X('duplicate-units.csv')}:4: two rows of one unit in 2008: lines 2 and 4 (北京市) (keep one row per unit and year)\n`);
    }
  });
});

describe('3. years are never mixed', () => {
  it('coverage --by region --totals: one row per year and group, one total per year', () => {
    const run = runCli(['coverage', X('long-2008-2009.csv'), '--by', 'region', '--totals', '-i', 'population_per_community', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe([
      'year,group,units,communities,urban_population,population_per_community',
      '2008,东部,4,16200,108140000,6675',
      '2008,中部,1,3300,33970000,10294',
      '2008,西部,1,4100,30440000,7424',
      '2008,total,6,23600,172550000,7311',
      '2009,东部,4,16500,110150000,6676',
      '2009,中部,1,3400,35770000,10521',
      '2009,西部,1,4200,31680000,7543',
      '2009,total,6,24100,177600000,7369',
      '',
    ].join('\n'));
  });

  it('--by region,年份 groups by both, in the order given', () => {
    const rows = runJson(['coverage', X('long-2008-2009.csv'), '--by', 'region,年份', '-i', 'population_per_community']);
    expect(rows.map((row) => [row['region'], row['year'], row['units']])).toEqual([
      ['东部', 2008, 4], ['东部', 2009, 4], ['中部', 2008, 1], ['中部', 2009, 1], ['西部', 2008, 1], ['西部', 2009, 1],
    ]);
  });

  it('coverage --totals without --by: one total per year', () => {
    const rows = runJson(['coverage', X('long-2008-2009.csv'), '--totals', '-i', 'population_per_community']);
    expect(rows.filter((row) => row['unit'] === 'total').map((row) => [row['year'], row['communities']])).toEqual([[2008, 23600], [2009, 24100]]);
  });

  it('describe and equity: one row per year (n = 6, not 12), or --year Y', () => {
    const described = runJson(['describe', X('long-2008-2009.csv'), '-i', 'population_per_community']);
    expect(described.map((row) => [row['year'], row['n'], row['min_unit']])).toEqual([[2008, 6, '上海'], [2009, 6, '上海']]);
    const equity = runJson(['equity', X('long-2008-2009.csv'), '-i', 'centers_per_10k_residents', '--by', 'region']);
    expect(equity.map((row) => [row['year'], row['n']])).toEqual([[2008, 6], [2009, 6]]);
    const one = runJson(['describe', X('long-2008-2009.csv'), '-i', 'population_per_community', '--year', '2009']);
    expect(one).toHaveLength(1);
    expect(one[0]).not.toHaveProperty('year');
    expect(one[0]!['mean']).toBe(described[1]!['mean']);
    const none = runCli(['describe', X('long-2008-2009.csv'), '--year', '2010']);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe(`svc-stats: ${X('long-2008-2009.csv')}:1: no row of the year 2010\n`);
  });

  it('compare takes one long file and compares its years, by unit or by group', () => {
    const rows = runJson(['compare', X('long-2008-2009.csv'), '-i', 'communities']);
    expect(rows[1]).toEqual({ unit: '北京', indicator: 'communities', value_2008: 2600, value_2009: 2650, change_2009: 50, pct_change_2009: 1.92, cagr_2009: 1.92 });
    const groups = runJson(['compare', X('long-2008-2009.csv'), '--by', 'region', '-i', 'communities']);
    expect(groups.map((row) => [row['unit'], row['value_2008'], row['value_2009']])).toEqual([['东部', 16200, 16500], ['中部', 3300, 3400], ['西部', 4100, 4200]]);
  });
});

describe('4. yearbook sheet layouts', () => {
  const SHEET = X('sheet-2008.csv');

  it('reads a title, a blank row, a two-row header, a 全国 row, provinces and footnotes as they are', () => {
    const run = runCli(['coverage', SHEET, '-i', 'population_per_community,committee_members_per_community,centers_per_community', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe([
      'unit,communities,urban_population,committee_members,service_centers,population_per_community,committee_members_per_community,centers_per_community',
      '全国,23600,172550000,131100,1560,7311,5.56,0.07',
      '北京市,2600,14390000,15600,120,5535,6.00,0.05',
      '上海市,3700,15420000,22000,200,4168,5.95,0.05',
      '广东省,5200,52420000,30000,600,10081,5.77,0.12',
      '河南省,3300,33970000,17000,150,10294,5.15,0.05',
      '四川省,4100,30440000,20500,180,7424,5.00,0.04',
      '辽宁省,4700,25910000,26000,310,5513,5.53,0.07',
      '',
    ].join('\n'));
    expect(run.stderr).toBe([
      `svc-stats: ${SHEET}: title above the header, not data: 表4-2 各地区城市社区服务情况（2008年） / 单位：个、人、万人`,
      `svc-stats: ${SHEET}: the header of lines 4–5 read as one: 地区, 社区数（个）, 居委会成员数（人）, 社区服务中心（个）, 城镇人口（万人）`,
      `svc-stats: ${SHEET}: footnotes kept out of the data (lines 13, 14): 注：本表为合成数据，仿照年鉴表格的版式，全国为以上六省之和。 / 资料来源：svc-stats 测试用合成数据。`,
      '',
    ].join('\n'));
  });

  it('the sheet groups by region and checks its 全国 row like any table', () => {
    const grouped = runJson(['coverage', SHEET, '--by', 'region', '--totals', '-i', 'population_per_community']);
    expect(grouped.map((row) => [row['group'], row['units'], row['communities']])).toEqual([['东部', 4, 16200], ['中部', 1, 3300], ['西部', 1, 4100], ['total', 6, 23600]]);
    const totals = runCli(['verify', SHEET, '--check-totals', '-f', 'csv']);
    expect(totals.status).toBe(0);
    expect(totals.stderr).toContain('verify: 4 totals: 4 match');
  });

  it('a ragged row in the body is still an error; a footnote of one cell is not', () => {
    const folder = scratchDir();
    const ragged = join(folder, 'ragged.csv');
    writeFileSync(ragged, '地区,社区数（个）,城镇人口（万人）\n北京,2600,1439\n上海,3700\n广东,5200,5242\n注：合成。\n');
    const run = runCli(['coverage', ragged]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`svc-stats: ${ragged}:3:3: the row has 2 cells but the header has 3\n`);
    const footnote = join(folder, 'footnote.csv');
    writeFileSync(footnote, '地区,社区数（个）,城镇人口（万人）\n北京,2600,1439\n上海,3700,1542\n注：合成。\n本表不含香港、澳门特别行政区和台湾省。\n');
    const ok = runCli(['coverage', footnote, '-i', 'population_per_community', '-f', 'csv']);
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(3);
    expect(ok.stderr).toContain('footnotes kept out of the data (lines 4, 5)');
  });
});

describe('5. units must make sense', () => {
  it('a unit of the wrong kind is an error naming the column', () => {
    const run = runCli(['coverage', X('wrong-unit.csv')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`svc-stats: ${X('wrong-unit.csv')}:1:2: 社区数（元）: the unit '元' does not fit communities, which is counted in 个, 处, 所 … (write 社区数（个）, or fix the column)\n`);
    const persons = runCli(['coverage', '-'], { input: '地区,城镇人口（万个）,社区数（个）\n甲,1,2\n' });
    expect(persons.status).toBe(2);
    expect(persons.stderr).toContain("城镇人口（万个）: the unit '万个' does not fit urban_population, which is counted in 人, 万人");
  });

  it('a header without a unit is read in base units, with one note; an implausible value is a warning with its likely cause', () => {
    const run = runCli(['coverage', X('no-unit-2008.csv'), '-i', 'population_per_community', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe([
      `svc-stats: ${X('no-unit-2008.csv')}: no unit in the header of 社区数, 城镇人口: read in base units (个, 人)`,
      `svc-stats: warning: ${X('no-unit-2008.csv')}: population_per_community outside its plausible range 100–100000: 北京 (line 2) 0.5535, 上海 (line 3) 0.4168, 广东 (line 4) 1.008 (城镇人口 has no unit; if it is in 万人, write 城镇人口（万人）)`,
      '',
    ].join('\n'));
  });

  it('--strict turns the warning into exit 1, after the output', () => {
    const run = runCli(['coverage', X('no-unit-2008.csv'), '-i', 'population_per_community', '-f', 'csv', '--strict']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('北京,2600,1439,1');
    const describe = runCli(['describe', X('no-unit-2008.csv'), '-i', 'population_per_community', '--strict']);
    expect(describe.status).toBe(1);
    expect(describe.stderr).toContain('warning:');
  });

  it('社区数（万个） gives implausible figures and a warning to check that unit', () => {
    const run = runCli(['coverage', X('ten-thousand-communities.csv'), '-i', 'population_per_community', '-f', 'csv']);
    expect(run.stderr).toContain('(check the unit of 社区数（万个）)');
  });

  it('real extracts with units give no warning', () => {
    for (const file of ['data/2005.csv', X('long-2008-2009.csv'), X('sheet-2008.csv')]) {
      expect(runCli(['coverage', file, '--strict', '-f', 'csv']).status, file).toBe(0);
    }
  });
});

describe('6. totals of every spelling', () => {
  it('全国*, 全国（不含港澳台）, 总计 Total, 合计:, National total, 全国合计 are never summed', () => {
    const run = runCli(['coverage', X('total-spellings.csv'), '--by', 'region', '--totals', '-i', 'population_per_community', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('kept out of the groups, not summed: 全国* (line 2, a national/total row); 全国（不含港澳台） (line 5, a national/total row); 总计 Total (line 8, a national/total row); 合计: (line 11, a national/total row); National total (line 14, a national/total row); 全国合计 (line 17, a national/total row)');
    const totals = run.stdout.split('\n').filter((line) => line.includes(',total,'));
    expect(totals).toEqual([
      '2004,total,2,5400,43000000,7963', '2005,total,2,5500,44000000,8000', '2006,total,2,5600,45000000,8036',
      '2007,total,2,5700,46000000,8070', '2008,total,2,5800,47000000,8103', '2009,total,2,5900,48000000,8136',
    ]);
    for (const year of [2004, 2005, 2006, 2007, 2008, 2009]) expect(run.stderr).toMatch(new RegExp(`--totals ${year}: the input's total row .* agrees with the sum of the 2 units`));
    const check = runCli(['verify', X('total-spellings.csv'), '--check-totals']);
    expect(check.stderr).toBe('svc-stats: verify: 12 totals: 12 match\n');
  });

  it('--totals says when the input total disagrees', () => {
    const run = runCli(['coverage', X('total-disagrees.csv'), '--totals', '-i', 'population_per_community', '-f', 'csv']);
    expect(run.stderr).toBe(`svc-stats: ${X('total-disagrees.csv')}: --totals: the input's total row 全国 (line 2) differs from the sum of the 2 units: communities 6000 against 5400\n`);
  });

  it('--totals with no part rows is an error', () => {
    for (const args of [['coverage', X('totals-only.csv'), '--totals'], ['coverage', X('totals-only.csv'), '--totals', '--by', 'region'], ['coverage', 'data/2005.csv', '--totals']]) {
      const run = runCli(args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/--totals: no unit rows to add up.*only national\/total or "of which" rows \(a total row of the input is never summed\)\n$/);
    }
  });
});

describe('7. compare in time order', () => {
  it('files given newest first are compared from the earlier year, with a note; matched by name, not line', () => {
    const run = runCli(['compare', X('cities-2009.csv'), X('cities-2008.csv'), '-i', 'communities', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('svc-stats: compared in time order (2008, 2009), not in the order given (2009, 2008)\n');
    expect(run.stdout).toBe([
      'unit,indicator,value_2008,value_2009,change_2009,pct_change_2009,cagr_2009',
      '广州,communities,1500,1550,50,3.33,3.33',
      '深圳,communities,800,850,50,6.25,6.25',
      '珠海,communities,250,260,10,4.00,4.00',
      '',
    ].join('\n'));
  });

  it("a sheet's year comes from its title when it has no year column (表… （2009年）)", () => {
    const later = join(scratchDir(), 'sheet-b.csv');
    writeFileSync(later, '表4-2 各地区城市社区服务情况（2009年）,,\n地区,社区数（个）,城镇人口（万人）\n北京市,2650,1492\n');
    const run = runCli(['compare', later, X('sheet-2008.csv'), '-i', 'communities', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('compared in time order (2008, 2009), not in the order given (2009, 2008)');
    expect(run.stdout.split('\n')[0]).toBe('unit,indicator,value_2008,value_2009,change_2009,pct_change_2009,cagr_2009');
    expect(run.stdout).toContain('北京市,communities,2600,2650,50,1.92,1.92');
  });

  it('the same files oldest first give the same table, without the note', () => {
    const newest = runCli(['compare', X('cities-2009.csv'), X('cities-2008.csv'), '-f', 'csv']);
    const oldest = runCli(['compare', X('cities-2008.csv'), X('cities-2009.csv'), '-f', 'csv']);
    expect(oldest.stdout).toBe(newest.stdout);
    expect(newest.stderr).toContain('compared in time order');
    // the only note left is the one on exact and printed changes, the same both ways
    expect(oldest.stderr).not.toContain('time order');
    expect(oldest.stderr).toBe(newest.stderr.split('\n').filter((line) => !line.includes('time order')).join('\n'));
  });

  it('a change and its CAGR never disagree in sign on real data given newest first', () => {
    const rows = runJson(['compare', 'data/provinces-2009-divisions.csv', 'data/provinces-2005-divisions.csv', '-i', 'subdistricts']);
    expect(rows[0]).toMatchObject({ unit: '全国', value_2005: 6152, value_2009: 6686, change_2009: 534, cagr_2009: 2.1 });
  });
});

describe('8. verify finds figures by whatever keys they give', () => {
  it('year only, in a national series without a label column', () => {
    const run = runCli(['verify', X('national-2007-2009.csv'), '--expected', X('figures-year-only.csv'), '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('svc-stats: verify: 2 figures: 2 match\n');
  });

  it('unit only, in a one-year file (广州市 finds 广州)', () => {
    const run = runCli(['verify', X('cities-2008.csv'), '--expected', X('figures-unit-only.csv'), '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('svc-stats: verify: 2 figures: 2 match\n');
  });

  it('unit and year, in a long file; a unit alone there matches two rows and says so', () => {
    expect(runCli(['verify', X('long-2008-2009.csv'), '--expected', X('figures-both.csv')]).stderr).toBe('svc-stats: verify: 2 figures: 2 match\n');
    const ambiguous = runCli(['verify', X('long-2008-2009.csv'), '--expected', '-', '-f', 'csv'], { input: 'indicator,unit,expected\ncommunities,北京,2600\n' });
    expect(ambiguous.status).toBe(1);
    expect(ambiguous.stdout).toContain('more than one row of fixtures/extracts/long-2008-2009.csv matches: give unit and year');
  });
});

/** Files above this many bytes are read on threads in these tests (128 MiB by default): the same code, smaller files. */
const PARALLEL_MIN_BYTES = '65536';

describe('a long file read on threads gives what one pass gives', () => {
  it('groups by region and year, catches a duplicate unit across byte ranges, keeps a footnote out', () => {
    const folder = scratchDir();
    const path = join(folder, 'long.csv');
    const provinces = ['北京', '上海', '广东', '河南', '四川', '辽宁', '湖北', '甘肃'];
    const lines = ['省份,名称,年份,社区数（个）,城镇人口（人）'];
    for (let index = 0; index < 60_000; index += 1) { // ≈ 1.9 MB: well above PARALLEL_MIN_BYTES
      lines.push(`${provinces[index % provinces.length]},单位${index >> 1},${2008 + (index & 1)},${1 + (index % 7)},${3000 + (index % 5000)}`);
    }
    writeFileSync(path, `${lines.join('\n')}\n`);
    const run = (threads: number, file = path) => runCli(['coverage', file, '--by', 'region', '--totals', '-f', 'csv', '-i', 'population_per_community'], { env: { SVC_STATS_THREADS: String(threads), SVC_STATS_PARALLEL_MIN_BYTES: PARALLEL_MIN_BYTES } });
    const one = run(1);
    expect(one.status).toBe(0);
    expect(one.stdout.split('\n')[0]).toBe('year,group,units,communities,urban_population,population_per_community');
    expect(run(2).stdout).toBe(one.stdout);
    const footnoted = join(folder, 'footnoted.csv');
    writeFileSync(footnoted, `${lines.join('\n')}\n注：合成数据。,,,,\n`);
    const withNote = run(2, footnoted);
    expect(withNote.stdout).toBe(one.stdout);
    expect(withNote.stderr).toContain('footnotes kept out of the data (line 60002)');
    // 甘肃,单位3,2009 is line 9 (index 7); both label columns and the year make the unit
    appendFileSync(path, '甘肃,单位3,2009,1,1\n');
    const duplicated = [run(1), run(2)];
    expect(duplicated[0]!.stderr).toBe(`svc-stats: ${path}:60002: two rows of one unit in 2009: lines 9 and 60002 (单位3) (keep one row per unit and year)\n`);
    expect(duplicated[1]!.stderr).toBe(duplicated[0]!.stderr);
  }, 120_000);

  it('merged (blank) province cells fill down the same on threads: a range starting inside a block is read in one pass', () => {
    const path = join(scratchDir(), 'merged.csv');
    const provinces = ['北京', '上海', '广东', '河南', '四川', '辽宁', '湖北', '甘肃'];
    const lines = ['省份,名称,社区数（个）,城镇人口（人）'];
    for (let index = 0; index < 64_000; index += 1) {
      lines.push(`${index % 1000 === 0 ? provinces[(index / 1000) % 8] : ''},单位${index},${1 + (index % 7)},${3000 + (index % 5000)}`);
    }
    writeFileSync(path, `${lines.join('\n')}\n`);
    const run = (threads: number) => runCli(['coverage', path, '--by', 'region', '-f', 'csv', '-i', 'population_per_community'], { env: { SVC_STATS_THREADS: String(threads), SVC_STATS_PARALLEL_MIN_BYTES: PARALLEL_MIN_BYTES } });
    const one = run(1);
    expect(one.status).toBe(0);
    expect(one.stdout.trim().split('\n')).toHaveLength(4);
    expect(run(2).stdout).toBe(one.stdout);
  }, 120_000);
});
