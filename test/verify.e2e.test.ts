import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, runCli, runJson, scratchDir } from './helpers.js';

const TABLES = fixture('verify/report-2005-tables.csv');
const DOCTORED = fixture('verify/report-2005-doctored.csv');

describe('verify --expected', () => {
  it("reproduces the report's Table 1 and Table 2: exit 0", () => {
    const run = runCli(['verify', 'data/2005.csv', '--expected', TABLES, '-f', 'json']);
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(7);
    expect(rows.every((row) => row['status'] === 'match')).toBe(true);
    expect(rows.find((row) => row['indicator'] === 'committee_members_per_community')).toMatchObject({
      expected: 5.67, recomputed: 5.67, exact: 5.67305, source: 'Table 1 平均每社区居委会工作人员数（人）',
    });
    expect(run.stderr).toBe('svc-stats: verify: 7 figures: 7 match\n');
  });

  it('diagnoses a doctored copy: exit 1, a truncation named, a typo measured', () => {
    const run = runCli(['verify', 'data/2005.csv', '--expected', DOCTORED, '-f', 'json']);
    expect(run.status).toBe(1);
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({
      indicator: 'population_per_community', expected: 7013, recomputed: 7031, exact: 7031.16,
      status: 'mismatch', matches_under: null, difference: 18,
    });
    expect(rows[2]).toMatchObject({
      indicator: 'communities_per_center', expected: 9.42, recomputed: 9.43, exact: 9.42882,
      status: 'mismatch', matches_under: 'truncate', difference: null,
    });
    expect(rows[1]!['status']).toBe('match');
    expect(run.stderr).toContain('4 figures: 2 mismatch, 2 match');
  });

  it('--rounding truncate makes the truncated figure match and breaks a half-up one', () => {
    const rows = JSON.parse(runCli(['verify', 'data/2005.csv', '--expected', DOCTORED, '-f', 'json', '--rounding', 'truncate']).stdout);
    expect(rows[2]).toMatchObject({ status: 'match', recomputed: 9.42 });
    // 8479 / 79947 = 0.1060…: truncated 0.10, the report prints 0.11 (half-up)
    expect(rows[3]).toMatchObject({ status: 'mismatch', recomputed: 0.1, matches_under: 'half-up half-even ceiling' });
  });

  it('--tolerance accepts a difference up to X in the printed unit', () => {
    const rows = JSON.parse(runCli(['verify', 'data/2005.csv', '--expected', DOCTORED, '-f', 'json', '--tolerance', '0.01']).stdout);
    expect(rows[2]!['status']).toBe('match');
    expect(rows[0]!['status']).toBe('mismatch');
  });

  it('a figure whose unit is not in the file is missing: exit 1', () => {
    const run = runCli(['verify', 'data/2005.csv', '--expected', '-', '-f', 'json'], {
      input: 'indicator,unit,expected\npopulation_per_community,广东,7031\n',
    });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)[0]).toMatchObject({ status: 'missing', note: "no row of data/2005.csv matches unit '广东'" });
  });

  it('the unit may be left out when the file has one row', () => {
    const run = runCli(['verify', 'data/2005.csv', '--expected', '-', '-f', 'csv'], {
      input: 'indicator,expected\ncenters_per_community,0.11\n',
    });
    expect(run.status).toBe(0);
  });

  it('a figure without a unit is missing when the file has several rows', () => {
    const run = runCli(['verify', 'data/provinces-2009-divisions.csv', '--expected', '-', '-f', 'json'], {
      input: 'indicator,expected\nsubdistricts,140\n',
    });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)[0]).toMatchObject({
      status: 'missing', note: 'more than one row of data/provinces-2009-divisions.csv matches: give unit and year',
    });
  });

  it('finds a province by its label among many rows', () => {
    const run = runCli(['verify', 'data/provinces-2009-divisions.csv', '--expected', '-', '-f', 'json'], {
      input: 'indicator,unit,expected\nsubdistricts,广东省,436\nsubdistricts,全国,6686\n',
    });
    expect(run.status).toBe(0); // the file writes 广东: a province matches with or without its suffix
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({ unit: '广东省', status: 'match', recomputed: 436 });
    expect(rows[1]).toMatchObject({ unit: '全国', status: 'match', recomputed: 6686 });
  });

  it('an unknown id in the figures file is bad input: exit 2 with its line', () => {
    const run = runCli(['verify', 'data/2005.csv', '--expected', '-'], { input: 'indicator,expected\nnope,1\n' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("svc-stats: <stdin>:2:1: 'nope' is neither an indicator nor a measure (see 'svc-stats indicators' and 'svc-stats measures')\n");
  });

  it('a non-numeric expected figure is bad input: exit 2', () => {
    const run = runCli(['verify', 'data/2005.csv', '--expected', '-'], { input: 'indicator,expected\ncommunities,abc\n' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^svc-stats: <stdin>:2:2: expected figure 'abc' is not a number/);
  });

  it('needs exactly one of --expected and --check-totals', () => {
    expect(runCli(['verify', 'data/2005.csv']).status).toBe(2);
  });
});

describe('verify --check-totals', () => {
  it('passes on the 2005 province table, whose 31 rows sum to the national row', () => {
    const run = runCli(['verify', 'data/provinces-2005-divisions.csv', '--check-totals', '-f', 'json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { year: '2005', total_label: '全国', measure: 'subdistricts', total: 6152, sum_of_parts: 6152, difference: 0, parts: 31, parts_missing: null, status: 'match' },
      { year: '2005', total_label: '全国', measure: 'districts', total: 852, sum_of_parts: 852, difference: 0, parts: 31, parts_missing: null, status: 'match' },
    ]);
  });

  it('lists a gap and leaves "of which" rows out of the parts: exit 1', () => {
    const run = runCli(['verify', fixture('verify/totals-gap.csv'), '--check-totals', '-f', 'json']);
    expect(run.status).toBe(1);
    const [subdistricts, districts] = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(subdistricts).toMatchObject({ total: 100, sum_of_parts: 99, difference: 1, parts: 2, status: 'gap' });
    expect(districts).toMatchObject({ total: 10, sum_of_parts: 10, status: 'match' });
  });

  it('names the parts missing a value (2007: 宁夏 and 新疆 lack sub-district counts)', () => {
    const run = runCli(['verify', 'data/provinces-2007-community-services.csv', '--check-totals', '-f', 'json',
      '--indicators-file', 'data/community-services-2007.json']);
    expect(run.status).toBe(1);
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rows.find((row) => row['measure'] === 'service_units')).toMatchObject({ total: 9319, sum_of_parts: 9319, status: 'match' });
    expect(rows.find((row) => row['measure'] === 'subdistricts')).toMatchObject({
      total: 6434, sum_of_parts: 6247, difference: 187, parts_missing: '宁夏 新疆', status: 'missing',
    });
  });

  it('checks the total of each --by group', () => {
    // grouped by 省份, the rows are labelled by 单位, the other label column
    const labelled = '省份,单位,街道数\n甲省,合计,10\n甲省,A,4\n甲省,B,6\n乙省,合计,5\n乙省,C,4\n';
    const grouped = runCli(['verify', '-', '--check-totals', '--by', '省份', '-f', 'json'], { input: labelled });
    expect(grouped.status).toBe(1);
    expect(JSON.parse(grouped.stdout)).toEqual([
      expect.objectContaining({ group: '甲省', total: 10, sum_of_parts: 10, status: 'match' }),
      expect.objectContaining({ group: '乙省', total: 5, sum_of_parts: 4, difference: 1, status: 'gap' }),
    ]);
  });

  describe('a register of 5,000 communities (read through the engine\'s aggregation, in parallel when large)', () => {
    const PROVINCES = ['广东', '广西', '北京'];
    const rows: string[] = [];
    let population = 0;
    let centres = 0;
    for (let index = 0; index < 5000; index += 1) {
      const province = PROVINCES[index % 3]!;
      rows.push(`${province},${province}${index % 7}市,C${index},${1000 + index},${index % 3}`);
      population += 1000 + index;
      centres += index % 3;
    }
    const HEADER = 'province,city,community_id,urban_population,service_centers\n';
    // a national row first, a 合计 at the end one centre off; 小计 and "of which" rows are neither parts nor totals
    const input = `${HEADER}全国,,全国,${population},${centres}\n${rows.join('\n')}\n广东,,广东小计,5,5\n#其中,,#其中,1,1\n合计,,合计,${population},${centres + 1}\n`;
    const WAYS = [{ SVC_STATS_THREADS: '1' }, { SVC_STATS_THREADS: '2', SVC_STATS_PARALLEL_MIN_BYTES: '64' }];

    it('gives the sums of the generator, the same serial, on threads and from standard input', () => {
      const file = join(scratchDir(), 'register.csv');
      writeFileSync(file, input);
      const runs = [...WAYS.map((env) => runCli(['verify', file, '--check-totals', '--label', 'community_id', '-f', 'csv'], { env })),
        runCli(['verify', '-', '--check-totals', '--label', 'community_id', '-f', 'csv'], { input })];
      for (const run of runs) {
        expect(run.status).toBe(1);
        expect(run.stdout).toBe([
          'total_label,measure,total,sum_of_parts,difference,parts,parts_missing,status',
          `全国,urban_population,${population},${population},0,5000,,match`,
          `全国,service_centers,${centres},${centres},0,5000,,match`,
          `合计,urban_population,${population},${population},0,5000,,match`,
          `合计,service_centers,${centres + 1},${centres},1,5000,,gap`,
        ].join('\n') + '\n');
      }
    });

    it('names the first parts lacking a value in file order, across provinces', () => {
      const lacking = rows.map((row, index) => (index % 500 === 1 ? row.replace(/,\d+,(\d)$/, ',,$1') : row));
      const file = join(scratchDir(), 'register-lacking.csv');
      writeFileSync(file, `${HEADER}${lacking.join('\n')}\n全国,,全国,${population},${centres}\n`);
      for (const env of WAYS) {
        const run = runCli(['verify', file, '--check-totals', '--label', 'community_id', '-f', 'csv'], { env });
        expect(run.status).toBe(1);
        expect(run.stdout.split('\n')[1]).toMatch(/^全国,urban_population,\d+,\d+,\d+,5000,C1 C501 C1001 C1501 C2001 … 10 in all,missing$/);
      }
    });
  });

  it('refuses a file without a total row: exit 2', () => {
    const run = runCli(['verify', '-', '--check-totals'], { input: '地区,街道数\n甲,1\n' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no national or total row');
  });
});

describe('--indicators-file', () => {
  const CATALOGUE = fixture('catalogue/health.json');

  it('adds an indicator that coverage computes without code changes', () => {
    const [row] = runJson(['coverage', 'data/2005.csv', '--indicators-file', CATALOGUE, '-i', 'facilities_per_10k_residents']);
    // 194796 / 562120000 × 10^4 = 3.465381…
    expect(row).toMatchObject({ service_facilities: 194796, urban_population: 562120000, facilities_per_10k_residents: 3.47 });
  });

  it('adds a brand-new measure, read from its Chinese header', () => {
    const rows = runJson(['coverage', fixture('catalogue/health-stations.csv'), '--indicators-file', CATALOGUE, '-i', 'health_stations_per_community']);
    expect(rows).toEqual([
      { unit: '甲市', year: 2009, communities: 400, health_stations: 123, health_stations_per_community: 0.308 },
      { unit: '乙市', year: 2009, communities: 250, health_stations: 0, health_stations_per_community: 0 },
    ]);
  });

  it('lists new indicators and measures', () => {
    const indicators = runJson(['indicators', '--indicators-file', CATALOGUE]);
    expect(indicators.map((row) => row['id'])).toContain('facilities_per_10k_residents');
    expect(indicators.find((row) => row['id'] === 'facilities_per_10k_residents')).toMatchObject({
      formula: 'service_facilities / urban_population × 10^4', decimals: 2,
    });
    // machine formats are the same in every language: both labels, names joined with ', '
    const measures = runJson(['measures', '--indicators-file', CATALOGUE, '--lang', 'zh']);
    expect(measures.find((row) => row['id'] === 'health_stations')).toMatchObject({
      names: '社区卫生服务站数, 社区卫生服务站', label_zh: '社区卫生服务站数', label_en: 'community health stations',
    });
  });

  it('verifies a figure of a user-defined indicator', () => {
    const run = runCli(['verify', 'data/2005.csv', '--indicators-file', CATALOGUE, '--expected', '-', '-f', 'json'], {
      input: 'indicator,expected\nfacilities_per_10k_residents,3.47\n',
    });
    expect(run.status).toBe(0);
    // 194796 / 562120000 × 10^4 = 3.465381… (Python fractions)
    expect(JSON.parse(run.stdout)[0]).toMatchObject({ status: 'match', exact: 3.46538 });
  });

  it.each([
    ['bad-unknown-measure.json', /bad-unknown-measure\.json: indicators\[0\]\.numerator: unknown measure 'nope'/],
    ['bad-duplicate-id.json', /bad-duplicate-id\.json: indicators\[1\]\.id: duplicate indicator id 'x'/],
    ['bad-missing-field.json', /bad-missing-field\.json: indicators\[0\]\.denominator: is missing/],
    ['bad-json.json', /bad-json\.json:2: not valid JSON/],
    ['missing.json', /missing\.json: no such file/],
  ])('%s gives one clear line and exit 2', (name, message) => {
    const run = runCli(['coverage', 'data/2005.csv', '--indicators-file', fixture('catalogue', name)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
