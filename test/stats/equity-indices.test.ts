/**
 * GE(α), Atkinson, Dagum's Gini decomposition, the bootstrap and β convergence against independent computations
 * (test/stats/reference.ts: definitions term by term and O(n²) loops over pairs of units, no code shared with
 * src/stats), on the bundled province files (data/*.csv), the 31-province synthetic file and random data.
 * Hand values are worked in the comments. No published R/Stata output for these data exists; GE(0) and GE(1) are
 * Theil L and T, which test/reference/provinces-2009.R (base R) checks for the 2009 file.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atkinson, ATKINSON_EPSILONS } from '../../src/stats/atkinson.js';
import { dagum, positiveDifferenceSum, sortedColumns } from '../../src/stats/dagum.js';
import { GE_ALPHAS, generalisedEntropy, generalisedEntropySplit } from '../../src/stats/generalised-entropy.js';
import { gini } from '../../src/stats/equity.js';
import { percentileInterval, resampleCounts, sfc32 } from '../../src/stats/bootstrap.js';
import { betaConvergence, sigmaDispersion } from '../../src/stats/convergence.js';
import type { Unit } from './reference.js';
import { atkinsonReference, betaReference, dagumReference, geReference, geSplitReference, groupsOf } from './reference.js';

const EAST = '北京 天津 河北 辽宁 上海 江苏 浙江 福建 山东 广东 海南'.split(' ');
const CENTRAL = '山西 吉林 黑龙江 安徽 江西 河南 湖北 湖南'.split(' ');
const belt = (name: string): number => (EAST.includes(name) ? 0 : CENTRAL.includes(name) ? 1 : 2);

/** The province rows of a CSV (not 全国), split on commas: the bundled files have no quoted cells. */
function provinceRows(path: string, year?: string): string[][] {
  return readFileSync(path, 'utf8').trim().split(/\r?\n/).slice(1).map((line) => line.split(','))
    .filter((cells) => cells[0] !== '全国' && (year === undefined || cells[1] === year));
}

function relativeClose(actual: number | null, expected: number | null): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs(actual! - expected) / scale, `${actual} vs ${expected}`).toBeLessThan(1e-9);
}

const columnsOf = (units: readonly Unit[]) => ({ values: units.map((u) => u.x), weights: units.map((u) => u.w) });

function checkAll(units: Unit[]): void {
  const data = columnsOf(units);
  for (const alpha of GE_ALPHAS) relativeClose(generalisedEntropy(data, alpha), geReference(units, alpha));
  for (const epsilon of ATKINSON_EPSILONS) relativeClose(atkinson(data, epsilon), atkinsonReference(units, epsilon));
  const groups = groupsOf(units);
  for (const alpha of GE_ALPHAS) {
    const split = generalisedEntropySplit(groups.map(columnsOf), alpha);
    const expected = geSplitReference(units, alpha);
    relativeClose(split?.between ?? null, expected?.between ?? null);
    relativeClose(split?.within ?? null, expected?.within ?? null);
  }
  const fast = dagum(groups.map(columnsOf));
  const slow = dagumReference(units);
  relativeClose(fast.gini, slow.gini);
  relativeClose(fast.within, slow.within);
  relativeClose(fast.netBetween, slow.netBetween);
  relativeClose(fast.transvariation, slow.transvariation);
  fast.groups.forEach((group, j) => relativeClose(group.gini, slow.groupGini[j]!));
  fast.pairs.forEach((pair, k) => {
    relativeClose(pair.gini, slow.pairGini[k]!);
    relativeClose(pair.d, slow.pairD[k]!);
  });
}

const BUNDLED = ['data/provinces-2005-divisions.csv', 'data/provinces-2008-divisions.csv', 'data/provinces-2009-divisions.csv'];

describe('each index against its definition, to 1e-9 relative', () => {
  for (const file of BUNDLED) {
    it(`${file}: sub-districts and districts, unweighted and weighted by the other`, () => {
      const rows = provinceRows(file);
      expect(rows).toHaveLength(31);
      for (const [value, weight] of [[2, 3], [3, 2]] as const) {
        checkAll(rows.map((cells) => ({ x: Number(cells[value]), w: 1, g: belt(cells[0]!) })));
        checkAll(rows.map((cells) => ({ x: Number(cells[value]), w: Number(cells[weight]), g: belt(cells[0]!) })));
      }
    });
  }

  it('data/provinces-2007-community-services.csv: facilities per service unit, weighted by facilities', () => {
    const rows = provinceRows('data/provinces-2007-community-services.csv');
    checkAll(rows.map((cells) => ({ x: Number(cells[2]) / Number(cells[3]), w: Number(cells[3]), g: belt(cells[0]!) })));
  });

  for (const year of ['2005', '2010']) {
    it(`the 31-province synthetic file, ${year}: population per community weighted by urban population`, () => {
      const rows = provinceRows('fixtures/synthetic/provinces-31.csv', year);
      expect(rows).toHaveLength(31);
      checkAll(rows.map((cells) => ({ x: (Number(cells[3]) * 10000) / Number(cells[2]), w: Number(cells[3]) * 10000, g: belt(cells[0]!) })));
      checkAll(rows.map((cells) => ({ x: (Number(cells[3]) * 10000) / Number(cells[2]), w: 1, g: belt(cells[0]!) })));
    });
  }
});

