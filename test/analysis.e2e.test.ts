import { describe, expect, it } from 'vitest';
import { fixture, runCli, runJson } from './helpers.js';

const SYNTHETIC = fixture('synthetic/provinces-coverage.csv');
const SYNTHETIC_2009 = fixture('synthetic/provinces-coverage-2009.csv');

describe('coverage --by', () => {
  it('groups the real 2005 province table by region: the belts sum to the national row', () => {
    const rows = runJson(['coverage', 'data/provinces-2005-divisions.csv', '--by', 'region', '--totals', '--indicators-file', fixture('catalogue/divisions.json')]);
    expect(rows.map((row) => [row['group'], row['units'], row['subdistricts'], row['districts']])).toEqual([
      ['东部', 11, 2780, 360],
      ['中部', 8, 2078, 292],
      ['西部', 12, 1294, 200],
      ['total', 31, 6152, 852],
    ]);
    // the national row of the same file (NBS table 1-1): 6152 and 852
    const [national] = runJson(['coverage', 'data/provinces-2005-divisions.csv', '--indicators-file', fixture('catalogue/divisions.json')]);
    expect(national).toMatchObject({ unit: '全国', subdistricts: 6152, districts: 852 });
  });

  it('computes each group from summed measures (ratio of sums), never counting the national or # rows', () => {
    const run = runCli(['coverage', SYNTHETIC, '--by', 'region', '--totals', '-f', 'json', '-i', 'population_per_community,centers_per_10k_residents']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      // 东部 = 北京市 + 广东省: 72,000,000 / 7000 = 10285.7 (the mean of their ratios, 9000, would be wrong)
      { group: '东部', units: 2, communities: 7000, urban_population: 72000000, service_centers: 550, population_per_community: 10286, centers_per_10k_residents: 0.08 },
      { group: '中部', units: 2, communities: 5500, urban_population: 30000000, service_centers: 210, population_per_community: 5455, centers_per_10k_residents: 0.07 },
      { group: '西部', units: 2, communities: 5500, urban_population: 43000000, service_centers: 230, population_per_community: 7818, centers_per_10k_residents: 0.05 },
      // not 36000 communities: the 全国 row is not added in, nor #广州市
      { group: 'total', units: 6, communities: 18000, urban_population: 145000000, service_centers: 990, population_per_community: 8056, centers_per_10k_residents: 0.07 },
    ]);
    expect(run.stderr).toContain('kept out of the groups, not summed: 全国 (line 2, a national/total row); #广州市 (line 5, an "of which" row)');
  });

  it('--regions four puts 吉林 in 东北', () => {
    const rows = runJson(['coverage', SYNTHETIC, '--by', 'region', '--regions', 'four', '-i', 'population_per_community']);
    expect(rows.map((row) => [row['group'], row['units']])).toEqual([['东部', 2], ['中部', 1], ['西部', 2], ['东北', 1]]);
  });

  it('groups by any label column', () => {
    const rows = runJson(['coverage', '-', '--by', 'city', '-i', 'population_per_community'], {
      input: 'province,city,district,communities,urban_population\n甲,A,a1,2,100\n甲,A,a2,3,150\n甲,B,b1,5,1000\n',
    });
    expect(rows).toEqual([
      { group: 'A', units: 2, communities: 5, urban_population: 250, population_per_community: 50 },
      { group: 'B', units: 1, communities: 5, urban_population: 1000, population_per_community: 200 },
    ]);
  });

  it('an unknown province is an error naming it: exit 2', () => {
    const run = runCli(['coverage', '-', '--by', 'region'], { input: '地区,社区数\n北京,1\n火星,2\n' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("svc-stats: <stdin>:3:1: '火星' is not a province, so its region is unknown (use the 31 mainland province names, or add a region column)\n");
  });

  it('a group with a unit lacking a value gets a missing sum and a note, not a partial one', () => {
    const run = runCli(['coverage', 'data/provinces-2007-community-services.csv', '--by', 'region', '-f', 'json',
      '--indicators-file', 'data/community-services-2007.json', '-i', 'outlets_per_subdistrict']);
    const west = (JSON.parse(run.stdout) as Record<string, unknown>[]).find((row) => row['group'] === '西部');
    expect(west).toMatchObject({ subdistricts: null, convenience_outlets: null, outlets_per_subdistrict: null });
    expect(run.stderr).toContain('西部 subdistricts (宁夏, 新疆)');
  });
});

describe('compare', () => {
  it('prints change, percent change and CAGR for two editions of real data', () => {
    const rows = runJson(['compare', 'data/provinces-2005-divisions.csv', 'data/provinces-2009-divisions.csv', '--indicators-file', fixture('catalogue/divisions.json'), '-i', 'subdistricts']);
    expect(rows[0]).toEqual({
      unit: '全国', indicator: 'subdistricts', value_2005: 6152, value_2009: 6686,
      // (6686 − 6152) / 6152 = 8.680…%; (6686 / 6152)^(1/4) − 1 = 2.1028% (Python)
      change_2009: 534, pct_change_2009: 8.68, cagr_2009: 2.1,
    });
    expect(rows.find((row) => row['unit'] === '天津')).toMatchObject({ value_2005: 101, value_2009: 107, change_2009: 6, pct_change_2009: 5.94 });
  });

  it('matches provinces with and without suffixes and lists a unit present in one file only', () => {
    const run = runCli(['compare', SYNTHETIC, SYNTHETIC_2009, '-i', 'population_per_community', '-f', 'json']);
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rows.find((row) => row['unit'] === '北京市')).toEqual({
      unit: '北京市', indicator: 'population_per_community', value_2005: 6000, value_2009: 6190,
      change_2009: 190, pct_change_2009: 3.17, cagr_2009: 0.78,
    });
    expect(rows.find((row) => row['unit'] === '西藏')).toMatchObject({ value_2005: null, value_2009: 4500, change_2009: null });
    expect(rows.find((row) => row['unit'] === '新疆维吾尔自治区')).toMatchObject({ value_2005: 5333, value_2009: null });
    expect(run.stderr).toContain('units not in every file (listed with missing values): 全国, #广州市, 新疆维吾尔自治区, 西藏');
  });

  it('compares --by region groups', () => {
    const rows = runJson(['compare', 'data/provinces-2005-divisions.csv', 'data/provinces-2009-divisions.csv', '--by', 'region', '--indicators-file', fixture('catalogue/divisions.json'), '-i', 'subdistricts']);
    expect(rows.map((row) => [row['unit'], row['value_2005'], row['value_2009'], row['change_2009']])).toEqual([
      ['东部', 2780, 2966, 186], ['中部', 2078, 2257, 179], ['西部', 1294, 1463, 169],
    ]);
  });

  it('has no CAGR when the years are unknown, and says so', () => {
    const run = runCli(['compare', fixture('good/2005-english.csv'), '-', '-i', 'population_per_community', '-f', 'json'], {
      input: 'unit,communities,urban_population\nChina,80000,600000000\n',
    });
    expect(JSON.parse(run.stdout)[0]).toEqual({ unit: 'China', indicator: 'population_per_community', value_1: 7031, value_2: 7500, change_2: 469, pct_change_2: 6.67 });
    expect(run.stderr).toContain('no CAGR');
  });
});

