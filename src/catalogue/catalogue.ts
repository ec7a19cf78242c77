/**
 * Exact evaluation of indicators: numerator / denominator × 10^power10 on rationals, so that rounding to the
 * printed digits is exact. A missing input or a zero denominator gives null (missing), never Infinity or NaN.
 */
import { SvcError } from '../errors.js';
import type { Rational, RoundingMode } from '../exact/rational.js';
import { divide, roundToString, scale10 } from '../exact/rational.js';
import type { IndicatorDefinition } from './indicators.js';
import { BUILTIN_INDICATORS } from './indicators.js';
import type { MeasureDefinition } from './measures.js';
import { BUILTIN_MEASURES } from './measures.js';

export interface Catalogue {
  readonly measures: readonly MeasureDefinition[];
  readonly indicators: readonly IndicatorDefinition[];
}

export const BUILTIN_CATALOGUE: Catalogue = { measures: BUILTIN_MEASURES, indicators: BUILTIN_INDICATORS };

export type Outcome = { readonly value: Rational } | { readonly missing: 'input' | 'zero-denominator' };

/** The measure ids an indicator is computed from, in formula order: the one place that knows. */
export function inputsOf(indicator: IndicatorDefinition): string[] {
  return [...new Set([indicator.numerator, indicator.denominator])];
}

/** An indicator's formula as printed: `service_centers / urban_population × 10^4`. */
export function formulaText(indicator: IndicatorDefinition): string {
  const scale = indicator.power10 === 0 ? '' : ` × 10^${indicator.power10}`;
  return `${indicator.numerator} / ${indicator.denominator}${scale}`;
}

/** `values` gives each measure id's value (null or absent: missing). */
export function evaluate(indicator: IndicatorDefinition, values: ReadonlyMap<string, Rational | null>): Outcome {
  const numerator = values.get(indicator.numerator);
  const denominator = values.get(indicator.denominator);
  if (numerator == null || denominator == null) return { missing: 'input' };
  const ratio = divide(numerator, denominator);
  if (ratio === null) return { missing: 'zero-denominator' };
  return { value: scale10(ratio, indicator.power10) };
}

export interface RoundingChoice {
  readonly mode: RoundingMode;
  /** overrides every indicator's own decimals when set */
  readonly decimals: number | undefined;
}

export function formatIndicator(indicator: IndicatorDefinition, value: Rational, rounding: RoundingChoice): string {
  return roundToString(value, rounding.decimals ?? indicator.decimals, rounding.mode);
}

/** The indicators asked for by `--indicators id,id` (in that order), or every one of the catalogue. */
export function selectIndicators(catalogue: Catalogue, ids: readonly string[] | undefined): IndicatorDefinition[] {
  if (ids === undefined) return [...catalogue.indicators];
  return ids.map((id) => {
    const found = catalogue.indicators.find((indicator) => indicator.id === id);
    if (found === undefined) {
      throw new SvcError('USAGE', `unknown indicator '${id}'`, {},
        `known: ${catalogue.indicators.map((indicator) => indicator.id).join(', ')}`);
    }
    return found;
  });
}
