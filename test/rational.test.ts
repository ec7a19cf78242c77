import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Rational, RoundingMode } from '../src/exact/rational.js';
import { add, divide, roundToString, scale10, toDecimalString, toNumber, toSignificant } from '../src/exact/rational.js';
import { parseNumberCell } from '../src/table/cells.js';

function decimal(text: string): Rational {
  const value = parseNumberCell(text);
  if (value === null || 'invalid' in value) throw new Error(text);
  return value;
}

describe('roundToString', () => {
  // the examples: binary floating point gives 1.00 and 2.67 for these
  it('rounds half up exactly where floating point fails', () => {
    expect(roundToString(decimal('1.005'), 2, 'half-up')).toBe('1.01');
    expect(roundToString(decimal('2.675'), 2, 'half-up')).toBe('2.68');
    expect((1.005).toFixed(2)).toBe('1.00'); // the artefact this module exists to avoid
  });

  it.each<[string, number, RoundingMode, string]>([
    ['2.5', 0, 'half-up', '3'],
    ['2.5', 0, 'half-even', '2'],
    ['3.5', 0, 'half-even', '4'],
    ['2.51', 0, 'half-even', '3'],
    ['-2.5', 0, 'half-up', '-3'],
    ['-2.5', 0, 'half-even', '-2'],
    ['2.59', 1, 'truncate', '2.5'],
    ['-2.59', 1, 'truncate', '-2.5'],
    ['2.51', 1, 'ceiling', '2.6'],
    ['-2.51', 1, 'ceiling', '-2.5'],
    ['2.59', 1, 'floor', '2.5'],
    ['-2.51', 1, 'floor', '-2.6'],
    ['-0.001', 2, 'half-up', '0.00'],
    ['0.105', 2, 'half-even', '0.10'],
    ['0.115', 2, 'half-even', '0.12'],
    ['7', 2, 'half-up', '7.00'],
    ['123456789012345678901234567890.5', 0, 'half-up', '123456789012345678901234567891'],
  ])('%s to %i places %s is %s', (text, decimals, mode, expected) => {
    expect(roundToString(decimal(text), decimals, mode)).toBe(expected);
  });

  it("reproduces the report's Table 1 and Table 2 ratios", () => {
    const communities = decimal('79947');
    const population = scale10(decimal('56212'), 4);
    expect(roundToString(divide(population, communities)!, 0, 'half-up')).toBe('7031');
    expect(roundToString(divide(decimal('453543'), communities)!, 2, 'half-up')).toBe('5.67');
    expect(roundToString(divide(decimal('8479'), communities)!, 2, 'half-up')).toBe('0.11');
  });

  it('agrees with a BigInt reference on random fractions (property)', () => {
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 20n), 10n ** 20n), fc.bigInt(1n, 10n ** 12n), fc.integer({ min: 0, max: 6 }), (n, d, places) => {
        // reference: scaled numerator, floor division, compare remainders by cross-multiplying
        const scaled = n * 10n ** BigInt(places);
        const floor = scaled >= 0n ? scaled / d : -((-scaled + d - 1n) / d);
        const remainder = scaled - floor * d; // 0 <= remainder < d
        const halfUp = 2n * remainder > d || (2n * remainder === d && floor >= 0n) ? floor + 1n : floor;
        const asText = (value: bigint): string => {
          const negative = value < 0n;
          const digits = (negative ? -value : value).toString().padStart(places + 1, '0');
          const body = places > 0 ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
          return negative ? `-${body}` : body;
        };
        // half-up (away from zero): for negatives, a half goes down to floor
        const expectedHalfUp = scaled < 0n && 2n * remainder === d ? floor : halfUp;
        expect(roundToString({ n, d }, places, 'half-up')).toBe(asText(expectedHalfUp));
        expect(roundToString({ n, d }, places, 'floor')).toBe(asText(floor));
        expect(roundToString({ n, d }, places, 'ceiling')).toBe(asText(remainder === 0n ? floor : floor + 1n));
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 2000) },
    );
  });
});

describe('other operations', () => {
  it('adds, scales and prints exact decimals', () => {
    expect(toDecimalString(add(decimal('0.1'), decimal('0.2')))).toBe('0.3');
    expect(toDecimalString(scale10(decimal('43.1'), 4))).toBe('431000');
    expect(toDecimalString(scale10(decimal('5'), -4))).toBe('0.0005');
    expect(toDecimalString({ n: 1n, d: 8n })).toBe('0.125');
  });

  it('gives significant digits and the nearest double', () => {
    expect(toSignificant(divide(decimal('453543'), decimal('79947'))!, 6)).toBe('5.67305'); // Python: Fraction(453543, 79947) = 5.6730458...
    expect(toSignificant(decimal('562120000'), 3)).toBe('562000000');
    expect(toSignificant(decimal('0.000123456'), 3)).toBe('0.000123');
    expect(toNumber({ n: 1n, d: 3n })).toBe(1 / 3);
    expect(toNumber({ n: 10n ** 30n, d: 3n })).toBeCloseTo(3.3333333333333333e29, -14);
  });

  it('treats a zero denominator as missing', () => {
    expect(divide(decimal('5'), decimal('0'))).toBeNull();
  });
});
