/**
 * The one label table: every fixed word a person reads in a table or md output, in Chinese and English — report
 * column headers, statuses, the total row's key. Labels of measures and indicators are catalogue data
 * (`label` and `unit` of each definition) and are joined here by `withUnit`. Machine formats never use labels.
 */
import type { Label, ReportColumn } from './model.js';

export const LABELS = {
  // lead columns
  file: { zh: '文件', en: 'file' },
  unit: { zh: '地区', en: 'unit' },
  year: { zh: '年份', en: 'year' },
  group: { zh: '分组', en: 'group' },
  region: { zh: '区域', en: 'region' },
  units: { zh: '单位数', en: 'units' },
  indicator: { zh: '指标', en: 'indicator' },
  measure: { zh: '指标', en: 'measure' },
  // describe
  n: { zh: '单位数', en: 'n' },
  missing: { zh: '缺失', en: 'missing' },
  mean: { zh: '均值', en: 'mean' },
  sd: { zh: '标准差', en: 'sd' },
  cv: { zh: '变异系数', en: 'cv' },
  min: { zh: '最小值', en: 'min' },
  p25: { zh: '下四分位数', en: 'p25' },
  median: { zh: '中位数', en: 'median' },
  p75: { zh: '上四分位数', en: 'p75' },
  max: { zh: '最大值', en: 'max' },
  min_unit: { zh: '最小值地区', en: 'min_unit' },
  max_unit: { zh: '最大值地区', en: 'max_unit' },
  // equity
  gini: { zh: '基尼系数', en: 'gini' },
  theil_t: { zh: '泰尔指数T', en: 'theil_t' },
  theil_l: { zh: '泰尔指数L', en: 'theil_l' },
  max_min_ratio: { zh: '最大最小值比', en: 'max_min_ratio' },
  theil_t_between: { zh: '泰尔T组间', en: 'theil_t_between' },
  theil_t_within: { zh: '泰尔T组内', en: 'theil_t_within' },
  theil_l_between: { zh: '泰尔L组间', en: 'theil_l_between' },
  theil_l_within: { zh: '泰尔L组内', en: 'theil_l_within' },
  between_share_t: { zh: '组间贡献率T', en: 'between_share_t' },
  between_share_l: { zh: '组间贡献率L', en: 'between_share_l' },
  ge_m1: { zh: '广义熵GE(-1)', en: 'ge_m1' },
  ge_2: { zh: '广义熵GE(2)', en: 'ge_2' },
  atkinson_0_5: { zh: '阿特金森A(0.5)', en: 'atkinson_0_5' },
  atkinson_1: { zh: '阿特金森A(1)', en: 'atkinson_1' },
  atkinson_2: { zh: '阿特金森A(2)', en: 'atkinson_2' },
  ge_m1_between: { zh: 'GE(-1)组间', en: 'ge_m1_between' },
  ge_m1_within: { zh: 'GE(-1)组内', en: 'ge_m1_within' },
  ge_2_between: { zh: 'GE(2)组间', en: 'ge_2_between' },
  ge_2_within: { zh: 'GE(2)组内', en: 'ge_2_within' },
  gini_within: { zh: '基尼组内Gw', en: 'gini_within' },
  gini_net_between: { zh: '基尼净组间Gnb', en: 'gini_net_between' },
  gini_transvariation: { zh: '基尼超变密度Gt', en: 'gini_transvariation' },
  gini_within_share: { zh: 'Gw贡献率', en: 'gini_within_share' },
  gini_net_between_share: { zh: 'Gnb贡献率', en: 'gini_net_between_share' },
  gini_transvariation_share: { zh: 'Gt贡献率', en: 'gini_transvariation_share' },
  // equity --dagum
  part: { zh: '分解项', en: 'part' },
  value: { zh: '数值', en: 'value' },
  share_of_gini: { zh: '贡献率', en: 'share_of_gini' },
  relative_affluence: { zh: '相对经济富裕度D', en: 'relative_affluence' },
  population_share: { zh: '人口份额p', en: 'population_share' },
  value_share: { zh: '份额s', en: 'value_share' },
  lower: { zh: '下限', en: 'lower' },
  upper: { zh: '上限', en: 'upper' },
  // convergence
  sd_log: { zh: '对数标准差', en: 'sd_log' },
  model: { zh: '模型', en: 'model' },
  from_year: { zh: '起始年', en: 'from' },
  to_year: { zh: '终止年', en: 'to' },
  beta: { zh: 'β系数', en: 'beta' },
  se: { zh: '标准误', en: 'se' },
  t: { zh: 't值', en: 't' },
  r_squared: { zh: 'R²', en: 'r_squared' },
  speed: { zh: '收敛速度λ', en: 'speed' },
  half_life: { zh: '半衰期（年）', en: 'half_life' },
  rank: { zh: '排名', en: 'rank' },
  note: { zh: '说明', en: 'note' },
  // verify
  expected: { zh: '公布值', en: 'expected' },
  unit_of_measure: { zh: '计量单位', en: 'unit of measure' },
  recomputed: { zh: '重算值', en: 'recomputed' },
  exact: { zh: '精确值', en: 'exact' },
  status: { zh: '结果', en: 'status' },
  matches_under: { zh: '可吻合的舍入规则', en: 'matches under' },
  difference: { zh: '差值', en: 'difference' },
  source: { zh: '来源', en: 'source' },
  total_label: { zh: '总计行', en: 'total row' },
  total: { zh: '总计', en: 'total' },
  sum_of_parts: { zh: '分项之和', en: 'sum of parts' },
  parts: { zh: '分项数', en: 'parts' },
  parts_missing: { zh: '缺值分项', en: 'parts missing a value' },
  // catalogue listings
  id: { zh: 'ID', en: 'id' },
  label: { zh: '名称', en: 'label' },
  formula: { zh: '公式', en: 'formula' },
  decimals: { zh: '小数位', en: 'decimals' },
  catalogue_note: { zh: '来源', en: 'note' },
  names: { zh: '可识别的表头', en: 'names recognised' },
  kind: { zh: '类型', en: 'kind' },
  base_unit: { zh: '单位', en: 'unit' },
} as const satisfies Record<string, Label>;

