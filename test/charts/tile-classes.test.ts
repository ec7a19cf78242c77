import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../../src/render/charts/svg.js';
import { svgTexts } from '../render/charts/svg-text.js';

// facilities per sub-district, 2007, for ten provinces (worked from data/provinces-2007-community-services.csv):
// one outlier, 上海, as in the whole file
const categories = ['上海', '浙江', '江苏', '湖南', '北京', '天津', '辽宁', '海南', '云南', '青海'];
const values = [201.6, 104.7, 70.3, 53.2, 18.8, 16.6, 11.5, 6.3, 4.8, 1.4];

describe('tile map colours', () => {
  it('skewed values: five classes of equal count, each labelled with its lowest and highest value', async () => {
    const svg = await renderChartSvg({
      kind: 'tiles', title: 't', valueLabel: 'v', categories, series: [{ name: 'x', values }], decimals: 1, source: 's', lang: 'zh',
    });
    const legend = svgTexts(svg).map((t) => t.content).filter((c) => c.includes(' – '));
    expect(legend).toEqual(['104.7 – 201.6', '53.2 – 70.3', '16.6 – 18.8', '6.3 – 11.5', '1.4 – 4.8']);
    // each class its own colour: 上海 and 青海 differ, and no province keeps the palest blue but the lowest class
    const fills = new Set([...svg.matchAll(/fill="(#[0-9a-f]{6})"/gi)].map((m) => m[1]!.toLowerCase()));
    for (const colour of ['#eef4fb', '#c6dbef', '#6baed6', '#2171b5', '#08306b']) expect(fills).toContain(colour);
  });

  it('fewer than five distinct values: a continuous ramp from the lowest to the highest', async () => {
    const svg = await renderChartSvg({
      kind: 'tiles', title: 't', valueLabel: 'v', categories: categories.slice(0, 3), series: [{ name: 'x', values: values.slice(0, 3) }],
      decimals: 1, source: 's', lang: 'zh',
    });
    const contents = svgTexts(svg).map((t) => t.content);
    expect(contents).toEqual(expect.arrayContaining(['201.6', '70.3']));
    expect(contents.some((c) => c.includes(' – '))).toBe(false);
  });
});
