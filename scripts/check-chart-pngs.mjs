// Draws every chart kind from the two data files into /tmp/svc-charts/ (SVG and PNG) for a person to look at.
// Run: node scripts/check-chart-pngs.mjs
// The charts code is TypeScript: esbuild (a devDependency) bundles it into dist/charts-check/ first; echarts and
// resvg stay external and load from node_modules. The CSVs are read by hand here (plain UTF-8, no quoted cells),
// because the project's reader is being restructured; this is a looking aid, not a pipeline.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = '/tmp/svc-charts';
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [`${root}src/render/charts/index.ts`],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outfile: `${root}dist/charts-check/charts.mjs`,
  logLevel: 'warning',
});
const charts = await import(`${root}dist/charts-check/charts.mjs`);

/** rows as objects keyed by header; an empty cell is null */
function readCsv(name) {
  const [header, ...lines] = readFileSync(`${root}data/${name}`, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i], cell.trim() === '' ? null : cell.trim()])));
}
const num = (cell) => (cell === null ? null : Number(cell));
const ratio = (a, b) => (a === null || b === null || b === 0 ? null : a / b);

const provincesFile = 'provinces-2007-community-services.csv';
const nationalFile = 'national-series.csv';
const provinces = readCsv(provincesFile);
const nation = provinces.find((r) => r['地区'] === '全国');
const units = provinces.filter((r) => r !== nation);

const facilities = (r) => num(r['城镇社区服务设施数（个）']);
const subdistricts = (r) => num(r['街道办事处（个）']);
const serviceUnits = (r) => num(r['社区服务单位个数（个）']);
const districts = (r) => num(r['市辖区（个）']);

const charts2007 = {
  zh: {
    facilitiesTitle: '每个街道的城镇社区服务设施数（个），2007',
    facilitiesLabel: '城镇社区服务设施数 / 街道办事处数（个）',
    unitsLabel: '社区服务单位个数 / 市辖区数（个）',
    unitsTitle: '每个市辖区的社区服务单位个数（个），2007',
    national: '全国',
    source: `资料来源：${provincesFile}，2007；svc-stats 计算`,
  },
  en: {
    facilitiesTitle: 'Community service facilities per sub-district, 2007',
    facilitiesLabel: 'Facilities per sub-district (units)',
    unitsLabel: 'Service units per urban district (units)',
    unitsTitle: 'Community service units per urban district, 2007',
    national: 'National',
    source: `Source: ${provincesFile}, 2007; computed by svc-stats`,
  },
};

const jobs = [];
for (const lang of ['zh', 'en']) {
  const w = charts2007[lang];
  const categories = units.map((r) => r['地区']);
  const perSubdistrict = units.map((r) => ratio(facilities(r), subdistricts(r)));
  const perDistrict = units.map((r) => ratio(serviceUnits(r), districts(r)));
  jobs.push([`bar-${lang}`, {
    kind: 'bar', title: w.facilitiesTitle, valueLabel: w.facilitiesLabel, categories,
    series: [{ name: w.facilitiesLabel, values: perSubdistrict }], decimals: 1,
    reference: { label: w.national, value: ratio(facilities(nation), subdistricts(nation)) }, source: w.source, lang,
  }]);
  jobs.push([`tiles-${lang}`, {
    kind: 'tiles', title: w.unitsTitle, valueLabel: w.unitsLabel, categories,
    series: [{ name: w.unitsLabel, values: perDistrict }], decimals: 1, source: w.source, lang,
  }]);
  // compare with 31 categories (the dumbbell form): two series in one unit, both per urban district
  jobs.push([`compare-${lang}`, {
    kind: 'compare',
    title: lang === 'zh' ? '每个市辖区的街道办事处与社区服务单位（个），2007' : 'Sub-districts and service units per urban district, 2007',
    valueLabel: lang === 'zh' ? '每个市辖区（个）' : 'Per urban district (units)',
    categories,
    series: [
      { name: lang === 'zh' ? '街道办事处' : 'Sub-districts', values: units.map((r) => ratio(subdistricts(r), districts(r))) },
      { name: lang === 'zh' ? '社区服务单位' : 'Service units', values: perDistrict },
    ],
    decimals: 1, source: w.source, lang,
  }]);
}