export type LabelId = keyof typeof LABELS;

/** Coded cells: a verify status, the key of a --totals row. */
export const STATUS_CODES: Readonly<Record<string, Label>> = {
  match: { zh: '吻合', en: 'match' },
  mismatch: { zh: '不符', en: 'mismatch' },
  missing: { zh: '缺失', en: 'missing' },
  gap: { zh: '有差额', en: 'gap' },
};

/** The parts of equity --dagum: coded cells, read as words in a table or md. */
export const DAGUM_PARTS: Readonly<Record<string, Label>> = {
  gini: { zh: '总体基尼系数G', en: 'Gini G' },
  within: { zh: '组内差距Gw', en: 'within Gw' },
  net_between: { zh: '净组间差距Gnb', en: 'net between Gnb' },
  transvariation: { zh: '超变密度Gt', en: 'transvariation Gt' },
  group_gini: { zh: '组内基尼系数Gjj', en: 'group Gini Gjj' },
  between_gini: { zh: '组间基尼系数Gjh', en: 'between-group Gini Gjh' },
};

/** The key of a row computed from all units (--totals): `total` in data, 合计 in a Chinese table. */
export const TOTAL_KEY = 'total';
export const TOTAL_CODES: Readonly<Record<string, Label>> = { [TOTAL_KEY]: { zh: '合计', en: 'total' } };

