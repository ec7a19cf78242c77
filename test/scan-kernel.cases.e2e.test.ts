/**
 * Where the scan kernel (wasm/scan-kernel.ts) could part from JavaScript: at a block's edge with a row held back,
 * rows of another year, more distinct spans than it keeps, sums past 2^53. Each input is read with the kernel
 * and without it (SVC_STATS_WASM=0): the same output, messages and exit code, and what the rules say.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './helpers.js';

let folder: string;
beforeAll(() => {
  folder = scratchDir();
});

const HEADER = '省份,城市,年份,社区代码,社区服务中心,城镇人口（万人）';
const row = (index: number, year = 2009, city = `市${index % 5}`): string => `广东,${city},${year},C${String(index).padStart(7, '0')},${index % 3},${index % 89}.${index % 7}`;

function bothWays(name: string, text: string, args: readonly string[]): ReturnType<typeof runCli> {
  const path = join(folder, name);
  writeFileSync(path, text);
  const all = ['coverage', path, '--rows-are', 'communities', '-f', 'csv', '--verbose', ...args];
  const kernel = runCli(all, { env: { SVC_STATS_THREADS: '1' } });
  const script = runCli(all, { env: { SVC_STATS_THREADS: '1', SVC_STATS_WASM: '0' } });
  expect(kernel).toEqual(script);
  return kernel;
}

describe('the scan kernel reads as JavaScript does', () => {
  it('a label-only row at the end of a block, data after it: the row is data (held back, then accepted)', () => {
    // blocks end at the last line feed before each 64 KiB of the file: the held row ends the second block
    const bytes = (text: string): number => Buffer.byteLength(text);
    const lines = [HEADER];
    let length = bytes(HEADER) + 1;
    let index = 0;
    const held = '广东，以下为补充数据,,,,,';
    while (length + 2 * 40 + bytes(held) + 1 < 2 * 65536) {
      const line = row(index++);
      lines.push(line);
      length += bytes(line) + 1;
    }
    // one row with a longer code brings the held row's line feed to 3 bytes before the edge
    const pad = 2 * 65536 - 3 - length - (bytes(held) + 1) - 1;
    const padded = `广东,市1,2009,C${'0'.repeat(pad - Buffer.byteLength('广东,市1,2009,C,1,1'))},1,1`;
    expect(bytes(padded)).toBe(pad);
    lines.push(padded, held);
    const before = bytes(`${lines.join('\n')}\n`);
    expect(before).toBe(2 * 65536 - 3);
    for (let more = 0; more < 2000; more += 1) lines.push(row(index++));
    const run = bothWays('held.csv', `${lines.join('\n')}\n`, ['--by', '省份', '-i', 'centers_per_community']);
    // the row is a unit of its own (its name is not a province's): two groups, the held one with no figures
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('\n广东，以下为补充数据,1,1,');
  });

  it('--year: rows of the other year read and left out, in the kernel as in JavaScript', () => {
    const lines = [HEADER, ...Array.from({ length: 12_000 }, (_, index) => row(index, index % 3 === 0 ? 2008 : 2009))];
    const run = bothWays('years.csv', `${lines.join('\n')}\n`, ['--by', '城市', '--year', '2009', '-i', 'centers_per_community']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[1]).toMatch(/^市\d,1600,1600,/);
  });

  it('a register of more distinct spans than the kernel keeps: JavaScript reads the rest', () => {
    const lines = [HEADER, ...Array.from({ length: 20_000 }, (_, index) => row(index, 2009, `市${index}`))];
    const run = bothWays('spans.csv', `${lines.join('\n')}\n`, ['--by', '省份', '-i', 'centers_per_community']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('group,units,communities,service_centers,centers_per_community\n广东,20000,20000,19999,1.00\n');
  });

  it('sums past 2^53, exact', () => {
    const big = '999999999999999';
    const lines = [HEADER, ...Array.from({ length: 12_000 }, (_, index) => `广东,市1,2009,C${index},${big},1`)];
    const run = bothWays('big.csv', `${lines.join('\n')}\n`, ['--by', '省份', '-i', 'centers_per_community']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`group,units,communities,service_centers,centers_per_community\n广东,12000,12000,${BigInt(big) * 12000n},${BigInt(big)}.00\n`);
  });
});
