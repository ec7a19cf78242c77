/** How many terminal columns a text takes: shared by the terminal table and the workbook's column widths. */
import stringWidth from 'string-width';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Columns a text takes on a terminal: CJK and full-width characters count 2, ANSI colour codes 0; for text
 * of several lines, its widest line. The measure of string-width 4, as cli-table3 had it.
 */
export function displayWidth(text: string): number {
  // most cells are numbers: printable ASCII is one column a character, without string-width's regexes
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, stringWidth(line));
  return widest;
}
