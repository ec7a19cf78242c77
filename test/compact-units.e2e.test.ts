/**
 * describe and equity on many units (issue 11): compact columns instead of an object a unit, groups by one
 * counting sort instead of a filter a group, left-out units found in one pass. Each case runs the real binary
 * and checks its figures against an independent computation here; a small heap (NODE_OPTIONS) proves that the
 * units are held compactly — the object-a-unit version needed several times this heap. Output and exit code,
 * never time.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './helpers.js';

let folder: string;
beforeAll(() => {
  folder = scratchDir();
});

/**
 * A heap far below what an object a unit with BigInt rationals needs for 300,000 units. The units are a
 * register's rows (--rows-are communities): a file of labelled units is also checked for two rows of one unit,
 * by a set of every label that this heap does not hold (table/rows.ts).
 */
const SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=32' };
const REGISTER = ['--rows-are', 'communities'];

/** Decimal text of n/d rounded half up to `decimals` places (n, d ≥ 0): the printed figure, computed exactly. */
function halfUp(n: bigint, d: bigint, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const scaled = (2n * n * scale + d) / (2n * d);
  const text = scaled.toString().padStart(decimals + 1, '0');
  return decimals === 0 ? text : `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
}

function csv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, index) => [names[index]!, cell])));
}

/** The inequality figures of values with weight 1, straight from their definitions (domain.md). */
function inequality(values: readonly number[]): { mean: number; cv: number; gini: number; theilT: number; theilL: number } {
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / n;
  // Gini by the mean absolute difference over distinct values and their counts: Σ_i Σ_j |x_i − x_j| / (2 n² μ)
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const distinct = [...counts];
  let differences = 0;
  for (const [a, countA] of distinct) for (const [b, countB] of distinct) differences += countA * countB * Math.abs(a - b);
  return {
    mean,
    cv: Math.sqrt(variance) / mean,
    gini: differences / (2 * n * n * mean),
    theilT: values.reduce((sum, value) => sum + (value / mean) * Math.log(value / mean), 0) / n,
    theilL: values.reduce((sum, value) => sum + Math.log(mean / value), 0) / n,
  };
}

describe('300,000 units under a 32 MiB heap', () => {
  const UNITS = 300_000;
  let file: string;
  const populations: number[] = [];
  beforeAll(() => {
    file = join(folder, 'units-300k.csv');
    const lines = ['省份,单位,城镇人口（人）'];
    // population 1000 … 1999, each 300 times, a row a community: the indicator is the population
    for (let index = 0; index < UNITS; index += 1) {
      const population = 1000 + ((index * 7) % 1000);
      populations.push(population);
      lines.push(`${index % 2 === 0 ? '广东' : '广西'},U${index},${population}`);
    }
    writeFileSync(file, lines.join('\n') + '\n');
  });

  it('describe: n, mean, quartiles and the units of min and max', () => {
    const run = runCli(['describe', file, ...REGISTER, '-i', 'population_per_community', '-f', 'csv'], { env: SMALL_HEAP });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [row] = csv(run.stdout);
    const sorted = [...populations].sort((a, b) => a - b);
    const sum = populations.reduce((total, value) => total + value, 0);
    // R type 7: position (n − 1)p between sorted[⌊·⌋] and the next
    const quantile = (p: number): number => {
      const position = (UNITS - 1) * p;
      const below = Math.floor(position);
      return sorted[below]! + (position - below) * (sorted[below + 1]! - sorted[below]!);
    };
    expect(row).toMatchObject({
      n: String(UNITS), missing: '0', mean: halfUp(BigInt(sum), BigInt(UNITS), 4),
      min: '1000.0000', p25: quantile(0.25).toFixed(4), median: quantile(0.5).toFixed(4), p75: quantile(0.75).toFixed(4), max: '1999.0000',
      // the first unit of each extreme in file order: 7·index ≡ 0 and ≡ 999 (mod 1000)
      min_unit: 'U0', max_unit: `U${populations.indexOf(1999)}`,
    });
  });

  it('equity: mean, CV, Gini, Theil T and L as defined', () => {
    const run = runCli(['equity', file, ...REGISTER, '-i', 'population_per_community', '--weight', 'none', '-f', 'csv'], { env: SMALL_HEAP });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [row] = csv(run.stdout);
    const expected = inequality(populations);
    expect(row!['n']).toBe(String(UNITS));
    for (const [column, value] of [['mean', expected.mean], ['cv', expected.cv], ['gini', expected.gini], ['theil_t', expected.theilT], ['theil_l', expected.theilL]] as const) {
      expect(Math.abs(Number(row![column]) - value), column).toBeLessThanOrEqual(0.00005 + 1e-9);
    }
    expect(row!['max_min_ratio']).toBe('1.9990');
  });
});

describe('describe --by with 20,000 groups', () => {
  it('gives each group its own n, mean, extremes and their units, groups in order of first appearance', () => {
    const GROUPS = 20_000;
    const lines = ['省份,城市,单位,城镇人口,社区数'];
    const members = new Map<string, { unit: string; value: number }[]>();
    // three units a city, the cities interleaved: unit i is in city i mod GROUPS
    for (let index = 0; index < 3 * GROUPS; index += 1) {
      const city = `城${index % GROUPS}`;
      const value = 500 + ((index * 7919) % 4001);
      lines.push(`广东,${city},U${index},${value},1`);
      members.set(city, [...(members.get(city) ?? []), { unit: `U${index}`, value }]);
    }
    const file = join(folder, 'many-groups.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const run = runCli(['describe', file, '--by', '城市', '-i', 'population_per_community', '-f', 'csv']);
    expect(run.status).toBe(0);
    const rows = csv(run.stdout);
    expect(rows.map((row) => row['group'])).toEqual([...members.keys()]);
    for (const row of rows) {
      const units = members.get(row['group']!)!;
      const values = units.map((unit) => unit.value);
      const min = Math.min(...values);
      const max = Math.max(...values);
      expect(row).toMatchObject({
        n: '3', missing: '0', mean: halfUp(BigInt(values.reduce((sum, value) => sum + value, 0)), 3n, 4),
        min: `${min}.0000`, max: `${max}.0000`, median: `${[...values].sort((a, b) => a - b)[1]}.0000`,
        min_unit: units.find((unit) => unit.value === min)!.unit, max_unit: units.find((unit) => unit.value === max)!.unit,
      });
    }
  });
});

describe('equity with 100,000 units lacking a value', () => {
  it('leaves them out, names them in one note, and measures the rest', () => {
    const lines = ['单位,城镇人口,社区数'];
    const present: number[] = [];
    for (let index = 0; index < 200_000; index += 1) {
      // every other unit has no population: 100,000 left out
      const population = index % 2 === 0 ? String(2000 + (index % 1500)) : '';
      if (population !== '') present.push(Number(population));
      lines.push(`U${index},${population},1`);
    }
    const file = join(folder, 'many-missing.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const run = runCli(['equity', file, '-i', 'population_per_community', '--weight', 'none', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('units left out for lack of a value: population_per_community (U1, U3, U5, U7, U9 and 99995 more)');
    const [row] = csv(run.stdout);
    expect(row!['n']).toBe('100000');
    const expected = inequality(present);
    expect(Math.abs(Number(row!['gini']) - expected.gini)).toBeLessThanOrEqual(0.00005 + 1e-9);
    expect(Math.abs(Number(row!['cv']) - expected.cv)).toBeLessThanOrEqual(0.00005 + 1e-9);
  });
});
