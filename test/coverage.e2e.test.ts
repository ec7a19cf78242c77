import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, runJson, scratchDir } from './helpers.js';

const REPORT_FIGURES = {
  communities: 79947,
  urban_population: 562120000,
  service_centers: 8479,
  population_per_community: 7031, // Table 1
  committee_members_per_community: 5.67, // Table 1
  centers_per_community: 0.11, // Table 2
};

describe('svc-stats coverage reproduces Table 1 and Table 2 of the 2009 report', () => {
  it('from data/2005.csv', () => {
    const [row] = runJson(['coverage', 'data/2005.csv']);
    expect(row).toMatchObject({ unit: '全国', year: 2005, ...REPORT_FIGURES });
  });

  it.each([
    'good/2005-gb18030.csv',
    'good/2005-english.csv',
    'good/2005-bom-crlf.csv',
    'good/2005-utf16le.csv',
    'good/2005-fullwidth-digits.csv',
  ])('from fixtures/%s', (name) => {
    const [row] = runJson(['coverage', fixture(name)]);
    expect(row).toMatchObject(REPORT_FIGURES);
  });

  it('from standard input', () => {
    const [row] = runJson(['coverage', '-'], { input: readFileSync('data/2005.csv') });
    expect(row).toMatchObject(REPORT_FIGURES);
  });

  it('from a GB18030 file on standard input', () => {
    const [row] = runJson(['coverage', '-'], { input: readFileSync(fixture('good/2005-gb18030.csv')) });
    expect(row).toMatchObject(REPORT_FIGURES);
  });

  it('computes the derived ratios of the text exactly', () => {
    const [row] = runJson(['coverage', 'data/2005.csv']);
    // 8479 / 56212万 × 10^4 = 0.1508…; 56212万 / 8479 / 10^4 = 6.6295…; 79947 / 8479 = 9.4288…
    expect(row).toMatchObject({ centers_per_10k_residents: 0.15, residents_per_center_10k: 6.63, communities_per_center: 9.43 });
  });
});

