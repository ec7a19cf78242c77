/**
 * What describe and equity accept: their statistics run on doubles, and inequality measures on non-negative
 * amounts. A negative value or weight (a Gini above 1, a Theil index of a log of a negative), or a value beyond
 * what a double holds (every statistic 0 or NaN), is refused with the unit named, never printed as a figure.
 * The first such unit of each target was noted as the units were read (engine/units.ts).
 */
import { SvcError } from '../errors.js';
import type { NamedUnit, UnitSet } from '../engine/units.js';
import { noteText } from '../notes.js';

/** The earlier of two units in file order (the first of a unit that is both). */
const first = (a: NamedUnit | undefined, b: NamedUnit | undefined): 'a' | 'b' | undefined =>
  a === undefined ? (b === undefined ? undefined : 'b') : b === undefined || a.unit <= b.unit ? 'a' : 'b';

export function checkStatisticsInput(set: UnitSet, command: 'describe' | 'equity'): void {
  // what coverage refuses, describe and equity refuse: a header-only table is no answer
  if (set.targets.length === 0) {
    const measures = set.plan.measureColumns.map((column) => column.measure.id);
    throw new SvcError('NO_INDICATOR', `no indicator can be computed: ${set.file} has only ${measures.length === 0 ? 'no measure' : measures.join(', ')}`, {},
      set.notes.map((note) => noteText(note)).find((text) => text.includes('left out')) ?? "see 'svc-stats indicators' for what each needs");
  }
  set.targets.forEach((target, index) => {
    const negative = command === 'equity' ? set.firstNegative[index] : undefined;
    const tooLarge = set.firstTooLarge[index];
    const which = first(negative, tooLarge);
    if (which === 'a') {
      throw new SvcError('NEGATIVE_VALUE', `${target.id} is negative for ${negative!.label}: inequality measures need values of 0 or more`,
        { file: set.file }, 'choose an indicator of counts or amounts that cannot be negative');
    }
    if (which === 'b') {
      throw new SvcError('TOO_LARGE', `${target.id} of ${tooLarge!.label} is too large for ${command}'s statistics, which are computed in doubles (beyond 1e300)`, { file: set.file },
        'coverage and compare compute it exactly');
    }
    const tooSmall = set.firstTooSmall[index];
    if (tooSmall !== undefined) {
      throw new SvcError('TOO_LARGE', `${target.id} of ${tooSmall.label} is too small for ${command}'s statistics, which are computed in doubles (non-zero below 1e-300)`, { file: set.file },
        'coverage and compare compute it exactly');
    }
  });
  const which = first(set.firstNegativeWeight, set.firstTooLargeWeight);
  if (which === 'a') throw new SvcError('NEGATIVE_VALUE', `the weight of ${set.firstNegativeWeight!.label} is negative`, { file: set.file }, 'weights are populations: 0 or more');
  if (which === 'b') throw new SvcError('TOO_LARGE', `the weight of ${set.firstTooLargeWeight!.label} is too large (beyond 1e300)`, { file: set.file });
}
