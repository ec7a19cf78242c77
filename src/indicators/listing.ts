/** The catalogue as tables, for `svc-stats indicators` and `svc-stats measures`. */
import type { OutputTable } from '../render/model.js';
import type { IndicatorDefinition } from './catalogue.js';
import type { Catalogue } from './evaluate.js';
import type { Lang } from './labels.js';
import { labelledColumn } from './labels.js';

/** `service_centers / urban_population × 10^4` */
export function formula(indicator: IndicatorDefinition): string {
  const scale = indicator.power10 === 0 ? '' : ` × 10^${indicator.power10}`;
  return `${indicator.numerator} / ${indicator.denominator}${scale}`;
}

const HEADERS = {
  id: { zh: 'ID', en: 'id' },
  label: { zh: '名称', en: 'label' },
  formula: { zh: '公式', en: 'formula' },
  unit: { zh: '单位', en: 'unit' },
  decimals: { zh: '小数位', en: 'decimals' },
  note: { zh: '来源', en: 'note' },
  names: { zh: '可识别的表头', en: 'names recognised' },
  kind: { zh: '类型', en: 'kind' },
} as const;

function column(id: keyof typeof HEADERS, lang: Lang, kind: 'text' | 'number' = 'text') {
  return labelledColumn(HEADERS, id, lang, kind);
}

export function indicatorListing(catalogue: Catalogue, lang: Lang): OutputTable {
  return {
    columns: [column('id', lang), column('label', lang), column('formula', lang), column('unit', lang),
      column('decimals', lang, 'number'), column('note', lang)],
    rows: catalogue.indicators.map((indicator) => [
      indicator.id, indicator.label[lang], formula(indicator), indicator.unit[lang], String(indicator.decimals), indicator.note,
    ]),
  };
}

export function measureListing(catalogue: Catalogue, lang: Lang): OutputTable {
  return {
    columns: [column('id', lang), column('label', lang), column('names', lang), column('unit', lang), column('kind', lang)],
    rows: catalogue.measures.map((measure) => [
      measure.id, measure.label[lang], measure.names.join(lang === 'zh' ? '、' : ', '), measure.unit[lang], measure.kind,
    ]),
  };
}
