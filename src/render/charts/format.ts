import type { Lang } from './model.js';

const formatters = new Map<number, Intl.NumberFormat>();

/**
 * A value as decimal text with `decimals` digits, rounded half up (四舍五入, the convention of Chinese statistical
 * tables) and grouped by thousands (82,006). The number goes in through its shortest decimal text, so 1.005 prints
 * as 1.01 rather than the 1.00 that its binary value would give.
 * @throws Error when the value is not finite or `decimals` is not an integer in 0..20
 */
export function formatValue(value: number, decimals: number): string {
  if (!Number.isFinite(value)) throw new Error(`formatValue requires a finite number, got ${String(value)}`);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new Error(`formatValue requires decimals to be an integer from 0 to 20, got ${String(decimals)}`);
  }
  let formatter = formatters.get(decimals);
  if (formatter === undefined) {
    // roundingMode is in Node 20's Intl (NumberFormat v3) but not yet in the ES2022 lib types
    formatter = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      roundingMode: 'halfExpand',
    } as Intl.NumberFormatOptions);
    formatters.set(decimals, formatter);
  }
  // NumberFormat v3 reads a string as an exact decimal; the lib types only know number | bigint
  return formatter.format(String(value) as unknown as number);
}

/** Exact decimal text grouped by thousands as formatValue groups it: `82006.5` → `82,006.5`. */
export function groupThousands(text: string): string {
  return text.replace(/^(-?)(\d+)/, (_, sign: string, digits: string) => sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
}

/** Words the renderers add themselves, per language. */
export const WORDS: Record<Lang, { missing: string; noData: string }> = {
  zh: { missing: '缺失', noData: '无数据' },
  en: { missing: 'missing', noData: 'no data' },
};

/**
 * Checks that every value is a finite number or null, so that no NaN reaches a picture.
 * @throws Error naming the series and category of the first bad value
 */
export function assertFiniteOrNull(values: readonly (number | null)[], where: string, categories: readonly string[]): void {
  values.forEach((value, index) => {
    if (value !== null && !Number.isFinite(value)) {
      throw new Error(`${where}: the value for ${categories[index] ?? `#${index + 1}`} is ${String(value)}, not a finite number`);
    }
  });
}
