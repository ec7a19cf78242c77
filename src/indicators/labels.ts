/** Column labels of human formats, in Chinese or English: `城镇人口（人）`, `urban population (persons)`. */
import type { IndicatorDefinition } from './catalogue.js';
import type { MeasureDefinition } from './measures.js';

export type Lang = 'zh' | 'en';

export function withUnit(label: { zh: string; en: string }, unit: { zh: string; en: string }, lang: Lang): string {
  return lang === 'zh' ? `${label.zh}（${unit.zh}）` : `${label.en} (${unit.en})`;
}

export function measureLabel(measure: MeasureDefinition, lang: Lang): string {
  return withUnit(measure.label, measure.unit, lang);
}

export function indicatorLabel(indicator: IndicatorDefinition, lang: Lang): string {
  return withUnit(indicator.label, indicator.unit, lang);
}

type LabelTable = Readonly<Record<string, { readonly zh: string; readonly en: string }>>;

/** An output column whose label comes from a table of zh/en labels keyed by the column id. */
export function labelledColumn<T extends LabelTable>(labels: T, id: keyof T & string, lang: Lang, kind: 'text' | 'number' = 'text') {
  return { id, label: labels[id]![lang], kind };
}

/** Labels of the fixed columns. */
export const FIXED_LABELS = {
  file: { zh: '文件', en: 'file' },
  unit: { zh: '地区', en: 'unit' },
  year: { zh: '年份', en: 'year' },
  group: { zh: '分组', en: 'group' },
  indicator: { zh: '指标', en: 'indicator' },
} as const;
