/**
 * The notes sheet of an .xlsx output: what the run printed on stderr, its inputs, its rounding rule and the
 * sources of the indicators it shows, in the language of the workbook.
 */
import type { Lang, ReportTable } from '../render/model.js';
import type { XlsxMeta } from '../render/xlsx.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { RoundingMode } from '../exact/rational.js';

/** What a run knows beyond its table, for the notes sheet of a workbook. */
export interface RunFacts {
  readonly inputs: readonly string[];
  /** the notes the command printed */
  readonly notes?: readonly string[] | undefined;
  /** for the sources of the indicators shown */
  readonly catalogue?: Catalogue | undefined;
  readonly rounding?: RoundingMode | undefined;
  /** decimals of every figure: a number (--decimals, or a command's default), or undefined for the catalogue's */
  readonly decimals?: number | 'as-expected' | undefined;
}

const MODE_WORDS: Readonly<Record<string, { zh: string; en: string }>> = {
  'half-up': { zh: '四舍五入 (half-up)', en: 'half-up (四舍五入, a half away from zero)' },
  'half-even': { zh: '四舍六入五成双 (half-even, GB/T 8170)', en: 'half-even (四舍六入五成双, GB/T 8170)' },
  truncate: { zh: '截尾 (truncate)', en: 'truncate (toward zero)' },
  ceiling: { zh: '向上取整 (ceiling)', en: 'ceiling (toward +∞)' },
  floor: { zh: '向下取整 (floor)', en: 'floor (toward −∞)' },
};

/** Rounding, in words: "half-up (…); decimals: each indicator's catalogue decimals". */
export function roundingWords(facts: RunFacts, lang: Lang): string {
  if (facts.rounding === undefined) return lang === 'zh' ? '不舍入' : 'none: nothing is rounded';
  const mode = MODE_WORDS[facts.rounding]?.[lang] ?? facts.rounding;
  const decimals = facts.decimals === undefined
    ? (lang === 'zh' ? '按指标目录的小数位' : "each indicator's catalogue decimals")
    : facts.decimals === 'as-expected'
      ? (lang === 'zh' ? '按公布值所示的小数位' : 'the digits each expected figure shows')
      : (lang === 'zh' ? `${facts.decimals} 位小数` : `${facts.decimals} decimals`);
  return lang === 'zh' ? `${mode}；${decimals}；仅在输出时舍入一次` : `${mode}; ${decimals}; rounded once, for printing only`;
}

/** Indicator ids the table shows: as columns (coverage) or as the cells of an `indicator` column (compare, describe, equity). */
function shownIds(table: ReportTable): Set<string> {
  const ids = new Set(table.columns.map((column) => column.id));
  const indicatorColumn = table.columns.findIndex((column) => column.id === 'indicator');
  if (indicatorColumn !== -1) {
    for (const row of table.rows) {
      const cell = row[indicatorColumn];
      if (typeof cell === 'string') ids.add(cell);
    }
  }
  return ids;
}

export function workbookMeta(table: ReportTable, facts: RunFacts, lang: Lang): Omit<XlsxMeta, 'lang'> {
  const ids = shownIds(table);
  const sources = (facts.catalogue?.indicators ?? [])
    .filter((indicator) => ids.has(indicator.id) && indicator.note !== '')
    .map((indicator) => `${indicator.label[lang]} (${indicator.id}): ${indicator.formula}; ${indicator.note}`);
  return {
    notes: facts.notes ?? [],
    inputs: facts.inputs.map((input) => (input === '-' ? (lang === 'zh' ? '标准输入' : 'standard input') : input)),
    rounding: roundingWords(facts, lang),
    sources,
  };
}
