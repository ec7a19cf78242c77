// `svc-stats chart`, `--chart` and `svc-stats report` through the real binary, on the real data files.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from '../helpers.js';
import { svgTexts } from '../render/charts/svg-text.js';
import { findCjkFont, systemFontDirectories } from '../../src/io/fonts.js';

const PROVINCES_2007 = ['data/provinces-2007-community-services.csv', '--indicators-file', 'data/community-services-2007.json'];
const DIVISIONS = ['data/provinces-2005-divisions.csv', 'data/provinces-2009-divisions.csv'];

// facilities per sub-district, 2007: 城镇社区服务设施数 / 街道办事处 of the file, worked by hand
// (上海 20361 / 101 = 201.59, 浙江 32773 / 313 = 104.71, 全国 172002 / 6434 = 26.73; 宁夏 and 新疆 have no sub-districts)
describe('svc-stats chart', () => {
  it('draws one bar per province, sorted, with the national row as the reference line and never a bar', () => {
    const run = runCli(['chart', ...PROVINCES_2007, '--indicator', 'facilities_per_subdistrict', '--lang', 'zh']);
    expect(run.status).toBe(0);
    const svg = run.stdout;
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    const texts = svgTexts(svg);
    const categories = texts.filter((t) => t.anchor === 'end' && /^[\u4e00-\u9fff]{2,3}$/.test(t.content)).sort((a, b) => a.y - b.y).map((t) => t.content);
    expect(categories).toHaveLength(31);
    expect(new Set(categories).size).toBe(31);
    expect(categories.slice(0, 3)).toEqual(['上海', '浙江', '江苏']);
    expect(categories.slice(-2)).toEqual(['宁夏', '新疆']); // missing values last
    expect(categories).not.toContain('全国');
    const values = texts.filter((t) => /^\d+\.\d$/.test(t.content)).sort((a, b) => a.y - b.y).map((t) => Number(t.content));
    expect(values).toHaveLength(29);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(values[0]).toBe(201.6);
    expect(texts.map((t) => t.content)).toContain('全国 26.7');
    expect(texts.filter((t) => t.content === '— 无数据')).toHaveLength(2);
    // title, unit and source line in Chinese
    expect(texts.map((t) => t.content)).toEqual(expect.arrayContaining([
      '平均每街道社区服务设施数（2007）', '资料来源：provinces-2007-community-services.csv，2007；svc-stats 计算',
    ]));
  });

  it('labels an English chart in English: province names, the reference, the title and source', () => {
    const run = runCli(['chart', ...PROVINCES_2007, '--indicator', 'facilities_per_subdistrict', '--lang', 'en']);
    expect(run.status).toBe(0);
    const contents = svgTexts(run.stdout).map((t) => t.content);
    expect(contents).toEqual(expect.arrayContaining(['Shanghai', 'Inner Mongolia', 'Tibet', 'National 26.7', 'Service facilities per sub-district, 2007']));
    expect(contents.some((c) => /[\u4e00-\u9fff]/.test(c))).toBe(false);
  });

  it('prints each value as the tables do: exactly rounded, grouped by thousands', () => {
    const run = runCli(['chart', ...DIVISIONS, '--indicator', 'subdistricts', '--kind', 'compare', '--lang', 'zh']);
    expect(run.status).toBe(0);
    const contents = svgTexts(run.stdout).map((t) => t.content);
    // 31 provinces in two years: the dumbbell form, a point and a label per province and year
    expect(contents).toEqual(expect.arrayContaining(['2005', '2009', '570', '550', '街道数（2005–2009）']));
  });

  it('chooses the kind from the data: a line for one unit over years, with missing years as gaps', () => {
    const run = runCli(['chart', 'data/national-series.csv', '--indicator', 'communities', '--lang', 'en']);
    expect(run.status).toBe(0);
    const contents = svgTexts(run.stdout).map((t) => t.content);
    // 2010 is not in the file: it is on the axis all the same; 2001–2014 span the values
    for (const year of ['2001', '2009', '2010', '2014']) expect(contents).toContain(year);
    expect(contents).toEqual(expect.arrayContaining(['91,893', '84,689', '96,693', 'Communities, 2001–2014']));
    expect(run.stdout).toMatch(/<path/);
  });

  it('writes a PNG with -o FILE.png, and an SVG with -o FILE.svg', () => {
    const dir = scratchDir();
    const png = join(dir, 'tiles.png');
    const run = runCli(['chart', ...PROVINCES_2007, '--indicator', 'service_units_per_district', '--kind', 'tiles', '-o', png]);
    expect(run.status).toBe(0);
    const bytes = readFileSync(png);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.readUInt32BE(16)).toBe(1600); // 2× the SVG's 800 pixels
    const svg = join(dir, 'bar.svg');
    expect(runCli(['chart', ...PROVINCES_2007, '--indicator', 'service_units_per_district', '-o', svg, '--width', '640', '--height', '900']).status).toBe(0);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[^>]*width="640"[^>]*height="900"/);
  });

  it('refuses a tile map of units that are not provinces (regions, cities), naming --by province', () => {
    for (const args of [['data/provinces-2009-divisions.csv', '--indicator', 'subdistricts', '--by', 'region'], ['fixtures/extracts/cities-2009.csv', '--indicator', 'communities']]) {
      const run = runCli(['chart', ...args, '--kind', 'tiles', '--lang', 'zh']);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^svc-stats: a tile map draws provinces, and 3 of the 3 units are not provinces \(.*\) \(.*--by province.*\)\n$/);
    }
    // cities grouped into their provinces are drawn
    expect(runCli(['chart', 'fixtures/extracts/prefectures-2009.csv', '--indicator', 'communities', '--kind', 'tiles', '--by', 'province']).status).toBe(0);
  });

  it('notes once the labels that are not on the province tile map, when most units are provinces', () => {
    const dir = scratchDir();
    const file = join(dir, 'provinces.csv');
    writeFileSync(file, '地区,街道数\n北京,140\n天津,107\n河北,267\n兵团,5\n');
    const run = runCli(['chart', file, '--indicator', 'subdistricts', '--kind', 'tiles', '--lang', 'zh']);
    expect(run.status).toBe(0);
    const lines = run.stderr.split('\n').filter((line) => line.includes('tile map'));
    expect(lines).toEqual(['svc-stats: not on the province tile map (not drawn): 兵团']);
  });

  it('warns when a PNG with Chinese text is drawn without a CJK font installed, and only then', () => {
    const png = join(scratchDir(), 'zh.png');
    const run = runCli(['chart', 'data/provinces-2009-divisions.csv', '--indicator', 'subdistricts', '--lang', 'zh', '-o', png]);
    expect(run.status).toBe(0);
    const warned = run.stderr.includes('no CJK font found');
    // this machine either has one (no warning) or has none (the warning, naming the Debian package)
    expect(warned).toBe(findCjkFont(systemFontDirectories()) === undefined);
    if (warned) expect(run.stderr).toContain('fonts-noto-cjk');
    const english = runCli(['chart', 'data/provinces-2009-divisions.csv', '--indicator', 'subdistricts', '--lang', 'en', '-o', png]);
    expect(english.stderr).not.toContain('CJK');
  });

  it('refuses a kind the data cannot make, with a hint', () => {
    const run = runCli(['chart', ...PROVINCES_2007, '--indicator', 'facilities_per_subdistrict', '--kind', 'line']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('svc-stats: a line chart needs two or more years or files (use --kind bar)\n');
    const unknown = runCli(['chart', ...PROVINCES_2007, '--indicator', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown indicator or measure 'nope'/);
  });
});

