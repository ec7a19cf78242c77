// A peer for the benchmark: Polars (nodejs-polars, from bench/peers: `npm run bench:polars`), a lazy scan of the
// CSV grouped by one column, the row count and the sum of each other column, printed as CSV without a header.
// Usage: node bench/polars.mjs FILE GROUP COLUMN...
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), 'peers', 'package.json'));
const pl = require('nodejs-polars');

const [file, group, ...columns] = process.argv.slice(2);
const frame = await pl.scanCSV(file)
  .groupBy(group)
  .agg(pl.len().alias('n'), ...columns.map((column) => pl.col(column).sum()))
  .collect();
process.stdout.write(frame.writeCSV({ includeHeader: false }));
