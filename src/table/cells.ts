/**
 * Numbers as yearbooks print them: thousands separators, blanks, full-width digits, and markers for missing
 * values. Missing is never zero.
 */
import type { Rational } from '../exact/rational.js';
import { pow10 } from '../exact/rational.js';
import { printable } from '../errors.js';

/** Cells that mean "no figure": empty, `…`/`...` (below the table's smallest unit, or not available), a dash. */
export const MISSING_MARKERS: ReadonlySet<string> = new Set(['', '…', '……', '...', '—', '——', '-', '－', '–']);

const PLAIN_DIGITS = /^\d{1,15}$/;
const DECIMAL = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;
const FULL_WIDTH = /[\uFF10-\uFF19\uFF0C\uFF0E\uFF0D\uFF0B]/g;

function halfWidth(char: string): string {
  return String.fromCharCode(char.charCodeAt(0) - 0xfee0);
}

/** Outcome of reading one cell: a value, `null` for missing, or the reason it is not a number. */
export type CellValue = Rational | null | { readonly invalid: string };

export function parseNumberCell(raw: string): CellValue {
  if (PLAIN_DIGITS.test(raw)) return { n: BigInt(raw), d: 1n };
  const trimmed = raw.replace(/^[\s\u3000\uFEFF]+|[\s\u3000]+$/g, '');
  if (MISSING_MARKERS.has(trimmed)) return null;
  const text = trimmed.replace(FULL_WIDTH, halfWidth);
  const match = DECIMAL.exec(text);
  if (match === null) {
    if (/^[+-]?[\d.,]*\d[eE][+-]?\d+$/.test(text)) {
      return { invalid: `'${trimmed}' is in exponent notation; write the number in full` };
    }
    return { invalid: `'${shorten(trimmed)}' is not a number` };
  }
  const [, sign, integerPart = '', fraction = ''] = match;
  const magnitude = BigInt(integerPart.replaceAll(',', '') + fraction);
  return { n: sign === '-' ? -magnitude : magnitude, d: pow10(fraction.length) };
}

export function isInvalid(value: CellValue): value is { readonly invalid: string } {
  return value !== null && 'invalid' in value;
}

/** A cell quoted in a message: at most 40 characters, unprintable characters shown as U+XXXX (errors.ts printable). */
export function shorten(text: string): string {
  const visible = printable(text);
  return visible.length > 40 ? `${visible.slice(0, 37)}...` : visible;
}
