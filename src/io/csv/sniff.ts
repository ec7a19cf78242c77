/**
 * Delimiter sniffing for text inputs given without `--delimiter`: a header line with no comma but with
 * semicolons, tabs or bars is a semicolon-, tab- or bar-separated file (European spreadsheets write `;`,
 * the first line meaning the first with any delimiter or comma: a plain title line above the header is passed;
 * a yearbook pasted from a web page gives tabs). A comma anywhere in the first line keeps the comma: the
 * sniffing never second-guesses a file that reads as CSV.
 */

/** The delimiters tried when the first line has no comma, in order of preference on a tie. */
export const SNIFFED_DELIMITERS = [';', '\t', '|'] as const;
export type SniffedDelimiter = (typeof SNIFFED_DELIMITERS)[number];

/** How a delimiter is named in a note: the tab has no visible form. */
export const DELIMITER_NAMES: Readonly<Record<SniffedDelimiter, string>> = { ';': "';'", '\t': 'tab', '|': "'|'" };

/** Lines looked at beyond the first to break a tie. */
const LINES_LOOKED_AT = 5;

/**
 * The delimiter of decoded text whose first line has no comma: among the candidates in the first line, one
 * whose count is the same on the next few lines (a real delimiter splits every row into as many cells) before
 * one whose count varies, then the most frequent, then the first in SNIFFED_DELIMITERS. Quotes are not parsed: a header line
 * rarely quotes, and a wrong guess is still named in the note. `undefined` when the first line has a comma
 * or none of the candidates (a one-column file): the comma stays.
 */
export function sniffDelimiter(text: string): SniffedDelimiter | undefined {
  const all = text.replace(/^\uFEFF/, '').split('\n', LINES_LOOKED_AT + 4).map((line) => line.replace(/\r$/, ''));
  // a title line of plain text (表4-2 …, no delimiter at all) above the header does not decide
  const start = Math.max(0, all.findIndex((line) => /[,;\t|]/.test(line)));
  const lines = all.slice(start, start + LINES_LOOKED_AT + 1);
  const first = lines[0] ?? '';
  if (first.includes(',')) return undefined;
  let best: { delimiter: SniffedDelimiter; count: number; steady: boolean } | undefined;
  for (const delimiter of SNIFFED_DELIMITERS) {
    const count = occurrences(first, delimiter);
    if (count === 0) continue;
    const following = lines.slice(1).filter((line) => line !== '');
    const steady = following.every((line) => occurrences(line, delimiter) === count);
    if (best === undefined || (steady && !best.steady) || (steady === best.steady && count > best.count)) {
      best = { delimiter, count, steady };
    }
  }
  return best?.delimiter;
}

function occurrences(line: string, character: string): number {
  let count = 0;
  for (let index = line.indexOf(character); index !== -1; index = line.indexOf(character, index + 1)) count += 1;
  return count;
}
