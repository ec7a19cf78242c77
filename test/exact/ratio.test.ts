/**
 * The fast exact path of a ratio indicator (exact/ratio.ts) against the rational path it stands for
 * (exact/rational.ts): the same text for every safe integer pair, power of ten, number of places and rounding
 * mode, and the same double for the plausibility check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROUNDING_MODES, divide, multiply, roundToString, toNumber } from '../../src/exact/rational.js';
import type { Rational } from '../../src/exact/rational.js';
import { ratioNumber, roundRatio } from '../../src/exact/ratio.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1000);

/** a / b × 10^k as formula.ts evaluates `a / b * 10^k` (divide, then multiply by the power). */
function rational(a: number, b: number, power10: number): Rational {
  const quotient = divide({ n: BigInt(a), d: 1n }, { n: BigInt(b), d: 1n })!;
  if (power10 === 0) return quotient;
  const power = power10 > 0 ? { n: 10n ** BigInt(power10), d: 1n } : { n: 1n, d: 10n ** BigInt(-power10) };
  return multiply(quotient, power);
}

// counts of every size: small ones (ties and exact quotients are common), register-sized, and up to 2^53 − 1
const count = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 10_000_000 }), fc.maxSafeInteger().filter((n) => n >= 0));
const positive = fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }));
const power10 = fc.oneof(fc.constantFrom(0, 4, -4, 8, -8), fc.integer({ min: -30, max: 30 }));

describe('roundRatio', () => {
  it('gives the text of the rational path for any counts, power of ten, places and mode', () => {
    fc.assert(fc.property(count, positive, power10, fc.integer({ min: 0, max: 8 }), fc.constantFrom(...ROUNDING_MODES), (a, b, k, decimals, mode) => {
      expect(roundRatio(a, b, k, decimals, mode)).toBe(roundToString(rational(a, b, k), decimals, mode));
    }), { numRuns: RUNS * 5 });
  });

  it('rounds halves up by default and to even under half-even, as the rational path does', () => {
    // 1/8 = 0.125, 3/8 = 0.375, 5 / 2 = 2.5: the halves themselves
    expect(roundRatio(1, 8, 0, 2, 'half-up')).toBe('0.13');
    expect(roundRatio(1, 8, 0, 2, 'half-even')).toBe('0.12');
    expect(roundRatio(3, 8, 0, 2, 'half-even')).toBe('0.38');
    expect(roundRatio(5, 2, 0, 0, 'half-even')).toBe('2');
    expect(roundRatio(7, 2, 0, 0, 'half-even')).toBe('4');
    // the 2005 national figures (domain.md): 8479 centres / 562120000 persons × 10^4, 562120000 / 79947
    expect(roundRatio(8479, 562_120_000, 4, 2, 'half-up')).toBe('0.15');
    expect(roundRatio(562_120_000, 79_947, 0, 0, 'half-up')).toBe('7031');
    expect(roundRatio(0, 3, 0, 2, 'ceiling')).toBe('0.00');
  });

  it('gives the double the plausibility check gets from the rational path, or leaves it to that path', () => {
    fc.assert(fc.property(count, positive, power10, (a, b, k) => {
      const fast = ratioNumber(a, b, k);
      if (fast !== undefined) expect(fast).toBe(toNumber(rational(a, b, k)));
    }), { numRuns: RUNS * 5 });
  });
});
