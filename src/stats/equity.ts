/**
 * Inequality of coverage across units (公共服务均等化), as defined in ../shared/domain.md. For values x_i with
 * weights w_i (W = Σw_i, μ = Σw_i·x_i / W); unweighted is every w_i = 1. Pure functions on doubles: callers
 * pass the exact, unrounded values converted once.
 */

export interface Weighted {
  readonly values: readonly number[];
  readonly weights: readonly number[];
}

function check(data: Weighted, name: string): void {
  if (data.values.length === 0) throw new Error(`${name} requires at least one unit`);
  if (data.values.length !== data.weights.length) throw new Error(`${name} requires one weight per value`);
}

function totals(data: Weighted): { W: number; mu: number } {
  let W = 0;
  let weightedSum = 0;
  for (let index = 0; index < data.values.length; index += 1) {
    W += data.weights[index]!;
    weightedSum += data.weights[index]! * data.values[index]!;
  }
  return { W, mu: weightedSum / W };
}

/** Weighted mean μ = Σ w_i x_i / Σ w_i. */
export function weightedMean(data: Weighted): number {
  check(data, 'weightedMean');
  return totals(data).mu;
}

/**
 * Coefficient of variation CV = sqrt(Σ w_i (x_i − μ)² / W) / μ (population form, as in the equity
 * literature). O(n).
 */
export function coefficientOfVariation(data: Weighted): number {
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
export function gini(data: Weighted): number {
  check(data, 'gini');
  const { W, mu } = totals(data);
  const order = data.values.map((_, index) => index).sort((a, b) => data.values[a]! - data.values[b]!);
  let weightBefore = 0;
  let sumBefore = 0;
  let total = 0;
  for (const index of order) {
    const x = data.values[index]!;
    const w = data.weights[index]!;
    total += w * (x * weightBefore - sumBefore);
    weightBefore += w;
    sumBefore += w * x;
  }
  return total / (W * W * mu);
}

/** Theil T = Σ (w_i/W)(x_i/μ) ln(x_i/μ); a unit with x_i = 0 adds 0 (the limit of t·ln t). */
export function theilT(data: Weighted): number {
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
export function theilL(data: Weighted): number | null {
  check(data, 'theilL');
  if (data.values.some((value) => value <= 0)) return null;
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
export function theilDecomposition(groups: readonly Weighted[]): { t: TheilDecomposition; l: TheilDecomposition | null } {
  if (groups.length === 0) throw new Error('theilDecomposition requires at least one group');
  const all: Weighted = {
    values: groups.flatMap((group) => [...group.values]),
    weights: groups.flatMap((group) => [...group.weights]),
  };
  const { W, mu } = totals(all);
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

/** max x / min x; null when the minimum is 0. */
export function maxMinRatio(values: readonly number[]): number | null {
  if (values.length === 0) throw new Error('maxMinRatio requires at least one value');
  const min = Math.min(...values);
  return min === 0 ? null : Math.max(...values) / min;
}
