/**
 * Atkinson's index A(ε): one minus the equally distributed equivalent over the mean. Source: Atkinson (1970),
 * "On the measurement of inequality", Journal of Economic Theory 2(3); Cowell (2011), Measuring Inequality,
 * 3rd ed., §3.3; as Stata's `ineqdeco` prints A(0.5), A(1), A(2). Weighted: w_i, W = Σw_i, μ = Σw_i·x_i / W.
 */
import type { WeightedColumns } from './equity.js';

/** The ε values `equity` reports. */
export const ATKINSON_EPSILONS = [0.5, 1, 2] as const;

/**
 * A(ε) = 1 − [Σ (w_i/W)(x_i/μ)^(1−ε)]^(1/(1−ε)) for ε ≠ 1; A(1) = 1 − exp(Σ (w_i/W) ln x_i) / μ (the geometric
 * mean over the mean); A(2) = 1 − harmonic mean / μ. Always in [0, 1]. O(n). Null where undefined: ε ≥ 1 with
 * some x_i = 0 (Stata's `ineqdeco` drops such units instead; svc-stats reports the index missing).
 * @example atkinson({ values: [1, 4], weights: [1, 1] }, 1) // 1 − 2/2.5 = 0.2
 */
export function atkinson(data: WeightedColumns, epsilon: number): number | null {
  const n = data.values.length;
  if (n === 0) throw new Error('atkinson requires at least one unit');
  if (!(epsilon > 0)) throw new Error('atkinson requires ε > 0');
  let W = 0;
  let sum = 0;
  for (let i = 0; i < n; i += 1) {
    W += data.weights[i]!;
    sum += data.weights[i]! * data.values[i]!;
  }
  const mu = sum / W;
  if (epsilon >= 1) for (let i = 0; i < n; i += 1) if (data.weights[i]! > 0 && !(data.values[i]! > 0)) return null;
  let mean = 0;
  if (epsilon === 1) {
    for (let i = 0; i < n; i += 1) if (data.weights[i]! > 0) mean += (data.weights[i]! / W) * Math.log(data.values[i]! / mu);
    return clamp(1 - Math.exp(mean));
  }
  for (let i = 0; i < n; i += 1) if (data.weights[i]! > 0) mean += (data.weights[i]! / W) * (data.values[i]! / mu) ** (1 - epsilon);
  return clamp(1 - mean ** (1 / (1 - epsilon)));
}

/** Rounding can put an index of equal values a few ulps below 0; it is 0. */
function clamp(value: number): number {
  return value < 0 && value > -1e-12 ? 0 : value;
}