describe('describe', () => {
  it('gives the documented keys, with values checked in R (test/reference/provinces-2009.R)', () => {
    const [row] = runJson(['describe', 'data/provinces-2009-divisions.csv', '--indicators-file', fixture('catalogue/divisions.json'), '-i', 'subdistricts']);
    expect(Object.keys(row!)).toEqual(['indicator', 'n', 'missing', 'mean', 'sd', 'cv', 'min', 'p25', 'median', 'p75', 'max', 'min_unit', 'max_unit']);
    // R: mean 215.677419…, sd 145.766111…, quantile type 7: 108, 175, 279.5
    expect(row).toEqual({
      indicator: 'subdistricts', n: 31, missing: 0, mean: 215.6774, sd: 145.7661, cv: 0.6759,
      min: 10, p25: 108, median: 175, p75: 279.5, max: 570, min_unit: '西藏', max_unit: '辽宁',
    });
  });

  it('offers the population sd and nearest-rank quantiles, and --by groups', () => {
    const [row] = runJson(['describe', 'data/provinces-2009-divisions.csv', '--indicators-file', fixture('catalogue/divisions.json'), '-i', 'subdistricts', '--sd', 'population', '--quantile-method', 'nearest-rank']);
    // R: sd(x) * sqrt(30/31) = 143.395772443369; quantile(x, type = 1): 107, 175, 283
    expect(row).toMatchObject({ sd: 143.3958, p25: 107, median: 175, p75: 283 });
    const groups = runJson(['describe', 'data/provinces-2009-divisions.csv', '--indicators-file', fixture('catalogue/divisions.json'), '-i', 'subdistricts', '--by', 'region']);
    expect(groups.map((group) => [group['group'], group['n']])).toEqual([['东部', 11], ['中部', 8], ['西部', 12]]);
    expect(Object.keys(groups[0]!)[0]).toBe('group');
  });
});

