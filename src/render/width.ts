/** How many terminal columns a text takes: shared by the table (cli-table3) and the workbook's column widths. */
import stringWidth from 'string-width';

/**
 * Columns a text takes on a terminal: CJK and full-width characters count 2, ANSI colour codes 0; for text
 * of several lines, its widest line. The same measure as cli-table3's (string-width 4), so that what is
 * measured is what the grid pads to.
 */
export function displayWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, stringWidth(line));
  return widest;
}
