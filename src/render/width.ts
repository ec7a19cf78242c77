/** How many terminal columns a text takes: shared by the terminal table and the workbook's column widths. */
import stringWidth from 'string-width';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * The widths of the texts beyond ASCII measured so far: a table's layout measures each label and label piece
 * many times, and string-width segments and matches every grapheme each time (it took most of a wide table's
 * layout). Bounded, so that a long column of distinct names costs no more than measuring them.
 */
const WIDTHS = new Map<string, number>();
const WIDTHS_LIMIT = 10_000;

function lineWidth(line: string): number {
  let width = WIDTHS.get(line);
  if (width === undefined) {
    width = stringWidth(line);
    if (WIDTHS.size < WIDTHS_LIMIT) WIDTHS.set(line, width);
  }
  return width;
}

/**
 * Columns a text takes on a terminal: CJK and full-width characters count 2, ANSI colour codes 0; for text
 * of several lines, its widest line. The measure of string-width 4, as cli-table3 had it.
 */
export function displayWidth(text: string): number {
  // most cells are numbers: printable ASCII is one column a character, without string-width's regexes
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, lineWidth(line));
  return widest;
}
