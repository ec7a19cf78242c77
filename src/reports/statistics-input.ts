/**
 * What describe and equity accept: their statistics run on doubles, and inequality measures on non-negative
 * amounts. A negative value or weight (a Gini above 1, a Theil index of a log of a negative), or a value beyond
 * what a double holds (every statistic 0 or NaN), is refused with the unit named, never printed as a figure.
 */
import { SvcError } from '../errors.js';
import { toNumber } from '../exact/rational.js';
import type { UnitSet } from '../engine/units.js';

export function checkStatisticsInput(set: UnitSet, command: 'describe' | 'equity'): void {
  set.targets.forEach((target, index) => {
    for (const unit of set.units) {
      const value = unit.values[index];
      if (value !== null && value !== undefined) {
        if (command === 'equity' && value.n < 0n) {
          throw new SvcError('NEGATIVE_VALUE', `${target.id} is negative for ${unit.label}: inequality measures need values of 0 or more`,
            { file: set.file }, 'choose an indicator of counts or amounts that cannot be negative');
        }
        if (!Number.isFinite(toNumber(value))) {
          throw new SvcError('TOO_LARGE', `${target.id} of ${unit.label} is too large for ${command}'s statistics (beyond 1.8e308)`, { file: set.file });
        }
      }
    }
  });
  for (const unit of set.units) {
    const weight = unit.weight;
    if (weight === null) continue;
    if (weight.n < 0n) throw new SvcError('NEGATIVE_VALUE', `the weight of ${unit.label} is negative`, { file: set.file }, 'weights are populations: 0 or more');
    if (!Number.isFinite(toNumber(weight))) throw new SvcError('TOO_LARGE', `the weight of ${unit.label} is too large (beyond 1.8e308)`, { file: set.file });
  }
}
