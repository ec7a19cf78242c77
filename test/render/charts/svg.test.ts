import { describe, expect, it } from 'vitest';
import type { ChartData } from '../../../src/render/charts/model.js';
import { renderChartSvg } from '../../../src/render/charts/svg.js';
import { svgTexts } from './svg-text.js';

// service facilities per sub-district, 2007 (data/provinces-2007-community-services.csv), six provinces and one
// missing (宁夏 has no sub-district count); national 172002 / 6434 = 26.73
const provinces = ['北京', '上海', '浙江', '海南', '宁夏', '内蒙古自治区'];
const perSubdistrict = [18.843, 201.594, 104.706, 6.278, null, 16.981];

function bar(lang: 'zh' | 'en'): ChartData {
  return {
    kind: 'bar',
    title: lang === 'zh' ? '每个街道的城镇社区服务设施数（个），2007' : 'Community service facilities per sub-district, 2007',
    valueLabel: lang === 'zh' ? '设施数 / 街道数（个）' : 'Facilities per sub-district (units)',
    categories: provinces,
    series: [{ name: 'facilities', values: perSubdistrict }],
    decimals: 1,
    reference: { label: lang === 'zh' ? '全国' : 'National', value: 172002 / 6434 },
    source: lang === 'zh' ? '资料来源：provinces-2007-community-services.csv，2007；svc-stats' : 'Source: provinces-2007-community-services.csv, 2007; svc-stats',
    lang,
  };
}

/** category labels of a horizontal bar chart, top to bottom: right-aligned texts left of the plot */
function categoryOrder(svg: string, categories: readonly string[]): string[] {
  return svgTexts(svg)
    .filter((t) => t.anchor === 'end' && categories.includes(t.content))
    .sort((a, b) => a.y - b.y)
    .map((t) => t.content);
}

describe('renderChartSvg: bar', () => {
  it('draws one value label per category, sorted by value with the missing one last and marked', async () => {
    const svg = await renderChartSvg(bar('zh'));
    expect(categoryOrder(svg, provinces)).toEqual(['上海', '浙江', '北京', '内蒙古自治区', '海南', '宁夏']);
    const values = svgTexts(svg).filter((t) => /^(\d+\.\d|— 无数据)$/.test(t.content));
    expect(values.map((t) => t.content)).toEqual(['201.6', '104.7', '18.8', '17.0', '6.3', '— 无数据']);
    // each value label sits on the row of its category
    const rows = svgTexts(svg).filter((t) => t.anchor === 'end' && provinces.includes(t.content)).sort((a, b) => a.y - b.y);
    values.forEach((v, i) => expect(Math.abs(v.y - rows[i]!.y)).toBeLessThan(2));
  });

  it('marks the reference with its label and value, and carries title, value label and source', async () => {
    const svg = await renderChartSvg(bar('zh'));
    const contents = svgTexts(svg).map((t) => t.content);
    expect(contents).toContain('全国 26.7');
    expect(contents).toContain('每个街道的城镇社区服务设施数（个），2007');
    expect(contents.filter((c) => c === '设施数 / 街道数（个）').length).toBeGreaterThanOrEqual(1);
    expect(contents).toContain('资料来源：provinces-2007-community-services.csv，2007；svc-stats');
    expect(svg).toMatch(/stroke-dasharray/); // the reference line
    expect(svg).toContain('Noto Sans CJK SC');
  });

  it('writes its own words in the requested language', async () => {
    const en = await renderChartSvg(bar('en'));
    const contents = svgTexts(en).map((t) => t.content);
    expect(contents).toContain('— no data');
    expect(contents).toContain('National 26.7');
    expect(en).not.toContain('无数据');
    // Latin glyphs first in English (a CJK font draws ’ and “ full width); the CJK fonts stay in the stack
    expect(en).toMatch(/font-family:'Liberation Sans', Arial, [^;]*'Noto Sans CJK SC'/);
  });

  it('never writes NaN or undefined, and grows with the number of categories', async () => {
    const small = await renderChartSvg(bar('zh'));
    const many: ChartData = { ...bar('zh'), categories: Array.from({ length: 31 }, (_, i) => `省${i}`), series: [{ name: 'x', values: Array.from({ length: 31 }, (_, i) => i) }] };
    const big = await renderChartSvg(many);
    for (const svg of [small, big]) {
      expect(svg).not.toMatch(/NaN|undefined/);
    }
    const height = (svg: string) => Number(/<svg[^>]*height="(\d+)"/.exec(svg)![1]);
    expect(height(big)).toBeGreaterThan(height(small));
    // 31 rows at least 20px apart: labels never overlap
    const ys = svgTexts(big).filter((t) => t.anchor === 'end' && t.content.startsWith('省')).map((t) => t.y).sort((a, b) => a - b);
    expect(ys).toHaveLength(31);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(20);
  });

  it('escapes labels from user files', async () => {
    const svg = await renderChartSvg({ ...bar('en'), categories: ['A<b>&"c"', ...provinces.slice(1)] });
    expect(svg).not.toContain('A<b>');
    expect(svgTexts(svg).map((t) => t.content)).toContain('A<b>&"c"');
  });

  it('refuses a non-finite value, a series of the wrong length and bad decimals', async () => {
    await expect(renderChartSvg({ ...bar('zh'), series: [{ name: 'x', values: [1, Number.NaN, 2, 3, 4, 5] }] })).rejects.toThrow(/北京|上海|not a finite/);
    await expect(renderChartSvg({ ...bar('zh'), series: [{ name: 'x', values: [1, 2] }] })).rejects.toThrow(/2 values for 6 categories/);
    await expect(renderChartSvg({ ...bar('zh'), decimals: -1 })).rejects.toThrow(/decimals/);
  });
});

