/**
 * The bootstrap of an index across units: resamples of the n units drawn with replacement (Efron 1979; Efron &
 * Tibshirani 1993, An Introduction to the Bootstrap, ch. 6 and 13), each resample given as a count per unit, so
 * that an index computed on units in a fixed (sorted) order takes resample b as the weights w_i · c_i: O(n)
 * a resample, no sort. Intervals are percentile intervals (ch. 13.3).
 *
 * The generator is written down so any run can be repeated: resample b (0, 1, …) of seed s draws from sfc32
 * (Doty-Humphrey's Small Fast Counting generator, as in PractRand) whose four 32-bit words are splitmix32 of
 * s and b; unit index = floor(u · n / 2^32) for each 32-bit output u (bias below n / 2^32). A resample depends
 * only on (s, b, n): split over threads in any way, the same seed gives the same resamples.
 */

/** splitmix32 (a 32-bit finaliser of Steele, Lea & Flood's SplitMix): the next state and its output. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return [next, (z ^ (z >>> 15)) >>> 0];
}

/** sfc32 seeded from (seed, stream): a function returning 32-bit unsigned integers. */
export function sfc32(seed: number, stream: number): () => number {
  let state = (seed ^ Math.imul(stream + 1, 0x85ebca6b)) | 0;
  const words: number[] = [];
  for (let k = 0; k < 4; k += 1) {
    const [next, out] = splitmix32(state);
    state = next;
    words.push(out);
  }
  let [a, b, c, d] = words as [number, number, number, number];
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let k = 0; k < 12; k += 1) next(); // mixing rounds, as PractRand's reference seeding does
  return next;
}

/** The counts of resample `replicate` of n units: n draws with replacement, c_i the times unit i is drawn. O(n). */
export function resampleCounts(n: number, seed: number, replicate: number, counts: Uint32Array): Uint32Array {
  counts.fill(0);
  const next = sfc32(seed, replicate);
  for (let draw = 0; draw < n; draw += 1) counts[Math.floor((next() * n) / 4294967296)]! += 1;
  return counts;
}

/**
 * The percentile interval of level `level` (0.95) from the replicates' values: the (1 − level)/2 and
 * (1 + level)/2 quantiles, R's type 7 (linear interpolation between order statistics, R's quantile() default).
 * Null when some replicate has no value (NaN): the index is then undefined in some resample.
 */
export function percentileInterval(replicates: ArrayLike<number>, level: number): { lower: number; upper: number } | null {
  if (replicates.length === 0) throw new Error('percentileInterval requires at least one replicate');
  if (!(level > 0 && level < 1)) throw new Error('percentileInterval requires 0 < level < 1');
  const sorted = Float64Array.from(replicates);
  for (const value of sorted) if (Number.isNaN(value)) return null;
  sorted.sort();
  return { lower: quantile7(sorted, (1 - level) / 2), upper: quantile7(sorted, (1 + level) / 2) };
}

function quantile7(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (h - low) * (sorted[high]! - sorted[low]!);
}

/**
 * The counts of resample `replicate` drawn within strata (the --by groups: a group's units are drawn from that
 * group, n_g draws, so every resample keeps each group's number of units): stratum k is [starts[k], starts[k+1]).
 * One generator a resample, strata in order. Without groups, one stratum: resampleCounts.
 */
export function stratifiedCounts(starts: ArrayLike<number>, seed: number, replicate: number, counts: Uint32Array): Uint32Array {
  counts.fill(0);
  const next = sfc32(seed, replicate);
  for (let k = 0; k + 1 < starts.length; k += 1) {
    const start = starts[k]!;
    const size = starts[k + 1]! - start;
    for (let draw = 0; draw < size; draw += 1) counts[start + Math.floor((next() * size) / 4294967296)]! += 1;
  }
  return counts;
}

/**
 * Replicates [from, to) of `statistic` (a vector of m numbers from resampled weights w_i · c_i): row r − from of
 * the result holds replicate r. O((to − from) · cost of the statistic).
 */
export function bootstrapReplicates(
  baseWeights: Float64Array, starts: ArrayLike<number>, seed: number, from: number, to: number, m: number,
  statistic: (weights: Float64Array) => Float64Array,
): Float64Array {
  const counts = new Uint32Array(baseWeights.length);
  const weights = new Float64Array(baseWeights.length);
  const out = new Float64Array((to - from) * m);
  for (let replicate = from; replicate < to; replicate += 1) {
    stratifiedCounts(starts, seed, replicate, counts);
    for (let i = 0; i < weights.length; i += 1) weights[i] = baseWeights[i]! * counts[i]!;
    out.set(statistic(weights), (replicate - from) * m);
  }
  return out;
}
