/**
 * Descriptive statistics of one indicator across units, on simple-statistics. Quantiles are R's type 7
 * (linear interpolation, simple-statistics' quantileSorted) by default, or nearest rank (R's type 1).
 */
import { mean, quantileSorted, sampleStandardDeviation, standardDeviation } from 'simple-statistics';

export type QuantileMethod = 'linear' | 'nearest-rank';
export type SdKind = 'sample' | 'population';

/** Nearest-rank quantile: the smallest value with at least p of the data at or below it (R type 1). */
export function nearestRankQuantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new Error('nearestRankQuantile requires at least one data point');
  if (p < 0 || p > 1) throw new Error('quantiles must be between 0 and 1');
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}

export interface Description {
  readonly n: number;
  readonly mean: number;
  /** null for a sample sd of one value */
  readonly sd: number | null;
  readonly cv: number | null;
  readonly min: number;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
  readonly max: number;
  readonly minIndex: number;
  readonly maxIndex: number;
}

/**
 * Mean, sd, CV and quantiles of `values`. One sorted copy (a Float64Array, 8 bytes a value, sorted numerically
 * in place); mean and sd are simple-statistics' on the values as given. O(n log n).
 */
export function describeValues(values: ArrayLike<number>, sdKind: SdKind, method: QuantileMethod): Description {
  if (values.length === 0) throw new Error('describeValues requires at least one data point');
  const sorted = Float64Array.from(values).sort();
  // simple-statistics reads only length and indices: a typed array is as good as an array
  const asArray = sorted as unknown as number[];
  const quantile = (p: number): number => (method === 'linear' ? quantileSorted(asArray, p) : nearestRankQuantile(asArray, p));
  const given = values as number[];
  const average = mean(given);
  const sd = sdKind === 'population' ? standardDeviation(given) : values.length < 2 ? null : sampleStandardDeviation(given);
  let minIndex = 0;
  let maxIndex = 0;
  for (let index = 1; index < values.length; index += 1) {
    const value = values[index]!;
    if (value < values[minIndex]!) minIndex = index;
    if (value > values[maxIndex]!) maxIndex = index;
  }
  return {
    n: values.length,
    mean: average,
    sd,
    cv: sd === null || average === 0 ? null : sd / average,
    min: sorted[0]!,
    p25: quantile(0.25),
    median: quantile(0.5),
    p75: quantile(0.75),
    max: sorted[sorted.length - 1]!,
    minIndex,
    maxIndex,
  };
}
