/**
 * What every command hands to the writer: named columns and rows of cells. Numbers arrive already formatted as
 * exact decimal text (rounding happened in the core); renderers only lay them out. `null` is a missing value.
 */
export interface OutputColumn {
  /** stable English id: the header of machine formats (csv, tsv, json, ndjson) */
  readonly id: string;
  /** label in the chosen language: the header of human formats (table, md) */
  readonly label: string;
  readonly kind: 'text' | 'number';
}

export type OutputCell = string | null;

export interface OutputTable {
  readonly columns: readonly OutputColumn[];
  readonly rows: readonly (readonly OutputCell[])[];
  /** an optional title line for human formats */
  readonly title?: string;
}

export type Format = 'table' | 'csv' | 'tsv' | 'json' | 'ndjson' | 'md';
export const FORMATS: readonly Format[] = ['table', 'csv', 'tsv', 'json', 'ndjson', 'md'];

/** How human formats show a missing value. */
export const MISSING_MARK = '—';
