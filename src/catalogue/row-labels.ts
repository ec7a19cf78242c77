/**
 * Yearbook row conventions (domain.md): a national or total row (全国, 合计, 总计, Total) next to its parts, and
 * "of which" rows whose label starts with `#`. Neither may be summed with the rows they summarise.
 */
import { nfkc, normaliseName } from './names.js';
import { findProvince } from './regions.js';

export const TOTAL_LABELS: readonly string[] = [
  '全国', '合计', '总计', '小计', '全国合计', '全国总计', '总数', '全省', '全市', '全区', '全县', '平均', '全国平均',
  'total', 'subtotal', 'national', 'china', 'all', 'average',
];

/**
 * A word that closes a total or summary row of any level: `广东省合计`, `全市合计`, `湖北小计`, `全国平均`. Such a
 * row summarises the rows around it; summing it with them would count them twice.
 */
const SUMMARY_WORD = /^[\p{Script=Han}]{0,12}(合计|小计|总计|平均)$/u;

const TOTALS = new Set(TOTAL_LABELS.map(normaliseName));
/** A label the rules below read as it is: ASCII letters and digits (`C0001`, `Beijing`), the hot path of registers. */
const ALPHANUMERIC = /^[A-Za-z0-9]+$/;
const DIGIT = /\d/;

/**
 * A total row in any of its spellings: `全国`, `全国*`, `全国（不含港澳台）`, `合计:`, `总计 Total`,
 * `National total`, `全国合计`. Decorations (asterisks, colons, a bracketed qualifier) are dropped, then every
 * word left must be a total word.
 */
export function isTotalLabel(label: string | undefined): boolean {
  if (label === undefined) return false;
  // letters and digits only (a register's codes): nothing to normalise, one word
  if (ALPHANUMERIC.test(label)) return TOTALS.has(label.toLowerCase());
  if (TOTALS.has(normaliseName(label))) return true;
  const bare = nfkc(label).toLowerCase()
    .replace(/[(\[][^)\]]*[)\]]/g, ' ')
    .replace(/[*:：、,.。]/g, ' ')
    .trim();
  if (bare === '') return false;
  const words = bare.split(/\s+/);
  return words.every((word) => TOTALS.has(word) || SUMMARY_WORD.test(word));
}

/**
 * A total of the whole input (全国, 合计, Total, 全国合计…), as against a subtotal of a part (小计, 广东省合计) or
 * a summary that is no sum (全国平均): only a whole total can be checked against the sum of every unit.
 */
export function isGrandTotalLabel(label: string | undefined): boolean {
  if (!isTotalLabel(label)) return false;
  const text = label!.normalize('NFKC').toLowerCase();
  if (/小计|平均|subtotal|average/.test(text)) return false;
  const summary = /([\p{Script=Han}]+)(合计|总计)/u.exec(text);
  return summary === null || summary[1]!.startsWith('全');
}

/** `#城市`, `＃其中` and `其中：…` rows are sub-items of the row above. */
export function isOfWhichLabel(label: string | undefined): boolean {
  if (label === undefined || ALPHANUMERIC.test(label)) return false;
  const text = nfkc(label).trim();
  return text.startsWith('#') || text.startsWith('其中');
}

/**
 * The key two labels share when they name one unit: 广东省 and 广东 match, so do Beijing and 北京, and a city
 * with or without its 市 (广州市 and 广州; a one-character rest is kept whole).
 */
export function unitKey(label: string): string {
  if (ALPHANUMERIC.test(label)) return alphanumericKey(label.toLowerCase());
  // every spelling of the national row is one unit across editions: 全国, 全国*, 全国合计, 全国（不含港澳台）
  if (isTotalLabel(label) && /全国|national|china/i.test(label)) return '全国';
  const province = findProvince(label)?.zh;
  if (province !== undefined) return province;
  const name = normaliseName(label);
  return name.length >= 3 && name.endsWith('市') ? name.slice(0, -1) : name;
}

/** unitKey of an ASCII letters-and-digits label, lower-cased: what the general rules give for it, without normalising. */
function alphanumericKey(lower: string): string {
  if (TOTALS.has(lower) && /national|china/.test(lower)) return '全国';
  // no province's name or spelling has a digit: a register's codes (c0000001) are their own keys
  return DIGIT.test(lower) ? lower : findProvince(lower)?.zh ?? lower;
}

/**
 * The unit key of a row's label, or undefined when the label names no unit (blank, a total or an "of which"
 * row): the label of a row checked for repeats, trimmed. One test of a register's codes instead of three.
 */
export function unitOfLabel(label: string): string | undefined {
  if (ALPHANUMERIC.test(label)) {
    const lower = label.toLowerCase();
    return TOTALS.has(lower) ? undefined : alphanumericKey(lower);
  }
  if (label === '' || isTotalLabel(label) || isOfWhichLabel(label)) return undefined;
  return unitKey(label);
}

/** Labels equal for matching: the same province, or the same text after NFKC, without blanks, case folded. */
export function sameUnit(a: string, b: string): boolean {
  return unitKey(a) === unitKey(b);
}
