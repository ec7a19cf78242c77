import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../src/render/charts/html.js';
import { svgToPng } from '../../../src/render/charts/png.js';
import { renderChartSvg } from '../../../src/render/charts/svg.js';

describe('svgToPng and a real chart in a report', () => {
  it('renders an ECharts SVG to a PNG of the asked width, and the same SVG goes into a report', async () => {
    const svg = await renderChartSvg({
      kind: 'bar', title: '每个街道的城镇社区服务设施数（个），2007', valueLabel: '个', categories: ['北京', '上海'],
      series: [{ name: 'x', values: [18.8, 201.6] }], decimals: 1, source: 's', lang: 'zh',
    });
    const png = await svgToPng(svg, 400);
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: width is the big-endian 32-bit number at byte 16
    expect(new DataView(png.buffer, png.byteOffset).getUint32(16)).toBe(400);
    const html = renderReportHtml({ lang: 'zh', title: 't', inputs: [], sections: [{ heading: 'h', svg }], roundingRule: 'r', sources: [] });
    expect(html).toContain('<figure>\n<svg');
    await expect(svgToPng(svg, 0)).rejects.toThrow(/positive whole width/);
  });
});
