/**
 * Every equity index of one set of units at once, on units held by group and sorted by value within each group:
 * the form the bootstrap takes (a resample is only new weights w_i · c_i on the same order, so no sort is
 * repeated). O(k · n) for k groups. Undefined values are NaN here (a vector of numbers crosses threads as is).
 */
import type { WeightedColumns } from './equity.js';
import { coefficientOfVariation, theilL, theilT } from './equity.js';
import { atkinson } from './atkinson.js';
import type { SortedColumns } from './dagum.js';
import { dagumSorted, sortedColumns } from './dagum.js';
import { generalisedEntropy, generalisedEntropySplit } from './generalised-entropy.js';

/** The indices of the units as a whole, in the order equityIndices returns them. */
export const WHOLE_INDICES = ['cv', 'gini', 'theil_t', 'theil_l', 'ge_m1', 'ge_2', 'atkinson_0_5', 'atkinson_1', 'atkinson_2'] as const;
/** With groups: the splits, in the order equityIndices returns them after WHOLE_INDICES. */
export const SPLIT_INDICES = [
  'theil_t_between', 'theil_t_within', 'theil_l_between', 'theil_l_within',
  'ge_m1_between', 'ge_m1_within', 'ge_2_between', 'ge_2_within',
  'gini_within', 'gini_net_between', 'gini_transvariation',
] as const;

/** Units by group, each group sorted ascending: group k is [starts[k], starts[k + 1]). */
export interface SortedGroups {
  readonly values: Float64Array;
  readonly weights: Float64Array;
  readonly starts: Uint32Array;
}

/** Sort each group once (O(n log n)) and lay the groups end to end. */
export function sortGroups(groups: readonly WeightedColumns[]): SortedGroups {
  const sorted = groups.map(sortedColumns);
  const n = sorted.reduce((total, group) => total + group.values.length, 0);
  const values = new Float64Array(n);
  const weights = new Float64Array(n);
  const starts = new Uint32Array(groups.length + 1);
  sorted.forEach((group, k) => {
    values.set(group.values, starts[k]);
    weights.set(group.weights, starts[k]);
    starts[k + 1] = starts[k]! + group.values.length;
  });
  return { values, weights, starts };
}

const orNaN = (value: number | null): number => (value === null ? NaN : value);

/**
 * WHOLE_INDICES (and, when `split`, SPLIT_INDICES) of the sorted groups with the given weights (one a unit, in
 * the sorted order; data.weights for the estimate, w_i · c_i for a resample). Groups of weight 0 are left out.
 */
export function equityIndices(data: SortedGroups, weights: Float64Array, split: boolean): Float64Array {
  const groups: SortedColumns[] = [];
  for (let k = 0; k + 1 < data.starts.length; k += 1) {
    const group = { values: data.values.subarray(data.starts[k], data.starts[k + 1]), weights: weights.subarray(data.starts[k], data.starts[k + 1]) };
    let W = 0;
    for (let i = 0; i < group.weights.length; i += 1) W += group.weights[i]!;
    if (W > 0) groups.push(group);
  }
  const all = { values: data.values, weights };
  const out = new Float64Array(WHOLE_INDICES.length + (split ? SPLIT_INDICES.length : 0)).fill(NaN);
  const decomposition = dagumSorted(groups);
  out.set([
    coefficientOfVariation(all), decomposition.gini, theilT(all), orNaN(theilL(all)),
    orNaN(generalisedEntropy(all, -1)), orNaN(generalisedEntropy(all, 2)),
    orNaN(atkinson(all, 0.5)), orNaN(atkinson(all, 1)), orNaN(atkinson(all, 2)),
  ]);
  if (split) {
    const parts = [1, 0, -1, 2].flatMap((alpha) => {
      const ge = generalisedEntropySplit(groups, alpha);
      return ge === null ? [NaN, NaN] : [ge.between, ge.within];
    });
    out.set([...parts, decomposition.within, decomposition.netBetween, decomposition.transvariation], WHOLE_INDICES.length);
  }
  return out;
}
