/**
 * Convergence of units over years: σ convergence (dispersion falling over time) and β convergence (units that
 * start lower grow faster). Source: Barro & Sala-i-Martin (1992), "Convergence", Journal of Political Economy
 * 100(2); Sala-i-Martin (1996), "The classical approach to convergence analysis", Economic Journal 106;
 * speed and half-life as in Barro & Sala-i-Martin, Economic Growth (2nd ed., 2004), §11.2.
 */

/** σ of one year: CV = sd/mean (population sd, n) and the population sd of ln x_i (units with x_i > 0 only). */
export function sigmaDispersion(values: ArrayLike<number>): { n: number; cv: number | null; sdLog: number | null } {
  const n = values.length;
  if (n === 0) throw new Error('sigmaDispersion requires at least one unit');
  let sum = 0;
  for (let i = 0; i < n; i += 1) sum += values[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i += 1) squares += (values[i]! - mean) ** 2;
  let positive = true;
  let logSum = 0;
  for (let i = 0; i < n; i += 1) {
    if (!(values[i]! > 0)) positive = false;
    else logSum += Math.log(values[i]!);
  }
  let logSquares = 0;
  if (positive) for (let i = 0; i < n; i += 1) logSquares += (Math.log(values[i]!) - logSum / n) ** 2;
  return { n, cv: mean > 0 ? Math.sqrt(squares / n) / mean : null, sdLog: positive ? Math.sqrt(logSquares / n) : null };
}

export interface OlsFit {
  /** coefficients in the order of the columns given (the intercept first when asked for) */
  readonly coefficients: readonly number[];
  /** classical (homoskedastic) standard errors: sqrt(diag(s² (XᵀX)⁻¹)), s² = RSS/(n − k) */
  readonly standardErrors: readonly number[];
  readonly rSquared: number;
  readonly n: number;
  readonly k: number;
}

/**
 * Ordinary least squares y = Xb + e by the normal equations solved with Gauss–Jordan elimination and partial
 * pivoting (k is small: 2 plus the region dummies). R² = 1 − RSS/TSS about the mean of y. Null when XᵀX is
 * singular or n ≤ k. O(n k²).
 */
export function ols(y: readonly number[], columns: readonly (readonly number[])[]): OlsFit | null {
  const n = y.length;
  const k = columns.length;
  if (n <= k) return null;
  const xtx: number[][] = Array.from({ length: k }, (_, a) => Array.from({ length: 2 * k }, (_, b): number => (b === k + a ? 1 : 0)));
  const xty = new Array<number>(k).fill(0);
  for (let a = 0; a < k; a += 1) {
    for (let b = 0; b < k; b += 1) {
      let s = 0;
      for (let i = 0; i < n; i += 1) s += columns[a]![i]! * columns[b]![i]!;
      xtx[a]![b] = s;
    }
    let s = 0;
    for (let i = 0; i < n; i += 1) s += columns[a]![i]! * y[i]!;
    xty[a] = s;
  }
  // Gauss–Jordan on [XᵀX | I] gives (XᵀX)⁻¹
  const scale = Math.max(...xtx.map((row, a) => Math.abs(row[a]!)));
  for (let col = 0; col < k; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < k; r += 1) if (Math.abs(xtx[r]![col]!) > Math.abs(xtx[pivot]![col]!)) pivot = r;
    if (!(Math.abs(xtx[pivot]![col]!) > 1e-12 * scale)) return null;
    [xtx[col], xtx[pivot]] = [xtx[pivot]!, xtx[col]!];
    const p = xtx[col]![col]!;
    for (let b = 0; b < 2 * k; b += 1) xtx[col]![b]! /= p;
    for (let r = 0; r < k; r += 1) {
      if (r === col) continue;
      const f = xtx[r]![col]!;
      if (f !== 0) for (let b = 0; b < 2 * k; b += 1) xtx[r]![b]! -= f * xtx[col]![b]!;
    }
  }
  const inverse = xtx.map((row) => row.slice(k));
  const coefficients = inverse.map((row) => row.reduce((s, v, b) => s + v * xty[b]!, 0));
  let rss = 0;
  let meanY = 0;
  for (let i = 0; i < n; i += 1) meanY += y[i]! / n;
  let tss = 0;
  for (let i = 0; i < n; i += 1) {
    let fitted = 0;
    for (let a = 0; a < k; a += 1) fitted += coefficients[a]! * columns[a]![i]!;
    rss += (y[i]! - fitted) ** 2;
    tss += (y[i]! - meanY) ** 2;
  }
  const s2 = rss / (n - k);
  return {
    coefficients,
    standardErrors: inverse.map((row, a) => Math.sqrt(s2 * row[a]!)),
    rSquared: tss > 0 ? 1 - rss / tss : NaN,
    n,
    k,
  };
}

export interface BetaConvergence {
  readonly beta: number;
  readonly se: number;
  readonly t: number;
  readonly rSquared: number;
  readonly n: number;
  /** λ = −ln(1 + βT)/T; null when 1 + βT ≤ 0 */
  readonly speed: number | null;
  /** ln 2 / λ in years; null when λ ≤ 0 (divergence) */
  readonly halfLife: number | null;
}

/**
 * Absolute β convergence over T years: OLS of g_i = (ln x_iT − ln x_i0)/T on a + β ln x_i0 across units, or
 * conditional: with a dummy per group except the first (`groups`, an index a unit). β < 0 means convergence.
 * λ = −ln(1 + βT)/T (the speed of the log-linearised model) and half-life = ln 2/λ. Units need x > 0 in both years.
 * Null when the regression cannot be fitted (fewer units than coefficients, or a constant ln x_i0).
 */
export function betaConvergence(initial: readonly number[], final: readonly number[], years: number, groups?: readonly number[]): BetaConvergence | null {
  if (initial.length !== final.length) throw new Error('betaConvergence requires one final value per initial value');
  if (!(years > 0)) throw new Error('betaConvergence requires a positive span of years');
  const logInitial = initial.map(Math.log);
  const growth = initial.map((x0, i) => (Math.log(final[i]!) - Math.log(x0)) / years);
  const columns: number[][] = [initial.map(() => 1), logInitial];
  if (groups !== undefined) {
    const distinct = [...new Set(groups)].sort((a, b) => a - b);
    for (const group of distinct.slice(1)) columns.push(groups.map((g) => (g === group ? 1 : 0)));
  }
  const fit = ols(growth, columns);
  if (fit === null) return null;
  const beta = fit.coefficients[1]!;
  const se = fit.standardErrors[1]!;
  const inside = 1 + beta * years;
  const speed = inside > 0 ? -Math.log(inside) / years : null;
  return { beta, se, t: beta / se, rSquared: fit.rSquared, n: fit.n, speed, halfLife: speed !== null && speed > 0 ? Math.LN2 / speed : null };
}
