/**
 * Notes for stderr, as data: the core returns them and never prints; the command layer prints them, grouped
 * by default, in full under --verbose, not at all under --quiet. A note is a plain line, or one item of a kind:
 * items of one kind print as one line ("left out, measures missing: a (x), b (y)"), so a file lacking three
 * columns gives one line, not one per indicator. A leaf, like errors.ts: every layer may return notes.
 */
import { printable } from './printable.js';

/** One item of a kind of note; the items of a kind are joined into one line unless --verbose. */
export interface NoteItem {
  /** what the notes of this kind say: "left out, measures missing" */
  readonly kind: string;
  /** this note's part of the line, its lists cut ("甲, 乙, 丙, 丁, 戊 and 2 more") */
  readonly item: string;
  /** the same with every list in full, for --verbose (default: item) */
  readonly itemFull?: string;
  /** the file (or year) it is about: put before the kind when alone, before the item on a grouped line */
  readonly where?: string;
  /** between the items of a grouped line: ", " unless the items hold commas themselves */
  readonly separator?: string;
}

export type Note = string | NoteItem;

export type NoteMode = 'quiet' | 'default' | 'verbose';

/** How many names a note lists before "and N more". */
export const NAMES_SHOWN = 5;

/**
 * Up to `shown` names, then "and N more": `甲, 乙, 丙, 丁, 戊 and 2 more`. `total`, when more than the names
 * given, counts names that were not kept.
 */
export function someNames(names: readonly string[], shown = NAMES_SHOWN, total = names.length): string {
  if (total <= shown && names.length <= shown) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} and ${total - Math.min(shown, names.length)} more`;
}

/** A note about one year of several: the year goes before the file it names, or stands alone. */
export function noteAbout(prefix: string, note: Note): Note {
  if (typeof note === 'string') return `${prefix}: ${note}`;
  return { ...note, where: note.where === undefined ? prefix : `${prefix}: ${note.where}` };
}

/** A note's text alone, as --verbose prints it. */
export function noteText(note: Note, full = true): string {
  if (typeof note === 'string') return note;
  const item = full ? note.itemFull ?? note.item : note.item;
  return note.where === undefined ? `${note.kind}: ${item}` : `${note.where}: ${note.kind}: ${item}`;
}

/**
 * The lines to print. Default: the items of one kind joined into one line, at the place of the first, and the
 * same line never twice; verbose: every note on its own line with its lists in full; quiet: none.
 */
export function noteLines(notes: readonly Note[], mode: NoteMode = 'default'): string[] {
  if (mode === 'quiet') return [];
  // what the notes echo of the input (cells, file names) is shown, never acted on: see printable()
  if (mode === 'verbose') return notes.map((note) => printable(noteText(note)));
  const kinds = new Map<string, NoteItem[]>();
  const order: (string | NoteItem[])[] = [];
  for (const note of notes) {
    if (typeof note === 'string') {
      order.push(note);
      continue;
    }
    const items = kinds.get(note.kind);
    if (items !== undefined) {
      items.push(note);
      continue;
    }
    const first = [note];
    kinds.set(note.kind, first);
    order.push(first);
  }
  const lines = order.map((entry) => {
    if (typeof entry === 'string') return entry;
    if (entry.length === 1) return noteText(entry[0]!, false);
    const parts = [...new Set(entry.map((item) => (item.where === undefined ? item.item : `${item.where}: ${item.item}`)))];
    return `${entry[0]!.kind}: ${parts.join(entry[0]!.separator ?? ', ')}`;
  });
  return [...new Set(lines.map(printable))];
}
