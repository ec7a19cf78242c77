/**
 * The hot loop's two ways in agree, by a differential property: `--by` reads unquoted text after the header as
 * LineBlocks (table/rows.ts fastLine, engine/partial.ts onLine) and everything else as records. Random files
 * with what real sheets hold — merged (blank) label cells, footnotes, label-only rows, total, subtotal and
 * "of which" rows, years written every way, control characters, missing markers, 万 decimals, U+3000 blanks,
 * ragged rows, quotes, CR line ends, GB18030 — are summed with LineBlocks and with records only
 * (SVC_STATS_LINES=0): output, messages and exit code must be identical.
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

const PROVINCES = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('广东', '广西', '北京', '内蒙古', '山东', ' 广东 ') },
  { weight: 1, arbitrary: fc.constantFrom('', '\u3000', '全国') },
);
/** Mostly a city of its own (a unit appears once a year), sometimes a total, "of which" or odd label. */
const CITIES = fc.oneof(
  { weight: 10, arbitrary: fc.nat(100_000).map((n) => `市${n}`) },
  { weight: 1, arbitrary: fc.constantFrom('', '全国', '合计', '广东省合计', '小计', '其中：广州', '#深圳', '全国平均', '注：数据', 'note: x', 'Sum', '  ', 'Guangzhou city') },
);
const YEARS = fc.constantFrom('2008', '2009', '2009年', '２００８', '', '2010 年');
/** Cells read without error (blanks and missing markers included), and cells that are errors. */
const COUNTS = fc.oneof(
  { weight: 16, arbitrary: fc.nat(99_999).map(String) },
  { weight: 2, arbitrary: fc.constantFrom('', '…', '-', '—', ' 12 ', '1,234', '\u300012', '0012', '123456789012345') },
);
const BAD_COUNTS = fc.constantFrom('3.5', '12x', '-4', '1234567890123456789');
const TEN_THOUSANDS = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.nat(999), fc.nat(9999), fc.nat(4)).map(([whole, fraction, places]) => (places === 0 ? String(whole) : `${whole}.${String(fraction).padStart(4, '0').slice(0, places)}`)) },
  { weight: 1, arbitrary: fc.constantFrom('', '.5', '5.', '１２', '1,000.5') },
);
const BAD_TEN_THOUSANDS = fc.constantFrom('1.23456', '1e3', 'x');

const row = fc.record({
  province: PROVINCES,
  city: CITIES,
  year: YEARS,
  counts: fc.tuple(COUNTS, COUNTS),
  population: TEN_THOUSANDS,
  kind: fc.constantFrom('data', 'data', 'data', 'data', 'data', 'data', 'data', 'data', 'label-only', 'footnote', 'blank', 'quoted', 'comma-in-quotes'),
});

/** One mistake somewhere in a file, or none. */
const mistake = fc.record({
  at: fc.nat(),
  kind: fc.oneof(
    { weight: 14, arbitrary: fc.constant('none') },
    { weight: 7, arbitrary: fc.constantFrom('ragged', 'bad-count', 'bad-population', 'control', 'bad-year', 'duplicate-header', 'duplicate-unit') },
  ),
  count: BAD_COUNTS,
  population: BAD_TEN_THOUSANDS,
});

const file = fc.record({
  rows: fc.array(row, { minLength: 1, maxLength: 60 }),
  mistake,
  withYear: fc.boolean(),
  lineEnd: fc.constantFrom('\n', '\n', '\r\n', '\r'),
  gb18030: fc.boolean(),
  title: fc.boolean(),
  by: fc.constantFrom('province', 'region', 'city', 'province,city'),
});

function render(spec: fc.infer<typeof file>): Buffer {
  const header = ['省份', '城市', ...(spec.withYear ? ['年份'] : []), '社区服务中心', '社区数', '城镇人口（万人）'];
  const lines = spec.title ? ['表1 社区服务', header.join(',')] : [header.join(',')];
  const wrong = spec.mistake.at % spec.rows.length;
  spec.rows.forEach((record, index) => {
    const cells = [record.province, record.city, ...(spec.withYear ? [record.year] : []), ...record.counts, record.population];
    const kind = index === wrong && spec.mistake.kind !== 'none' ? spec.mistake.kind : record.kind;
    if (kind === 'bad-count') cells[cells.length - 2] = spec.mistake.count;
    if (kind === 'bad-population') cells[cells.length - 1] = spec.mistake.population;
    if (kind === 'control') cells[1] = `${record.city}\u0007`;
    if (kind === 'bad-year' && spec.withYear) cells[2] = '09';
    if (kind === 'duplicate-unit') cells[1] = spec.rows[0]!.city;
    switch (kind) {
      case 'ragged': lines.push(cells.slice(1).join(',')); break;
      case 'duplicate-header': lines.push(header.join(',')); break;
      case 'label-only': lines.push(`${record.city || '说明：本表数据来自年鉴。'},${','.repeat(cells.length - 2)}`); break;
      case 'footnote': lines.push(`注：${record.city}${','.repeat(cells.length - 1)}`); break;
      case 'blank': lines.push(record.city === '' ? '' : ','.repeat(cells.length - 1)); break;
      case 'quoted': lines.push(cells.map((cell) => `"${cell}"`).join(',')); break;
      case 'comma-in-quotes': lines.push(cells.map((cell, at) => (at === 1 ? `"${cell},x"` : cell)).join(',')); break;
      default: lines.push(cells.join(','));
    }
  });
  const text = lines.join(spec.lineEnd) + spec.lineEnd;
  return spec.gb18030 ? iconv.encode(text, 'gb18030') : Buffer.from(text);
}

describe('LineBlocks and records give the same sums', () => {
  it('gives identical output, messages and exit codes on random sheets', () => {
    let count = 0;
    let succeeded = 0;
    const runs = Number(process.env['PROPERTY_RUNS'] ?? 60);
    fc.assert(fc.property(file, (spec) => {
      const path = join(folder, `sheet-${count++}.csv`);
      writeFileSync(path, render(spec));
      const args = ['coverage', path, '--by', spec.by, '--totals', '-f', 'csv', '--verbose', '-i', 'centers_per_community,population_per_community'];
      const records = runCli(args, { env: { SVC_STATS_THREADS: '1', SVC_STATS_LINES: '0' } });
      const lines = runCli(args, { env: { SVC_STATS_THREADS: '1' } });
      expect({ status: lines.status, stdout: lines.stdout, stderr: lines.stderr })
        .toEqual({ status: records.status, stdout: records.stdout, stderr: records.stderr });
      if (records.status === 0) succeeded += 1;
    }), { numRuns: runs, seed: Number(process.env['PROPERTY_SEED'] ?? 20261129) });
    // not a property of errors only: most files are summed
    expect(succeeded).toBeGreaterThan(runs / 3);
  }, 300_000);
});