describe('equity', () => {
  const base = ['equity', 'data/provinces-2009-divisions.csv', '--indicators-file', fixture('catalogue/divisions.json'), '-i', 'subdistricts', '--weight', 'none'];

  it('unweighted CV, Gini, Theil T and L, max/min, as R computes them (test/reference/provinces-2009.R)', () => {
    const [row] = runJson(base);
    expect(row).toEqual({
      indicator: 'subdistricts', n: 31, mean: 215.6774, cv: 0.6649, gini: 0.3689, theil_t: 0.2266, theil_l: 0.3128,
      // GE(2) = CV²/2; GE(−1), Atkinson: checked against their definitions in test/stats/equity-indices.test.ts
      ge_m1: 0.7517, ge_2: 0.221, atkinson_0_5: 0.1226, atkinson_1: 0.2686, atkinson_2: 0.6005,
      max_min_ratio: 57, note: null,
    });
    expect(Number(row!['ge_2'])).toBeCloseTo(0.6649 ** 2 / 2, 3);
  });

  it('--by region splits Theil into between and within groups; --groups adds each group', () => {
    const rows = runJson([...base, '--by', 'region', '--groups', '--decimals', '6']);
    expect(rows[0]).toMatchObject({
      group: null, n: 31,
      // R: 0.0648924515883095, 0.1616680438542919, 0.0722783255664570, 0.2405301081218589
      theil_t_between: 0.064892, theil_t_within: 0.161668, theil_l_between: 0.072278, theil_l_within: 0.24053,
      // R: 0.0648924515883095 / 0.2265604954426013 = 0.286424389…, 0.0722783255664570 / 0.3128084336883160 = 0.231062585…
      between_share_t: 0.286424, between_share_l: 0.231063,
    });
    expect(Object.keys(rows[0]!)).toEqual(['group', 'indicator', 'n', 'mean', 'cv', 'gini', 'theil_t', 'theil_l',
      'ge_m1', 'ge_2', 'atkinson_0_5', 'atkinson_1', 'atkinson_2', 'max_min_ratio',
      'theil_t_between', 'theil_t_within', 'theil_l_between', 'theil_l_within', 'between_share_t', 'between_share_l',
      'ge_m1_between', 'ge_m1_within', 'ge_2_between', 'ge_2_within',
      'gini_within', 'gini_net_between', 'gini_transvariation', 'gini_within_share', 'gini_net_between_share', 'gini_transvariation_share', 'note']);
    // Dagum's parts add up to the Gini
    expect(Number(rows[0]!['gini_within']) + Number(rows[0]!['gini_net_between']) + Number(rows[0]!['gini_transvariation'])).toBeCloseTo(Number(rows[0]!['gini']), 5);
    expect(rows.slice(1).map((row) => [row['group'], row['n']])).toEqual([['东部', 11], ['中部', 8], ['西部', 12]]);
  });

  it('weights by urban population by default', () => {
    const [row] = runJson(['equity', SYNTHETIC, '-i', 'population_per_community']);
    // weighted mean of per-province ratios with population weights: Σ pop_i·(pop_i/comm_i) / Σ pop_i
    const pops = [12e6, 60e6, 16e6, 14e6, 35e6, 8e6];
    const comms = [2000, 5000, 3000, 2500, 4000, 1500];
    const mean = pops.reduce((sum, pop, i) => sum + pop * (pop / comms[i]!), 0) / pops.reduce((a, b) => a + b, 0);
    expect(row!['mean']).toBeCloseTo(mean, 4);
    expect(row!['n']).toBe(6);
  });

  it('reports Theil L missing with the reason when a unit has the value 0', () => {
    const run = runCli(['equity', '-', '-i', 'centers_per_community', '-f', 'json'], {
      input: '地区,社区数,社区服务中心数,城镇人口\n北京,10,0,100\n上海,10,5,100\n广东,10,10,200\n',
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)[0]).toMatchObject({ theil_l: null, max_min_ratio: null, note: 'theil_l, ge_m1, atkinson_1 and atkinson_2 undefined: some unit has the value 0; max_min_ratio undefined: the minimum is 0' });
    expect(JSON.parse(run.stdout)[0]).toMatchObject({ ge_m1: null, atkinson_1: null, atkinson_2: null });
  });

  it('refuses a weight the file lacks, and --groups without --by', () => {
    expect(runCli(['equity', 'data/provinces-2009-divisions.csv', '--indicators-file', fixture('catalogue/divisions.json'), '-i', 'subdistricts']).status).toBe(2);
    expect(runCli([...base, '--groups']).status).toBe(2);
  });
});
