/** --rank and --order of coverage and compare, through the built binary. */
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers.js';

const csv = (text: string) => text.trim().split('\n').map((line) => line.split(','));

describe('--rank', () => {
  it('coverage: competition ranks of each indicator within its year, totals unranked, ties on stderr', () => {
    const input = '地区,社区数,城镇人口\n全国,40,4000000\n北京,10,2000000\n上海,10,1000000\n广东,10,1000000\n四川,10,500000\n';
    const run = runCli(['coverage', '-', '-i', 'population_per_community', '--rank', '-f', 'csv'], { input });
    expect(run.status).toBe(0);
    const rows = csv(run.stdout);
    const at = rows[0]!.indexOf('rank_population_per_community');
    expect(rows.slice(1).map((row) => [row[0], row[at]])).toEqual([['全国', ''], ['北京', '1'], ['上海', '2'], ['广东', '2'], ['四川', '4']]);
    expect(run.stderr).toContain('population_per_community: 2= 上海, 广东');
  });

  it('coverage --order asc sorts each year by rank, smallest first; totals stay first', () => {
    const run = runCli(['coverage', fixture('synthetic/provinces-31.csv'), '-i', 'population_per_community', '--rank', '--order', 'asc', '-f', 'csv']);
    expect(run.status).toBe(0);
    const rows = csv(run.stdout).slice(1);
    expect(rows).toHaveLength(64);
    expect(rows[0]!.slice(0, 2)).toEqual(['全国', '2005']);
    expect(rows[1]![0]).toBe('甘肃'); // 2936, the smallest in 2005
    expect(rows[1]!.at(-1)).toBe('1');
    expect(rows[32]!.slice(0, 2)).toEqual(['全国', '2010']);
    const values = rows.slice(1, 32).map((row) => Number(row[5]));
    expect([...values].sort((a, b) => a - b)).toEqual(values);
  });

  it('compare ranks by the latest edition within each indicator; --order without --rank is refused', () => {
    const run = runCli(['compare', 'data/provinces-2005-divisions.csv', 'data/provinces-2009-divisions.csv', '-i', 'subdistricts', '--rank', '-f', 'csv']);
    expect(run.status).toBe(0);
    const rows = csv(run.stdout);
    const at = rows[0]!.indexOf('rank_value_2009');
    expect(at).toBe(rows[0]!.indexOf('value_2009') + 1);
    // 辽宁 has the most sub-districts in 2009 (570), 西藏 the fewest (10)
    expect(rows.find((row) => row[0] === '辽宁')![at]).toBe('1');
    expect(rows.find((row) => row[0] === '西藏')![at]).toBe('31');
    expect(runCli(['compare', 'data/provinces-2005-divisions.csv', 'data/provinces-2009-divisions.csv', '--order', 'asc']).status).toBe(2);
  });
});
