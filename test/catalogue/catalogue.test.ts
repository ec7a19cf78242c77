/**
 * The catalogue: built-in formulas name only built-in measures, user files are read strictly (formula or the
 * first numerator/denominator form), and indicators evaluate exactly.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOGUE, evaluate, formulaText, inputsOf } from '../../src/catalogue/catalogue.js';
import { parseFormula } from '../../src/catalogue/formula.js';
import { parseUserCatalogue } from '../../src/catalogue/user-catalogue.js';
import { SvcError } from '../../src/errors.js';
import type { Rational } from '../../src/exact/rational.js';
import { roundToString } from '../../src/exact/rational.js';

const MEASURES = new Set(BUILTIN_CATALOGUE.measures.map((measure) => measure.id));
const whole = (n: number): Rational => ({ n: BigInt(n), d: 1n });
/** End-2005 national counts (domain.md). */
const Y2005 = new Map<string, Rational | null>([
  ['communities', whole(79947)], ['urban_population', whole(562120000)], ['committee_members', whole(453543)],
  ['service_centers', whole(8479)], ['service_facilities', whole(194796)], ['subdistricts', whole(5904)],
]);

function errorOf(action: () => unknown): SvcError {
  try {
    action();
  } catch (error) {
    if (error instanceof SvcError) return error;
    throw error;
  }
  throw new Error('expected an SvcError');
}

const indicator = (extra: Record<string, unknown>) => JSON.stringify({
  indicators: [{ id: 'x', label: { zh: '甲', en: 'x' }, unit: { zh: '个', en: 'units' }, decimals: 4, ...extra }],
});

describe('built-in indicators', () => {
  it('every formula parses against the built-in measures alone', () => {
    for (const definition of BUILTIN_CATALOGUE.indicators) {
      expect(() => parseFormula(definition.formula, (id) => MEASURES.has(id)), definition.id).not.toThrow();
    }
  });

  it('reproduce Tables 1 and 2 of the 2009 report and the text figures', () => {
    const printed = Object.fromEntries(BUILTIN_CATALOGUE.indicators.map((definition) => {
      const outcome = evaluate(definition, Y2005);
      return [definition.id, 'value' in outcome ? roundToString(outcome.value, definition.decimals, 'half-up') : null];
    }));
    expect(printed).toMatchObject({
      population_per_community: '7031', committee_members_per_community: '5.67', centers_per_community: '0.11',
      communities_per_center: '9.43', centers_per_10k_residents: '0.15', residents_per_center_10k: '6.63',
      communities_per_subdistrict: '13.54', residents_per_committee_member: '1239',
    });
  });

  it('inputs and printed formula come from the formula', () => {
    const centres = BUILTIN_CATALOGUE.indicators.find((definition) => definition.id === 'centers_per_10k_residents')!;
    expect(inputsOf(centres)).toEqual(['service_centers', 'urban_population']);
    expect(formulaText(centres)).toBe('service_centers / urban_population × 10^4');
  });
});

describe('--indicators-file', () => {
  it('a formula beyond one ratio is exact: (8479 + 194796) / 79947', () => {
    const catalogue = parseUserCatalogue(indicator({ formula: '(service_centers + service_facilities) / communities' }), 'f.json');
    const outcome = evaluate(catalogue.indicators.find((definition) => definition.id === 'x')!, Y2005);
    expect(outcome).toHaveProperty('value');
    const value = (outcome as { value: Rational }).value;
    expect(value.n * 79947n).toBe(203275n * value.d);
  });

  it('the first form (numerator, denominator, multiplier) still reads, as its formula', () => {
    const catalogue = parseUserCatalogue(indicator({ numerator: 'service_centers', denominator: 'urban_population', multiplier: '10^4' }), 'f.json');
    expect(formulaText(catalogue.indicators.find((definition) => definition.id === 'x')!)).toBe('service_centers / urban_population × 10^4');
  });

  it.each([
    ['process.exit()', 'a function call is not allowed in a formula at character 1'],
    ['communities / a.b', 'member access is not allowed in a formula at character 16'],
    ['communities + nope', 'unknown measure id "nope" at character 15'],
  ])('refuses the formula %s with its position', (formula, message) => {
    const error = errorOf(() => parseUserCatalogue(indicator({ formula }), 'f.json'));
    expect(error.code).toBe('CATALOGUE');
    expect(error.message).toContain(`indicators[0].formula: ${message}`);
  });

  it('refuses unknown keys at any depth, duplicate keys, and both forms at once', () => {
    expect(errorOf(() => parseUserCatalogue(indicator({ formula: 'communities / subdistricts', multipler: 100 }), 'f.json')).message)
      .toMatch(/^indicators\[0\]\.multipler: unknown key/);
    expect(errorOf(() => parseUserCatalogue(indicator({ formula: 'communities / subdistricts', label: { zh: '甲', en: 'x', fr: 'x' } }), 'f.json')).message)
      .toMatch(/^indicators\[0\]\.label\.fr: unknown key/);
    const duplicate = '{"indicators": [{"id": "x", "id": "y"}]}';
    const error = errorOf(() => parseUserCatalogue(duplicate, 'f.json'));
    expect(error.message).toBe('indicators[0].id: duplicate key');
    expect(errorOf(() => parseUserCatalogue(indicator({ formula: 'communities / subdistricts', numerator: 'communities' }), 'f.json')).message)
      .toContain('give either "formula" or "numerator"/"denominator", not both');
  });
});

describe('ids that clash with output columns', () => {
  it('every report column id of the label table is reserved', async () => {
    const { LABELS } = await import('../../src/render/labels.js');
    const { RESERVED_IDS } = await import('../../src/catalogue/user-catalogue.js');
    for (const id of Object.keys(LABELS)) expect(RESERVED_IDS.has(id), id).toBe(true);
  });

  it.each(['year', 'unit', 'n', 'value_2005', 'cagr_x'])('an indicator or measure called %s is refused', (id) => {
    const error = errorOf(() => parseUserCatalogue(JSON.stringify({ indicators: [{ id, label: { zh: '甲', en: 'x' }, formula: 'communities / subdistricts', unit: { zh: '个', en: 'u' }, decimals: 2 }] }), 'f.json'));
    expect(error.message).toBe(`indicators[0].id: '${id}' is the name of an output column`);
    const measure = errorOf(() => parseUserCatalogue(JSON.stringify({ measures: [{ id, label: { zh: '甲', en: 'x' }, unit: { zh: '个', en: 'u' } }] }), 'f.json'));
    expect(measure.message).toBe(`measures[0].id: '${id}' is the name of an output column`);
  });
});

describe('a catalogue file in GB18030', () => {
  it('is decoded as a CSV input would be: Chinese labels intact, never U+FFFD', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const iconv = (await import('iconv-lite')).default;
    const { loadCatalogue } = await import('../../src/catalogue/load.js');
    const file = join(mkdtempSync(join(tmpdir(), 'svc-stats-catalogue-')), 'gbk.json');
    writeFileSync(file, iconv.encode(indicator({ formula: 'communities / subdistricts', label: { zh: '平均每街道社区数', en: 'x' } }), 'gb18030'));
    const catalogue = await loadCatalogue(file);
    expect(catalogue.indicators.find((definition) => definition.id === 'x')?.label.zh).toBe('平均每街道社区数');
  });
});
