/**
 * The catalogue (measures and indicators) and the exact evaluation of indicators: each formula on rationals, so
 * that rounding to the printed digits is exact. A missing input or a division by zero gives a missing value,
 * never Infinity or NaN.
 */
import { SvcError } from '../errors.js';
import type { Rational, RoundingMode } from '../exact/rational.js';
import { roundToString } from '../exact/rational.js';
import { BUILTIN_FORMULAS } from './builtin-formulas.js';
import type { Formula, FormulaNode, Outcome } from './formula.js';
import { evaluateFormula, evaluateWholeNumbers, parseFormula, printFormula } from './formula.js';
import type { IndicatorDefinition } from './indicators.js';
import { BUILTIN_INDICATORS } from './indicators.js';
import type { MeasureDefinition } from './measures.js';
import { BUILTIN_MEASURES } from './measures.js';

export interface Catalogue {
  readonly measures: readonly MeasureDefinition[];
  readonly indicators: readonly IndicatorDefinition[];
}

export const BUILTIN_CATALOGUE: Catalogue = { measures: BUILTIN_MEASURES, indicators: BUILTIN_INDICATORS };

export type { Outcome };

/**
 * An indicator's parsed formula, parsed once. Built-in formulas are checked against the built-in measures by a
 * test, user formulas against the user's catalogue when the file is read; here any id-shaped name is a measure.
 * The built-in texts were parsed so by the build (builtin-formulas.ts): the same trees, without jsep at each start.
 */
export function formulaOf(indicator: IndicatorDefinition): Formula {
  let formula = parsed.get(indicator);
  if (formula === undefined) {
    formula = BUILTIN_FORMULAS.get(indicator.formula) ?? parseFormula(indicator.formula, (id) => ID.test(id));
    parsed.set(indicator, formula);
  }
  return formula;
}

const parsed = new WeakMap<IndicatorDefinition, Formula>();
const ID = /^[a-z][a-z0-9_]*$/;

/** The measure ids an indicator is computed from, in formula order: the one place that knows. */
export function inputsOf(indicator: IndicatorDefinition): readonly string[] {
  return formulaOf(indicator).inputs;
}

/** An indicator's formula as printed: `service_centers / urban_population × 10^4`. */
export function formulaText(indicator: IndicatorDefinition): string {
  return printFormula(formulaOf(indicator));
}

/** `values` gives each measure id's value (null or absent: missing). */
export function evaluate(indicator: IndicatorDefinition, values: ReadonlyMap<string, Rational | null>): Outcome {
  return evaluateFormula(formulaOf(indicator), values);
}

/**
 * The indicator's value as the nearest double from whole-number inputs (by position in inputsOf), without
 * rationals; null on a zero denominator; undefined when it must be evaluated exactly (see evaluateWholeNumbers).
 */
export function evaluateNumbers(indicator: IndicatorDefinition, inputs: ArrayLike<number>): number | null | undefined {
  return evaluateWholeNumbers(formulaOf(indicator), inputs);
}

/** An indicator of the commonest shape: numerator / denominator × 10^power10, both measures. */
export interface SimpleRatio {
  readonly numerator: string;
  readonly denominator: string;
  readonly power10: number;
}

/**
 * The indicator as a ratio of two measures times a power of ten (`a / b`, `a / b × 10^k`, `a / b / 10^k`), for
 * exact/ratio.ts's fast path; undefined for any other formula, which keeps the rational path.
 */
export function simpleRatio(indicator: IndicatorDefinition): SimpleRatio | undefined {
  let ratio = ratios.get(indicator);
  if (ratio === undefined && !ratios.has(indicator)) {
    ratio = ratioOf(formulaOf(indicator).tree);
    ratios.set(indicator, ratio);
  }
  return ratio;
}

const ratios = new WeakMap<IndicatorDefinition, SimpleRatio | undefined>();

function ratioOf(node: FormulaNode): SimpleRatio | undefined {
  if (node.kind !== 'binary') return undefined;
  const { operator, left, right } = node;
  if (operator === '/' && left.kind === 'measure' && right.kind === 'measure') {
    return { numerator: left.id, denominator: right.id, power10: 0 };
  }
  if ((operator === '*' || operator === '/') && right.kind === 'power' && right.base.n === 10n && right.base.d === 1n) {
    const inner = ratioOf(left);
    if (inner === undefined || inner.power10 !== 0) return undefined;
    return { ...inner, power10: operator === '*' ? right.exponent : -right.exponent };
  }
  return undefined;
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
      const known = catalogue.indicators.map((indicator) => indicator.id);
      const near = closest(id, known);
      throw new SvcError('USAGE', `unknown indicator '${id}'`, {},
        `${near === undefined ? '' : `did you mean ${near}? `}'svc-stats indicators' lists ${known.length}`);
    }
    return found;
  });
}

/** The known id nearest to a mistyped one (edit distance at most a third of its length), if any. */
export function closest(id: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(id.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(id, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
