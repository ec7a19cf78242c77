/**
 * What the chart renderers draw. Values are plain numbers, already computed exactly and converted by the caller;
 * `null` is a missing value (never zero). Renderers only lay them out.
 */
export type Lang = 'zh' | 'en';

export type ChartKind = 'bar' | 'compare' | 'line' | 'tiles';

export interface ChartSeries {
  name: string;
  /** one value per category, in the order of `categories` */
  values: (number | null)[];
  /**
   * the value labels as the caller printed them (exact values rounded once, see reports/charts.ts); without them,
   * formatValue of the number. A label per value, null where the value is missing.
   */
  texts?: (string | null)[];
}

export interface ChartData {
  kind: ChartKind;
  /** e.g. '每万城镇人口拥有社区服务中心数（个），2007' */
  title: string;
  /** indicator label with unit, in the chosen language */
  valueLabel: string;
  /** the line under the title (e.g. the formula in words and the unit); valueLabel when not given */
  subtitle?: string;
  /** unit names (provinces, groups) for bar/compare/tiles; years as text for line */
  categories: string[];
  /** bar/tiles: one series; compare: one per year (2–3); line: one or more */
  series: ChartSeries[];
  /** digits after the point in value labels */
  decimals: number;
  /** national/total value: a marked line on bar charts */
  reference?: { label: string; value: number; text?: string };
  /** bar: 'value' sorts the bars (largest first, the default); 'given' keeps the categories' order (years) */
  order?: 'value' | 'given';
  /** source line: file names, year, 'svc-stats' */
  source: string;
  lang: Lang;
}

export interface ChartSize {
  width: number;
  height: number;
}

/**
 * Fonts for every chart. CJK families first so that a renderer without the browser's fallback (resvg) still finds
 * glyphs for Chinese labels; single quotes because the stack ends up inside an SVG `style="…"` attribute.
 */
export const FONT_STACK =
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/**
 * Fonts for English charts: a Latin family first, so that ’ “ ” – take Latin glyphs (a CJK font draws them full
 * width), then the CJK stack for Chinese unit names. Liberation Sans (Arial's metrics, on most Linux servers)
 * comes first because resvg, as measured here (2.6.2), uses the first family only when it is installed and
 * otherwise its default family (the CJK one), rather than walking the list as browsers do.
 */
export const FONT_STACK_EN = `'Liberation Sans', Arial, 'Helvetica Neue', 'DejaVu Sans', ${FONT_STACK}`;

/** The font stack for a chart's language. */
export function fontStack(lang: Lang): string {
  return lang === 'en' ? FONT_STACK_EN : FONT_STACK;
}

/** How a missing value is shown, in charts as in tables. */
export const MISSING_MARK = '—';
