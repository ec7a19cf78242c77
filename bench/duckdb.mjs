// A peer for the benchmark: runs one SQL statement in DuckDB (through @duckdb/node-api, a dev dependency) and
// prints the result as CSV without a header. Usage: node bench/duckdb.mjs SQL
import { DuckDBInstance } from '@duckdb/node-api';

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(process.argv[2]);
const out = [];
for (const row of reader.getRows()) out.push(row.map((cell) => (cell === null ? '' : String(cell))).join(','));
process.stdout.write(`${out.join('\n')}\n`);