// grouped compare with few categories: the three belts (domain.md), provinces with all three counts summed
const BELTS = {
  东部: ['北京', '天津', '河北', '辽宁', '上海', '江苏', '浙江', '福建', '山东', '广东', '海南'],
  中部: ['山西', '吉林', '黑龙江', '安徽', '江西', '河南', '湖北', '湖南'],
  西部: ['内蒙古', '广西', '重庆', '四川', '贵州', '云南', '西藏', '陕西', '甘肃', '青海', '宁夏', '新疆'],
};
const BELT_EN = { 东部: 'East', 中部: 'Central', 西部: 'West' };
const beltSums = Object.entries(BELTS).map(([belt, names]) => {
  const rows = units.filter((r) => names.includes(r['地区']) && districts(r) !== null && subdistricts(r) !== null);
  const sum = (f) => rows.reduce((total, r) => total + f(r), 0);
  return { belt, perDistrictSub: sum(subdistricts) / sum(districts), perDistrictUnits: sum(serviceUnits) / sum(districts) };
});
for (const lang of ['zh', 'en']) {
  const w = charts2007[lang];
  jobs.push([`compare-few-${lang}`, {
    kind: 'compare',
    title: lang === 'zh' ? '三大地带每个市辖区的街道办事处与社区服务单位（个），2007' : 'Sub-districts and service units per urban district by belt, 2007',
    valueLabel: lang === 'zh' ? '每个市辖区（个）' : 'Per urban district (units)',
    categories: beltSums.map((b) => (lang === 'zh' ? b.belt : BELT_EN[b.belt])),
    series: [
      { name: lang === 'zh' ? '街道办事处' : 'Sub-districts', values: beltSums.map((b) => b.perDistrictSub) },
      { name: lang === 'zh' ? '社区服务单位' : 'Service units', values: beltSums.map((b) => b.perDistrictUnits) },
    ],
    decimals: 2, source: w.source, lang,
  }]);
}

const series = readCsv(nationalFile).filter((r) => Number(r['年份']) >= 2001 && Number(r['年份']) <= 2009);
const years = series.map((r) => r['年份']);
for (const lang of ['zh', 'en']) {
  const source = lang === 'zh' ? `资料来源：${nationalFile}，2001–2009；svc-stats` : `Source: ${nationalFile}, 2001–2009; svc-stats`;
  jobs.push([`line-${lang}`, {
    kind: 'line',
    title: lang === 'zh' ? '全国社区居委会数（个），2001–2009' : 'Communities (residents\u2019 committees), China, 2001–2009',
    valueLabel: lang === 'zh' ? '社区居委会（个）' : 'Communities (units)',
    categories: years,
    series: [{ name: lang === 'zh' ? '社区居委会' : 'Communities', values: series.map((r) => num(r['社区居委会（个）'])) }],
    decimals: 0, source, lang,
  }]);
}

for (const [name, data] of jobs) {
  const svg = await charts.renderChartSvg(data);
  writeFileSync(`${out}/${name}.svg`, svg);
  const width = Number(/width="(\d+)"/.exec(svg)[1]);
  writeFileSync(`${out}/${name}.png`, await charts.svgToPng(svg, width * 2));
  if (data.kind === 'tiles') {
    const { unmatched } = charts.placeOnTiles(data.categories, data.series[0].values);
    if (unmatched.length > 0) console.log(`${name}: not on the map: ${unmatched.join(', ')}`);
  }
  console.log(`${out}/${name}.png`);
}

// one report page holding a table and two of the charts, to look at in a browser and its print preview
const svgs = Object.fromEntries(await Promise.all(jobs.filter(([n]) => n === 'bar-zh' || n === 'tiles-zh').map(async ([n, d]) => [n, await charts.renderChartSvg(d)])));
writeFileSync(`${out}/report.html`, charts.renderReportHtml({
  lang: 'zh',
  title: '社区服务设施覆盖，2007',
  inputs: [{ file: `data/${provincesFile}`, encoding: 'UTF-8', rows: provinces.length, notes: ['宁夏、新疆：街道办事处、市辖区缺失'] }],
  sections: [
    {
      heading: '每个街道的城镇社区服务设施数',
      table: {
        columns: [{ label: '地区', numeric: false }, { label: '设施数（个）', numeric: true }, { label: '街道办事处（个）', numeric: true }, { label: '每个街道（个）', numeric: true }],
        rows: units.map((r) => {
          const v = ratio(facilities(r), subdistricts(r));
          return [r['地区'], r['城镇社区服务设施数（个）'], r['街道办事处（个）'], v === null ? null : charts.formatValue(v, 1)];
        }),
      },
    },
    { heading: '图：每个街道的城镇社区服务设施数', svg: svgs['bar-zh'] },
    { heading: '图：每个市辖区的社区服务单位个数', svg: svgs['tiles-zh'] },
  ],
  roundingRule: '比值先以精确分数计算，再四舍五入到所示位数。',
  sources: [`data/${provincesFile}`, 'svc-stats'],
}));
console.log(`${out}/report.html`);

const rows = units.map((r) => {
  const value = ratio(facilities(r), subdistricts(r));
  return { label: r['地区'], value, text: value === null ? '—' : value.toFixed(1) };
});
console.log(charts.renderTerminalBars(rows, 80));
