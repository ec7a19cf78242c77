/**
 * The fast path of describe and equity: a formula of products and quotients on whole numbers gives, as one
 * double division, exactly the double the exact value converts to (toNumber), or says it cannot (undefined).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOGUE } from '../../src/catalogue/catalogue.js';
import type { Formula } from '../../src/catalogue/formula.js';
import { evaluateFormula, evaluateWholeNumbers, parseFormula } from '../../src/catalogue/formula.js';
import type { Rational } from '../../src/exact/rational.js';
import { toNumber } from '../../src/exact/rational.js';

const isMeasure = (id: string): boolean => /^[a-z][a-z0-9_]*$/.test(id);

/** The exact evaluation of the same inputs, converted once: what the fast path must equal. */
function exactly(formula: Formula, inputs: readonly number[]): number | null {
  const values = new Map<string, Rational | null>(formula.inputs.map((id, index) => [id, { n: BigInt(inputs[index]!), d: 1n }]));
  const outcome = evaluateFormula(formula, values);
  return 'value' in outcome ? toNumber(outcome.value) : null;
}

/** Whole numbers as registers hold them: small counts, zeros, and values up to 2^53 − 1. */
const wholeNumber = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 2_000_000_000 }), fc.maxSafeInteger().map(Math.abs));

describe('evaluateWholeNumbers', () => {
  const formulas = [
    ...BUILTIN_CATALOGUE.indicators.map((indicator) => indicator.formula),
    'a * b / c', 'a / (b / c)', '-a / b', 'a / b * 10^-4 * 3', '(a / b) / (c / 7)', 'a * 0.25 / b',
  ].map((text) => parseFormula(text, isMeasure));

  it('equals the exact value converted once, or a zero denominator, whenever it answers', () => {
    let answered = 0;
    for (const formula of formulas) {
      fc.assert(fc.property(fc.array(wholeNumber, { minLength: formula.inputs.length, maxLength: formula.inputs.length }), (inputs) => {
        const fast = evaluateWholeNumbers(formula, inputs);
        if (fast === undefined) return;
        answered += 1;
        expect(Object.is(fast, exactly(formula, inputs)), `${formula.text} of ${inputs.join(', ')}`).toBe(true);
      }), { numRuns: 300 });
    }
    expect(answered).toBeGreaterThan(1000);
  });

  it('answers the indicators of a register: population per community, centres per 10,000 residents', () => {
    const perCommunity = parseFormula('urban_population / communities', isMeasure);
    expect(evaluateWholeNumbers(perCommunity, [562_120_000, 79_947])).toBe(562_120_000 / 79_947);
    expect(evaluateWholeNumbers(perCommunity, [5, 0])).toBeNull();
    const per10k = parseFormula('service_centers / urban_population * 10^4', isMeasure);
    expect(evaluateWholeNumbers(per10k, [8479, 562_120_000])).toBe(84_790_000 / 562_120_000);
  });

  it('leaves sums, differences and products beyond 2^53 to the exact evaluation', () => {
    expect(evaluateWholeNumbers(parseFormula('a + b', isMeasure), [1, 2])).toBeUndefined();
    expect(evaluateWholeNumbers(parseFormula('a - b', isMeasure), [1, 2])).toBeUndefined();
    expect(evaluateWholeNumbers(parseFormula('a * b', isMeasure), [2 ** 30, 2 ** 30])).toBeUndefined();
    expect(evaluateWholeNumbers(parseFormula('a / b', isMeasure), [2 ** 53, 3])).toBeUndefined();
    expect(evaluateWholeNumbers(parseFormula('a / b', isMeasure), [0.5, 3])).toBeUndefined();
  });
});