describe('hand values', () => {
  it('GE and Atkinson of two units', () => {
    const data = { values: [1, 3], weights: [1, 1] };
    // μ = 2; GE(2) = ((0.5² − 1) + (1.5² − 1)) / 2 / 2 = 0.125; GE(−1) = ((2 − 1) + (2/3 − 1)) / 2 / 2 = 1/6
    expect(generalisedEntropy(data, 2)).toBeCloseTo(0.125, 15);
    expect(generalisedEntropy(data, -1)).toBeCloseTo(1 / 6, 15);
    // A(1) = 1 − sqrt(3)/2; A(2) = 1 − (harmonic mean 1.5)/2 = 0.25
    expect(atkinson(data, 1)).toBeCloseTo(1 - Math.sqrt(3) / 2, 15);
    expect(atkinson(data, 2)).toBeCloseTo(0.25, 15);
  });

  it('a zero value: GE(α ≤ 0) and A(ε ≥ 1) are undefined, the others defined', () => {
    const data = { values: [0, 2], weights: [1, 1] };
    expect(generalisedEntropy(data, -1)).toBeNull();
    expect(generalisedEntropy(data, 0)).toBeNull();
    expect(generalisedEntropy(data, 1)).toBeCloseTo(Math.log(2), 15);
    expect(generalisedEntropy(data, 2)).toBeCloseTo(0.5, 15); // CV = 1
    expect(atkinson(data, 1)).toBeNull();
    expect(atkinson(data, 0.5)).toBeCloseTo(0.5, 15); // 1 − ((0 + √2)/2)² = 0.5
  });

  it("Dagum: two groups that do not overlap have no transvariation (D = 1)", () => {
    const d = dagum([{ values: [5, 6], weights: [1, 1] }, { values: [1, 2], weights: [1, 1] }]);
    expect(d.transvariation).toBe(0);
    expect(d.pairs[0]!.d).toBe(1);
    // G = Σ|xi − xj| over ordered pairs / (2 n² μ) = 2 · (1 + 4 + 5 + 3 + 4 + 1) / (2 · 16 · 3.5) = 36 / 112
    expect(d.gini).toBeCloseTo(36 / 112, 15);
  });

  it('the pairwise merge sums what the pairs sum', () => {
    const a = sortedColumns({ values: [3, 1, 2], weights: [1, 2, 3] });
    const b = sortedColumns({ values: [2.5, 0.5], weights: [2, 1] });
    // pairs with a > b: (1,0.5)·2·1·0.5 + (2,0.5)·3·1·1.5 + (3,2.5)·1·2·0.5 + (3,0.5)·1·1·2.5 = 1 + 4.5 + 1 + 2.5
    expect(positiveDifferenceSum(a, b)).toBeCloseTo(9, 14);
  });
});

const unitsArbitrary = fc.array(
  fc.record({ x: fc.double({ min: 0.01, max: 1e6, noNaN: true }), w: fc.double({ min: 0.01, max: 1e4, noNaN: true }), g: fc.integer({ min: 0, max: 3 }) }),
  { minLength: 1, maxLength: 60 },
);

describe('properties (fast-check)', () => {
  it("Dagum's parts sum to the Gini of all units, and agree with the O(n²) definition", () => {
    fc.assert(fc.property(unitsArbitrary, (units) => {
      const d = dagum(groupsOf(units).map(columnsOf));
      const g = gini(columnsOf(units));
      expect(Math.abs(d.within + d.netBetween + d.transvariation - g)).toBeLessThanOrEqual(1e-12 + 1e-9 * g);
      expect(Math.abs(d.gini - g)).toBeLessThanOrEqual(1e-12 + 1e-9 * g);
      const slow = dagumReference(units);
      expect(Math.abs(d.netBetween - slow.netBetween)).toBeLessThanOrEqual(1e-12 + 1e-9 * g);
      for (const pair of d.pairs) expect(pair.d).toBeGreaterThanOrEqual(0);
    }));
  });

  it('GE within + between = GE total, for every α', () => {
    fc.assert(fc.property(unitsArbitrary, (units) => {
      for (const alpha of GE_ALPHAS) {
        const split = generalisedEntropySplit(groupsOf(units).map(columnsOf), alpha)!;
        const total = generalisedEntropy(columnsOf(units), alpha)!;
        expect(Math.abs(split.within + split.between - total)).toBeLessThanOrEqual(1e-12 + 1e-8 * Math.abs(total));
      }
    }));
  });

  it('Atkinson lies in [0, 1] and grows with ε', () => {
    fc.assert(fc.property(unitsArbitrary, (units) => {
      const values = ATKINSON_EPSILONS.map((epsilon) => atkinson(columnsOf(units), epsilon)!);
      for (const value of values) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      expect(values[1]!).toBeGreaterThanOrEqual(values[0]! - 1e-12);
      expect(values[2]!).toBeGreaterThanOrEqual(values[1]! - 1e-12);
    }));
  });
});

