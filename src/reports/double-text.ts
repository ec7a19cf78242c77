/**
 * A statistic computed in doubles (describe, equity, a CAGR) as text that shows no more than it knows: at most
 * DOUBLE_DIGITS significant digits. A double holds 15 to 17, and a sum of many loses some; printing every digit
 * of its binary value (`123456789012345660285533552640`) would claim an exactness it does not have.
 */
import type { RoundingMode } from '../exact/rational.js';
import { fromNumber, roundToString } from '../exact/rational.js';

export const DOUBLE_DIGITS = 15;

/**
 * `decimals` places, fewer when the integer part leaves less room in DOUBLE_DIGITS; beyond 10^15, the value in
 * exponent notation with DOUBLE_DIGITS significant digits (`2.05761315020576e+28`). Null for NaN and infinities.
 */
export function doubleText(value: number, decimals: number, mode: RoundingMode): string | null {
  if (!Number.isFinite(value)) return null;
  const integerDigits = value === 0 ? 1 : Math.floor(Math.log10(Math.abs(value))) + 1;
  if (integerDigits > DOUBLE_DIGITS) return value.toPrecision(DOUBLE_DIGITS).replace(/\.?0+e/, 'e');
  return roundToString(fromNumber(value), Math.min(decimals, DOUBLE_DIGITS - Math.max(integerDigits, 0)), mode);
}
