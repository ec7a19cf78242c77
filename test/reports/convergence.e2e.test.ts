/** `convergence` through the built binary: σ and β against the closed forms of test/stats/reference.ts. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, runJson } from '../helpers.js';
import { betaReference } from '../stats/reference.js';

const SYNTHETIC = fixture('synthetic/provinces-31.csv');

function column(path: string, year: string, value: (cells: string[]) => number): Map<string, number> {
  return new Map(readFileSync(path, 'utf8').trim().split(/\r?\n/).slice(1).map((line) => line.split(','))
    .filter((cells) => cells[0] !== '全国' && cells[1] === year).map((cells) => [cells[0]!, value(cells)]));
}

const close = (printed: unknown, expected: number): void => {
  expect(Math.abs(Number(printed) - expected) / Math.abs(expected), `${printed} vs ${expected}`).toBeLessThan(1e-9);
};

describe('convergence', () => {
  it('σ and absolute β of population per community, 2005→2010, the 31 synthetic provinces of a long file', () => {
    const rows = runJson(['convergence', SYNTHETIC, '-i', 'population_per_community', '--decimals', '14']);
    const ppc = (cells: string[]) => (Number(cells[3]) * 10000) / Number(cells[2]);
    const first = column(SYNTHETIC, '2005', ppc);
    const last = column(SYNTHETIC, '2010', ppc);
    const names = [...first.keys()];
    const initial = names.map((name) => first.get(name)!);
    const final = names.map((name) => last.get(name)!);
    const expected = betaReference(initial, final, 5);
    const beta = rows.find((row) => row['model'] === 'beta')!;
    expect(beta).toMatchObject({ group: 'all', from_year: 2005, to_year: 2010, n: 31 });
    close(beta['beta'], expected.beta);
    close(beta['se'], expected.se);
    close(beta['t'], expected.beta / expected.se);
    close(beta['r_squared'], expected.r2);
    const lambda = -Math.log(1 + 5 * expected.beta) / 5;
    close(beta['speed'], lambda);
    close(beta['half_life'], Math.LN2 / lambda);
    const sigma = rows.filter((row) => row['model'] === 'sigma');
    expect(sigma.map((row) => row['year'])).toEqual([2005, 2010]);
    const logs = initial.map(Math.log);
    const meanLog = logs.reduce((a, b) => a + b, 0) / 31;
    close(sigma[0]!['sd_log'], Math.sqrt(logs.reduce((s, v) => s + (v - meanLog) ** 2, 0) / 31));
    const mean = initial.reduce((a, b) => a + b, 0) / 31;
    close(sigma[0]!['cv'], Math.sqrt(initial.reduce((s, v) => s + (v - mean) ** 2, 0) / 31) / mean);
  });

  it('β of the bundled division files 2005, 2008, 2009 (three editions: first to last), clubs and conditional', () => {
    const files = ['data/provinces-2009-divisions.csv', 'data/provinces-2005-divisions.csv', 'data/provinces-2008-divisions.csv'];
    const run = runCli(['convergence', ...files, '-i', 'subdistricts', '--decimals', '14', '--by', 'region', '--conditional', 'region', '-f', 'json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('read in time order (2005, 2008, 2009)');
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    const first = column('data/provinces-2005-divisions.csv', '2005', (cells) => Number(cells[2]));
    const last = column('data/provinces-2009-divisions.csv', '2009', (cells) => Number(cells[2]));
    const names = [...first.keys()];
    const expected = betaReference(names.map((n) => first.get(n)!), names.map((n) => last.get(n)!), 4);
    const beta = rows.find((row) => row['model'] === 'beta' && row['group'] === 'all')!;
    close(beta['beta'], expected.beta);
    close(beta['se'], expected.se);
    expect(rows.filter((row) => row['model'] === 'beta').map((row) => [row['group'], row['n']])).toEqual([['all', 31], ['东部', 11], ['中部', 8], ['西部', 12]]);
    expect(rows.filter((row) => row['model'] === 'sigma' && row['group'] === 'all').map((row) => row['year'])).toEqual([2005, 2008, 2009]);
    expect(rows.at(-1)).toMatchObject({ model: 'beta_conditional', n: 31, note: 'region dummies: 中部, 西部 (against 东部); no half-life: the units diverge (λ ≤ 0)' });
  });

  it('one edition, or --by other than region, is a usage error', () => {
    expect(runCli(['convergence', 'data/provinces-2009-divisions.csv', '-i', 'subdistricts']).status).toBe(2);
    expect(runCli(['convergence', SYNTHETIC, '-i', 'population_per_community', '--by', '年份']).status).toBe(2);
  });
});

describe('convergence --sigma-chart', () => {
  it('draws the σ series as a line: one point a year, a series a club', async () => {
    const { mkdtempSync, readFileSync: read } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const out = join(mkdtempSync(join(tmpdir(), 'svc-stats-sigma-')), 'sigma.svg');
    const files = ['data/provinces-2005-divisions.csv', 'data/provinces-2008-divisions.csv', 'data/provinces-2009-divisions.csv'];
    const run = runCli(['convergence', ...files, '-i', 'subdistricts', '--by', 'region', '--sigma-chart', out, '--lang', 'en', '-f', 'csv']);
    expect(run.status).toBe(0);
    const svg = read(out, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['σ convergence of subdistricts, 2005–2009', 'CV all', 'CV East', 'CV Central', 'CV West', '2008', '0.6682']) expect(svg).toContain(text);
    expect(svg).not.toContain('2006');
  });
});
