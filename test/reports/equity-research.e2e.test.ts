/**
 * equity's GE, Atkinson, Dagum and bootstrap through the built binary: the printed figures against the independent
 * computations of test/stats/reference.ts, the bootstrap repeatable and the same on threads as on one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, runJson } from '../helpers.js';
import type { Unit } from '../stats/reference.js';
import { atkinsonReference, dagumReference, geReference, geSplitReference } from '../stats/reference.js';

const SYNTHETIC = fixture('synthetic/provinces-31.csv');
const EAST = '北京 天津 河北 辽宁 上海 江苏 浙江 福建 山东 广东 海南'.split(' ');
const CENTRAL = '山西 吉林 黑龙江 安徽 江西 河南 湖北 湖南'.split(' ');

function units(year: string, weighted: boolean): Unit[] {
  return readFileSync(SYNTHETIC, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','))
    .filter((cells) => cells[0] !== '全国' && cells[1] === year)
    .map((cells) => ({
      x: (Number(cells[3]) * 10000) / Number(cells[2]), w: weighted ? Number(cells[3]) * 10000 : 1,
      g: EAST.includes(cells[0]!) ? 0 : CENTRAL.includes(cells[0]!) ? 1 : 2,
    }));
}

const close = (printed: unknown, expected: number): void => {
  expect(Math.abs(Number(printed) - expected) / Math.abs(expected), `${printed} vs ${expected}`).toBeLessThan(1e-9);
};

describe('equity: GE, Atkinson and Dagum as printed', () => {
  for (const weighted of [true, false]) {
    it(`the 31 synthetic provinces, ${weighted ? 'weighted by urban population' : 'unweighted'}, agree with the O(n²) definitions`, () => {
      const args = ['equity', SYNTHETIC, '-i', 'population_per_community', '--by', 'region', '--decimals', '14', ...(weighted ? [] : ['--weight', 'none'])];
      const rows = runJson(args);
      expect(rows.map((row) => row['year'])).toEqual([2005, 2010]);
      for (const row of rows) {
        const data = units(String(row['year']), weighted);
        close(row['ge_m1'], geReference(data, -1)!);
        close(row['ge_2'], geReference(data, 2)!);
        close(row['atkinson_0_5'], atkinsonReference(data, 0.5)!);
        close(row['atkinson_1'], atkinsonReference(data, 1)!);
        close(row['atkinson_2'], atkinsonReference(data, 2)!);
        close(row['ge_m1_between'], geSplitReference(data, -1)!.between);
        close(row['ge_2_within'], geSplitReference(data, 2)!.within);
        const dagum = dagumReference(data);
        close(row['gini'], dagum.gini);
        close(row['gini_within'], dagum.within);
        close(row['gini_net_between'], dagum.netBetween);
        close(row['gini_transvariation'], dagum.transvariation);
      }
      const table = runJson([...args, '--dagum', '--year', '2005']);
      const dagum = dagumReference(units('2005', weighted));
      const groups = table.filter((row) => row['part'] === 'group_gini');
      expect(groups.map((row) => row['group'])).toEqual(['东部', '中部', '西部']);
      groups.forEach((row, j) => close(row['value'], dagum.groupGini[j]!));
      const pairs = table.filter((row) => row['part'] === 'between_gini');
      expect(pairs.map((row) => row['group'])).toEqual(['东部/中部', '东部/西部', '中部/西部']);
      pairs.forEach((row, k) => {
        close(row['value'], dagum.pairGini[k]!);
        close(row['relative_affluence'], dagum.pairD[k]!);
      });
    });
  }

  it('--dagum needs --by; a bad --bootstrap or --ci is a usage error (exit 2)', () => {
    for (const args of [['--dagum'], ['--bootstrap', '0'], ['--bootstrap', '10', '--ci', '95']]) {
      const run = runCli(['equity', SYNTHETIC, '-i', 'population_per_community', ...args]);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).not.toContain('    at ');
    }
  });
});

describe('equity --bootstrap', () => {
  const args = ['equity', SYNTHETIC, '-i', 'population_per_community', '--by', 'region', '--bootstrap', '300', '--decimals', '12', '-f', 'csv'];

  it('the same seed gives the same intervals, another seed others; each interval holds its estimate here', () => {
    const first = runCli([...args, '--seed', '11']);
    expect(first.status).toBe(0);
    expect(runCli([...args, '--seed', '11']).stdout).toBe(first.stdout);
    expect(runCli([...args, '--seed', '12']).stdout).not.toBe(first.stdout);
    const [row] = runJson(['equity', SYNTHETIC, '-i', 'population_per_community', '--by', 'region', '--bootstrap', '300', '--seed', '11', '--year', '2005']);
    for (const id of ['cv', 'gini', 'theil_t', 'atkinson_1', 'gini_net_between']) {
      expect(Number(row![`${id}_lower`]), id).toBeLessThanOrEqual(Number(row![id]));
      expect(Number(row![`${id}_upper`]), id).toBeGreaterThanOrEqual(Number(row![id]));
      expect(Number(row![`${id}_lower`])).toBeLessThan(Number(row![`${id}_upper`]));
    }
  });

  it('on worker threads the figures are those of one thread, to every digit', () => {
    const serial = runCli([...args, '--seed', '5'], { env: { SVC_STATS_THREADS: '1' } });
    const threads = runCli([...args, '--seed', '5'], { env: { SVC_STATS_THREADS: '2', SVC_STATS_BOOTSTRAP_PARALLEL_MIN: '0' } });
    const three = runCli([...args, '--seed', '5'], { env: { SVC_STATS_THREADS: '3', SVC_STATS_BOOTSTRAP_PARALLEL_MIN: '0' } });
    expect(serial.status).toBe(0);
    expect(threads.status).toBe(0);
    expect(threads.stdout).toBe(serial.stdout);
    expect(three.stdout).toBe(serial.stdout);
  });
});
