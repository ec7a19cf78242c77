// The byte floor of the benchmark: read the file in 1 MiB blocks and count its line feeds, with no decoding
// and no parsing: what any Node tool pays to see the bytes at all. Usage: node bench/floor.mjs FILE
import { openSync, readSync } from 'node:fs';

const descriptor = openSync(process.argv[2], 'r');
const block = Buffer.allocUnsafe(1 << 20);
let lines = 0;
for (let length = readSync(descriptor, block); length > 0; length = readSync(descriptor, block)) {
  const bytes = block.subarray(0, length);
  for (let index = bytes.indexOf(10); index !== -1; index = bytes.indexOf(10, index + 1)) lines += 1;
}
process.stdout.write(`${lines}\n`);
