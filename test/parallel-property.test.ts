/**
 * Parallel equals serial, by a differential property: random small files (LF, CRLF and CR line ends, quoted
 * cells with delimiters and line breaks, blank lines, BOMs, header oddities, GB18030, bad cells and stray quotes)
 * go through the serial reader and through the parallel one with a split threshold of a few bytes, so every file
 * is cut into ranges; output, messages and exit code must be identical.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './helpers.js';

let folder: string;
beforeAll(() => {
  folder = scratchDir();
});

const PROVINCES = ['广东', '广西', '北京', '内蒙古', '全国', 'Hainan, "HN"'];
const LINE_ENDS = ['\n', '\r\n', '\r'];

/** One cell as a CSV writer might have written it, sometimes quoted, sometimes not. */
const textCell = (text: string, quote: boolean): string =>
  quote || /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;

const numberCell = fc.oneof(
  { weight: 12, arbitrary: fc.nat(99_999).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('', '…', '-', ' 12 ', '1,234', '3.5', '12x') },
);

const row = fc.record({
  province: fc.constantFrom(...PROVINCES),
  community: fc.oneof(fc.constantFrom('C1', '社区', 'a\nb', 'x,y', 'q"q'), fc.string({ maxLength: 4 }).filter((text) => !/[\0\r]/.test(text))),
  numbers: fc.tuple(numberCell, numberCell),
  quote: fc.boolean(),
  blankAfter: fc.constantFrom(0, 0, 0, 0, 1, 2),
});

const file = fc.record({
  rows: fc.array(row, { minLength: 1, maxLength: 40 }),
  lineEnd: fc.constantFrom(...LINE_ENDS, 'mixed'),
  mixedEnds: fc.array(fc.constantFrom(...LINE_ENDS), { minLength: 1, maxLength: 7 }),
  bom: fc.boolean(),
  gb18030: fc.boolean(),
  blankBefore: fc.constantFrom(0, 0, 1, 2),
  quotedHeader: fc.boolean(),
  headerEnd: fc.constantFrom('same', '\r', '\r\n', '\n'),
  trailingEnd: fc.boolean(),
  stray: fc.constantFrom('none', 'none', 'none', 'stray-quote', 'after-closing', 'unclosed'),
});

function render(spec: fc.infer<typeof file>): Buffer {
  let endIndex = 0;
  const end = (): string => (spec.lineEnd === 'mixed' ? spec.mixedEnds[endIndex++ % spec.mixedEnds.length]! : spec.lineEnd);
  const header = ['province', 'community', 'service_centers', '社区数'].map((cell) => textCell(cell, spec.quotedHeader)).join(',');
  let text = '';
  for (let index = 0; index < spec.blankBefore; index += 1) text += end();
  text += header + (spec.headerEnd === 'same' ? end() : spec.headerEnd);
  spec.rows.forEach((record, index) => {
    const cells = [textCell(record.province, record.quote), textCell(record.community, record.quote), ...record.numbers.map((cell) => textCell(cell, record.quote && cell !== ''))];
    let line = cells.join(',');
    if (index === spec.rows.length >> 1) {
      if (spec.stray === 'stray-quote') line = `广东,C"9,1,1`;
      if (spec.stray === 'after-closing') line = `"广东"x,C9,1,1`;
    }
    if (index === spec.rows.length - 1 && spec.stray === 'unclosed') line = `"广东,C9,1,1`;
    text += line;
    if (index < spec.rows.length - 1 || spec.trailingEnd) text += end();
    for (let blank = 0; blank < record.blankAfter; blank += 1) text += end();
  });
  if (spec.gb18030) return iconv.encode(text, 'gb18030');
  return Buffer.concat([Buffer.from(spec.bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text)]);
}

describe('parallel reading equals serial reading', () => {
  it('gives identical output, messages and exit codes on random files', () => {
    let count = 0;
    fc.assert(fc.property(file, fc.constantFrom('2', '3'), (spec, threads) => {
      const path = join(folder, `random-${count++}.csv`);
      writeFileSync(path, render(spec));
      const args = ['coverage', path, '--by', 'province', '--totals', '-f', 'csv', '-i', 'centers_per_community'];
      const serial = runCli(args, { env: { SVC_STATS_THREADS: '1' } });
      const parallel = runCli(args, { env: { SVC_STATS_THREADS: threads, SVC_STATS_PARALLEL_MIN_BYTES: '1' } });
      expect({ status: parallel.status, stdout: parallel.stdout, stderr: parallel.stderr })
        .toEqual({ status: serial.status, stdout: serial.stdout, stderr: serial.stderr });
    }), { numRuns: Number(process.env['PROPERTY_RUNS'] ?? 40), seed: Number(process.env['PROPERTY_SEED'] ?? 20261129) });
  }, 300_000);
});
