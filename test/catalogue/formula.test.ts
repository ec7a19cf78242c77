import fc from 'fast-check';
import jsep from 'jsep';
import { describe, expect, it } from 'vitest';
import type { Formula, FormulaErrorCode, FormulaNode, Outcome } from '../../src/catalogue/formula.js';
import {
  evaluateFormula,
  FormulaError,
  legacyFormula,
  parseFormula,
  printFormula,
} from '../../src/catalogue/formula.js';
import type { Rational } from '../../src/exact/rational.js';
import { roundToString } from '../../src/exact/rational.js';

const MEASURE_IDS = new Set([
  'communities',
  'urban_population',
  'committee_members',
  'service_centers',
  'service_facilities',
  'subdistricts',
]);
const isMeasure = (id: string): boolean => MEASURE_IDS.has(id);
const parse = (text: string): Formula => parseFormula(text, isMeasure);

const integer = (n: bigint | number): Rational => ({ n: BigInt(n), d: 1n });

/** End-2005 national counts, data/2005.csv and domain.md (城镇人口 56212 万 as persons). */
const NATIONAL_2005 = new Map<string, Rational | null>([
  ['communities', integer(79947)],
  ['urban_population', integer(562120000)],
  ['committee_members', integer(453543)],
  ['service_centers', integer(8479)],
  ['service_facilities', integer(194796)],
  ['subdistricts', integer(5904)],
]);

function valueOf(outcome: Outcome): Rational {
  if (!('value' in outcome)) throw new Error(`expected a value, got missing: ${outcome.missing}`);
  return outcome.value;
}

/** The outcome is exactly n/d (the evaluator does not promise lowest terms, so compare cross-multiplied). */
function expectExactly(outcome: Outcome, n: bigint, d: bigint): void {
  const value = valueOf(outcome);
  expect(value.n * d, `${value.n}/${value.d} = ${n}/${d}`).toBe(n * value.d);
}

function evaluate(text: string, values: ReadonlyMap<string, Rational | null> = NATIONAL_2005): Outcome {
  return evaluateFormula(parse(text), values);
}

function refusal(text: string): { code: FormulaErrorCode; position: number; message: string } {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof FormulaError) return { code: error.code, position: error.position, message: error.message };
    throw error;
  }
  throw new Error(`"${text}" was accepted`);
}

describe('parseFormula', () => {
  it('accepts the indicator forms of the catalogue and lists inputs in first-appearance order, once', () => {
    expect(parse('urban_population / communities').inputs).toEqual(['urban_population', 'communities']);
    expect(parse('service_centers / urban_population * 10^4').inputs).toEqual(['service_centers', 'urban_population']);
    expect(parse('(service_centers + service_facilities) / communities').inputs).toEqual([
      'service_centers',
      'service_facilities',
      'communities',
    ]);
    expect(parse('communities / (communities + service_centers) - communities').inputs).toEqual([
      'communities',
      'service_centers',
    ]);
  });

  it('keeps the text as given and builds its own tree, not jsep nodes', () => {
    const formula = parse('urban_population / service_centers * 10^-4');
    expect(formula.text).toBe('urban_population / service_centers * 10^-4');
    expect(formula.tree).toEqual({
      kind: 'binary',
      operator: '*',
      left: {
        kind: 'binary',
        operator: '/',
        left: { kind: 'measure', id: 'urban_population' },
        right: { kind: 'measure', id: 'service_centers' },
      },
      right: { kind: 'power', base: integer(10), exponent: -4 },
    });
  });

  it('reads number literals from their text: 0.1 is exactly 1/10', () => {
    expect(parse('0.1').tree).toEqual({ kind: 'number', value: { n: 1n, d: 10n } });
    expect(parse('.5').tree).toEqual({ kind: 'number', value: { n: 1n, d: 2n } });
    expect(parse('5.').tree).toEqual({ kind: 'number', value: integer(5) });
    const fifty = `0.3${'0'.repeat(48)}1`; // 50 places: a double would read 0.3
    expect(parse(fifty).tree).toEqual({ kind: 'number', value: { n: 3n * 10n ** 49n + 1n, d: 10n ** 50n } });
  });

  it('gives ^ precedence above * and /, right of unary minus only through parentheses', () => {
    expect(parse('2 * 10^3').tree).toEqual({
      kind: 'binary',
      operator: '*',
      left: { kind: 'number', value: integer(2) },
      right: { kind: 'power', base: integer(10), exponent: 3 },
    });
    expect(parse('-(10^4)').tree).toEqual({ kind: 'negate', operand: { kind: 'power', base: integer(10), exponent: 4 } });
    expect(parse('(10)^(4)').tree).toEqual({ kind: 'power', base: integer(10), exponent: 4 });
    expect(parse('10^-0').tree).toEqual({ kind: 'power', base: integer(10), exponent: 0 });
  });

  it('reads × ÷ and the minus sign as printed or typed, with positions unchanged', () => {
    expect(parse('service_centers × communities ÷ −subdistricts').tree).toEqual(
      parse('service_centers * communities / -subdistricts').tree,
    );
    expect(refusal('communities × nope').position).toBe(14);
  });

  it('leaves jsep\'s shared operator table as it found it', () => {
    parse('10^4');
    expect(jsep.binary_ops['^']).toBe(4);
    expect(jsep('1 ^ 2 * 3')).toMatchObject({ type: 'BinaryExpression', operator: '^' }); // XOR, below *
  });
});

