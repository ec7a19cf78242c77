/**
 * A horizontal bar chart for the terminal. Bars are drawn in eighths of a column with the Unicode block elements
 * (▏▎▍▌▋▊▉█), so a bar's length is exact to 1/8 column. Labels are padded by display width, not by code units: a
 * CJK character takes two columns (string-width, which follows Unicode's East Asian Width property).
 */
import stringWidth from 'string-width';
import { MISSING_MARK } from './model.js';

export interface TerminalBarRow {
  label: string;
  /** null is missing: no bar, the missing mark instead of the value text */
  value: number | null;
  /** the value as the caller formats it, printed after the bar */
  text: string;
}

export interface TerminalBarOptions {
  /** wraps each bar (the blocks only), e.g. a chalk colour; must not change the display width */
  color?: (s: string) => string;
}

/** index n: a bar n/8 of a column long */
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const FULL = '█';

/**
 * One line per row: `label  bar value` (a missing value: `label  —`), sorted by value descending (missing last, ties in input order). The
 * longest bar fills the columns left after the widest label and the widest value text; no line is wider than
 * `width`. A bar of value v is round(v / max × columns × 8) eighths long, so a value of 1/8 of the max over 8
 * columns is exactly one full block, and over 1 column exactly one ▏.
 * @throws Error for a negative or non-finite value (the caller validates first), or a width too small to hold the
 *   labels, the values and at least one column of bar
 */
export function renderTerminalBars(rows: readonly TerminalBarRow[], width: number, opts: TerminalBarOptions = {}): string {
  for (const row of rows) {
    if (row.value !== null && (!Number.isFinite(row.value) || row.value < 0)) {
      throw new Error(`renderTerminalBars requires finite values of 0 or more; ${row.label} has ${String(row.value)}`);
    }
  }
  if (rows.length === 0) return '';
  const color = opts.color ?? ((s: string) => s);
  const sorted = rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const [x, y] = [a.row.value, b.row.value];
      if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0) || a.index - b.index;
      return y - x || a.index - b.index;
    })
    .map(({ row }) => row);

  const shown = sorted.map((row) => (row.value === null ? MISSING_MARK : row.text));
  const labelWidth = maxOf(sorted.map((row) => stringWidth(row.label)));
  const textWidth = maxOf(shown.map((text) => stringWidth(text)));
  // label, two blanks, bar, one blank, value text
  const barColumns = width - labelWidth - 2 - 1 - textWidth;
  if (barColumns < 1) {
    throw new Error(`renderTerminalBars needs a width of at least ${width - barColumns + 1} for these labels and values, got ${width}`);
  }
  const max = maxOf(sorted.map((row) => row.value ?? 0));

  return sorted
    .map((row, i) => {
      const label = row.label + ' '.repeat(labelWidth - stringWidth(row.label));
      const eighths = row.value === null || max === 0 ? 0 : Math.round((row.value / max) * barColumns * 8);
      const bar = FULL.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]!;
      // the value text follows its bar; bars all start in one column, after the padded labels
      const parts = [bar.length > 0 ? color(bar) : '', shown[i]!].filter((part) => part.length > 0);
      return `${label}  ${parts.join(' ')}`.trimEnd();
    })
    .join('\n');
}

/** The largest of any number of values, 0 for none: no spread, so a register of a million rows is no stack overflow. */
function maxOf(values: readonly number[]): number {
  let max = 0;
  for (const value of values) if (value > max) max = value;
  return max;
}
