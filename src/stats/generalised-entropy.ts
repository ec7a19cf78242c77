/**
 * Generalised entropy GE(α) and its exact split over groups, weighted as the rest of equity (w_i, W = Σw_i,
 * μ = Σw_i·x_i / W; unweighted is every w_i = 1). Source: Shorrocks (1980), "The class of additively
 * decomposable inequality measures", Econometrica 48(3); Cowell (2011), Measuring Inequality, 3rd ed., §3.4
 * and Technical Appendix; the same definitions as Stata's `ineqdeco` (Jenkins, SSC, 1999–2015).
 */
import type { WeightedColumns } from './equity.js';
import { theilL, theilT } from './equity.js';

/** The α values `equity` reports, as Stata's `ineqdeco` prints them. */
export const GE_ALPHAS = [-1, 0, 1, 2] as const;

function totals(data: WeightedColumns): { W: number; mu: number } {
  let W = 0;
  let sum = 0;
  for (let i = 0; i < data.values.length; i += 1) {
    W += data.weights[i]!;
    sum += data.weights[i]! * data.values[i]!;
  }
  return { W, mu: sum / W };
}

/**
 * GE(α) = 1 / (α(α − 1)) · Σ (w_i/W) [(x_i/μ)^α − 1] for α ≠ 0, 1; GE(0) = Theil L = Σ (w_i/W) ln(μ/x_i);
 * GE(1) = Theil T = Σ (w_i/W)(x_i/μ) ln(x_i/μ). GE(2) is half the squared CV. O(n).
 * Returns null where it is undefined: α ≤ 0 with some x_i = 0.
 * @example generalisedEntropy({ values: [1, 3], weights: [1, 1] }, 2) // 0.125 (= CV²/2 = 0.5²/2)
 */
export function generalisedEntropy(data: WeightedColumns, alpha: number): number | null {
  if (data.values.length === 0) throw new Error('generalisedEntropy requires at least one unit');
  if (alpha === 0) return theilL(data);
  if (alpha === 1) return theilT(data);
  if (alpha < 0) for (let i = 0; i < data.values.length; i += 1) if (!(data.values[i]! > 0)) return null;
  const { W, mu } = totals(data);
  let sum = 0;
  for (let i = 0; i < data.values.length; i += 1) {
    const w = data.weights[i]!;
    if (w === 0) continue;
    sum += (w / W) * ((data.values[i]! / mu) ** alpha - 1);
  }
  return sum / (alpha * (alpha - 1));
}

export interface GeSplit {
  readonly total: number;
  readonly between: number;
  readonly within: number;
}

/**
 * GE(α) = within + between over groups g with population shares v_g = W_g/W and value (income) shares
 * s_g = W_g μ_g / (W μ): within = Σ_g v_g^(1−α) s_g^α GE_g(α); between = GE(α) of the distribution where every
 * unit holds its group's mean = 1/(α(α−1)) Σ_g v_g [(μ_g/μ)^α − 1] (α = 0: Σ v_g ln(μ/μ_g); α = 1:
 * Σ s_g ln(μ_g/μ)). Shorrocks (1980), Theorem 5; `ineqdeco, by()`. Null when GE(α) is undefined for some
 * group. O(n).
 */
export function generalisedEntropySplit(groups: readonly WeightedColumns[], alpha: number): GeSplit | null {
  if (groups.length === 0) throw new Error('generalisedEntropySplit requires at least one group');
  let W = 0;
  let sum = 0;
  const parts = groups.map((group) => {
    const t = totals(group);
    W += t.W;
    sum += t.W * t.mu;
    return t;
  });
  const mu = sum / W;
  let between = 0;
  let within = 0;
  for (const [g, group] of groups.entries()) {
    const { W: Wg, mu: muG } = parts[g]!;
    const v = Wg / W;
    const s = (Wg * muG) / (W * mu);
    const own = generalisedEntropy(group, alpha);
    if (own === null) return null;
    if (alpha === 0) {
      if (!(muG > 0)) return null;
      between += v * Math.log(mu / muG);
      within += v * own;
    } else if (alpha === 1) {
      if (muG > 0) between += s * Math.log(muG / mu);
      within += s * own;
    } else {
      if (!(muG > 0) && alpha < 0) return null;
      between += v * ((muG / mu) ** alpha - 1) / (alpha * (alpha - 1));
      // v^(1−α) s^α with s = 0 (a group whose values are all 0) adds 0 for α > 0
      within += s === 0 ? 0 : v ** (1 - alpha) * s ** alpha * own;
    }
  }
  return { total: between + within, between, within };
}
