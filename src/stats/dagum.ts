/**
 * Dagum's decomposition of the Gini coefficient by groups: G = G_w + G_nb + G_t (within, net between,
 * transvariation). Source: Dagum, C. (1997), "A new approach to the decomposition of the Gini income inequality
 * ratio", Empirical Economics 22(4): 515–531, eqs. (2)–(4), (7)–(10), (19)–(21) — weighted here by unit weights
 * w_i (population), as Dagum's population shares p_j = W_j/W and income shares s_j = W_j μ_j/(W μ).
 *
 * With S_jh = Σ_{i∈j} Σ_{r∈h} w_i w_r |x_i − x_r|:
 *   G      = Σ_j Σ_h S_jh / (2 W² μ)                  (the Gini of all units)
 *   G_jj   = S_jj / (2 W_j² μ_j)                      (group j's own Gini)
 *   G_jh   = S_jh / (W_j W_h (μ_j + μ_h))              (between-group Gini of a pair)
 *   G_w    = Σ_j G_jj p_j s_j
 *   D_jh   = (d_jh − p_jh) / (d_jh + p_jh), d_jh = Σ w w (x_i − x_r) over x_i > x_r (i ∈ j, r ∈ h), p_jh the
 *            same over x_r > x_i, j the group of the higher mean (so 0 ≤ D_jh ≤ 1): the relative economic affluence
 *   G_nb   = Σ_{j<h} G_jh (p_j s_h + p_h s_j) D_jh
 *   G_t    = Σ_{j<h} G_jh (p_j s_h + p_h s_j) (1 − D_jh)
 * The pairwise sums are computed on sorted values by merging (prefix sums of weight and weighted value), never
 * over the n² pairs: O(n log n) for the sort, then O(n_j + n_h) a pair.
 */
import type { WeightedColumns } from './equity.js';

export interface DagumGroup {
  /** W_j / W */
  readonly populationShare: number;
  /** W_j μ_j / (W μ) */
  readonly valueShare: number;
  readonly mean: number;
  /** G_jj */
  readonly gini: number;
}

export interface DagumPair {
  /** indices into the groups given, j < h */
  readonly j: number;
  readonly h: number;
  /** G_jh */
  readonly gini: number;
  /** D_jh, with the group of the higher mean first */
  readonly d: number;
  /** G_jh (p_j s_h + p_h s_j) D_jh and its (1 − D_jh) counterpart: this pair's part of G_nb and G_t */
  readonly netBetween: number;
  readonly transvariation: number;
}

export interface DagumDecomposition {
  readonly gini: number;
  readonly within: number;
  readonly netBetween: number;
  readonly transvariation: number;
  readonly groups: readonly DagumGroup[];
  readonly pairs: readonly DagumPair[];
}

/** A group's values sorted ascending with their weights, as dagumSorted takes them. */
export interface SortedColumns {
  readonly values: Float64Array;
  readonly weights: Float64Array;
}

/** The units of a group in ascending order of value (a stable sort: equal values keep their order). O(n log n). */
export function sortedColumns(data: WeightedColumns): SortedColumns {
  const order = new Uint32Array(data.values.length);
  for (let i = 0; i < order.length; i += 1) order[i] = i;
  order.sort((a, b) => data.values[a]! - data.values[b]! || a - b);
  const values = new Float64Array(order.length);
  const weights = new Float64Array(order.length);
  order.forEach((unit, at) => {
    values[at] = data.values[unit]!;
    weights[at] = data.weights[unit]!;
  });
  return { values, weights };
}

/**
 * Σ_{i∈a} Σ_{r∈b, b_r < a_i} w_i w_r (a_i − b_r) for a and b sorted ascending: one merge, O(n_a + n_b).
 * With a = b it is half of S_aa.
 */
export function positiveDifferenceSum(a: SortedColumns, b: SortedColumns): number {
  let r = 0;
  let weightBelow = 0;
  let sumBelow = 0;
  let total = 0;
  for (let i = 0; i < a.values.length; i += 1) {
    const x = a.values[i]!;
    while (r < b.values.length && b.values[r]! < x) {
      weightBelow += b.weights[r]!;
      sumBelow += b.weights[r]! * b.values[r]!;
      r += 1;
    }
    total += a.weights[i]! * (x * weightBelow - sumBelow);
  }
  return total;
}

function weightAndSum(group: SortedColumns): { W: number; sum: number } {
  let W = 0;
  let sum = 0;
  for (let i = 0; i < group.values.length; i += 1) {
    W += group.weights[i]!;
    sum += group.weights[i]! * group.values[i]!;
  }
  return { W, sum };
}

/**
 * Dagum's decomposition of groups whose values are already sorted (sortedColumns): O(k · n) for k groups.
 * Requires a positive overall mean; a group of weight 0 (a bootstrap sample can leave one empty) has no Gini
 * (NaN) and adds nothing.
 */
export function dagumSorted(groups: readonly SortedColumns[]): DagumDecomposition {
  if (groups.length === 0) throw new Error('dagum requires at least one group');
  const sums = groups.map(weightAndSum);
  const W = sums.reduce((total, group) => total + group.W, 0);
  const mu = sums.reduce((total, group) => total + group.sum, 0) / W;
  if (!(mu > 0)) throw new Error('dagum requires a positive mean');
  let all = 0;
  let within = 0;
  const parts: DagumGroup[] = groups.map((group, j) => {
    const { W: Wj, sum } = sums[j]!;
    const mean = sum / Wj;
    const half = positiveDifferenceSum(group, group);
    all += 2 * half;
    const populationShare = Wj / W;
    const valueShare = sum / (W * mu);
    const gini = Wj > 0 && mean > 0 ? half / (Wj * Wj * mean) : Wj > 0 ? 0 : NaN;
    if (Wj > 0) within += gini * populationShare * valueShare;
    return { populationShare, valueShare, mean, gini };
  });
  let netBetween = 0;
  let transvariation = 0;
  const pairs: DagumPair[] = [];
  for (let j = 0; j < groups.length; j += 1) {
    for (let h = j + 1; h < groups.length; h += 1) {
      const above = positiveDifferenceSum(groups[j]!, groups[h]!);
      const below = positiveDifferenceSum(groups[h]!, groups[j]!);
      all += 2 * (above + below);
      const gj = parts[j]!;
      const gh = parts[h]!;
      const Wj = sums[j]!.W;
      const Wh = sums[h]!.W;
      const meanSum = gj.mean + gh.mean;
      const gini = Wj > 0 && Wh > 0 && meanSum > 0 ? (above + below) / (Wj * Wh * meanSum) : NaN;
      const d = above + below > 0 ? Math.abs(above - below) / (above + below) : 0;
      const weight = gj.populationShare * gh.valueShare + gh.populationShare * gj.valueShare;
      const part = Number.isNaN(gini) ? 0 : gini * weight;
      netBetween += part * d;
      transvariation += part * (1 - d);
      pairs.push({ j, h, gini, d, netBetween: part * d, transvariation: part * (1 - d) });
    }
  }
  return { gini: all / (2 * W * W * mu), within, netBetween, transvariation, groups: parts, pairs };
}

/** Dagum's decomposition of groups in any order: each sorted once (O(n log n)), then dagumSorted. */
export function dagum(groups: readonly WeightedColumns[]): DagumDecomposition {
  return dagumSorted(groups.map(sortedColumns));
}
