/** How names are compared everywhere: header cells, measure names, unit labels, --by columns. */

/** Lower case, NFKC (full-width brackets and letters to half-width), no blanks, `_` or `-`. */
export function normaliseName(text: string): string {
  const lower = nfkc(text).toLowerCase();
  return SEPARATORS.test(lower) ? lower.replace(SEPARATORS_ALL, '') : lower;
}

const SEPARATORS = /[\s_\-]/;
const SEPARATORS_ALL = /[\s_\-]+/g;

/** text.normalize('NFKC'), without the call for text of printable ASCII (which NFKC leaves as it is): the hot path of unit keys. */
export function nfkc(text: string): string {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code > 0x7e) return text.normalize('NFKC');
  }
  return text;
}
