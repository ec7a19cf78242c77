/**
 * The built-in formulas parsed by the build (src/catalogue/builtin-formulas.ts, scripts/make-formula-trees.mjs):
 * each is what parseFormula makes of its text today, and formulaOf gives them without parsing.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_FORMULAS } from '../../src/catalogue/builtin-formulas.js';
import { BUILTIN_CATALOGUE, formulaOf } from '../../src/catalogue/catalogue.js';
import { parseFormula } from '../../src/catalogue/formula.js';

const ID = /^[a-z][a-z0-9_]*$/;
const REGENERATE = 'src/catalogue/builtin-formulas.ts is stale: npm run build, then node scripts/make-formula-trees.mjs';

describe('built-in formula trees', () => {
  it('hold exactly the built-in indicators\' formula texts', () => {
    const texts = new Set(BUILTIN_CATALOGUE.indicators.map((indicator) => indicator.formula));
    expect([...BUILTIN_FORMULAS.keys()].sort(), REGENERATE).toEqual([...texts].sort());
  });

  it.each(BUILTIN_CATALOGUE.indicators.map((indicator) => [indicator.id, indicator.formula]))('%s: the tree parseFormula makes of %s', (_id, text) => {
    const stored = BUILTIN_FORMULAS.get(text)!;
    expect(stored, REGENERATE).toEqual(parseFormula(text, (id) => ID.test(id)));
    expect(Object.isFrozen(stored) && Object.isFrozen(stored.inputs)).toBe(true);
  });

  it('are what formulaOf gives for a built-in indicator, and a user indicator of the same text', () => {
    const [indicator] = BUILTIN_CATALOGUE.indicators;
    expect(formulaOf(indicator!)).toBe(BUILTIN_FORMULAS.get(indicator!.formula));
    const user = { ...indicator!, id: 'my_ratio' };
    expect(formulaOf(user)).toBe(BUILTIN_FORMULAS.get(indicator!.formula));
    // any other text is parsed
    const other = { ...indicator!, id: 'other', formula: 'communities / urban_population * 10^5' };
    expect(formulaOf(other)).toEqual(parseFormula(other.formula, (id) => ID.test(id)));
  });
});
