/**
 * What compare, describe and equity compute on: indicators or measures, chosen by id with -i. By default every
 * indicator the input supports, or its measures when it supports none.
 */
import { SvcError } from '../errors.js';
import type { Rational } from '../exact/rational.js';
import { roundToString, toDecimalString } from '../exact/rational.js';
import type { IndicatorDefinition } from './indicators.js';
import type { Catalogue, Outcome, RoundingChoice } from './catalogue.js';
import { evaluate, formatIndicator, inputsOf } from './catalogue.js';
import type { MeasureDefinition } from './measures.js';
import type { Note } from '../notes.js';

export type Target =
  | { readonly kind: 'indicator'; readonly id: string; readonly indicator: IndicatorDefinition }
  | { readonly kind: 'measure'; readonly id: string; readonly measure: MeasureDefinition };

export function selectTargets(
  catalogue: Catalogue,
  ids: readonly string[] | undefined,
  present: ReadonlySet<string>,
  where: string,
): { targets: Target[]; notes: Note[] } {
  if (ids === undefined) {
    const { kept } = availableIndicators(present, where, catalogue, catalogue.indicators);
    if (kept.length > 0) return { targets: kept.map((indicator) => ({ kind: 'indicator', id: indicator.id, indicator })), notes: [] };
    const measures = catalogue.measures.filter((measure) => present.has(measure.id));
    return { targets: measures.map((measure) => ({ kind: 'measure', id: measure.id, measure })), notes: [] };
  }
  const targets: Target[] = ids.map((id) => {
    const indicator = catalogue.indicators.find((candidate) => candidate.id === id);
    if (indicator !== undefined) return { kind: 'indicator', id, indicator };
    const measure = catalogue.measures.find((candidate) => candidate.id === id);
    if (measure !== undefined) return { kind: 'measure', id, measure };
    throw new SvcError('USAGE', `unknown indicator or measure '${id}'`, {},
      "see 'svc-stats indicators' and 'svc-stats measures'");
  });
  const indicators = targets.flatMap((target) => (target.kind === 'indicator' ? [target.indicator] : []));
  const { kept, notes } = availableIndicators(present, where, catalogue, indicators);
  const kept_ids = new Set(kept.map((indicator) => indicator.id));
  for (const target of targets) {
    if (target.kind === 'measure' && !present.has(target.id)) notes.push({ kind: `left out, not a column of ${where}`, item: target.id });
  }
  return {
    targets: targets.filter((target) => (target.kind === 'indicator' ? kept_ids.has(target.id) : present.has(target.id))),
    notes,
  };
}

export function targetValue(target: Target, values: ReadonlyMap<string, Rational | null>): Outcome {
  if (target.kind === 'indicator') return evaluate(target.indicator, values);
  const value = values.get(target.id);
  return value == null ? { missing: 'input' } : { value };
}

/** A target's value as printed: an indicator rounded to its decimals, a measure exactly. */
export function formatTarget(target: Target, value: Rational, rounding: RoundingChoice): string {
  if (target.kind === 'indicator') return formatIndicator(target.indicator, value, rounding);
  return rounding.decimals === undefined ? toDecimalString(value) : roundToString(value, rounding.decimals, rounding.mode);
}

export function targetDecimals(target: Target, rounding: RoundingChoice): number {
  return rounding.decimals ?? (target.kind === 'indicator' ? target.indicator.decimals : 0);
}

/**
 * Keep the indicators whose measures are present; say which columns each dropped one lacked, as items of one
 * kind of note (one line for all of them).
 */
export function availableIndicators(
  present: ReadonlySet<string>,
  where: string,
  catalogue: Catalogue,
  wanted: readonly IndicatorDefinition[],
): { kept: IndicatorDefinition[]; notes: Note[] } {
  const kept: IndicatorDefinition[] = [];
  const notes: Note[] = [];
  for (const indicator of wanted) {
    const lacking = inputsOf(indicator).filter((id) => !present.has(id));
    if (lacking.length === 0) {
      kept.push(indicator);
      continue;
    }
    const names = [...new Set(lacking)].map((id) => {
      const measure = catalogue.measures.find((candidate) => candidate.id === id);
      return measure === undefined ? id : `${id} ${measure.label.zh}`;
    });
    notes.push({
      kind: 'left out, measures missing', item: `${indicator.id} (${names.join(' and ')})`,
      itemFull: `${indicator.id} (${where} has no column for ${names.join(' and ')})`,
    });
  }
  return { kept, notes };
}

/**
 * The measures that the targets named by `ids` use (an indicator's inputs, a measure itself): what notes may
 * speak of. Undefined when no ids are given (everything is asked for); unknown ids are left to selectTargets.
 */
export function measuresAsked(catalogue: Catalogue, ids: readonly string[] | undefined): Set<string> | undefined {
  if (ids === undefined) return undefined;
  return new Set(ids.flatMap((id) => {
    const indicator = catalogue.indicators.find((candidate) => candidate.id === id);
    return indicator === undefined ? [id] : inputsOf(indicator);
  }));
}
