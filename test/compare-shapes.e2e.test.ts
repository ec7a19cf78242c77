/**
 * compare's options of issue 21 through the binary: --base previous, --long, --rounded-change, Chinese names.
 * Figures: data/national-series.csv (SOURCES.md), communities 91893 (2001) and 86087 (2002): −5806, −6.32%.
 */
import { describe, expect, it } from 'vitest';
import { runCli, runJson } from './helpers.js';

describe('compare through the binary', () => {
  it('a national series, year on year and tidy: one row a year, the year a number', () => {
    const rows = runJson(['compare', 'data/national-series.csv', '-i', 'communities', '--base', 'previous', '--long', '-q']);
    expect(rows[0]).toEqual({ unit: 'national-series', indicator: 'communities', year: 2001, value: 91893, change: null, pct_change: null });
    expect(rows[1]).toEqual({ unit: 'national-series', indicator: 'communities', year: 2002, value: 86087, change: -5806, pct_change: -6.32 });
    // year on year: each change is the difference of consecutive values
    for (let index = 1; index < rows.length; index += 1) {
      const [before, now] = [rows[index - 1]!['value'], rows[index]!['value']];
      if (before !== null && now !== null) expect(rows[index]!['change']).toBe(Number(now) - Number(before));
    }
  });

  it('--base previous labels the change from the year before; a bad --base is refused', () => {
    const run = runCli(['compare', 'data/provinces-2005-divisions.csv', 'data/provinces-2008-divisions.csv', 'data/provinces-2009-divisions.csv',
      '-i', 'subdistricts', '--base', 'previous', '-f', 'md', '--lang', 'en']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('change 2005→2008');
    expect(run.stdout).toContain('change 2008→2009');
    expect(run.stdout).not.toContain('2005→2009');
    const bad = runCli(['compare', 'data/provinces-2005-divisions.csv', 'data/provinces-2009-divisions.csv', '--base', 'last']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--base.*last.*first, previous/);
  });

  it('Chinese indicator names with --lang zh in md, ids in csv', () => {
    const md = runCli(['compare', 'fixtures/extracts/long-2008-2009.csv', '-i', 'population_per_community', '-f', 'md', '--lang', 'zh', '-q']);
    expect(md.stdout).toContain('| 全国 | 平均每社区人口数 |');
    const csv = runCli(['compare', 'fixtures/extracts/long-2008-2009.csv', '-i', 'population_per_community', '-f', 'csv', '--lang', 'zh', '-q']);
    expect(csv.stdout).toContain('全国,population_per_community,');
  });
});
