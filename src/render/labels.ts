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
  note: { zh: '说明', en: 'note' },
  // verify
  expected: { zh: '公布值', en: 'expected' },
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