describe('bootstrap', () => {
  it('the generator is its written definition: the same seed and stream give the same numbers, another stream others', () => {
    const first = sfc32(42, 0);
    const again = sfc32(42, 0);
    const other = sfc32(42, 1);
    const a = [first(), first(), first()];
    expect([again(), again(), again()]).toEqual(a);
    expect([other(), other(), other()]).not.toEqual(a);
    for (const value of a) expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true);
  });

  it('a resample draws n units: counts sum to n and depend only on (seed, replicate, n)', () => {
    const counts = resampleCounts(1000, 7, 3, new Uint32Array(1000));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect([...resampleCounts(1000, 7, 3, new Uint32Array(1000))]).toEqual([...counts]);
    // about 1 − 1/e of the units are drawn at least once
    const drawn = counts.filter((c) => c > 0).length / 1000;
    expect(drawn).toBeGreaterThan(0.58);
    expect(drawn).toBeLessThan(0.68);
  });

  it('percentile interval: R type 7 quantiles of the replicates', () => {
    // 0..100: the 2.5% and 97.5% quantiles are 2.5 and 97.5
    const replicates = Array.from({ length: 101 }, (_, i) => 100 - i);
    const interval = percentileInterval(replicates, 0.95)!;
    expect(interval.lower).toBeCloseTo(2.5, 12);
    expect(interval.upper).toBeCloseTo(97.5, 12);
    expect(percentileInterval([1, NaN], 0.9)).toBeNull();
  });
});

describe('convergence', () => {
  it('σ: CV and sd of logs of one year, population forms', () => {
    const sigma = sigmaDispersion([1, Math.E, Math.E ** 2]);
    expect(sigma.sdLog).toBeCloseTo(Math.sqrt(2 / 3), 14);
    expect(sigmaDispersion([2, 2]).cv).toBe(0);
  });

  it('absolute β on the synthetic 31 provinces, 2005→2010, equals the closed form of simple regression', () => {
    const ppc = (year: string) => provinceRows('fixtures/synthetic/provinces-31.csv', year).map((cells) => (Number(cells[3]) * 10000) / Number(cells[2]));
    const [initial, final] = [ppc('2005'), ppc('2010')];
    const fit = betaConvergence(initial, final, 5)!;
    const expected = betaReference(initial, final, 5);
    relativeClose(fit.beta, expected.beta);
    relativeClose(fit.se, expected.se);
    relativeClose(fit.rSquared, expected.r2);
    relativeClose(fit.speed, -Math.log(1 + expected.beta * 5) / 5);
    relativeClose(fit.halfLife, Math.LN2 / (-Math.log(1 + expected.beta * 5) / 5));
    expect(fit.beta).toBeLessThan(0);
  });

  it('conditional β equals the slope after taking out group means (Frisch–Waugh–Lovell)', () => {
    const rows = provinceRows('fixtures/synthetic/provinces-31.csv', '2005');
    const later = provinceRows('fixtures/synthetic/provinces-31.csv', '2010');
    const initial = rows.map((cells) => (Number(cells[3]) * 10000) / Number(cells[2]));
    const final = later.map((cells) => (Number(cells[3]) * 10000) / Number(cells[2]));
    const groups = rows.map((cells) => belt(cells[0]!));
    const x = initial.map(Math.log);
    const y = initial.map((x0, i) => (Math.log(final[i]!) - Math.log(x0)) / 5);
    const demean = (v: number[]) => v.map((value, i) => {
      const members = v.filter((_, k) => groups[k] === groups[i]);
      return value - members.reduce((a, b) => a + b, 0) / members.length;
    });
    const [dx, dy] = [demean(x), demean(y)];
    const slope = dx.reduce((s, v, i) => s + v * dy[i]!, 0) / dx.reduce((s, v) => s + v * v, 0);
    relativeClose(betaConvergence(initial, final, 5, groups)!.beta, slope);
  });
});
