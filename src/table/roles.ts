/** The roles of a table's rows and what the table model (model.ts) records while reading: data only. */

export type RowRole =
  | 'title' | 'unit line' | 'header' | 'English header' | 'column codes' | 'national total' | 'region subtotal'
  | 'parent' | 'unit' | 'of which' | 'footnote' | 'continued table' | 'repeated header';

/** A row the model kept out of the units, or a header row: what inspect shows. */
export interface ModelRow {
  readonly line: number;
  readonly role: RowRole;
  readonly label: string;
  readonly level?: string | undefined;
  readonly why: string;
}

/** A parent row checked against the sum of the units beneath it. */
export interface ParentCheck {
  readonly line: number;
  readonly label: string;
  readonly role: 'parent' | 'region subtotal';
  readonly units: number;
  /** measures whose value differs from the sum: `社区数（个） 300 ≠ 250` */
  readonly differences: string[];
  /** measures compared (the parent and every unit beneath it have a value) */
  readonly compared: number;
}

/** What the model saw while reading, for notes and inspect. */
export interface TableModel {
  /** rows other than units (header rows, parents, subtotals, of-which rows, markers), in order of line */
  readonly rows: ModelRow[];
  readonly parents: ParentCheck[];
  /** label cells that held invisible characters: where and which (`U+200B`) */
  readonly invisible: { line: number; label: string; characters: string[] }[];
  /** a parent or subtotal was seen: byte ranges cannot be read apart (a parent's units may lie in the next) */
  wholeTable: boolean;
}

export function emptyModel(): TableModel {
  return { rows: [], parents: [], invisible: [], wholeTable: false };
}

