/**
 * Exact rational numbers on BigInt, for measures and the ratios computed from them.
 *
 * Every value read from a yearbook is a decimal times a power of ten (`56212` 万人, `43.1` 万人), so it is a
 * rational with a power-of-ten denominator; a ratio of two of them is a rational too. Rounding such a value to
 * the digits a table prints is then exact: `1.005` half-up to 2 places is `1.01`, never `1.00` as binary
 * floating point gives.
 */
export interface Rational {
  /** numerator, any sign */
  readonly n: bigint;
  /** denominator, always > 0 */
  readonly d: bigint;
}

export type RoundingMode = 'half-up' | 'half-even' | 'truncate' | 'ceiling' | 'floor';
export const ROUNDING_MODES: readonly RoundingMode[] = ['half-up', 'half-even', 'truncate', 'ceiling', 'floor'];

export const ZERO: Rational = { n: 0n, d: 1n };

const POW10: bigint[] = [];
export function pow10(k: number): bigint {
  if (k < 64) return (POW10[k] ??= 10n ** BigInt(k));
  return 10n ** BigInt(k);
}

export function fromBigInt(n: bigint): Rational {
  return { n, d: 1n };
}

/** A value times 10^k (k may be negative). */
export function scale10(value: Rational, k: number): Rational {
  if (k === 0) return value;
  return k > 0 ? { n: value.n * pow10(k), d: value.d } : { n: value.n, d: value.d * pow10(-k) };
}

/**
 * a + b. Denominators never grow past the least common multiple of the operands' (Knuth, TAOCP 4.5.1): a sum
 * of decimals with 1, 2 and 3 places keeps a denominator of at most 1000, however many are added; the result is
 * in lowest terms whenever the operands are and their denominators differ. Equal denominators (the common case:
 * a column of uniform decimals) cost one addition and no gcd.
 */
export function add(a: Rational, b: Rational): Rational {
  if (a.d === b.d) return { n: a.n + b.n, d: a.d };
  const g = gcd(a.d, b.d);
  if (g === 1n) return { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
  const t = a.n * (b.d / g) + b.n * (a.d / g);
  const g2 = gcd(t < 0n ? -t : t, g);
  return g2 === 1n ? { n: t, d: (a.d / g) * b.d } : { n: t / g2, d: (a.d / g) * (b.d / g2) };
}

/** Greatest common divisor of two non-negative integers (Euclid); gcd(0, y) = y. */
function gcd(x: bigint, y: bigint): bigint {
  while (y !== 0n) {
    const remainder = x % y;
    x = y;
    y = remainder;
  }
  return x;
}

export function subtract(a: Rational, b: Rational): Rational {
  return add(a, { n: -b.n, d: b.d });
}

/** a × b in lowest terms (the product's common factor is divided out, so chained products stay small). */
export function multiply(a: Rational, b: Rational): Rational {
  return lowestTerms(a.n * b.n, a.d * b.d);
}

/** −a. In lowest terms when `a` is; the denominator stays positive. */
export function negate(a: Rational): Rational {
  return { n: -a.n, d: a.d };
}

/** n / d with d > 0 and gcd(|n|, d) = 1; zero is 0/1. */
function lowestTerms(n: bigint, d: bigint): Rational {
  const x = gcd(n < 0n ? -n : n, d);
  return x === 1n ? { n, d } : { n: n / x, d: d / x };
}

/** a / b, or null when b is zero: a zero denominator is a missing value, never Infinity. */
export function divide(a: Rational, b: Rational): Rational | null {
  if (b.n === 0n) return null;
  const n = a.n * b.d;
  const d = a.d * b.n;
  return d < 0n ? { n: -n, d: -d } : { n, d };
}

export function compare(a: Rational, b: Rational): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function isInteger(value: Rational): boolean {
  return value.n % value.d === 0n;
}

/**
 * Round to `decimals` places under `mode` and return the decimal text (no exponent, no negative zero).
 * half-up rounds a half away from zero (四舍五入), half-even to the even digit (GB/T 8170), truncate towards
 * zero, ceiling towards +∞, floor towards −∞.
 */
export function roundToString(value: Rational, decimals: number, mode: RoundingMode): string {
  const negative = value.n < 0n;
  const magnitude = (negative ? -value.n : value.n) * pow10(decimals);
  let quotient = magnitude / value.d;
  const twiceRemainder = (magnitude % value.d) * 2n;
  if (twiceRemainder !== 0n) {
    switch (mode) {
      case 'half-up':
        if (twiceRemainder >= value.d) quotient += 1n;
        break;
      case 'half-even':
        if (twiceRemainder > value.d || (twiceRemainder === value.d && quotient % 2n === 1n)) quotient += 1n;
        break;
      case 'truncate':
        break;
      case 'ceiling':
        if (!negative) quotient += 1n;
        break;
      case 'floor':
        if (negative) quotient += 1n;
        break;
    }
  }
  return formatScaled(quotient, decimals, negative && quotient !== 0n);
}

function formatScaled(magnitude: bigint, decimals: number, negative: boolean): string {
  let digits = magnitude.toString();
  if (decimals > 0) {
    digits = digits.padStart(decimals + 1, '0');
    digits = `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  }
  return negative ? `-${digits}` : digits;
}

/** The value to `significant` significant digits (half-up), as plain decimal text. */
export function toSignificant(value: Rational, significant: number): string {
  if (value.n === 0n) return '0';
  const magnitude = value.n < 0n ? -value.n : value.n;
  // number of digits before the decimal point of |value|, possibly ≤ 0
  let integerDigits = (magnitude / value.d).toString().length;
  if (magnitude < value.d) {
    integerDigits = 0;
    while (magnitude * pow10(-integerDigits + 1) < value.d) integerDigits -= 1;
  }
  const decimals = Math.max(0, significant - integerDigits);
  const rounded = roundToString(value, decimals, 'half-up');
  if (integerDigits <= significant) return stripTrailingZeros(rounded);
  // more integer digits than asked: zero the tail
  const excess = integerDigits - significant;
  const shifted = roundToString({ n: value.n, d: value.d * pow10(excess) }, 0, 'half-up');
  return `${shifted}${'0'.repeat(excess)}`;
}

function stripTrailingZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** The nearest double, for statistics that are floating point by nature (CV, Gini, Theil). */
export function toNumber(value: Rational): number {
  const limit = 9007199254740992n; // 2^53: both exact as doubles, so one IEEE division rounds correctly
  if (value.n < limit && value.n > -limit && value.d < limit) return Number(value.n) / Number(value.d);
  return Number(toSignificant(value, 20));
}

/** Exact decimal text of a value that terminates within 40 places (every measure read from a file does). */
export function toDecimalString(value: Rational): string {
  for (let decimals = 0; decimals <= 40; decimals += 1) {
    if ((value.n * pow10(decimals)) % value.d === 0n) return roundToString(value, decimals, 'truncate');
  }
  return toSignificant(value, 20);
}

/**
 * A double as a rational, through its decimal expansion to 20 places (exact for statistics of ordinary
 * size), so that floating-point statistics are rounded by the same rules as everything else.
 */
export function fromNumber(value: number): Rational {
  if (!Number.isFinite(value)) throw new Error(`fromNumber requires a finite number, got ${value}`);
  if (Math.abs(value) >= 1e21) return { n: BigInt(Math.round(value)), d: 1n };
  const text = value.toFixed(20);
  const negative = text.startsWith('-');
  const [integer = '0', fraction = ''] = text.replace('-', '').split('.');
  const magnitude = BigInt(integer + fraction);
  return { n: negative ? -magnitude : magnitude, d: pow10(fraction.length) };
}
