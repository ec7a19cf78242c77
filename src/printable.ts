/** Text echoed from input, made safe to print (a pure leaf: errors.ts and notes.ts both use it). */
/**
 * Characters that a terminal acts on or hides rather than shows: C0 and C1 controls (ESC starts a colour or a
 * cursor move), DEL, zero-width characters and joiners, bidirectional overrides and isolates (U+202E turns the
 * rest of a line around), line and paragraph separators, the BOM, and the interlinear annotation marks.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/gu;

/**
 * The one sanitiser for every text echoed from input (cells, headers, file names) in a message, a note or a
 * notes sheet: each unprintable character shown as `U+XXXX`, so that what is printed is what is in the file
 * and nothing in it can recolour, hide or reorder the line.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (character) => `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
