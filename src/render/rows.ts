/**
 * A machine format (csv, tsv, json, ndjson) written row by row as a report's rows come: the same bytes as the
 * whole table rendered at once (format.ts), so that a report streamed row by row changes only the memory it
 * takes. Human formats (table, md, xlsx) lay out every row at once: they are not here.
 */
import type { Delimiter } from './delimited.js';
import { DelimitedBytes, delimitedHeader } from './delimited.js';
import { jsonObject } from './json.js';
import type { OutputCell, ReportColumn } from './model.js';
import { resolveTable } from './model.js';

export type MachineFormat = 'csv' | 'tsv' | 'json' | 'ndjson';

export function isMachineFormat(format: string): format is MachineFormat {
  return format === 'csv' || format === 'tsv' || format === 'json' || format === 'ndjson';
}

export interface RowText {
  /** the next row (the first brings the header, a BOM, or the `[` of a JSON array) */
  row(row: readonly OutputCell[]): void;
  /** the text after the last row (the whole document when there was none) */
  end(): void;
  /** the UTF-8 bytes of what was written since the last take */
  take(): Uint8Array;
}

export function machineRowText(format: MachineFormat, columns: readonly ReportColumn[], options: { readonly bom: boolean; readonly raw: boolean }): RowText {
  const kept = columns.map((column, index) => ({ column, index })).filter(({ column }) => column.only !== 'human');
  const shown = resolveTable({ columns, rows: [] }, false, 'en').columns;
  // a machine format shows cells as they are: only a column for human formats is dropped
  const pick = kept.length === columns.length ? undefined : (row: readonly OutputCell[]): OutputCell[] => kept.map(({ index }) => row[index] ?? null);
  let first = true;
  if (format === 'json' || format === 'ndjson') {
    const object = jsonObject(shown);
    const json = format === 'json';
    // the pieces of many rows joined at once: join copies each once, where += builds trees to flatten
    let parts: string[] = [];
    return {
      row(row) {
        if (json) parts.push(first ? '[\n  ' : ',\n  ');
        first = false;
        object(pick === undefined ? row : pick(row), parts);
        if (!json) parts.push('\n');
      },
      end: () => void (json && parts.push(first ? '[]\n' : '\n]\n')),
      take() {
        const bytes = UTF8.encode(parts.join(''));
        parts = [];
        return bytes;
      },
    };
  }
  const delimiter: Delimiter = format === 'csv' ? ',' : '\t';
  const bytes = new DelimitedBytes(shown, delimiter, options.raw);
  const header = (): void => {
    first = false;
    bytes.write((options.bom ? '\uFEFF' : '') + delimitedHeader(shown, delimiter));
  };
  return {
    row(row) {
      if (first) header();
      bytes.row(pick === undefined ? row : pick(row));
    },
    end: () => void (first && header()),
    take: () => bytes.take(),
  };
}

// TextEncoder encodes text with CJK in it twice as fast as Buffer.from in Node 20
const UTF8 = new TextEncoder();
