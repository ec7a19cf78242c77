/** How names are compared everywhere: header cells, measure names, unit labels, --by columns. */

/** Lower case, NFKC (full-width brackets and letters to half-width), no blanks, `_` or `-`. */
export function normaliseName(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s_\-]+/g, '');
}