/** Headers of compare's per-edition columns: `2009`, `change 2005→2009` / `变化 2005→2009`. */
export const COMPARE_LABELS = {
  value: (tag: string): Label => ({ zh: tag, en: tag }),
  change: (from: string, to: string): Label => ({ zh: `变化 ${from}→${to}`, en: `change ${from}→${to}` }),
  pct_change: (from: string, to: string): Label => ({ zh: `变化率% ${from}→${to}`, en: `% change ${from}→${to}` }),
  cagr: (from: string, to: string): Label => ({ zh: `年均增长率% ${from}→${to}`, en: `CAGR % ${from}→${to}` }),
};

/** A column labelled from the table above. */
export function labelled(id: LabelId, kind: 'text' | 'number' = 'text', extra: Partial<ReportColumn> = {}): ReportColumn {
  return { id, label: LABELS[id], kind, ...extra };
}

/** The header of a --by group column: `region` (derived from provinces) in the chosen language, else the column's own name. */
export function groupLabel(by: string, derived: boolean): Label {
  return derived ? LABELS.region : verbatim(by);
}

/** The same label for both languages: a --by column's own name, a year. */
export function verbatim(text: string): Label {
  return { zh: text, en: text };
}

/** `城镇人口（人）`, `urban population (persons)`. */
export function withUnit(label: Label, unit: Label): Label {
  return { zh: `${label.zh}（${unit.zh}）`, en: `${label.en} (${unit.en})` };
}

/** Words of charts (`chart`, `--chart`) and of the HTML report (`report`): titles, source lines, headings. */
export const CHART_LABELS = {
  /** `平均每街道社区服务设施数（2007）`, `Service facilities per sub-district, 2007` */
  title: (indicator: Label, period: string): Label => ({ zh: `${indicator.zh}（${period}）`, en: `${capitalise(indicator.en)}, ${period}` }),
  titleByGroup: (indicator: Label, by: string, period: string): Label =>
    ({ zh: `${indicator.zh}：按${by}（${period}）`, en: `${capitalise(indicator.en)} by ${by}, ${period}` }),
  source: (files: string, period: string): Label =>
    ({ zh: `资料来源：${files}，${period}；svc-stats 计算`, en: `Source: ${files}, ${period}; computed by svc-stats` }),
  /** the line under a terminal chart for the national/total row, which is never a bar */
  reference: { zh: '参照', en: 'reference' },
  notDrawn: { zh: '（总计行，不画为条）', en: '(a total row, not drawn as a bar)' },
  /** the --by name in a title: `按地区`, `by region`; any other column by its own name */
  byRegion: { zh: '地区', en: 'region' },
  /** under the title: the formula in words and the unit */
  subtitle: (formula: string, unit: string): Label => ({ zh: `${formula}　单位：${unit}`, en: `${formula}   unit: ${unit}` }),
  measureSubtitle: (unit: string): Label => ({ zh: `单位：${unit}`, en: `unit: ${unit}` }),
  /** a national/total row's name in English charts (the Chinese keeps the row's own label) */
  national: { zh: '全国', en: 'National' },
  total: { zh: '合计', en: 'Total' },
  mean: { zh: '均值', en: 'mean' },
  median: { zh: '中位数', en: 'median' },
  /** compare --chart's heading: the bars are the last input's values */
  inYear: (heading: string, tag: string): Label => ({ zh: `${heading}：${tag}`, en: `${heading}, ${tag}` }),
} as const;

/** Region names in English charts: the groups of --by region. */
export const REGION_LABELS: Readonly<Record<string, Label>> = {
  东部: { zh: '东部', en: 'East' },
  中部: { zh: '中部', en: 'Central' },
  西部: { zh: '西部', en: 'West' },
  东北: { zh: '东北', en: 'Northeast' },
};

