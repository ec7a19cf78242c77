/**
 * The fast exact path for the commonest indicator, a ratio of two counts times a power of ten
 * (`service_centers / urban_population × 10^4`), when both counts are safe non-negative integers (doubles read
 * from plain cells). The text is the one `roundToString` gives for the same rational, without building it:
 * quotient and remainder in doubles while every operand stays below 2^52, in BigInt otherwise.
 */
import type { RoundingMode } from './rational.js';
import { pow10, roundToString } from './rational.js';

const SAFE = Number.MAX_SAFE_INTEGER;
/** 2^52 − 1 */
const HALF_SAFE = 2 ** 52 - 1;
/** 10^0 … 10^15, each exact as a double */
const POWERS = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** A ratio's rounding, set up once for an indicator: (a, b) → its text, for a ≥ 0 and b > 0 safe integers. */
export type RatioRounder = (a: number, b: number) => string;

/**
 * a / b × 10^power10 rounded to `decimals` places under `mode`, as decimal text. Equal to
 * `roundToString({ n: a·10^power10, d: b }, decimals, mode)` for every input (a property test checks it against
 * the rational path).
 */
export function ratioRounder(power10: number, decimals: number, mode: RoundingMode): RatioRounder {
  const shift = power10 + decimals;
  // the rounded value is numerator / denominator, both whole: a·10^shift / b, or a / (b·10^−shift)
  const up = shift >= 0 ? POWERS[shift] : 1;
  const down = shift < 0 ? POWERS[-shift] : 1;
  const exact = (a: number, b: number): string => roundToString({
    n: BigInt(a) * (power10 >= 0 ? pow10(power10) : 1n),
    d: BigInt(b) * (power10 >= 0 ? 1n : pow10(-power10)),
  }, decimals, mode);
  if (up === undefined || down === undefined) return exact;
  const text = decimalText(decimals);
  return (a, b) => {
    const numerator = a * up;
    const denominator = b * down;
    if (numerator > HALF_SAFE || denominator > HALF_SAFE) return exact(a, b);
    // below 2^52 the double quotient floors to the true one or one above it (rounding is monotone and an
    // integer is a double); quotient × denominator ≤ numerator + denominator stays exact
    let quotient = Math.floor(numerator / denominator);
    let remainder = numerator - quotient * denominator;
    if (remainder < 0) {
      quotient -= 1;
      remainder += denominator;
    }
    if (remainder !== 0) {
      const twice = remainder * 2;
      switch (mode) {
        case 'half-up':
          if (twice >= denominator) quotient += 1;
          break;
        case 'half-even':
          if (twice > denominator || (twice === denominator && quotient % 2 === 1)) quotient += 1;
          break;
        case 'ceiling':
          quotient += 1;
          break;
        case 'truncate':
        case 'floor':
          break;
      }
    }
    return text(quotient);
  };
}

/** The same, set up for one call. */
export function roundRatio(a: number, b: number, power10: number, decimals: number, mode: RoundingMode): string {
  return ratioRounder(power10, decimals, mode)(a, b);
}

/** A whole number of 10^−decimals as roundToString writes it (`5` with 2 places: `0.05`). */
function decimalText(decimals: number): (scaled: number) => string {
  if (decimals === 0) return String;
  const unit = POWERS[decimals];
  if (unit === undefined || decimals > 4) {
    return (scaled) => {
      const digits = String(scaled).padStart(decimals + 1, '0');
      return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
    };
  }
  // up to 4 places: the fraction's text from a table, the whole part from its number (exact: scaled < 2^53)
  const fractions = Array.from({ length: unit }, (_, fraction) => `.${String(fraction).padStart(decimals, '0')}`);
  return (scaled) => {
    const fraction = scaled % unit;
    return String((scaled - fraction) / unit) + fractions[fraction]!;
  };
}

/**
 * a / b × 10^power10 as the nearest double, or undefined when an operand would pass 2^53: there one IEEE
 * division of exact operands rounds correctly, as `toNumber` does for the same rational.
 */
export function ratioNumber(a: number, b: number, power10: number): number | undefined {
  const up = power10 >= 0 ? POWERS[power10] : 1;
  const down = power10 < 0 ? POWERS[-power10] : 1;
  if (up === undefined || down === undefined) return undefined;
  const numerator = a * up;
  const denominator = b * down;
  if (numerator > SAFE || denominator > SAFE) return undefined;
  return numerator / denominator;
}
