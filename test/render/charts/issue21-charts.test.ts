/**
 * Charts as issue 21 found them wanting: value labels crossed by the dashed national line, and no legend entry
 * for the grey of provinces without a value. Read from the SVG that ECharts writes.
 */
import { describe, expect, it } from 'vitest';
import type { ChartData } from '../../../src/render/charts/model.js';
import { renderChartSvg } from '../../../src/render/charts/svg.js';
import { WORDS } from '../../../src/render/charts/format.js';
import { svgTexts } from './svg-text.js';

// service facilities per sub-district, 2007 (data/provinces-2007-community-services.csv): many provinces near
// the national 26.7, the labels the line used to cross (河北 26.3, 湖北 26.1, 江西 22.7, 福建 29.0 …)
const provinces = ['上海', '浙江', '江苏', '湖南', '贵州', '福建', '河北', '湖北', '江西', '山东', '四川', '北京', '广东', '青海', '宁夏'];
const values = [201.594, 104.706, 70.3, 53.2, 52.5, 29.0, 26.3, 26.1, 22.7, 20.7, 19.6, 18.843, 13.7, 1.4, null];

function bar(): ChartData {
  return {
    kind: 'bar', title: 't', valueLabel: 'v', categories: provinces, series: [{ name: 'x', values }], decimals: 1,
    reference: { label: '全国', value: 172002 / 6434 }, source: 's', lang: 'zh',
  };
}

/** The x of the dashed reference line. */
function referenceX(svg: string): number {
  const match = /<path d="M([\d.]+) [\d.]+L([\d.]+) [\d.]+"[^>]*stroke-dasharray/.exec(svg);
  expect(match).not.toBeNull();
  expect(match![1]).toBe(match![2]);
  return Number(match![1]);
}

/** The white boxes behind the value labels: [left, right] in pixels. */
function labelBoxes(svg: string): [number, number][] {
  return [...svg.matchAll(/<path d="M0 -?[\d.]+l([\d.]+) 0l0 [\d.]+l-[\d.]+ 0Z" transform="translate\(([\d.]+) [\d.]+\)" fill="#ffffff"/g)]
    .map((match) => [Number(match[2]), Number(match[2]) + Number(match[1])]);
}

describe('bar chart: value labels clear of the reference line', () => {
  it('no value label box is crossed by the dashed line, and every value still has its label', async () => {
    const svg = await renderChartSvg(bar());
    const line = referenceX(svg);
    const boxes = labelBoxes(svg);
    // one box per value (the missing one's label too)
    expect(boxes.length).toBe(provinces.length);
    for (const [left, right] of boxes) expect(line < left - 1 || line > right + 1, `${left}–${right} against ${line}`).toBe(true);
    const texts = svgTexts(svg).map((text) => text.content);
    for (const text of ['26.3', '26.1', '22.7', '29.0', '201.6']) expect(texts).toContain(text);
  });
});

describe('tile map: a legend entry for "no data"', () => {
  const tiles = (count: number): ChartData => ({
    kind: 'tiles', title: 't', valueLabel: 'v', categories: provinces.slice(0, count), series: [{ name: 'x', values: values.slice(0, count) }],
    decimals: 1, source: 's', lang: 'zh',
  });

  it('with classes (many values) and with a continuous scale (few): 无数据 is in the legend', async () => {
    for (const count of [15, 3]) {
      const svg = await renderChartSvg(tiles(count));
      expect(svgTexts(svg).filter((text) => text.content === WORDS.zh.noData)).toHaveLength(1);
    }
    // with classes, the entry is the last of the legend, under the lowest class
    const texts = svgTexts(await renderChartSvg(tiles(15)));
    const classes = texts.filter((text) => / – /.test(text.content));
    expect(classes.length).toBe(5);
    expect(texts.find((text) => text.content === WORDS.zh.noData)!.y).toBeGreaterThan(Math.max(...classes.map((text) => text.y)));
  });

  it('no entry when every province has a value', async () => {
    const all = ['北京', '天津', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '上海', '江苏', '浙江', '安徽', '福建', '江西', '山东', '河南',
      '湖北', '湖南', '广东', '广西', '海南', '重庆', '四川', '贵州', '云南', '西藏', '陕西', '甘肃', '青海', '宁夏', '新疆'];
    const svg = await renderChartSvg({ ...tiles(0), categories: all, series: [{ name: 'x', values: all.map((_, i) => i + 1) }] });
    expect(svgTexts(svg).some((text) => text.content === WORDS.zh.noData)).toBe(false);
  });
});