describe('parseFormula refusals, each with the position of the offending token', () => {
  it.each<[string, FormulaErrorCode, number]>([
    // not measures
    ['communities + nope', 'unknown-measure', 14],
    ['nope + nope', 'unknown-measure', 0],
    ['Communities', 'unknown-measure', 0],
    ['constructor', 'unknown-measure', 0],
    // code, not arithmetic
    ['process.exit()', 'not-allowed', 0],
    ['communities + exit(1)', 'not-allowed', 14],
    ['communities.length', 'not-allowed', 11],
    ['communities . length', 'not-allowed', 12],
    ['communities?.length', 'not-allowed', 12],
    ['communities[0]', 'not-allowed', 11],
    ['"communities"', 'not-allowed', 0],
    ["communities + 'x'", 'not-allowed', 14],
    ['this', 'not-allowed', 0],
    ['true', 'not-allowed', 0],
    ['null / communities', 'not-allowed', 0],
    ['[communities]', 'not-allowed', 0],
    ['communities, service_centers', 'not-allowed', 11],
    ['communities; service_centers', 'not-allowed', 11],
    ['communities service_centers', 'not-allowed', 12],
    ['(communities, service_centers)', 'not-allowed', 12],
    ['communities ? communities : service_centers', 'not-allowed', 12],
    ['communities && service_centers', 'not-allowed', 12],
    ['communities || service_centers', 'not-allowed', 12],
    ['communities == service_centers', 'not-allowed', 12],
    ['communities < service_centers', 'not-allowed', 12],
    ['communities % service_centers', 'not-allowed', 12],
    ['communities ** 2', 'not-allowed', 12],
    ['!communities', 'not-allowed', 0],
    ['+communities', 'not-allowed', 0],
    ['communities / ~service_centers', 'not-allowed', 14],
    // numbers and powers
    ['1e5 * communities', 'bad-number', 0],
    ['communities * 1E-4', 'bad-number', 14],
    ['communities ^ 2', 'bad-power', 0],
    ['10^communities', 'bad-power', 3],
    ['10^4.5', 'bad-power', 3],
    ['10^4^2', 'bad-power', 3],
    ['(10^4)^2', 'bad-power', 0],
    ['10^31', 'bad-power', 3],
    ['10^-31', 'bad-power', 3],
    ['communities * -10^4', 'bad-power', 14],
    // nothing, or no expression
    ['', 'empty', 0],
    ['   ', 'empty', 3],
    ['()', 'empty', 0],
    // jsep's own syntax errors carry their index
    ['communities +', 'syntax', 13],
    ['(communities', 'syntax', 12],
    ['2communities', 'syntax', 1],
    ['communities # 2', 'syntax', 12],
  ])('%j: %s at %i', (text, code, position) => {
    expect(refusal(text)).toMatchObject({ code, position });
  });

  it('points to the occurrence at fault, not the first one with the same text', () => {
    expect(refusal('communities / communities.length').position).toBe(25);
    expect(refusal('communities + service_centers(communities)').position).toBe(14);
    expect(refusal('communities - (communities + nope) + nope').position).toBe(29);
    expect(refusal('1e5 + 1 + 1e5 ').position).toBe(0);
    expect(refusal('10^4 + 10^40').position).toBe(10);
  });

  it('reports the first problem in the text', () => {
    expect(refusal('nope.x + communities').code).toBe('not-allowed'); // the member access around nope
    expect(refusal('communities.x + nope')).toMatchObject({ code: 'not-allowed', position: 11 });
    expect(refusal('nope % communities')).toMatchObject({ code: 'unknown-measure', position: 0 });
  });

  it('says what is wrong without the position, for callers to place', () => {
    expect(refusal('communities + nope').message).toBe('unknown measure id "nope"');
    expect(refusal('process.exit()').message).toBe('a function call is not allowed in a formula');
    expect(refusal('communities ** 2').message).toMatch(/write powers with \^/);
    expect(refusal('communities +').message).not.toMatch(/character/);
    const error = (() => {
      try {
        parse('nope');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(FormulaError);
    expect(error).toBeInstanceOf(Error);
    expect((error as FormulaError).name).toBe('FormulaError');
  });
});

describe('evaluateFormula', () => {
  // figures: end-2005 national counts (domain.md, data/2005.csv); published values: the MCA 2009 report
  it('(8479 + 194796) / 79947 = 203275/79947 exactly, 2.5426…', () => {
    const outcome = evaluate('(service_centers + service_facilities) / communities');
    expectExactly(outcome, 203275n, 79947n);
    expect(roundToString(valueOf(outcome), 4, 'half-up')).toBe('2.5426');
  });

  it('population per community: 562120000 / 79947 rounds to 7031 (Table 1)', () => {
    const outcome = evaluate('urban_population / communities');
    expectExactly(outcome, 562120000n, 79947n);
    expect(roundToString(valueOf(outcome), 0, 'half-up')).toBe('7031');
  });

  it('the published ratios of Tables 1 and 2 and the text', () => {
    const rounded = (text: string, decimals: number): string =>
      roundToString(valueOf(evaluate(text)), decimals, 'half-up');
    expect(rounded('committee_members / communities', 2)).toBe('5.67');
    expect(rounded('service_centers / communities', 2)).toBe('0.11');
    expect(rounded('service_centers / urban_population * 10^4', 2)).toBe('0.15');
    expect(rounded('urban_population / committee_members', 0)).toBe('1239');
    expect(rounded('communities / subdistricts', 2)).toBe('13.54');
  });

  it('powers of ten either way: 10^-4 and / 10^4 agree', () => {
    const perCenter = evaluate('urban_population / service_centers * 10^-4');
    expectExactly(perCenter, 56212n, 8479n);
    expectExactly(evaluate('urban_population / service_centers / 10^4'), 56212n, 8479n);
    expectExactly(evaluate('2^-3'), 1n, 8n);
    expectExactly(evaluate('0.5^2'), 1n, 4n);
    expectExactly(evaluate('10^30'), 10n ** 30n, 1n);
  });

  it('0.1 + 0.2 is exactly 3/10', () => {
    expectExactly(evaluate('0.1 + 0.2'), 3n, 10n);
    expect(0.1 + 0.2).not.toBe(0.3); // what a double would give
  });

  it('follows precedence, associativity and parentheses', () => {
    expectExactly(evaluate('1 + 2 * 3'), 7n, 1n);
    expectExactly(evaluate('(1 + 2) * 3'), 9n, 1n);
    expectExactly(evaluate('8 / 4 / 2'), 1n, 1n);
    expectExactly(evaluate('8 / (4 / 2)'), 4n, 1n);
    expectExactly(evaluate('2 - 3 - 4'), -5n, 1n);
    expectExactly(evaluate('2 - (3 - 4)'), 3n, 1n);
    expectExactly(evaluate('3 * 10^2 + 1'), 301n, 1n);
    expectExactly(evaluate('1 / 3 * 3'), 1n, 1n);
  });

  it('unary minus', () => {
    expectExactly(evaluate('-communities + 79947'), 0n, 1n);
    expectExactly(evaluate('communities - -1'), 79948n, 1n);
    expectExactly(evaluate('-(1 + 2) * 2'), -6n, 1n);
    expectExactly(evaluate('--3'), 3n, 1n);
    expectExactly(evaluate('-(10^4)'), -10000n, 1n);
    expectExactly(evaluate('1 / -4'), -1n, 4n);
    const value = valueOf(evaluate('1 / -4'));
    expect(value.d > 0n).toBe(true);
  });

  it('a division by exactly zero anywhere is a zero denominator, not Infinity', () => {
    const values = new Map([...NATIONAL_2005, ['service_centers', integer(0)]]);
    expect(evaluate('communities / service_centers', values)).toEqual({ missing: 'zero-denominator' });
    expect(evaluate('communities / (service_centers - service_centers)')).toEqual({ missing: 'zero-denominator' });
    expect(evaluate('(1 / 0) * 0')).toEqual({ missing: 'zero-denominator' });
    expect(evaluate('0^-1')).toEqual({ missing: 'zero-denominator' });
    expectExactly(evaluate('service_centers / communities', values), 0n, 1n); // zero numerator is a value
  });

  it('a missing input (null or absent) is a missing value, before any zero denominator', () => {
    const withNull = new Map([...NATIONAL_2005, ['service_centers', null]]);
    expect(evaluate('service_centers / communities', withNull)).toEqual({ missing: 'input' });
    expect(evaluate('communities / communities', new Map())).toEqual({ missing: 'input' });
    const zeroAndMissing = new Map<string, Rational | null>([
      ['service_centers', null],
      ['communities', integer(0)],
    ]);
    expect(evaluate('service_centers / communities', zeroAndMissing)).toEqual({ missing: 'input' });
    expect(evaluate('communities / communities * 0 + service_centers', zeroAndMissing)).toEqual({ missing: 'input' });
  });

  it('ignores values of measures the formula does not use', () => {
    const values = new Map([...NATIONAL_2005, ['subdistricts', null]]);
    expectExactly(evaluate('urban_population / communities', values), 562120000n, 79947n);
  });

  it('evaluates a formula object built by hand from a tree', () => {
    const formula: Formula = {
      text: '',
      tree: { kind: 'binary', operator: '/', left: { kind: 'measure', id: 'a' }, right: { kind: 'number', value: integer(4) } },
      inputs: ['a'],
    };
    expectExactly(evaluateFormula(formula, new Map([['a', integer(2)]])), 1n, 2n);
  });
});

describe('printFormula', () => {
  it.each([
    ['service_centers/urban_population*10^4', 'service_centers / urban_population × 10^4'],
    ['urban_population / service_centers * 10^-4', 'urban_population / service_centers × 10^-4'],
    ['((service_centers + service_facilities)) / communities', '(service_centers + service_facilities) / communities'],
    ['(communities / service_centers) / subdistricts', 'communities / service_centers / subdistricts'],
    ['communities / (service_centers / subdistricts)', 'communities / (service_centers / subdistricts)'],
    ['communities - (service_centers + subdistricts)', 'communities - (service_centers + subdistricts)'],
    ['(communities - service_centers) + subdistricts', 'communities - service_centers + subdistricts'],
    ['communities + (service_centers * subdistricts)', 'communities + service_centers × subdistricts'],
    ['(communities * 2) * 3', 'communities × 2 × 3'],
    ['communities * (2 * 3)', 'communities × (2 × 3)'],
    ['-(communities)', '-communities'],
    ['-(-communities)', '-(-communities)'],
    ['-(communities + 1)', '-(communities + 1)'],
    ['(-communities) * 2', '-communities × 2'],
    ['communities * (-2)', 'communities × -2'],
    ['communities - (-2)', 'communities - -2'],
    ['-(10^4)', '-(10^4)'],
    ['.50 + 007 + 0.0', '0.5 + 7 + 0'],
    ['0.5^2 * 10^-0', '0.5^2 × 10^0'],
    ['communities ÷ 2', 'communities / 2'],
  ])('%j prints as %j', (text, printed) => {
    const formula = parse(text);
    expect(printFormula(formula)).toBe(printed);
    expect(parse(printed).tree).toEqual(formula.tree);
  });
});

describe('legacyFormula', () => {
  it('writes numerator / denominator × 10^k as formula text that parses to the same ratio', () => {
    expect(legacyFormula('urban_population', 'communities', 0)).toBe('urban_population / communities');
    expect(legacyFormula('service_centers', 'urban_population', 4)).toBe('service_centers / urban_population * 10^4');
    expect(legacyFormula('urban_population', 'service_centers', -4)).toBe('urban_population / service_centers * 10^-4');
    const formula = parse(legacyFormula('service_centers', 'urban_population', 4));
    expect(roundToString(valueOf(evaluateFormula(formula, NATIONAL_2005)), 2, 'half-up')).toBe('0.15');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Property: random trees against an independent evaluation on plain BigInt pairs

type Pair = readonly [bigint, bigint]; // numerator, positive denominator, lowest terms

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function pair(n: bigint, d: bigint): Pair {
  const sign = d < 0n ? -1n : 1n;
  const divisor = gcd(n, d);
  return [(sign * n) / divisor, (sign * d) / divisor];
}

/** An independent evaluation: null for a missing input or a zero denominator, told apart by `missing`. */
function reference(node: FormulaNode, values: ReadonlyMap<string, bigint | null>): Pair | null {
  switch (node.kind) {
    case 'number':
      return pair(node.value.n, node.value.d);
    case 'measure': {
      const value = values.get(node.id);
      if (value === null || value === undefined) throw new Error('missing input');
      return [value, 1n];
    }
    case 'power': {
      const k = BigInt(Math.abs(node.exponent));
      const [n, d] = [node.base.n ** k, node.base.d ** k];
      if (node.exponent >= 0) return pair(n, d);
      return n === 0n ? null : pair(d, n);
    }
    case 'negate': {
      const operand = reference(node.operand, values);
      return operand === null ? null : [-operand[0], operand[1]];
    }
    case 'binary': {
      const left = reference(node.left, values);
      const right = reference(node.right, values);
      if (left === null || right === null) return null;
      const [a, b] = left;
      const [c, d] = right;
      switch (node.operator) {
        case '+':
          return pair(a * d + c * b, b * d);
        case '-':
          return pair(a * d - c * b, b * d);
        case '*':
          return pair(a * c, b * d);
        case '/':
          return c === 0n ? null : pair(a * d, b * c);
      }
    }
  }
}

function referenceOutcome(tree: FormulaNode, values: ReadonlyMap<string, bigint | null>): Pair | 'input' | 'zero-denominator' {
  const used = new Set<string>();
  const collect = (node: FormulaNode): void => {
    if (node.kind === 'measure') used.add(node.id);
    else if (node.kind === 'negate') collect(node.operand);
    else if (node.kind === 'binary') {
      collect(node.left);
      collect(node.right);
    }
  };
  collect(tree);
  for (const id of used) if (values.get(id) === null || values.get(id) === undefined) return 'input';
  return reference(tree, values) ?? 'zero-denominator';
}

const PROPERTY_IDS = ['communities', 'service_centers', 'urban_population'] as const;

const numberLeaf: fc.Arbitrary<FormulaNode> = fc
  .tuple(fc.integer({ min: 0, max: 20 }), fc.constantFrom(1n, 1n, 1n, 10n, 100n))
  .map(([n, d]) => {
    const [reducedN, reducedD] = pair(BigInt(n), d);
    return { kind: 'number', value: { n: reducedN, d: reducedD } };
  });
const measureLeaf: fc.Arbitrary<FormulaNode> = fc.constantFrom(...PROPERTY_IDS).map((id) => ({ kind: 'measure', id }));
const powerLeaf: fc.Arbitrary<FormulaNode> = fc
  .tuple(fc.constantFrom<Rational>(integer(10), integer(2), integer(0), { n: 1n, d: 2n }), fc.integer({ min: -6, max: 6 }))
  .map(([base, exponent]) => ({ kind: 'power', base, exponent }));

const { tree: treeArbitrary } = fc.letrec<{ tree: FormulaNode; leaf: FormulaNode; negate: FormulaNode; binary: FormulaNode }>(
  (tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('negate'), tie('binary'), tie('binary')),
    leaf: fc.oneof(numberLeaf, measureLeaf, measureLeaf, powerLeaf),
    negate: tie('tree').map((operand): FormulaNode => ({ kind: 'negate', operand })),
    binary: fc
      .tuple(fc.constantFrom('+', '-', '*', '/') as fc.Arbitrary<'+' | '-' | '*' | '/'>, tie('tree'), tie('tree'))
      .map(([operator, left, right]): FormulaNode => ({ kind: 'binary', operator, left, right })),
  }),
);

const valuesArbitrary = fc
  .tuple(...PROPERTY_IDS.map(() => fc.option(fc.bigInt({ min: -5n, max: 30n }), { freq: 8 })))
  .map((values) => new Map(PROPERTY_IDS.map((id, index) => [id, values[index] ?? null])));

describe('property: random trees over small numbers', () => {
  it('parse(print(tree)) is the tree, and evaluateFormula agrees with an independent evaluation', () => {
    const isPropertyId = (id: string): boolean => (PROPERTY_IDS as readonly string[]).includes(id);
    fc.assert(
      fc.property(treeArbitrary, valuesArbitrary, (tree, values) => {
        const printed = printFormula({ text: '', tree, inputs: [] });
        const formula = parseFormula(printed, isPropertyId);
        expect(formula.tree).toEqual(tree);

        const rationals = new Map<string, Rational | null>(
          [...values].map(([id, value]) => [id, value === null ? null : integer(value)]),
        );
        const outcome = evaluateFormula(formula, rationals);
        const expected = referenceOutcome(tree, values);
        if (typeof expected === 'string') {
          expect(outcome).toEqual({ missing: expected });
        } else {
          const value = valueOf(outcome);
          expect(value.d > 0n).toBe(true);
          expect(pair(value.n, value.d)).toEqual(expected);
        }
      }),
      { numRuns: 500 },
    );
  });
});