export const REPORT_LABELS = {
  title: { zh: '社区公共服务覆盖报告', en: 'Coverage of community public services' },
  subtitle: (files: string, date: string): Label => ({ zh: `${files}　·　${date}　·　svc-stats`, en: `${files} · ${date} · svc-stats` }),
  coverage: { zh: '覆盖指标', en: 'Coverage indicators' },
  regions: { zh: '分地区（东部、中部、西部）', en: 'By region (East, Central, West)' },
  regionsFour: { zh: '分地区（东部、中部、西部、东北）', en: 'By region (East, Central, West, Northeast)' },
  equity: { zh: '均等化程度', en: 'Equity of coverage' },
  equityWeighted: (weight: Label): Label => ({ zh: `按${weight.zh}加权`, en: `weighted by ${weight.en}` }),
  equityUnweighted: { zh: '不加权（各地区权重相同）', en: 'unweighted (every unit counts once)' },
  dagum: { zh: '基尼系数的Dagum分解', en: "Dagum's decomposition of the Gini coefficient" },
  dagumNote: {
    zh: '组内Gw、净组间Gnb、超变密度Gt之和等于基尼系数；组对按均值高者在前，D为相对经济富裕度（Dagum 1997）',
    en: 'within (Gw), net between (Gnb) and transvariation (Gt) add up to the Gini; pairs list the group of the higher mean first; D is the relative affluence (Dagum 1997)',
  },
  figure: (n: number): Label => ({ zh: `图 ${n}`, en: `Figure ${n}` }),
  figureMap: (n: number): Label => ({ zh: `图 ${n}　分省方块图`, en: `Figure ${n}: province tile map` }),
  rounding: (mode: string): Label => ({
    zh: `所有指标先以精确分数（BigInt 有理数）计算，只在输出时按所示位数修约一次，修约规则为 ${mode}` +
      `（half-up 即四舍五入，统计表的惯例；half-even 即 GB/T 8170 的四舍六入五成双）。` +
      '图中的条长与色块按精确值换算为浮点数绘制，图中标注的数值与表中相同。',
    en: `Every indicator is computed on exact rationals (BigInt) and rounded once, for printing, to the digits shown, ` +
      `by the rule ${mode} (half-up, 四舍五入, is the convention of Chinese statistical tables; half-even is GB/T 8170). ` +
      'Bar lengths and tile colours are drawn from the exact values converted to floating point; the value labels are the same as in the tables.',
  }),
  regionsUnavailable: (file: string): Label =>
    ({ zh: `${file} 的单位不全是省级行政区，未按地区分组。`, en: `The units of ${file} are not all provinces: no regional grouping.` }),
  /** the checks of an input, one list item each */
  columnsRead: (columns: string): Label => ({ zh: `读取的列：${columns}`, en: `columns read: ${columns}` }),
  totalRows: (rows: string): Label => ({ zh: `全国/合计行（不与其他行相加）：${rows}`, en: `national/total rows (never summed with the others): ${rows}` }),
  totalsCheck: (counts: string): Label =>
    ({ zh: `合计行与各分项之和的核对（verify --check-totals）：${counts}`, en: `totals against the sum of their parts (verify --check-totals): ${counts}` }),
  missingFor: (column: string, units: string): Label => ({ zh: `${column}：${units} 缺值`, en: `${column}: missing for ${units}` }),
  line: (label: string, line: number): Label => ({ zh: `${label}（第 ${line} 行）`, en: `${label} (line ${line})` }),
  regionsNote: {
    zh: '各地区的指标由该地区各省的数量之和计算（比值之和，而非比值的平均）；全国行不计入任何地区。某省缺值时，所在地区的和记为缺失。',
    en: "Each region's indicators come from the summed counts of its provinces (a ratio of sums, never a mean of ratios); the national row is in no region. A region with a province lacking a value has a missing sum.",
  },
  sourceComputed: { zh: 'svc-stats：精确计算，见 README', en: 'svc-stats: exact computation, see its README' },
  sourceReport: {
    zh: '指标定义：民政部基层政权和社区建设司《全国和谐社区建设理论与实践：社区服务创新》（中国社会出版社，2009）',
    en: "Indicator definitions: MCA department of grassroots government and community building, 'Theory and practice of harmonious community building: community service innovation' (China Society Press, 2009)",
  },
} as const;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