describe('coverage options', () => {
  it('selects and orders indicators with --indicators', () => {
    const run = runCli(['coverage', 'data/2005.csv', '-f', 'csv', '-i', 'centers_per_community,population_per_community']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      'unit,year,communities,urban_population,service_centers,centers_per_community,population_per_community\n' +
        '全国,2005,79947,562120000,8479,0.11,7031\n',
    );
  });

  it('refuses an unknown indicator id with exit 2', () => {
    const run = runCli(['coverage', 'data/2005.csv', '-i', 'nope']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^svc-stats: unknown indicator 'nope'/);
  });

  it('applies --decimals and --rounding', () => {
    const args = ['coverage', 'data/2005.csv', '-i', 'committee_members_per_community'];
    expect(runJson([...args, '--decimals', '4'])[0]!['committee_members_per_community']).toBe(5.673);
    expect(runJson([...args, '--decimals', '3', '--rounding', 'truncate'])[0]!['committee_members_per_community']).toBe(5.673);
    expect(runJson([...args, '--decimals', '5', '--rounding', 'truncate'])[0]!['committee_members_per_community']).toBe(5.67304);
    expect(runJson([...args, '--decimals', '5'])[0]!['committee_members_per_community']).toBe(5.67305);
  });

  it.each(['-1', '2.5', 'x', '99'])('refuses --decimals %s with exit 2', (value) => {
    const run = runCli(['coverage', 'data/2005.csv', '--decimals', value]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--decimals');
  });

  it('leaves out an indicator whose column is absent, with one note on stderr', () => {
    const run = runCli(['coverage', '-', '-f', 'json'], { input: '地区,社区数,城镇人口(万人)\n甲,10,1\n' });
    expect(run.status).toBe(0);
    const [row] = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(Object.keys(row!)).toEqual(['unit', 'communities', 'urban_population', 'population_per_community']);
    expect(row!['population_per_community']).toBe(1000);
    expect(run.stderr).toMatch(/^svc-stats: left out, measures missing: .*, centers_per_community \(service_centers 社区服务中心数\), /m);
  });

  it('gives null, not Infinity, for a zero denominator', () => {
    const run = runCli(['coverage', '-', '-f', 'json', '-i', 'population_per_community'], {
      input: '地区,社区数,城镇人口\n甲,0,100\n乙,4,100\n',
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { unit: '甲', communities: 0, urban_population: 100, population_per_community: null },
      { unit: '乙', communities: 4, urban_population: 100, population_per_community: 25 },
    ]);
    expect(run.stderr).toContain('denominator is zero: population_per_community (甲)\n');
  });
});

describe('output formats', () => {
  const base = ['coverage', 'data/2005.csv', '-i', 'population_per_community,centers_per_community'];

  it('csv when stdout is not a terminal', () => {
    expect(runCli(base).stdout).toBe('unit,year,communities,urban_population,service_centers,population_per_community,centers_per_community\n全国,2005,79947,562120000,8479,7031,0.11\n');
  });

  it('tsv', () => {
    expect(runCli([...base, '-f', 'tsv']).stdout.split('\n')[1]).toBe('全国\t2005\t79947\t562120000\t8479\t7031\t0.11');
  });

  it('ndjson: one object a line', () => {
    const lines = runCli([...base, '-f', 'ndjson']).stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ unit: '全国', population_per_community: 7031 });
  });

  it('md with labels in the language of --lang or LANG', () => {
    const zh = runCli([...base, '-f', 'md'], { env: { LANG: 'zh_CN.UTF-8' } }).stdout;
    expect(zh.split('\n')[0]).toBe('| 地区 | 年份 | 社区数（个） | 城镇人口（人） | 社区服务中心数（个） | 平均每社区人口数（人） | 每个社区拥有社区服务中心数（个） |');
    expect(zh.split('\n')[1]).toBe('|---|---:|---:|---:|---:|---:|---:|');
    const en = runCli([...base, '-f', 'md', '--lang', 'en'], { env: { LANG: 'zh_CN.UTF-8' } }).stdout;
    expect(en).toContain('| unit | year | communities (units) |');
  });

  it('table without colour codes outside a terminal, even when forced', () => {
    const run = runCli([...base, '-f', 'table'], { env: { FORCE_COLOR: '1' } });
    expect(run.stdout).toContain('│ 全国 │');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('table transposed when wider than the terminal', () => {
    const run = runCli(['coverage', 'data/2005.csv', '-f', 'table', '--lang', 'en'], { env: { COLUMNS: '80' } });
    expect(run.stdout).toMatch(/│ population per community \(persons\) +│ +7031 │/);
  });

  it('--bom starts csv with a UTF-8 BOM', () => {
    expect(runCli([...base, '--bom']).stdout.startsWith('\uFEFFunit,')).toBe(true);
  });

  it('--output writes the file atomically, format from the extension, nothing on stdout', () => {
    const folder = scratchDir();
    const target = join(folder, 'out.json');
    writeFileSync(target, 'previous');
    const run = runCli([...base, '-o', target]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(target, 'utf8'))[0]).toMatchObject({ population_per_community: 7031 });
    expect(readdirSync(folder)).toEqual(['out.json']);
  });

  it('--output into a missing folder fails before any work, exit 2', () => {
    const run = runCli([...base, '-o', join(scratchDir(), 'no', 'out.csv')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^svc-stats: .*out\.csv: the folder .* does not exist\n$/);
  });

  it('--output onto the input file is refused and the input is kept', () => {
    const folder = scratchDir();
    const input = join(folder, 'in.csv');
    writeFileSync(input, readFileSync('data/2005.csv'));
    const run = runCli(['coverage', input, '-o', input]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is also an input file');
    expect(readFileSync(input, 'utf8')).toBe(readFileSync('data/2005.csv', 'utf8'));
    expect(existsSync(input)).toBe(true);
  });
});

describe('errors through the real CLI: one line, exit 2, no stack trace', () => {
  const cases: [string, string[], string | Buffer, RegExp][] = [
    ['a missing file', ['coverage', 'fixtures/missing.csv'], '', /^svc-stats: fixtures\/missing\.csv: no such file$/],
    ['an unreadable encoding', ['coverage', '-', '--encoding', 'utf8'], Buffer.from([0x61, 0x0a, 0xff, 0x0a]), /^svc-stats: <stdin>:2: invalid UTF-8 at byte offset 2 \(0xff\)/],
    ['a ragged row', ['coverage', '-'], '地区,社区数\n甲,1\n乙\n', /^svc-stats: <stdin>:3:2: the row has 1 cells but the header has 2$/],
    ['a non-numeric cell', ['coverage', '-'], '地区,社区数\n甲,abc\n', /^svc-stats: <stdin>:2:2: 社区数: 'abc' is not a number$/],
    ['a negative count', ['coverage', '-'], '地区,社区数\n甲,-5\n', /^svc-stats: <stdin>:2:2: 社区数: a count cannot be negative/],
    ['an unknown option', ['coverage', 'data/2005.csv', '--nope'], '', /^svc-stats: unknown option '--nope'$/],
    ['an unknown command', ['coverge', 'data/2005.csv'], '', /^svc-stats: unknown command 'coverge'/],
    ['a bad --encoding', ['coverage', 'data/2005.csv', '--encoding', 'latin1'], '', /^svc-stats: option .*--encoding.* argument 'latin1' is invalid/],
  ];

  it.each(cases)('%s', (_name, args, input, message) => {
    const run = runCli(args, { input });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('help and version exit 0', () => {
    expect(runCli(['--help']).status).toBe(0);
    expect(runCli(['coverage', '--help']).stdout).toContain('Examples:');
    expect(runCli(['--version']).status).toBe(0);
  });
});
