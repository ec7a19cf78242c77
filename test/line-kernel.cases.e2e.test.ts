/**
 * Inputs a review found where the LineBlock path and the records path (SVC_STATS_LINES=0), or threads and one
 * pass, could differ: each must now read the same both ways, and as the rules say.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { UnitKeySet } from '../src/table/unit-keys.js';
import { runCli, scratchDir } from './helpers.js';

let folder: string;
beforeAll(() => {
  folder = scratchDir();
});

function bothWays(name: string, bytes: Buffer, args: readonly string[], env: NodeJS.ProcessEnv = {}): ReturnType<typeof runCli> {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  const lines = runCli(['coverage', path, ...args], { env: { SVC_STATS_THREADS: '1', ...env } });
  const records = runCli(['coverage', path, ...args], { env: { SVC_STATS_THREADS: '1', SVC_STATS_LINES: '0', ...env } });
  expect(lines).toEqual(records);
  return lines;
}

const header = '地区,年份,社区服务中心,社区数';
const units = (count: number): string[] => Array.from({ length: count }, (_, index) => `a${index},2008,${index},${index + 1}`);

describe('LineBlocks read as records do', () => {
  it('a byte string and decoded text that spell alike are two texts (é as bytes is Ã©)', () => {
    // the text after the first lines is decoded, the last line (no line end) a byte string
    const text = [header, ...units(7), 'Ã©,2008,10,1', 'é,2008,20,1'].join('\n');
    const run = bothWays('latin.csv', Buffer.from(text), ['--by', '地区', '-f', 'csv', '-i', 'centers_per_community']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('\nÃ©,1,1,10,10.00\n');
    expect(run.stdout).toContain('\né,1,1,20,20.00');
  });

  it('a U+FEFF at the start of a line is a character of its cell wherever the reader cuts (not a footnote)', () => {
    const text = [header, ...units(7), '\uFEFF注：本表不含港澳台。,,,', 'b1,2008,1,1'].join('\n');
    const run = bothWays('feff.csv', Buffer.from(text), ['-f', 'csv', '-i', 'centers_per_community']);
    expect(run.stdout).toContain('\n注：本表不含港澳台。,2008,,,\n'); // a label row (its label trimmed), data follows it
  });

  it('a GB18030 character whose second byte is the delimiter (亅 is 81 7C, |) stays whole', () => {
    const text = ['年份|地区|社区服务中心|社区数', ...Array.from({ length: 8 }, (_, index) => `2008|上海${index}|${index}|1`), '2008|上海亅|5'].join('\n');
    const run = bothWays('gb-bar.csv', iconv.encode(text, 'gb18030'), ['--by', '地区', '--delimiter', '|', '-i', 'centers_per_community']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(':10:4: the row has 3 cells but the header has 4');
  });
});

describe('a register placed by its division codes (统计用区划代码, no province column)', () => {
  it('--by province --rows-are reads the code of each LineBlock row, as records do (it was a TypeError)', () => {
    const rows = [
      ...Array.from({ length: 60 }, (_, index) => `1101010${String(index).padStart(5, '0')},社区${index},3,1.5`),
      ...Array.from({ length: 30 }, (_, index) => `4401010${String(index).padStart(5, '0')},广社区${index},4,2.5`),
    ];
    const text = ['统计用区划代码,社区名称,居委会成员数（人）,城镇人口（万人）', ...rows].join('\n');
    const run = bothWays('codes.csv', Buffer.from(text), ['--by', 'province', '--rows-are', 'communities', '-f', 'csv', '-i', 'population_per_community']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('group,units,communities,urban_population,population_per_community\n北京,60,60,900000,15000\n广东,30,30,750000,25000\n');
  });
});

describe("a register's code column that nothing reads (--rows-are, grouped by province)", () => {
  // community_id keys the unit; with --rows-are no key is made, so LineBlocks pass over a code of printable
  // ASCII and send any other line the way of records: both ways must give the same table and the same messages
  const register = (codes: readonly string[]): Buffer => Buffer.from(['province,city,community_id,urban_population,service_centers',
    ...codes.map((code, index) => `${index % 2 ? '北京' : '上海'},${index % 2 ? '北京' : '上海'}${index % 3}市,${code},${100 + index},${index % 4}`)].join('\n'));
  const args = ['--by', 'province', '--rows-are', 'communities', '-f', 'csv', '-i', 'population_per_community'];
  const plain = Array.from({ length: 40 }, (_, index) => `C${String(index).padStart(7, '0')}`);

  it('codes of printable ASCII, and codes with a blank, a Chinese character, a zero-width space or none', () => {
    const odd = [...plain];
    odd[10] = 'C 0000010';
    odd[11] = '社区0000011';
    odd[12] = 'C\u200b0000012';
    odd[13] = '';
    odd[14] = 'é';
    const run = bothWays('codes.csv', register(odd), args);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(bothWays('plain-codes.csv', register(plain), args).stdout);
    expect(run.stdout.split('\n')[0]).toBe('group,units,communities,urban_population,population_per_community');
  });

  it('a control character in a code is refused both ways, at its line', () => {
    const odd = [...plain];
    odd[20] = 'C000\u00070020';
    const run = bothWays('control-code.csv', register(odd), args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/control-code\.csv:22:3: /);
  });
});

describe('a reading in one pass after threads', () => {
  it('gives the sniffed delimiter note once', () => {
    const text = ['地区;社区服务中心;社区数', ...Array.from({ length: 80 }, (_, index) => `c${index};${index};1`), 'c1;5;1'].join('\n');
    const path = join(folder, 'semicolons.csv');
    writeFileSync(path, text);
    const run = runCli(['coverage', path, '--by', '地区'], { env: { SVC_STATS_THREADS: '2', SVC_STATS_PARALLEL_MIN_BYTES: '1' } });
    expect(run.status).toBe(2);
    expect(run.stderr.match(/separated by ';'/g)).toHaveLength(1);
    expect(run.stderr).toContain('two rows of one unit: lines 3 and 82 (c1)');
  });
});

describe('unit keys', () => {
  it('a lone surrogate and U+FFFD are two keys', () => {
    const set = new UnitKeySet();
    expect(set.add('\uD800', 1)).toBeUndefined();
    expect(set.add('\uFFFD', 2)).toBeUndefined();
    expect(set.add('\uD800', 3)).toBe(1);
  });
});
