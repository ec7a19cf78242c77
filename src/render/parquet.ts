/**
 * Parquet out, written with hyparquet-writer (loaded only here, on demand). Columns are the machine ids, as in
 * csv; text is UTF-8 (BYTE_ARRAY, UTF8). A number column is an exact DECIMAL(precision, scale): the scale is the
 * column's decimals (5.67 → 2), every cell scaled to it exactly from its text (BigInt, never through a double);
 * INT32 holds up to 9 digits, INT64 up to 18, a 16-byte FIXED_LEN_BYTE_ARRAY up to 38 (what DuckDB, Arrow,
 * pandas and Spark read). A column of whole numbers of at most 18 digits (counts, years) is a plain INT64. A number column with more than 38 digits is a DOUBLE, its decimals in the file's
 * key-value metadata (`svc-stats.decimals`); one holding a cell that is not a decimal text is text. The column
 * labels in the run's language are in the metadata too (`svc-stats.labels`, a JSON object id → label).
 */
import type { SchemaElement } from 'hyparquet-writer';
import type { LabelledTable } from './dta.js';
import type { OutputCell } from './model.js';

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;
const MAX_DECIMAL_PRECISION = 38;
const MAX_INT64_DIGITS = 18;

type Column =
  | { readonly kind: 'integer' }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'double'; readonly scale: number }
  | { readonly kind: 'text' };

/** The Parquet file's bytes. */
export async function renderParquet(table: LabelledTable): Promise<Uint8Array> {
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const columns = table.columns.map((column, index) => columnOf(column.kind, table.rows.map((row) => row[index] ?? null)));
  const schema: SchemaElement[] = [{ name: 'root', num_children: table.columns.length }];
  const doubles: Record<string, number> = {};
  const columnData = table.columns.map((column, index) => {
    const kind = columns[index]!;
    const cells = table.rows.map((row) => row[index] ?? null);
    schema.push(schemaElement(column.id, kind));
    switch (kind.kind) {
      case 'integer':
        return { name: column.id, data: cells.map((cell) => (cell === null ? null : BigInt(cell))) };
      case 'decimal':
        return { name: column.id, data: cells.map((cell) => (cell === null ? null : scaled(cell, kind.scale))) };
      case 'double':
        doubles[column.id] = kind.scale;
        return { name: column.id, data: cells.map((cell) => (cell === null ? null : Number(cell))) };
      case 'text':
        return { name: column.id, data: cells };
    }
  });
  const labels = Object.fromEntries(table.columns.map((column, index) => [column.id, table.labels[index] ?? column.id]));
  const kvMetadata = [{ key: 'svc-stats.labels', value: JSON.stringify(labels) }];
  if (Object.keys(doubles).length > 0) kvMetadata.push({ key: 'svc-stats.decimals', value: JSON.stringify(doubles) });
  if (table.datasetLabel !== undefined) kvMetadata.push({ key: 'svc-stats.title', value: table.datasetLabel });
  const buffer = parquetWriteBuffer({ columnData, schema, kvMetadata, createdBy: 'svc-stats' });
  return new Uint8Array(buffer);
}

function columnOf(kind: 'text' | 'number', cells: readonly OutputCell[]): Column {
  if (kind === 'text') return { kind: 'text' };
  let integerDigits = 1;
  let scale = 0;
  for (const cell of cells) {
    if (cell === null) continue;
    const match = DECIMAL_TEXT.exec(cell);
    if (match === null) return { kind: 'text' };
    integerDigits = Math.max(integerDigits, match[2]!.replace(/^0+(?=\d)/, '').length);
    scale = Math.max(scale, match[3]?.length ?? 0);
  }
  const precision = integerDigits + scale;
  if (scale === 0 && precision <= MAX_INT64_DIGITS) return { kind: 'integer' };
  return precision <= MAX_DECIMAL_PRECISION ? { kind: 'decimal', precision, scale } : { kind: 'double', scale };
}

function schemaElement(name: string, column: Column): SchemaElement {
  const optional = { name, repetition_type: 'OPTIONAL' } as const;
  switch (column.kind) {
    case 'text':
      return { ...optional, type: 'BYTE_ARRAY', converted_type: 'UTF8' };
    case 'double':
      return { ...optional, type: 'DOUBLE' };
    case 'integer':
      return { ...optional, type: 'INT64' };
    case 'decimal': {
      const { precision, scale } = column;
      const decimal = { converted_type: 'DECIMAL', scale, precision, logical_type: { type: 'DECIMAL', scale, precision } } as const;
      if (precision <= 9) return { ...optional, type: 'INT32', ...decimal };
      if (precision <= 18) return { ...optional, type: 'INT64', ...decimal };
      return { ...optional, type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, ...decimal };
    }
  }
}

/** The unscaled integer of a decimal text at `scale` decimals: "5.6" at 2 is 560n. */
function scaled(text: string, scale: number): bigint {
  const [, sign, whole, fraction = ''] = DECIMAL_TEXT.exec(text)!;
  const value = BigInt(`${whole}${fraction.padEnd(scale, '0')}`);
  return sign === '-' ? -value : value;
}
