/**
 * Statistics against values computed independently. Unless stated otherwise the reference values come from
 * Python 3.11 (math and statistics modules) applying the formulas of shared/domain.md literally — the Gini as
 * the O(n²) double sum, Theil T and L term by term, the decomposition group by group — not from this code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeValues, nearestRankQuantile } from '../src/stats/describe.js';
import type { Weighted } from '../src/stats/equity.js';
import { coefficientOfVariation, gini, maxMinRatio, theilDecomposition, theilL, theilT, weightedMean } from '../src/stats/equity.js';

const unweighted: Weighted = { values: [1, 2, 3, 4], weights: [1, 1, 1, 1] };
const weighted: Weighted = { values: [2, 4, 6, 8], weights: [1, 2, 3, 4] };
const withZero: Weighted = { values: [0, 5, 10], weights: [1, 1, 2] };

describe('equity statistics', () => {
  it('unweighted 1, 2, 3, 4', () => {
    expect(weightedMean(unweighted)).toBe(2.5);
    // by hand: Σ|xi − xj| over ordered pairs = 20; 20 / (2 · 4² · 2.5) = 0.25
    expect(gini(unweighted)).toBeCloseTo(0.25, 15);
    // by hand: population sd sqrt(1.25) / 2.5
    expect(coefficientOfVariation(unweighted)).toBeCloseTo(0.447213595499958, 14);
    expect(theilT(unweighted)).toBeCloseTo(0.10644013528622318, 14);
    expect(theilL(unweighted)).toBeCloseTo(0.12177727428716867, 14);
    expect(maxMinRatio(unweighted.values)).toBe(4);
  });

  it('weighted 2, 4, 6, 8 with weights 1, 2, 3, 4', () => {
    expect(weightedMean(weighted)).toBe(6);
    expect(gini(weighted)).toBeCloseTo(0.18, 14);
    expect(coefficientOfVariation(weighted)).toBeCloseTo(1 / 3, 14);
    expect(theilT(weighted)).toBeCloseTo(0.06274801460425755, 14);
    expect(theilL(weighted)).toBeCloseTo(0.07588142150773153, 14);
  });

  it('a zero value adds 0 to Theil T and makes Theil L undefined', () => {
    expect(gini(withZero)).toBeCloseTo(0.35, 14);
    expect(coefficientOfVariation(withZero)).toBeCloseTo(0.66332495807108, 14);
    expect(theilT(withZero)).toBeCloseTo(0.3313741931337466, 14);
    expect(theilL(withZero)).toBeNull();
    expect(maxMinRatio(withZero.values)).toBeNull();
  });

  it('decomposes Theil T and L into between and within groups', () => {
    const split = theilDecomposition([
      { values: [2, 4], weights: [1, 2] },
      { values: [6, 8], weights: [3, 4] },
    ]);
    expect(split.t.between).toBeCloseTo(0.047330045136961624, 14);
    expect(split.t.within).toBeCloseTo(0.015417969467295876, 14);
    expect(split.l!.between).toBeCloseTo(0.054288628469291236, 14);
    expect(split.l!.within).toBeCloseTo(0.021592793038440233, 14);
  });

  it('between + within equals the total to 1e-12, for any grouping (property)', () => {
    const unit = fc.record({ value: fc.double({ min: 0.01, max: 1e6, noNaN: true }), weight: fc.double({ min: 0.01, max: 1e4, noNaN: true }) });
    const group = fc.array(unit, { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.array(group, { minLength: 1, maxLength: 5 }), (groups) => {
        const data = groups.map((members) => ({ values: members.map((m) => m.value), weights: members.map((m) => m.weight) }));
        const all = { values: data.flatMap((g) => g.values), weights: data.flatMap((g) => g.weights) };
        const split = theilDecomposition(data);
        expect(Math.abs(split.t.between + split.t.within - theilT(all))).toBeLessThan(1e-12);
        expect(Math.abs(split.l!.between + split.l!.within - theilL(all)!)).toBeLessThan(1e-12);
      }),
      { numRuns: 500 },
    );
  });

  it('the sorted Gini equals the double-sum definition (property)', () => {
    // zero values included; no subnormal ones, whose mean underflows
    const value = fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e6, noNaN: true }));
    const unit = fc.record({ value, weight: fc.double({ min: 0.01, max: 1e3, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 30 }), (units) => {
        const data = { values: units.map((u) => u.value), weights: units.map((u) => u.weight) };
        const W = data.weights.reduce((a, b) => a + b, 0);
        const mu = data.values.reduce((sum, x, i) => sum + x * data.weights[i]!, 0) / W;
        if (mu === 0) return;
        let double = 0;
        for (let i = 0; i < units.length; i += 1) {
          for (let j = 0; j < units.length; j += 1) double += data.weights[i]! * data.weights[j]! * Math.abs(data.values[i]! - data.values[j]!);
        }
        expect(gini(data)).toBeCloseTo(double / (2 * W * W * mu), 9);
      }),
      { numRuns: 500 },
    );
  });
});

describe('describe', () => {
  // the example of simple-statistics' quantileSorted docs; Python statistics.quantiles(method='inclusive') = R type 7
  const sample = [3, 6, 7, 8, 8, 10, 13, 15, 16, 20];

  it('type-7 quartiles, sample and population sd', () => {
    const stats = describeValues(sample, 'sample', 'linear');
    expect(stats).toMatchObject({ n: 10, mean: 10.6, min: 3, max: 20, p25: 7.25, median: 9, p75: 14.5, minIndex: 0, maxIndex: 9 });
    expect(stats.sd).toBeCloseTo(5.253570214625479, 13); // statistics.stdev
    expect(stats.cv).toBeCloseTo(5.253570214625479 / 10.6, 13);
    expect(describeValues(sample, 'population', 'linear').sd).toBeCloseTo(4.983974317750845, 13); // statistics.pstdev
  });

  it('nearest-rank quartiles (R type 1): ranks ceil(p·n)', () => {
    expect(describeValues(sample, 'sample', 'nearest-rank')).toMatchObject({ p25: 7, median: 8, p75: 15 });
    expect(nearestRankQuantile([5], 0.5)).toBe(5);
  });

  it('a sample sd of one value is missing, not 0', () => {
    expect(describeValues([4], 'sample', 'linear').sd).toBeNull();
  });
});
