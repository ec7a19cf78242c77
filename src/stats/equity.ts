/**
 * Inequality of coverage across units (公共服务均等化), as defined in ../shared/domain.md. For values x_i with
 * weights w_i (W = Σw_i, μ = Σw_i·x_i / W); unweighted is every w_i = 1. Pure functions on doubles: callers
 * pass the exact, unrounded values converted once.
 */

/** Values and weights as plain or typed arrays (a Float64Array column is 8 bytes a unit): what every function takes. */
export interface WeightedColumns {
  readonly values: ArrayLike<number>;
  readonly weights: ArrayLike<number>;
}

export interface Weighted extends WeightedColumns {
  readonly values: readonly number[];
  readonly weights: readonly number[];
}

function check(data: WeightedColumns, name: string): void {
  if (data.values.length === 0) throw new Error(`${name} requires at least one unit`);
  if (data.values.length !== data.weights.length) throw new Error(`${name} requires one weight per value`);
}

function totals(data: WeightedColumns): { W: number; mu: number } {
  let W = 0;
  let weightedSum = 0;
  for (let index = 0; index < data.values.length; index += 1) {
    W += data.weights[index]!;
    weightedSum += data.weights[index]! * data.values[index]!;
  }
  return { W, mu: weightedSum / W };
}

/** Weighted mean μ = Σ w_i x_i / Σ w_i. */
export function weightedMean(data: WeightedColumns): number {
  check(data, 'weightedMean');
  return totals(data).mu;
}

/**
 * Coefficient of variation CV = sqrt(Σ w_i (x_i − μ)² / W) / μ (population form, as in the equity
 * literature). O(n).
 */
export function coefficientOfVariation(data: WeightedColumns): number {
  check(data, 'coefficientOfVariation');
  const { W, mu } = totals(data);
  let sum = 0;
  for (let index = 0; index < data.values.length; index += 1) {
    sum += data.weights[index]! * (data.values[index]! - mu) ** 2;
  }
  return Math.sqrt(sum / W) / mu;
}

/**
 * Gini = Σ_i Σ_j w_i w_j |x_i − x_j| / (2 W² μ), computed in O(n log n) after sorting:
 * the double sum is 2 Σ_i w_i (x_i · W_{<i} − S_{<i}) with W_{<i}, S_{<i} the weight and weighted sum of the
 * units sorted before i.
 */
export function gini(data: WeightedColumns): number {
  check(data, 'gini');
  const { W, mu } = totals(data);
  const values = data.values;
  const weights = data.weights;
  let weightBefore = 0;
  let sumBefore = 0;
  let total = 0;
  if (equalWeights(weights)) {
    // with one weight, units of equal value need no order among them: the values sorted alone (numerically,
    // in place, without a comparator) give the same sums
    const w = weights[0]!;
    const sorted = Float64Array.from(values).sort();
    for (let index = 0; index < sorted.length; index += 1) {
      const x = sorted[index]!;
      total += w * (x * weightBefore - sumBefore);
      weightBefore += w;
      sumBefore += w * x;
    }
    return total / (W * W * mu);
  }
  const order = new Uint32Array(values.length);
  for (let index = 0; index < order.length; index += 1) order[index] = index;
  order.sort((a, b) => values[a]! - values[b]!);
  for (const index of order) {
    const x = values[index]!;
    const w = weights[index]!;
    total += w * (x * weightBefore - sumBefore);
    weightBefore += w;
    sumBefore += w * x;
  }
  return total / (W * W * mu);
}

function equalWeights(weights: ArrayLike<number>): boolean {
  const first = weights[0];
  for (let index = 1; index < weights.length; index += 1) if (weights[index] !== first) return false;
  return true;
}

/** Theil T = Σ (w_i/W)(x_i/μ) ln(x_i/μ); a unit with x_i = 0 adds 0 (the limit of t·ln t). */
export function theilT(data: WeightedColumns): number {
  check(data, 'theilT');
  const { W, mu } = totals(data);
  let sum = 0;
  for (let index = 0; index < data.values.length; index += 1) {
    const ratio = data.values[index]! / mu;
    if (ratio > 0) sum += (data.weights[index]! / W) * ratio * Math.log(ratio);
  }
  return sum;
}

/** Theil L (mean log deviation) = Σ (w_i/W) ln(μ/x_i); undefined (null) when some x_i = 0. */
export function theilL(data: WeightedColumns): number | null {
  check(data, 'theilL');
  for (let index = 0; index < data.values.length; index += 1) if (data.values[index]! <= 0) return null;
  const { W, mu } = totals(data);
  let sum = 0;
  for (let index = 0; index < data.values.length; index += 1) {
    sum += (data.weights[index]! / W) * Math.log(mu / data.values[index]!);
  }
  return sum;
}

export interface TheilDecomposition {
  readonly between: number;
  readonly within: number;
}

/**
 * Between/within split over groups g with W_g, μ_g, T_g, L_g:
 * T = Σ_g (W_g/W)(μ_g/μ) ln(μ_g/μ) + Σ_g (W_g μ_g / (W μ)) T_g;
 * L = Σ_g (W_g/W) ln(μ/μ_g) + Σ_g (W_g/W) L_g.
 */
export function theilDecomposition(groups: readonly WeightedColumns[]): { t: TheilDecomposition; l: TheilDecomposition | null } {
  if (groups.length === 0) throw new Error('theilDecomposition requires at least one group');
  // the totals of all units from the groups' own, without concatenating the groups
  let W = 0;
  let weightedSum = 0;
  for (const group of groups) {
    for (let index = 0; index < group.values.length; index += 1) {
      W += group.weights[index]!;
      weightedSum += group.weights[index]! * group.values[index]!;
    }
  }
  const mu = weightedSum / W;
  let tBetween = 0;
  let tWithin = 0;
  let lBetween = 0;
  let lWithin = 0;
  let lDefined = true;
  for (const group of groups) {
    const { W: Wg, mu: muG } = totals(group);
    const share = Wg / W;
    if (muG > 0) tBetween += share * (muG / mu) * Math.log(muG / mu);
    tWithin += ((Wg * muG) / (W * mu)) * theilT(group);
    const Lg = theilL(group);
    if (Lg === null || muG <= 0) lDefined = false;
    else {
      lBetween += share * Math.log(mu / muG);
      lWithin += share * Lg;
    }
  }
  return { t: { between: tBetween, within: tWithin }, l: lDefined ? { between: lBetween, within: lWithin } : null };
}

/**
 * max x / min x; null when the minimum is 0. One pass, no spread: `Math.min(...values)` overflows the call stack
 * from about 125,000 values.
 */
export function maxMinRatio(values: ArrayLike<number>): number | null {
  if (values.length === 0) throw new Error('maxMinRatio requires at least one value');
  let min = Infinity;
  let max = -Infinity;
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index]!;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return min === 0 ? null : max / min;
}
