/**
 * The scan kernel (wasm/scan-kernel.ts, WebAssembly) against the JavaScript it stands in for, by a differential
 * property: a register read with `--rows-are` sums the rows of byte blocks in the kernel, and SVC_STATS_WASM=0
 * reads every line in JavaScript; output, messages and exit code must be identical, and so on two threads.
 * The kernel reads only byte blocks, which start after the first 64 KiB (decoded, for the header and the first
 * rows): each file is a regular register past that, then rows of a few regular spans (which the kernel sums once decided) mixed
 * with rows that break every rule a sheet can — blank and total labels, label-only rows, footnotes, quotes, CR
 * line ends, a ragged row, a control character, bad counts and 万 decimals, blank and odd years, GB18030.
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

const HEADER = ['省份', '城市', '年份', '社区代码', '社区服务中心', '社区服务设施', '城镇人口（万人）'];
/** A regular register of about 130 kB: the rows before the kernel's first block (the first 64 KiB are decoded). */
const FILLER = Array.from({ length: 4_000 }, (_, index) => `广东,市${index % 7},2009,C${String(index).padStart(7, '0')},${index % 3},${index % 11},${index % 97}.${index % 10}`).join('\n');

const REGULAR = fc.record({
  province: fc.constantFrom('广东', '北京', '内蒙古'),
  city: fc.integer({ min: 0, max: 3 }).map((n) => `市${n}`),
  year: fc.constantFrom('2008', '2009'),
});
const COUNTS = fc.oneof(
  { weight: 16, arbitrary: fc.nat(99_999).map(String) },
  { weight: 2, arbitrary: fc.constantFrom('', '…', '-', ' 12 ', '1,234', '\u300012', '0012', '123456789012345', '999999999999999') },
);
const TEN_THOUSANDS = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.nat(99_999), fc.nat(9999), fc.nat(4)).map(([whole, fraction, places]) => (places === 0 ? String(whole) : `${whole}.${String(fraction).padStart(4, '0').slice(0, places)}`)) },
  { weight: 1, arbitrary: fc.constantFrom('', '.5', '5.', '１２', '1,000.5', '1.23456', '99999999999.9999') },
);
const ODD = fc.record({
  province: fc.constantFrom('广东', '', '\u3000', '全国', ' 北京 '),
  city: fc.constantFrom('市0', '', '全国', '合计', '小计', '其中：广州', '注：数据', 'note: x', '  '),
  year: fc.constantFrom('2008', '2009', '2009年', '２００８', '', '09'),
});
const row = fc.record({
  labels: fc.oneof({ weight: 6, arbitrary: REGULAR }, { weight: 1, arbitrary: ODD }),
  code: fc.oneof({ weight: 9, arbitrary: fc.nat(9_999_999).map((n) => `C${n}`) }, { weight: 1, arbitrary: fc.constantFrom('', 'C 1', 'Ｃ1', '广1') }),
  counts: fc.tuple(COUNTS, COUNTS),
  population: TEN_THOUSANDS,
  kind: fc.oneof(
    { weight: 20, arbitrary: fc.constant('data') },
    { weight: 1, arbitrary: fc.constantFrom('label-only', 'footnote', 'blank', 'quoted', 'comma-in-quotes', 'ragged', 'control', 'cr') },
  ),
});
const file = fc.record({
  rows: fc.array(row, { minLength: 1, maxLength: 80 }),
  gb18030: fc.boolean(),
  by: fc.constantFrom('省份', '城市', '年份', '省份,城市'),
  year: fc.constantFrom(undefined, '2009'),
});

function render(spec: fc.infer<typeof file>): Buffer {
  const lines = [HEADER.join(','), FILLER];
  for (const record of spec.rows) {
    const { province, city, year } = record.labels;
    const cells = [province, city, year, record.code, ...record.counts, record.population];
    switch (record.kind) {
      case 'label-only': lines.push(`${city || '说明：本表数据来自年鉴。'}${','.repeat(cells.length - 1)}`); break;
      case 'footnote': lines.push(`注：${city}${','.repeat(cells.length - 1)}`); break;
      case 'blank': lines.push(city === '' ? '' : ','.repeat(cells.length - 1)); break;
      case 'quoted': lines.push(cells.map((cell) => `"${cell}"`).join(',')); break;
      case 'comma-in-quotes': lines.push(cells.map((cell, at) => (at === 1 ? `"${cell},x"` : cell)).join(',')); break;
      case 'ragged': lines.push(cells.slice(1).join(',')); break;
      case 'control': lines.push([province, `${city}\u0007`, ...cells.slice(2)].join(',')); break;
      case 'cr': lines.push(`${cells.join(',')}\r`); break;
      default: lines.push(cells.join(','));
    }
  }
  const text = `${lines.join('\n')}\n`;
  return spec.gb18030 ? iconv.encode(text, 'gb18030') : Buffer.from(text);
}

describe('the scan kernel and JavaScript give the same sums', () => {
  it('gives identical output, messages and exit codes on random registers, on one thread and on two', () => {
    let count = 0;
    let succeeded = 0;
    const runs = Number(process.env['PROPERTY_RUNS'] ?? 24);
    fc.assert(fc.property(file, (spec) => {
      const path = join(folder, `register-${count++}.csv`);
      writeFileSync(path, render(spec));
      const args = ['coverage', path, '--rows-are', 'communities', '--by', spec.by, '--totals', '-f', 'csv', '--verbose',
        '-i', 'centers_per_community,facilities_per_community,population_per_community', ...(spec.year === undefined ? [] : ['--year', spec.year])];
      const script = runCli(args, { env: { SVC_STATS_THREADS: '1', SVC_STATS_WASM: '0' } });
      const kernel = runCli(args, { env: { SVC_STATS_THREADS: '1' } });
      const threads = runCli(args, { env: { SVC_STATS_THREADS: '2', SVC_STATS_PARALLEL_MIN_BYTES: '1' } });
      expect({ status: kernel.status, stdout: kernel.stdout, stderr: kernel.stderr })
        .toEqual({ status: script.status, stdout: script.stdout, stderr: script.stderr });
      expect({ status: threads.status, stdout: threads.stdout, stderr: threads.stderr })
        .toEqual({ status: script.status, stdout: script.stdout, stderr: script.stderr });
      if (script.status === 0) succeeded += 1;
    }), { numRuns: runs, seed: Number(process.env['PROPERTY_SEED'] ?? 20261207) });
    // not a property of errors only: most files are summed
    expect(succeeded).toBeGreaterThan(runs / 3);
  }, 300_000);
});
