/**
 * The distinct texts of one column (provinces, cities, years), each made a string once: a cell of a line is
 * looked up by a hash of its characters where it stands in the line, so the rows that repeat a text cost no
 * new string and no decoding. What the rules ask of a text (blank, control characters, a year) is worked out
 * once, with it.
 */

/** One distinct cell text of a column. */
export interface CellText {
  /** as it stands in the line (a byte string when the line is one) */
  readonly raw: string;
  /** as written, untrimmed: what a cell of the split line would hold */
  readonly text: string;
  /** empty, or blanks only (space, tab, U+3000): a merged cell's blank, to be filled down */
  readonly blank: boolean;
  /** holds a control character (refused in every label column) */
  readonly control: boolean;
  /** in a label column: its unit key (row-labels.ts unitKey of the trimmed text), once worked out */
  unitKey: string | undefined;
  /** in the label column: whether it names a unit (not blank, not a total or "of which" row), once worked out */
  namesUnit: boolean | undefined;
  /** in a label column: whether the table model must see the row (table/rows.ts modelledText), once worked out */
  modelled: boolean | undefined;
}

/** Past this many distinct texts a column is not remembered (unique names of a register): each cell is cut anew. */
const LIMIT = 4096;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const GIVE_UP = 4 * LIMIT;

export class CellTexts {
  private readonly byRaw = new Map<string, CellText>();
  /** lookups missed since the map was full: a column of names that do not repeat is not looked up any more */
  private missedWhenFull = 0;

  /** The text of `line` from `start` to `end`; `decode` makes text of a part of the line. */
  get(line: string, start: number, end: number, decode: (part: string) => string): CellText {
    const raw = line.slice(start, end);
    if (this.missedWhenFull < GIVE_UP) {
      const found = this.byRaw.get(raw);
      if (found !== undefined) return found;
      if (this.byRaw.size >= LIMIT) this.missedWhenFull += 1;
    }
    const text = decode(raw);
    const entry: CellText = { raw, text, blank: isBlank(text), control: CONTROL_CHARACTERS.test(text), unitKey: undefined, namesUnit: undefined, modelled: undefined };
    if (this.byRaw.size < LIMIT) this.byRaw.set(raw, entry);
    return entry;
  }
}

/** Empty or blanks only (space, tab, U+3000), without allocating (the hot path). */
export function isBlank(cell: string): boolean {
  for (let index = 0; index < cell.length; index += 1) {
    const code = cell.charCodeAt(index);
    if (code !== 32 && code !== 9 && code !== 0x3000) return false;
  }
  return true;
}

/**
 * Whether a character is one String#trim removes: then the cell starting with it may be blank after trimming
 * (the caller looks closer); otherwise it is not.
 */
export function isTrimmed(code: number): boolean {
  return code <= 32 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028
    || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
