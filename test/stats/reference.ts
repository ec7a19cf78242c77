/**
 * Independent computations for the equity tests: each index straight from its definition, by plain loops over
 * units and O(n²) loops over pairs of units, sharing no code with src/stats. Used only by tests.
 */
export interface Unit {
  readonly x: number;
  readonly w: number;
  readonly g: number;
}

const sum = (items: readonly number[]): number => items.reduce((a, b) => a + b, 0);

export function mean(units: readonly Unit[]): number {
  return sum(units.map((u) => u.w * u.x)) / sum(units.map((u) => u.w));
}

/** GE(α) term by term (Cowell 2011, eq. 3.12 / Shorrocks 1980). */
export function geReference(units: readonly Unit[], alpha: number): number | null {
  const W = sum(units.map((u) => u.w));
  const mu = mean(units);
  if (alpha <= 0 && units.some((u) => u.x <= 0)) return null;
  if (alpha === 0) return sum(units.map((u) => (u.w / W) * Math.log(mu / u.x)));
  if (alpha === 1) return sum(units.map((u) => (u.x > 0 ? (u.w / W) * (u.x / mu) * Math.log(u.x / mu) : 0)));
  return sum(units.map((u) => (u.w / W) * (Math.pow(u.x / mu, alpha) - 1))) / (alpha * (alpha - 1));
}

/** Atkinson through the equally distributed equivalent: the power mean of order 1 − ε (geometric for ε = 1). */
export function atkinsonReference(units: readonly Unit[], epsilon: number): number | null {
  const W = sum(units.map((u) => u.w));
  const mu = mean(units);
  if (epsilon >= 1 && units.some((u) => u.x <= 0)) return null;
  const ede = epsilon === 1
    ? Math.exp(sum(units.map((u) => u.w * Math.log(u.x))) / W)
    : Math.pow(sum(units.map((u) => u.w * Math.pow(u.x, 1 - epsilon))) / W, 1 / (1 - epsilon));
  return 1 - ede / mu;
}

export function groupsOf(units: readonly Unit[]): Unit[][] {
  const keys = [...new Set(units.map((u) => u.g))];
  return keys.map((key) => units.filter((u) => u.g === key));
}

/** GE split: within from each group's own GE, between from the units given their group mean. */
export function geSplitReference(units: readonly Unit[], alpha: number): { between: number; within: number } | null {
  const groups = groupsOf(units);
  const W = sum(units.map((u) => u.w));
  const mu = mean(units);
  const smoothed = units.map((u) => ({ ...u, x: mean(groups.find((group) => group.includes(u))!) }));
  const between = geReference(smoothed, alpha);
  let within = 0;
  for (const group of groups) {
    const own = geReference(group, alpha);
    if (own === null || between === null) return null;
    const Wg = sum(group.map((u) => u.w));
    const v = Wg / W;
    const s = (Wg * mean(group)) / (W * mu);
    within += Math.pow(v, 1 - alpha) * Math.pow(s, alpha) * own;
  }
  return { between: between!, within };
}

/** Σ_{i∈a} Σ_{r∈b} w_i w_r f(x_i, x_r) over every pair. */
function pairSum(a: readonly Unit[], b: readonly Unit[], f: (x: number, y: number) => number): number {
  let total = 0;
  for (const u of a) for (const v of b) total += u.w * v.w * f(u.x, v.x);
  return total;
}

export interface DagumReference {
  gini: number;
  within: number;
  netBetween: number;
  transvariation: number;
  groupGini: number[];
  pairGini: number[];
  pairD: number[];
}

/** Dagum (1997) from its definitions, every pair of units visited: groups in the order units first show them. */
export function dagumReference(units: readonly Unit[]): DagumReference {
  const groups = groupsOf(units);
  const W = sum(units.map((u) => u.w));
  const mu = mean(units);
  const p = groups.map((group) => sum(group.map((u) => u.w)) / W);
  const s = groups.map((group) => sum(group.map((u) => u.w * u.x)) / (W * mu));
  const gini = pairSum(units, units, (x, y) => Math.abs(x - y)) / (2 * W * W * mu);
  const groupGini = groups.map((group) => {
    const Wg = sum(group.map((u) => u.w));
    return pairSum(group, group, (x, y) => Math.abs(x - y)) / (2 * Wg * Wg * mean(group));
  });
  const within = sum(groups.map((_, j) => groupGini[j]! * p[j]! * s[j]!));
  const pairGini: number[] = [];
  const pairD: number[] = [];
  let netBetween = 0;
  let transvariation = 0;
  for (let j = 0; j < groups.length; j += 1) {
    for (let h = j + 1; h < groups.length; h += 1) {
      let [a, b] = [groups[j]!, groups[h]!];
      if (mean(a) < mean(b)) [a, b] = [b, a];
      const Wa = sum(a.map((u) => u.w));
      const Wb = sum(b.map((u) => u.w));
      const gjh = pairSum(a, b, (x, y) => Math.abs(x - y)) / (Wa * Wb * (mean(a) + mean(b)));
      // d_jh and p_jh as Dagum's eqs. (17) and (18): the gross and the transvariation expectation
      const d = pairSum(a, b, (x, y) => (x > y ? x - y : 0)) / (Wa * Wb);
      const pp = pairSum(a, b, (x, y) => (y > x ? y - x : 0)) / (Wa * Wb);
      const D = d + pp === 0 ? 0 : (d - pp) / (d + pp);
      pairGini.push(gjh);
      pairD.push(D);
      const weight = p[j]! * s[h]! + p[h]! * s[j]!;
      netBetween += gjh * weight * D;
      transvariation += gjh * weight * (1 - D);
    }
  }
  return { gini, within, netBetween, transvariation, groupGini, pairGini, pairD };
}

/** Absolute β by the closed form of simple regression: β = Sxy/Sxx, se = sqrt(RSS/(n−2)/Sxx). */
export function betaReference(initial: readonly number[], final: readonly number[], years: number): { beta: number; se: number; r2: number } {
  const x = initial.map(Math.log);
  const y = initial.map((x0, i) => (Math.log(final[i]!) - Math.log(x0)) / years);
  const n = x.length;
  const mx = sum(x) / n;
  const my = sum(y) / n;
  const sxx = sum(x.map((v) => (v - mx) ** 2));
  const sxy = sum(x.map((v, i) => (v - mx) * (y[i]! - my)));
  const beta = sxy / sxx;
  const a = my - beta * mx;
  const rss = sum(y.map((v, i) => (v - a - beta * x[i]!) ** 2));
  const tss = sum(y.map((v) => (v - my) ** 2));
  return { beta, se: Math.sqrt(rss / (n - 2) / sxx), r2: 1 - rss / tss };
}
