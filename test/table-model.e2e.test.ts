/**
 * Issue 18 (part A), end to end through the real binary: each layout of a yearbook table the table model reads
 * (fixtures/extracts/, synthetic; its README says what each mimics) gives the right numbers, or is refused with
 * a message saying what to add.
 */
import { describe, expect, it } from 'vitest';
import { runCli, runJson } from './helpers.js';

const X = (name: string): string => `fixtures/extracts/${name}`;

describe('parents: a unit whose units follow is checked against them, never summed', () => {
  it('a province row with its city cell blank above its cities (the issue example)', () => {
    const run = runCli(['describe', X('parent-example.csv'), '-i', 'communities', '-f', 'csv']);
    expect(run.status).toBe(0);
    // two units, 朝阳 100 and 海淀 200: mean 150, so the total is 300, not 600
    expect(run.stdout.split('\n')[1]!.split(',').slice(0, 4)).toEqual(['communities', '2', '0', '150.0000']);
    expect(run.stderr).toContain('rows above their units checked against them, not summed: 北京 (line 2) agrees with the sum of its 2 units');
  });

  it('--by 省份 sums the cities only, and the parent that disagrees is named with both figures', () => {
    const run = runCli(['coverage', X('province-parents.csv'), '--by', '省份', '--totals', '-i', 'population_per_community', '-f', 'json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { group: '北京', units: 2, communities: 300, urban_population: 300000, population_per_community: 1000 },
      { group: '广东', units: 2, communities: 650, urban_population: 650000, population_per_community: 1000 },
      { group: 'total', units: 4, communities: 950, urban_population: 950000, population_per_community: 1000 },
    ]);
    expect(run.stderr).toContain('广东 (line 5): 城镇人口 660000 ≠ 650000 人, the sum of its 2 units');
    // describe and equity count the four cities, not six rows
    expect(runJson(['describe', X('province-parents.csv'), '-i', 'communities'])[0]).toMatchObject({ n: 4, min_unit: '朝阳', max_unit: '广州' });
  });

  it('without a level column, 北京市 above 海淀区 and 朝阳区 is found by the gazetteer; --by province works from it', () => {
    const units = runJson(['coverage', X('parents-no-level-2009.csv'), '-i', 'population_per_community']).map((row) => row['unit']);
    expect(units).toEqual(['海淀区', '朝阳区', '广州市', '深圳市']);
    const run = runCli(['coverage', X('parents-no-level-2009.csv'), '--by', 'province', '--totals', '-i', 'population_per_community', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('group,units,communities,urban_population,population_per_community\n'
      + '北京,2,300,300000,1000\n广东,2,650,650000,1000\ntotal,4,950,950000,1000\n');
    expect(run.stderr).toContain('北京市 (line 3) agrees with the sum of its 2 units, 广东省 (line 6) agrees with the sum of its 2 units');
  });

  it('--by province of a city table without a province column; a district of two provinces is refused', () => {
    const run = runCli(['coverage', X('cities-2008.csv'), '--by', 'province', '-i', 'population_per_community', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[1]!.startsWith('广东,3,')).toBe(true);
    const ambiguous = runCli(['coverage', '-', '--by', 'province', '-f', 'csv'], { input: '区县,社区数（个）,城镇人口（万人）\n朝阳区,100,10\n' });
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toBe("svc-stats: <stdin>:2:1: '朝阳区' may lie in 北京市, 吉林省: its province is not known for sure (add a 省份 column, or a 行政区划代码 column)\n");
  });
});

describe('rows that are not units', () => {
  it('region subtotals among provinces are kept out and checked against their provinces', () => {
    const run = runCli(['coverage', X('region-subtotals.csv'), '--by', 'region', '--totals', '-i', 'population_per_community', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('group,units,communities,urban_population,population_per_community\n'
      + '东部,2,1000,1000000,1000\n中部,1,250,250000,1000\n西部,1,300,300000,1000\ntotal,4,1550,1550000,1000\n');
    expect(run.stderr).toContain('东部 (line 3, a region subtotal) agrees with the sum of its 2 units');
  });

  it('indented 城市 / 农村 sub-rows and 其中 in the coarser column are "of which" rows', () => {
    const indented = runJson(['coverage', X('indented-sub-rows.csv'), '-i', 'population_per_community']);
    expect(indented.map((row) => [row['unit'], row['communities']])).toEqual([['北京', 300], ['上海', 700]]);
    const run = runCli(['coverage', X('of-which-coarser.csv'), '--by', '省份', '-i', 'population_per_community', '-f', 'csv']);
    expect(run.stdout).toBe('group,units,communities,urban_population,population_per_community\n广东,2,650,650000,1000\n江苏,1,300,300000,1000\n');
    expect(run.stderr).toContain('"of which" sub-rows kept out of the sums: 其中：经济特区 (line 4)');
  });

  it('a column-code row (甲,1,2,3 or ,1,2,3) is no unit: --check-totals finds no false gap', () => {
    for (const name of ['column-codes-2008.csv', 'column-codes-blank.csv']) {
      const run = runCli(['verify', X(name), '--check-totals', '-f', 'csv']);
      expect(run.status).toBe(0);
      expect(run.stdout.split('\n').filter((line) => line.endsWith(',match'))).toHaveLength(3);
      expect(runCli(['coverage', X(name), '-f', 'csv']).stderr).toContain('column codes under the header, not data');
    }
  });

  it('续表 and the header repeated below it are not data', () => {
    const units = runJson(['coverage', X('continued-2009.csv'), '-i', 'population_per_community']).map((row) => row['unit']);
    expect(units).toEqual(['北京', '上海', '广东']);
  });
});

describe('headers', () => {
  it('a Chinese header with an English row under it, or bilingual cells, is read by its Chinese names and units', () => {
    for (const name of ['bilingual-rows.csv', 'bilingual-cells.csv', 'bilingual-names.csv']) {
      const rows = runJson(['coverage', X(name), '-i', 'population_per_community,centers_per_community']);
      // 城镇人口（万人） 1439 is 14,390,000 persons, not 1439
      expect(rows[0]).toMatchObject({ unit: '北京', urban_population: 14390000, population_per_community: 5535 });
      if (name !== 'bilingual-names.csv') expect(rows[0]).toMatchObject({ service_centers: 120 });
    }
    expect(runCli(['coverage', X('bilingual-names.csv'), '-f', 'csv']).stderr).toContain('column 2 (Region) not read: the English name of the Chinese label column');
  });

  it('two header rows naming different measures are refused', () => {
    const run = runCli(['coverage', X('header-rows-disagree.csv')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("svc-stats: fixtures/extracts/header-rows-disagree.csv:2:2: the header rows disagree in column 2: '社区数（个）' (line 1) names communities, '社区服务中心数（个）' (line 2) names service_centers (keep one header row per column, or fix the one that is wrong)\n");
  });
});

describe('labels and keys', () => {
  it('zero-width characters are removed with a note showing them; 广东 twice is then one unit twice', () => {
    const run = runCli(['coverage', X('zero-width.csv'), '--by', 'region', '-i', 'population_per_community', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('invisible characters removed from labels: 广东 (line 3: U+200B)');
    expect(run.stdout.split('\n')[1]).toBe('东部,3,11500,82230000,7150');
    const twice = runCli(['coverage', X('zero-width-duplicate.csv')]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toBe('svc-stats: fixtures/extracts/zero-width-duplicate.csv:3: two rows of one unit: lines 2 and 3 (广东) (keep one row per unit and year)\n');
  });

  it('a register keyed by community_id or 统计用区划代码 is not "two rows of one unit"', () => {
    const run = runCli(['coverage', X('code-register.csv'), '--by', '省份', '-i', 'population_per_community', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('group,units,communities,urban_population,population_per_community\n北京市,2,2,15000,7500\n上海市,1,1,9000,9000\n');
    // the code gives the level (community) and, with the gazetteer, the province
    const nbs = runCli(['coverage', X('code-register-nbs.csv'), '--by', 'province', '-i', 'population_per_community', '-f', 'csv']);
    expect(nbs.stdout).toBe('group,units,communities,urban_population,population_per_community\n北京,2,2,15000,7500\n上海,1,1,9000,9000\n');
    const inspected = runJson(['inspect', X('code-register-nbs.csv')]);
    expect(inspected[0]).toMatchObject({ part: 'column', column: 1, role: 'unit key (code)', level: 'community' });
  });
});

describe('inspect', () => {
  it('shows each column and row of a yearbook sheet, and the year from its title', () => {
    const rows = runJson(['inspect', X('sheet-2008.csv')]);
    expect(rows.filter((row) => row['part'] === 'column').map((row) => [row['text'], row['measure'], row['multiplier']])).toEqual([
      ['地区', null, null], ['社区数（个）', 'communities', 1], ['居委会成员数（人）', 'committee_members', 1],
      ['社区服务中心（个）', 'service_centers', 1], ['城镇人口（万人）', 'urban_population', 10000],
    ]);
    expect(rows.find((row) => row['part'] === 'year')).toMatchObject({ text: '2008', why: 'from the title' });
    expect(rows.filter((row) => row['part'] === 'row').map((row) => row['role'])).toEqual([
      'title', 'unit line', 'header', 'header', 'national total', 'unit', 'unit', 'unit', 'unit', 'unit', 'unit', 'footnote', 'footnote',
    ]);
  });

  it('names a parent and its check; coverage --explain prints the summary on stderr', () => {
    const rows = runJson(['inspect', X('province-parents.csv')]);
    expect(rows.find((row) => row['line'] === 2)).toMatchObject({ role: 'parent', text: '北京', level: 'province', why: 'its 地市 cell is blank; agrees with its 2 units' });
    const run = runCli(['coverage', X('province-parents.csv'), '--explain', '-i', 'population_per_community', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('fixtures/extracts/province-parents.csv: explain: rows: 1 header, 2 parent, 4 unit');
    expect(run.stderr).toContain('explain: left out of the sums: 北京 (line 2, parent); 广东 (line 5, parent)');
  });
});

describe('--codes', () => {
  it('adds each unit\'s division code, from the code column or the gazetteer (blank when it names two)', () => {
    const run = runCli(['coverage', X('parents-no-level-2009.csv'), '--codes', '-i', 'population_per_community', '-f', 'csv']);
    expect(run.stdout.split('\n').slice(0, 3)).toEqual(['unit,code,communities,urban_population,population_per_community',
      '海淀区,110108,200,200000,1000', '朝阳区,,100,100000,1000']);
    const register = runJson(['coverage', X('code-register-nbs.csv'), '--codes', '-i', 'population_per_community']);
    expect(register.map((row) => row['code'])).toEqual(['110101001001', '110101001002', '310101002001']);
    const grouped = runCli(['coverage', X('sheet-2008.csv'), '--codes', '--by', 'region']);
    expect(grouped.status).toBe(2);
    expect(grouped.stderr).toBe('svc-stats: --codes gives one row per input row: not with --by, --totals, --chart, --rank or several files\n');
  });
});
