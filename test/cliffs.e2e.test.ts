/**
 * The performance cliffs of issue 11 as regression tests: each input that once took minutes, gigabytes or a
 * crash, at a size that still shows the old failure (a stack overflow, a wrong count, a late or missing error),
 * asserting output and exit code — never time.
 */
import { openSync, writeSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './helpers.js';

let folder: string;
beforeAll(() => {
  folder = scratchDir();
});

/** Run both ways: serial, and parallel with a split threshold small enough that every file here is cut. */
function bothWays(args: readonly string[]): { serial: ReturnType<typeof runCli>; parallel: ReturnType<typeof runCli>[] } {
  const serial = runCli(args, { env: { SVC_STATS_THREADS: '1' } });
  const parallel = ['2', '3'].map((threads) => runCli(args, { env: { SVC_STATS_THREADS: threads, SVC_STATS_PARALLEL_MIN_BYTES: '64' } }));
  return { serial, parallel };
}

/** `rows` communities C{first}…, one a line: unit labels are unique (two rows of one unit are an error). */
function register(rows: number, lineEnd = '\n', first = 0): string {
  const lines: string[] = [];
  for (let index = first; index < first + rows; index += 1) lines.push(`${index % 2 === 0 ? '广东' : '广西'},C${index},${index % 7},${1 + (index % 5)}`);
  return lines.join(lineEnd) + lineEnd;
}

const HEADER = 'province,community,service_centers,communities';
const BY_PROVINCE = ['--by', 'province', '-f', 'csv', '-i', 'centers_per_community'];

describe('mixed decimal places in a 万 column', () => {
  it('sums 100,000 rows of 1.25, 1.5, 0.125 … 万人 exactly with --totals, per row and by group', () => {
    const decimals = ['1.25', '1.5', '0.125', '2', '3.1', '0.0625', '4.375', '7'];
    const lines = ['省份,单位,城镇人口（万人）,社区数'];
    let expected = 0n; // in persons: 万 × 10^4, every value here is a whole number of persons
    for (let index = 0; index < 100_000; index += 1) {
      const cell = decimals[index % decimals.length]!;
      const [whole, fraction = ''] = cell.split('.');
      expected += BigInt(whole! + fraction.padEnd(4, '0'));
      lines.push(`广东,U${index},${cell},1`);
    }
    const file = join(folder, 'mixed-decimals.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const perRow = runCli(['coverage', file, '--totals', '-f', 'csv', '-i', 'population_per_community']);
    expect(perRow.status).toBe(0);
    expect(perRow.stdout.trim().split('\n').pop()).toBe(`total,100000,${expected},${(expected + 50_000n) / 100_000n}`);
    const byGroup = runCli(['coverage', file, '--by', '省份', '--totals', '-f', 'csv', '-i', 'population_per_community']);
    expect(byGroup.status).toBe(0);
    expect(byGroup.stdout.trim().split('\n').pop()).toBe(`total,100000,100000,${expected},${(expected + 50_000n) / 100_000n}`);
  });
});

describe('no spread of a data-sized array', () => {
  let units: string;
  beforeAll(() => {
    units = join(folder, 'units-130k.csv');
    const lines = ['单位,城镇人口,社区数'];
    for (let index = 0; index < 130_000; index += 1) lines.push(`U${index},${1000 + (index % 997)},${1 + (index % 13)}`);
    writeFileSync(units, lines.join('\n') + '\n');
  });

  it('equity of 130,000 units (Math.min(...values) overflowed the stack from about 125,000)', () => {
    const run = runCli(['equity', units, '-i', 'population_per_community', '--weight', 'none', '-f', 'json']);
    expect(run.status).toBe(0);
    const [row] = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(row!['n']).toBe(130_000);
    // max 1996/1 over min 1000/13
    expect(row!['max_min_ratio']).toBe(25.948);
  });

  it('describe of 130,000 units', () => {
    const run = runCli(['describe', units, '-i', 'population_per_community', '-f', 'json']);
    expect(run.status).toBe(0);
    const [row] = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(row!['n']).toBe(130_000);
    expect(row!['max']).toBe(1996);
  });
});

describe('pathological lines', () => {
  it('refuses a line longer than 64 MiB with an error naming it, without reading the rest', () => {
    const file = join(folder, 'long-line.csv');
    const descriptor = openSync(file, 'w');
    writeSync(descriptor, `${HEADER}\n广东,C1,1,1\n`);
    const block = Buffer.alloc(1 << 20, 0x41);
    for (let index = 0; index < 66; index += 1) writeSync(descriptor, block);
    writeSync(descriptor, ',1,1\n');
    closeSync(descriptor);
    const run = runCli(['coverage', file, ...BY_PROVINCE]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${file}:3: a line longer than 64 MiB (the limit for one line or field)`);
  });

  it('refuses a quoted field longer than 64 MiB', () => {
    const file = join(folder, 'long-field.csv');
    const descriptor = openSync(file, 'w');
    writeSync(descriptor, `${HEADER}\n广东,"C1\n`);
    const block = Buffer.from('AAAAAAAAAAAAAAA\n'.repeat(1 << 16));
    for (let index = 0; index < 66; index += 1) writeSync(descriptor, block);
    closeSync(descriptor);
    const run = runCli(['coverage', file, ...BY_PROVINCE]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/long-field\.csv:2: a record longer than 64 MiB/);
  });

  it('streams a CR-only file and numbers its lines as an LF file', () => {
    const cr = join(folder, 'cr-only.csv');
    const lf = join(folder, 'lf.csv');
    writeFileSync(cr, `${HEADER}\r${register(60_000, '\r')}`);
    writeFileSync(lf, `${HEADER}\n${register(60_000)}`);
    const expected = runCli(['coverage', lf, ...BY_PROVINCE]);
    expect(expected.status).toBe(0);
    const { serial, parallel } = bothWays(['coverage', cr, ...BY_PROVINCE]);
    expect(serial.stdout).toBe(expected.stdout);
    for (const run of parallel) expect(run.stdout).toBe(expected.stdout);
  });
});

describe('parallel reading equals serial', () => {
  it('a header ending in a lone CR counts every row once', () => {
    const file = join(folder, 'header-cr.csv');
    writeFileSync(file, `${HEADER}\r${register(50_000)}`);
    const { serial, parallel } = bothWays(['coverage', file, ...BY_PROVINCE, '--totals']);
    expect(serial.status).toBe(0);
    expect(serial.stdout).toContain('total,50000,');
    for (const run of parallel) expect(run.stdout).toBe(serial.stdout);
  });

  it('a header ending in a lone CR, and a range that starts with blank lines (found by the property test)', () => {
    const file = join(folder, 'header-cr-blank-range.csv');
    writeFileSync(file, `${HEADER}\r广东,C1,0,0\n\n\n全国,,,0\n广东,C2,0,0`);
    const args = ['coverage', file, ...BY_PROVINCE, '--totals'];
    const serial = runCli(args, { env: { SVC_STATS_THREADS: '1' } });
    expect(serial.stderr).toContain('全国 (line 5, a national/total row)');
    for (const threads of ['2', '3']) {
      const parallel = runCli(args, { env: { SVC_STATS_THREADS: threads, SVC_STATS_PARALLEL_MIN_BYTES: '1' } });
      expect(parallel).toEqual(serial);
    }
  });

  it('blank lines (and a line of delimiters) before the header', () => {
    const file = join(folder, 'blank-before-header.csv');
    writeFileSync(file, `\n\r\n,,,\n${HEADER}\n${register(50_000)}`);
    const { serial, parallel } = bothWays(['coverage', file, ...BY_PROVINCE, '--totals']);
    expect(serial.status).toBe(0);
    expect(serial.stdout).toContain('total,50000,');
    for (const run of parallel) expect(run.stdout).toBe(serial.stdout);
  });

  it('an error after CR and CRLF line ends is placed at the same line', () => {
    const file = join(folder, 'cr-error.csv');
    writeFileSync(file, `${HEADER}\r\n${register(20_000, '\r')}${register(20_000, '\r\n', 20_000)}广东,X,1x,1\r`);
    const { serial, parallel } = bothWays(['coverage', file, ...BY_PROVINCE]);
    expect(serial.status).toBe(2);
    expect(serial.stderr).toBe(`svc-stats: ${file}:40002:3: service_centers: '1x' is not a number\n`);
    for (const run of parallel) expect(run.stderr).toBe(serial.stderr);
  });

  it('a wrong header is the same error, reported before any range is read', () => {
    const file = join(folder, 'wrong-header.csv');
    writeFileSync(file, `province,community,service_centers（箱）,communities\n${register(50_000)}`);
    const { serial, parallel } = bothWays(['coverage', file, ...BY_PROVINCE]);
    expect(serial.status).toBe(2);
    expect(serial.stderr).toMatch(/wrong-header\.csv:1:3: /);
    for (const run of parallel) expect(run.stderr).toBe(serial.stderr);
  });

  it('an all-quoted file with line breaks in cells is cut between records, with the same sums', () => {
    const file = join(folder, 'quoted.csv');
    // the line breaks are in a note column: labels never hold one (control characters are refused in labels)
    const lines = ['province,community,note,service_centers,communities'.split(',').map((cell) => `"${cell}"`).join(',')];
    for (let index = 0; index < 30_000; index += 1) {
      lines.push(`"${index % 2 === 0 ? '广东' : '广西'}","C${index}","${index % 10 === 0 ? 'new\n(2009)' : ''}","${index % 7}","${1 + (index % 5)}"`);
    }
    writeFileSync(file, lines.join('\n') + '\n广东,X,"bad"x,1,1\n');
    const { serial, parallel } = bothWays(['coverage', file, ...BY_PROVINCE]);
    expect(serial.status).toBe(2);
    // 30,000 rows and 3,000 line breaks in cells after the header: the bad row is line 33,002
    expect(serial.stderr).toBe(`svc-stats: ${file}:33002: a closing quote is followed by text instead of a delimiter\n`);
    for (const run of parallel) expect(run.stderr).toBe(serial.stderr);
    writeFileSync(file, lines.join('\n') + '\n');
    const good = bothWays(['coverage', file, ...BY_PROVINCE, '--totals']);
    expect(good.serial.stdout).toContain('total,30000,');
    for (const run of good.parallel) expect(run.stdout).toBe(good.serial.stdout);
  });
});

describe('encoding is checked over the whole input', () => {
  it('an invalid UTF-8 byte at line 150,000 is an error naming that line, serial and parallel', () => {
    const file = join(folder, 'late-invalid.csv');
    const body = Buffer.from(`${HEADER}\n${register(149_998)}`);
    writeFileSync(file, Buffer.concat([body, Buffer.from([0xe5, 0xb9, 0x0a]), Buffer.from(register(10))]));
    const { serial, parallel } = bothWays(['coverage', file, ...BY_PROVINCE]);
    expect(serial.status).toBe(2);
    expect(serial.stderr).toMatch(/late-invalid\.csv:150000: invalid UTF-8 at byte offset \d+/);
    for (const run of parallel) expect(run.stderr).toBe(serial.stderr);
  });

  it('a GB18030 file with UTF-8 rows after its first MiB is an error naming the first such line, never mojibake', () => {
    const file = join(folder, 'gb-then-utf8.csv');
    const gb = iconv.encode(`${HEADER}\n${register(60_000)}`, 'gb18030');
    writeFileSync(file, Buffer.concat([gb, Buffer.from(register(100))]));
    const { serial, parallel } = bothWays(['coverage', file, ...BY_PROVINCE]);
    expect(serial.status).toBe(2);
    expect(serial.stderr).toMatch(/gb-then-utf8\.csv:60002: mixed encodings: the line is UTF-8, but the input began as GB18030/);
    for (const run of parallel) expect(run.stderr).toBe(serial.stderr);
  });
});
