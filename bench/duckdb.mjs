// A peer for the benchmark: runs one SQL statement in DuckDB (through @duckdb/node-api, a dev dependency) and
// prints the result as CSV without a header; with --csv first, as coverage's csv writes it (a header of the
// column names, empty for NULL, quotes where a cell needs them), for a byte-for-byte comparison.
// Usage: node bench/duckdb.mjs [--csv] SQL
import { DuckDBInstance } from '@duckdb/node-api';

const asCoverage = process.argv[2] === '--csv';
const sql = process.argv[asCoverage ? 3 : 2];
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);
const cell = (value) => {
  if (value === null) return '';
  const text = String(value);
  return asCoverage && /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const out = asCoverage ? [reader.columnNames().join(',')] : [];
for (const row of reader.getRows()) out.push(row.map(cell).join(','));
process.stdout.write(`${out.join('\n')}\n`);