describe('renderChartSvg: compare, line, tiles', () => {
  it('compare with few categories: grouped bars, one value label per category and series', async () => {
    const svg = await renderChartSvg({
      kind: 'compare', title: 'c', valueLabel: '每个市辖区（个）', categories: ['东部', '中部', '西部'],
      series: [{ name: '街道办事处', values: [7.98, 7.53, 6.36] }, { name: '社区服务单位', values: [9.79, 12.6, null] }],
      decimals: 2, source: 's', lang: 'zh',
    });
    const contents = svgTexts(svg).map((t) => t.content);
    for (const v of ['7.98', '7.53', '6.36', '9.79', '12.60', '—']) expect(contents).toContain(v);
    expect(categoryOrder(svg, ['东部', '中部', '西部'])).toEqual(['中部', '东部', '西部']);
    expect(contents).toContain('街道办事处'); // legend
  });

  it('compare with more than 12 categories and 2 series: a dumbbell, sorted by the later series', async () => {
    const categories = Array.from({ length: 13 }, (_, i) => `单位${i}`);
    const svg = await renderChartSvg({
      kind: 'compare', title: 'c', valueLabel: 'v', categories,
      series: [{ name: '2006', values: categories.map((_, i) => i) }, { name: '2007', values: categories.map((_, i) => 2 * i) }],
      decimals: 0, source: 's', lang: 'zh',
    });
    expect(categoryOrder(svg, categories)).toEqual([...categories].reverse());
    expect(svg).not.toMatch(/NaN|undefined/);
    // two round points per category (arcs), not bars
    expect(svg.match(/<path d="M[^"]*A[^"]*"/g)?.length ?? 0).toBeGreaterThanOrEqual(2 * 13);
  });

  it('line: one point label per known value, a gap for a missing year', async () => {
    const svg = await renderChartSvg({
      kind: 'line', title: '全国社区居委会数（个），2001–2009', valueLabel: '社区居委会（个）', categories: ['2001', '2002', '2003', '2004'],
      series: [{ name: '社区居委会', values: [91893, 86087, null, 77884] }], decimals: 0, source: 's', lang: 'zh',
    });
    const contents = svgTexts(svg).map((t) => t.content);
    expect(contents).toEqual(expect.arrayContaining(['91,893', '86,087', '77,884', '2001', '2004', '社区居委会（个）']));
    expect(svg).not.toMatch(/NaN|undefined/);
  });

  it('tiles: every province labelled once, with its value', async () => {
    const svg = await renderChartSvg({
      kind: 'tiles', title: 't', valueLabel: 'v', categories: ['广东省', '内蒙古自治区', '全国'], series: [{ name: 'x', values: [13.9, 17.2, 10.9] }],
      decimals: 1, source: 's', lang: 'zh',
    });
    const texts = svgTexts(svg).map((t) => t.content);
    // a tile's name and value are two lines (tspans or two texts): look for the names in the whole SVG
    for (const name of ['广东', '内蒙古', '北京', '新疆']) expect(svg.split(name).length - 1).toBe(1);
    expect(texts.join(' ')).toMatch(/13\.9/);
    expect(svg).not.toContain('全国'); // not a province: reported by placeOnTiles, not drawn
    expect(svg).not.toMatch(/NaN|undefined/);
  });
});
