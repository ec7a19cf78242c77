/**
 * coverage with measures as columns (issue 21): -i takes measure ids as compare does, a file of measures only
 * gives its table, and --by region --with-units puts each group's units under its subtotal. Figures are
 * data/provinces-2009-divisions.csv's own (SOURCES.md): 东部 2966 sub-districts = the sum of its 11 provinces.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, runJson } from './helpers.js';

const DIVISIONS = 'data/provinces-2009-divisions.csv';

describe('coverage -i with measures', () => {
  it('a measure id is a column, per row (the streamed path) and per group', () => {
    const rows = runJson(['coverage', DIVISIONS, '-i', 'subdistricts']);
    expect(rows[0]).toEqual({ unit: '全国', year: 2009, subdistricts: 6686 });
    expect(rows.find((row) => row['unit'] === '北京')).toEqual({ unit: '北京', year: 2009, subdistricts: 140 });
    const groups = runJson(['coverage', DIVISIONS, '-i', 'subdistricts', '--by', 'region']);
    expect(groups.map((row) => [row['group'], row['subdistricts']])).toEqual([['东部', 2966], ['中部', 2257], ['西部', 1463]]);
  });

  it('measures and indicators together: the indicator with its measures and the one asked', () => {
    const [row] = runJson(['coverage', 'data/2005.csv', '-i', 'population_per_community,service_facilities']);
    expect(Object.keys(row!)).toEqual(['unit', 'year', 'communities', 'urban_population', 'service_facilities', 'population_per_community']);
    expect(row).toMatchObject({ population_per_community: 7031 });
  });

  it('a file of measures only gives its measures, with a note, on both paths', () => {
    for (const extra of [[], ['--by', 'region']]) {
      const run = runCli(['coverage', DIVISIONS, ...extra, '-f', 'csv']);
      expect(run.status).toBe(0);
      expect(run.stdout.split('\n')[0]).toMatch(/subdistricts,districts$/);
      expect(run.stderr).toContain('no indicator can be computed from its columns: its measures are shown');
    }
  });

  it('an indicator asked for that cannot be computed is still refused; an unknown id too', () => {
    const refused = runCli(['coverage', DIVISIONS, '-i', 'population_per_community']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/no indicator can be computed/);
    const unknown = runCli(['coverage', DIVISIONS, '-i', 'subdistrictz']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown indicator 'subdistrictz'/);
  });
});

describe('coverage --by region --with-units', () => {
  it('refuses standard input in one line (it reads its input twice), instead of calling the second read empty', () => {
    const run = runCli(['coverage', '-', '-i', 'subdistricts', '--by', 'region', '--with-units', '-f', 'csv'], { input: readFileSync(DIVISIONS, 'utf8') });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('svc-stats: --with-units reads its input twice, so it takes a file, not standard input or a pipe (save the input to a file first)\n');
  });

  it("each group's subtotal, then its units; the subtotal is the sum of the rows under it", () => {
    const rows = runJson(['coverage', DIVISIONS, '-i', 'subdistricts', '--by', 'region', '--with-units', '--totals']);
    expect(rows[0]).toEqual({ group: '东部', unit: 'subtotal', units: 11, subdistricts: 2966 });
    for (const group of ['东部', '中部', '西部']) {
      const members = rows.filter((row) => row['group'] === group && row['unit'] !== 'subtotal');
      const subtotal = rows.find((row) => row['group'] === group && row['unit'] === 'subtotal')!;
      expect(members.length).toBe(subtotal['units']);
      expect(members.reduce((sum, row) => sum + Number(row['subdistricts']), 0)).toBe(subtotal['subdistricts']);
      // the subtotal comes first, its units right under it
      const at = rows.indexOf(subtotal);
      expect(rows.slice(at + 1, at + 1 + members.length)).toEqual(members);
    }
    expect(rows.some((row) => row['unit'] === '全国')).toBe(false);
    expect(rows[rows.length - 1]).toMatchObject({ group: 'total', unit: 'total', subdistricts: 6686 });
  });

  it('in Chinese the subtotal is 小计; without --by it is refused', () => {
    const table = runCli(['coverage', DIVISIONS, '-i', 'subdistricts', '--by', 'region', '--with-units', '-f', 'md', '--lang', 'zh']);
    expect(table.stdout).toMatch(/\| 东部 \| 小计 \| 11 \| 2966 \|/);
    const refused = runCli(['coverage', DIVISIONS, '--with-units']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--with-units lists the units under each group of --by');
  });
});
