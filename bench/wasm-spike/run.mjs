// The spike's `coverage --by province`: the kernel reads the register, JavaScript decides each distinct span once.
// Usage: node run.mjs FILE [--check-units] [--encoding gb18030]
// Prints group,units and the sums of the four measures (the columns `svc-stats coverage --by province -i
// communities,urban_population,...` prints), then, on stderr, what went the way of JavaScript.
import { openSync, readSync, readFileSync, closeSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

const file = process.argv[2];
const checkUnits = process.argv.includes('--check-units');
const encoding = process.argv.includes('--encoding') ? process.argv[process.argv.indexOf('--encoding') + 1] : 'utf-8';
const decoder = new TextDecoder(encoding, { fatal: true });
const MEASURES = ['urban_population', 'committee_members', 'service_centers', 'service_facilities'];
const TEXTS = ['province', 'region', 'city'];
const BLOCK = Number(process.env.SPIKE_BLOCK ?? 1 << 20);

const { instance } = await WebAssembly.instantiate(readFileSync(new URL('./build/kernel.wasm', import.meta.url)), { env: { abort() { throw new Error('kernel abort'); } } });
const k = instance.exports;

const fd = openSync(file, 'r');
// the header: the first line
const head = Buffer.alloc(1 << 16);
const headRead = readSync(fd, head, 0, head.length, 0);
const headEnd = head.indexOf(10);
if (headEnd === -1 || headEnd >= headRead) throw new Error('no header line in the first 64 KiB');
const header = parse(decoder.decode(head.subarray(0, headEnd)))[0];
const at = (name) => {
  const index = header.indexOf(name);
  if (index === -1) throw new Error(`no column ${name}`);
  return index;
};
const texts = TEXTS.map(at);
const measures = MEASURES.map(at);
const code = at('community_id');
k.init(header.length, Math.min(...texts), Math.max(...texts), measures.length, code, checkUnits ? 1 : 0);
const view = () => new DataView(k.memory.buffer);
measures.forEach((column, index) => view().setInt32(k.measureColumnsAt() + index * 4, column, true));
k.startLine(1);

const groups = new Map(); // province -> { units, sums: bigint[] }
const spanGroup = []; // span id -> group, or undefined for a span whose rows go the way of records
const units = new Map(); // the labels' unit text -> unit id
let fallbackLines = 0;
const slow = []; // lines read here, the way of records

const groupOf = (name) => {
  let group = groups.get(name);
  if (group === undefined) groups.set(name, (group = { units: 0, sums: MEASURES.map(() => 0n) }));
  return group;
};
const newSpan = () => {
  const id = k.newSpanId();
  const dv = view();
  // the text cells of the line the kernel stopped at
  const base = k.inputAt();
  const cells = texts.map((column) => {
    const start = dv.getInt32(k.cellStartAt() + column * 4, true);
    const end = dv.getInt32(k.cellEndAt() + column * 4, true);
    return decoder.decode(new Uint8Array(k.memory.buffer, base + start, end - start));
  });
  // the rules of a row's texts, decided once a span: here only blanks and control characters send it to records
  // (the product's rows.ts decides a parent row, a subtotal, a blank to fill, invisible characters, the year)
  const fast = cells.every((cell) => cell.trim() !== '' && !/[\u0000-\u001f\u007f"]/.test(cell));
  let unit = -1;
  if (fast) {
    const key = cells.map((cell) => cell.trim()).join('\u0001');
    unit = units.get(key) ?? units.size;
    units.set(key, unit);
    spanGroup[id] = groupOf(cells[texts.indexOf(at('province'))].trim());
  }
  dv.setInt32(k.spanUnitAt() + id * 4, unit, true);
};
const drainFallbacks = () => {
  const total = k.fallbackTotal();
  const dv = view();
  const base = k.inputAt();
  for (let index = 0; index < total; index += 1) {
    const line = dv.getInt32(k.fallbacksAt() + index * 12, true);
    const start = dv.getInt32(k.fallbacksAt() + index * 12 + 4, true);
    const end = dv.getInt32(k.fallbacksAt() + index * 12 + 8, true);
    const text = decoder.decode(new Uint8Array(k.memory.buffer, base + start, end - start));
    fallbackLines += 1;
    if (text === '') continue;
    const cells = parse(text, { relax_column_count: true })[0];
    if (cells.length !== header.length) throw new Error(`${file}:${line}: ${cells.length} cells, the header has ${header.length}`);
    const labels = texts.map((column) => cells[column].trim());
    if (checkUnits && labels.every((label) => label !== '')) {
      // the unit key as the kernel keeps it: the labels' unit id and the code cell
      const key = labels.join('\u0001');
      const unit = units.get(key) ?? units.size;
      units.set(key, unit);
      const bytes = Buffer.from(cells[code].trim());
      if (bytes.length > 255) throw new Error(`${file}:${line}: a code of more than 255 bytes`);
      new Uint8Array(k.memory.buffer, k.scratchAt(), bytes.length).set(bytes);
      const earlier = k.addLineKey(unit, line, bytes.length);
      if (earlier !== 0) throw new Error(`${file}:${line}: the unit of line ${earlier} again`);
    }
    const group = groupOf(labels[texts.indexOf(at('province'))]);
    group.units += 1;
    measures.forEach((column, m) => {
      if (!/^\s*\d+\s*$/.test(cells[column])) throw new Error(`${file}:${line}: ${MEASURES[m]} is not a count: ${cells[column]}`);
      group.sums[m] += BigInt(cells[column].trim());
    });
    slow.push(line);
  }
  k.clearFallbacks();
};
const run = () => {
  for (;;) {
    const status = k.scan();
    if (status === 0) return;
    if (status === 1) newSpan();
    else if (status === 2) drainFallbacks();
    else if (status === 3) throw new Error(`${file}:${k.duplicateLineOf()}: the unit of line ${k.duplicateFirstLine()} again`);
    else throw new Error(`${file}:${k.lineAt() + 1}: a line feed inside quotes (the spike hands such a file to the record path)`);
  }
};

let position = headEnd + 1;
let carried = 0;
for (;;) {
  const target = new Uint8Array(k.memory.buffer, k.inputAt() + carried, BLOCK);
  const read = readSync(fd, target, 0, BLOCK, position);
  if (read === 0) break;
  position += read;
  k.feed(carried, read);
  run();
  drainFallbacks();
  carried = k.carry();
  if (carried > k.INPUT_CAP.value - BLOCK - 1) throw new Error('a line longer than the kernel’s buffer: the way of records');
}
if (carried > 0) {
  new Uint8Array(k.memory.buffer)[k.inputAt() + carried] = 10;
  k.feed(carried, 1);
  run();
  drainFallbacks();
}
closeSync(fd);

// fold the spans' sums into their groups
const dv = view();
for (let id = 0; id < k.spanTotal(); id += 1) {
  const group = spanGroup[id];
  if (group === undefined) continue;
  group.units += Number(dv.getBigInt64(k.countsAt() + id * 8, true));
  for (let m = 0; m < MEASURES.length; m += 1) group.sums[m] += dv.getBigInt64(k.sumsAt() + (id * 16 + m) * 8, true);
}
const out = ['group,units,communities,' + MEASURES.join(',')];
for (const [name, group] of groups) out.push([name, group.units, group.units, ...group.sums].join(','));
process.stdout.write(out.join('\n') + '\n');
process.stderr.write(`spans ${k.spanTotal()}, units ${units.size}, keys ${k.keyTotal()}, lines read in JavaScript ${fallbackLines}, memory ${(k.memory.buffer.byteLength / 2 ** 20).toFixed(0)} MiB\n`);