/** display column where a bar starts (the first block character) */
function barStart(line: string): number {
  const at = line.search(/[█▏▎▍▌▋▊▉]/);
  return at === -1 ? -1 : stringWidth(line.slice(0, at));
}

describe('--chart on coverage, compare, describe', () => {
  it('coverage: Chinese labels aligned by display width, every line within 80 columns, the national row under the bars', () => {
    const run = runCli(['coverage', ...PROVINCES_2007, '--lang', 'zh', '--chart=facilities_per_subdistrict'], { env: { COLUMNS: '80' } });
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('平均每街道社区服务设施数（个）');
    const bars = lines.filter((line) => barStart(line) !== -1);
    expect(bars).toHaveLength(29);
    expect(new Set(bars.map(barStart))).toEqual(new Set([8])); // 内蒙古 and 黑龙江: 6 columns, then two blanks
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(80);
    expect(stringWidth(bars[0]!)).toBe(80); // the longest bar fills the width
    expect(bars[0]).toMatch(/^上海 {4}█+ 201\.6$/);
    expect(lines).toContain('宁夏    —');
    expect(lines[lines.length - 1]).toBe('全国  26.7  （总计行，不画为条）');
  });

  it('coverage: the first indicator by default, and the width from COLUMNS', () => {
    const run = runCli(['coverage', ...PROVINCES_2007, '--lang', 'en', '--chart'], { env: { COLUMNS: '50' } });
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('service facilities per sub-district (facilities)');
    for (const line of lines.slice(1, -1)) expect(stringWidth(line)).toBeLessThanOrEqual(50);
  });

  it('compare: the last year as bars, the first year and the change in the text', () => {
    const run = runCli(['compare', ...DIVISIONS, '--lang', 'en', '--chart=subdistricts'], { env: { COLUMNS: '100' } });
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('sub-districts (units), 2009');
    expect(lines[1]).toMatch(/^辽宁 +█+ 570 {2}\(2005: 550, \+3\.64%\)$/);
    expect(lines[lines.length - 1]).toMatch(/^全国 {2}6,686 {2}\(2005: 6,152, \+8\.68%\)/);
  });

  it('describe: one bar per unit, the mean and median under them', () => {
    const run = runCli(['describe', 'data/provinces-2009-divisions.csv', '--lang', 'en', '--chart=districts']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.filter((line) => barStart(line) !== -1)).toHaveLength(31);
    expect(lines[lines.length - 1]).toBe('mean 27.5806  median 23.0000  n 31');
    const unknown = runCli(['describe', 'data/provinces-2009-divisions.csv', '--chart=nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--chart nope: not described here; the indicators are subdistricts, districts/);
  });
});

describe('svc-stats report', () => {
  it('writes one self-contained page: title, inputs and checks, tables, charts, rounding, sources', () => {
    const dir = scratchDir();
    const out = join(dir, 'report.html');
    const run = runCli(['report', ...PROVINCES_2007, '--lang', 'zh', '-o', out]);
    expect(run.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h1>社区公共服务覆盖报告（2007）</h1>');
    const headings = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(['输入与检查', '覆盖指标', '分地区（东部、中部、西部）', '均等化程度', '基尼系数的Dagum分解', '图 1', '图 2　分省方块图', '图 3', '图 4', '修约规则', '资料来源']);
    // Dagum's table: the parts as words, each belt's own Gini, each pair of belts
    expect(html).toContain('<td>超变密度Gt</td>');
    expect(html).toContain('<td>东部/中部</td>');
    // the input's checks: encoding, rows, totals against their parts, missing values
    expect(html).toMatch(/<td>data\/provinces-2007-community-services\.csv<\/td><td class="nowrap">UTF-8<\/td><td class="num">32<\/td>/);
    expect(html).toContain('合计行与各分项之和的核对（verify --check-totals）：吻合 3、缺失 2');
    expect(html).toContain('街道办事处（个）：宁夏、新疆 缺值');
    // tables: every province once in the coverage table, the regions with their total
    expect(html).toContain('<td>上海</td>');
    expect(html).toMatch(/<td>合计<\/td><td class="num">31<\/td>/);
    // four charts inline, no script, nothing fetched
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html).not.toMatch(/<script|<link|<img|\ssrc=|url\(/i);
    expect(html).not.toMatch(/NaN|undefined/);
    expect(html).toContain('@page { size: A4');
  });

  it('names the encoding of a GB18030 input, and refuses standard input', () => {
    const dir = scratchDir();
    const out = join(dir, 'report.html');
    expect(runCli(['report', 'fixtures/good/2005-gb18030.csv', '--lang', 'en', '-o', out]).status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<td class="nowrap">GB18030</td>');
    expect(html).toContain('The units of 2005-gb18030.csv are not all provinces: no regional grouping.');
    const stdin = runCli(['report', '-', '-o', out], { input: 'a,b\n' });
    expect(stdin.status).toBe(2);
    expect(stdin.stderr).toMatch(/standard input or a pipe only once/);
  });
});
