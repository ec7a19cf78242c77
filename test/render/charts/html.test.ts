import { describe, expect, it } from 'vitest';
import { renderReportHtml, type ReportModel } from '../../../src/render/charts/html.js';

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';

function model(): ReportModel {
  return {
    lang: 'zh',
    title: '社区服务覆盖 <2007>',
    subtitle: 'svc-stats coverage data/provinces-2007.csv',
    inputs: [{ file: 'data/a&b.csv', encoding: 'GB18030', rows: 32, notes: ['宁夏: 街道办事处 is missing', '<script>alert(1)</script>'] }],
    sections: [
      {
        heading: '各省指标',
        table: {
          columns: [{ label: '地区', numeric: false }, { label: '每个街道的设施数（个）', numeric: true }],
          rows: [['北京', '18.8'], ['宁夏', null], ['"x" & <y>', '1.0']],
        },
      },
      { heading: '图：每个街道的设施数', svg, caption: '资料来源：a&b.csv' },
    ],
    roundingRule: '四舍五入 to the digits shown (half up); exact rational arithmetic before rounding.',
    sources: ['《中国民政统计年鉴——2008》', 'svc-stats 0.1.0'],
  };
}

describe('renderReportHtml', () => {
  it('is a self-contained page: charset, lang, inline CSS with an A4 print layout, no script, nothing fetched', () => {
    const html = renderReportHtml(model());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toMatch(/@media print \{[^]*size: A4/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)=|@import|url\(/);
    expect(renderReportHtml({ ...model(), lang: 'en' })).toContain('<html lang="en">');
  });

  it('holds the title, the inputs and checks, every section, the rounding rule and the sources', () => {
    const html = renderReportHtml(model());
    const headings = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(['输入与检查', '各省指标', '图：每个街道的设施数', '修约规则', '资料来源']);
    expect(html).toContain('<td class="num">32</td>');
    expect(html).toContain('<td class="num missing">—</td>');
    expect(html).toContain('<th class="num">每个街道的设施数（个）</th>');
    expect(html).toContain(svg);
    expect(html).toContain('<li>《中国民政统计年鉴——2008》</li>');
    expect(renderReportHtml({ ...model(), lang: 'en' })).toContain('<h2>Inputs and checks</h2>');
  });

  it('escapes every text from the user', () => {
    const html = renderReportHtml(model());
    expect(html).toContain('<title>社区服务覆盖 &lt;2007&gt;</title>');
    expect(html).toContain('data/a&amp;b.csv');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<td>&quot;x&quot; &amp; &lt;y&gt;</td>');
    expect(html).toContain('<figcaption>资料来源：a&amp;b.csv</figcaption>');
  });

  it('refuses a chart that is not an SVG or carries a script, and a ragged table row', () => {
    const withSection = (section: ReportModel['sections'][number]) => ({ ...model(), sections: [section] });
    expect(() => renderReportHtml(withSection({ heading: 'h', svg: '<div>no</div>' }))).toThrow(/SVG document/);
    expect(() => renderReportHtml(withSection({ heading: 'h', svg: '<svg><script>x()</script></svg>' }))).toThrow(/no script/);
    expect(() => renderReportHtml(withSection({ heading: 'h', svg: '<svg onload="x()"></svg>' }))).toThrow(/no script/);
    expect(() =>
      renderReportHtml(withSection({ heading: 'h', table: { columns: [{ label: 'a', numeric: false }], rows: [['1', '2']] } })),
    ).toThrow(/2 cells for 1 columns/);
  });
});
