import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Rational } from '../../src/exact/rational.js';
import { add, compare, multiply, negate, ZERO } from '../../src/exact/rational.js';

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) {
    const remainder = x % y;
    x = y;
    y = remainder;
  }
  return x;
}

const rational = fc
  .tuple(fc.bigInt({ min: -1_000_000_000_000n, max: 1_000_000_000_000n }), fc.bigInt({ min: 1n, max: 1_000_000_000_000n }))
  .map(([n, d]): Rational => ({ n, d }));

describe('multiply', () => {
  it('gives the product in lowest terms', () => {
    expect(multiply({ n: 2n, d: 3n }, { n: 3n, d: 4n })).toEqual({ n: 1n, d: 2n });
    expect(multiply({ n: -6n, d: 10n }, { n: 5n, d: 3n })).toEqual({ n: -1n, d: 1n });
    expect(multiply({ n: 562120000n, d: 79947n }, { n: 1n, d: 10000n })).toEqual({ n: 1196n, d: 1701n }); // 56212 = 47 × 1196, 79947 = 47 × 1701
  });

  it('gives zero as 0/1', () => {
    expect(multiply(ZERO, { n: 7n, d: 9n })).toEqual({ n: 0n, d: 1n });
    expect(multiply({ n: 0n, d: 5n }, { n: -7n, d: 9n })).toEqual({ n: 0n, d: 1n });
  });

  it('is exact, reduced, with a positive denominator (property)', () => {
    fc.assert(
      fc.property(rational, rational, (a, b) => {
        const product = multiply(a, b);
        expect(product.d > 0n).toBe(true);
        expect(gcd(product.n, product.d)).toBe(1n);
        expect(product.n * a.d * b.d).toBe(a.n * b.n * product.d);
      }),
    );
  });
});

describe('negate', () => {
  it('flips the sign and keeps the denominator', () => {
    expect(negate({ n: 3n, d: 4n })).toEqual({ n: -3n, d: 4n });
    expect(negate({ n: -3n, d: 4n })).toEqual({ n: 3n, d: 4n });
    expect(negate(ZERO)).toEqual({ n: 0n, d: 1n });
  });

  it('a + (−a) is zero (property)', () => {
    fc.assert(fc.property(rational, (a) => compare(add(a, negate(a)), ZERO) === 0));
  });
});
