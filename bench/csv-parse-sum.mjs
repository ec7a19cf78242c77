// Baseline for the benchmark: the same sums with csv-parse alone (records as arrays, no casting), as a
// careful hand-written Node script would do it. Prints JSON: province → sums.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const sums = new Map();
const parser = createReadStream(process.argv[2], { highWaterMark: 1 << 20 }).pipe(parse({ from_line: 2 }));
for await (const record of parser) {
  const sum = sums.get(record[0]) ?? [0, 0, 0, 0, 0];
  sum[0] += 1;
  for (let index = 1; index <= 4; index += 1) sum[index] += Number(record[index + 3]);
  sums.set(record[0], sum);
}
process.stdout.write(JSON.stringify(Object.fromEntries(sums)));
