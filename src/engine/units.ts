/**
 * The units of a file (its part rows) with the numbers describe and equity need, as compact columns: one
 * Float64Array a target and one for the weight (NaN = missing), the year and the --by group of each unit as an
 * index into a table of distinct names. No row and no label is held: what a report names — the units of each
 * group's smallest and largest value, the units lacking a value, the first unit a statistic cannot take — is
 * kept as it streams past. A plain integer cell (and an indicator of products and quotients of such cells) is
 * read without rationals: its double is the one the exact value converts to. Total and "of which" rows are kept
 * out and reported.
 */
import type { Rational } from '../exact/rational.js';
import { toNumber } from '../exact/rational.js';
import type { HeaderPlan, MeasureColumn } from '../table/header-plan.js';
import { ROWS_ARE_INDEX } from '../table/header-plan.js';
import type { RecordSource } from '../io/records.js';
import type { TableOptions } from '../table/rows.js';
import { readCell, rowLabel, scanCells } from '../table/rows.js';
import { normaliseYear } from '../catalogue/columns.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { evaluate, evaluateNumbers, inputsOf } from '../catalogue/catalogue.js';
import type { Grouper } from './grouping.js';
import { byParts, labelRole, makeGrouper, requireLabel } from './grouping.js';
import { PlausibilityCheck, readingNotes } from '../table/notes.js';
import type { RegionScheme } from '../catalogue/regions.js';
import type { Target } from '../catalogue/targets.js';
import { selectTargets } from '../catalogue/targets.js';
import { PLAIN_INTEGER, scaledInteger } from './sums.js';
import type { Note } from '../notes.js';

/** A unit named by a report: its index in file order and its label. */
/**
 * describe and equity compute in doubles: values beyond 1e300 (sums of squares overflow) or non-zero below
 * 1e-300 (a ratio or a log of them underflows; 1e-331 is 0 as a double) are refused, never a silent figure.
 */
export const DOUBLE_LARGEST = 1e300;
export const DOUBLE_SMALLEST = 1e-300;

export interface NamedUnit {
  readonly unit: number;
  readonly label: string;
}

/** The smallest and largest value of one target in one bucket (a year and group), first in file order on ties. */
export interface Extremes {
  min: number;
  minUnit: NamedUnit;
  max: number;
  maxUnit: NamedUnit;
}

/** A unit's exact values, kept only when asked for (describe --chart prints each unit's value). */
export interface ExactUnit {
  readonly label: string;
  readonly values: readonly (Rational | null)[];
}

export interface UnitSet {
  readonly file: string;
  readonly plan: HeaderPlan;
  readonly targets: readonly Target[];
  /** the number of units */
  readonly count: number;
  /** per target, one double a unit (the exact value converted once); NaN = missing (input or zero denominator) */
  readonly values: readonly Float64Array[];
  /** one double a unit, NaN = missing; undefined without a weight */
  readonly weights: Float64Array | undefined;
  /** each unit's year as an index into yearNames (all 0 without a year column) */
  readonly yearOf: Uint16Array;
  /** the distinct years (normalised cells) in order of first appearance; [''] without a year column */
  readonly yearNames: readonly string[];
  /** the distinct years of the units, in order (empty without a year column) */
  readonly years: readonly string[];
  /** each unit's --by group as an index into groupNames; undefined without --by */
  readonly groupOf: Uint32Array | undefined;
  readonly groupNames: readonly string[];
  readonly grouper: Grouper | undefined;
  /** extremes of target t in a bucket: see extremesOf */
  readonly extremes: ReadonlyMap<number, readonly Extremes[]>;
  /** units lacking a target's value or the weight, in file order (kept when asked for) */
  readonly lacking: readonly NamedUnit[];
  /** per target: the first unit with a negative value and the first with a value beyond a double */
  readonly firstNegative: readonly (NamedUnit | undefined)[];
  readonly firstTooLarge: readonly (NamedUnit | undefined)[];
  /** per target, the first unit whose value is non-zero and below DOUBLE_SMALLEST in magnitude (1e-331 would be 0) */
  readonly firstTooSmall: readonly (NamedUnit | undefined)[];
  readonly firstNegativeWeight: NamedUnit | undefined;
  readonly firstTooLargeWeight: NamedUnit | undefined;
  /** each unit's exact values, when asked for */
  readonly exact: readonly ExactUnit[] | undefined;
  readonly notes: readonly Note[];
  readonly warnings: readonly string[];
}

export interface CollectChoices {
  /** keep the labels of units lacking a value or weight (equity names them; the default) */
  readonly lacking?: boolean;
  /** keep every unit's label and exact values (describe --chart) */
  readonly exact?: boolean;
}

/** Buckets are keyed by group and year: years are at most 10^4 distinct four-digit cells (and blank). */
const YEAR_SLOTS = 16_384;
const bucketKey = (group: number, year: number): number => group * YEAR_SLOTS + year;

/** The extremes of target `target` among the units of one group (or all: 0 without --by) in the given years. */
export function extremesOf(set: UnitSet, target: number, group: number, years: readonly number[]): Extremes | undefined {
  let found: Extremes | undefined;
  for (const year of years) {
    const bucket = set.extremes.get(bucketKey(group, year))?.[target];
    if (bucket === undefined || Number.isNaN(bucket.min)) continue;
    if (found === undefined) {
      found = { ...bucket };
      continue;
    }
    if (bucket.min < found.min || (bucket.min === found.min && bucket.minUnit.unit < found.minUnit.unit)) {
      found.min = bucket.min;
      found.minUnit = bucket.minUnit;
    }
    if (bucket.max > found.max || (bucket.max === found.max && bucket.maxUnit.unit < found.maxUnit.unit)) {
      found.max = bucket.max;
      found.maxUnit = bucket.maxUnit;
    }
  }
  return found;
}

/** Units of one selection by group: the k-th group's are units.subarray(starts[k], starts[k + 1]), in file order. */
export interface UnitGroups {
  /** group indices (into groupNames) in display order; [0] without --by */
  readonly groups: readonly number[];
  readonly starts: Uint32Array;
  readonly units: Uint32Array;
}

/**
 * The units `include` accepts, by group in the grouper's display order (first appearance among them breaking
 * ties): a counting sort, O(n + g log g) for n units in g groups.
 */
export function groupUnits(set: UnitSet, include: (unit: number) => boolean): UnitGroups {
  const groupOf = set.groupOf;
  const groupCount = groupOf === undefined ? 1 : set.groupNames.length;
  const counts = new Uint32Array(groupCount);
  const firstSeen: number[] = [];
  let total = 0;
  for (let unit = 0; unit < set.count; unit += 1) {
    if (!include(unit)) continue;
    const group = groupOf === undefined ? 0 : groupOf[unit]!;
    if (counts[group] === 0) firstSeen.push(group);
    counts[group] = counts[group]! + 1;
    total += 1;
  }
  const groups = groupOf === undefined || set.grouper === undefined ? firstSeen : orderGroups(set, firstSeen);
  const starts = new Uint32Array(groups.length + 1);
  const next = new Uint32Array(groupCount);
  groups.forEach((group, k) => {
    next[group] = starts[k]!;
    starts[k + 1] = starts[k]! + counts[group]!;
  });
  const units = new Uint32Array(total);
  for (let unit = 0; unit < set.count; unit += 1) {
    if (!include(unit)) continue;
    const group = groupOf === undefined ? 0 : groupOf[unit]!;
    units[next[group]!] = unit;
    next[group] = next[group]! + 1;
  }
  return { groups, starts, units };
}

function orderGroups(set: UnitSet, firstSeen: readonly number[]): number[] {
  const indexOf = new Map(firstSeen.map((group) => [set.groupNames[group]!, group]));
  return set.grouper!.order(indexOf.keys()).map((name) => indexOf.get(name)!);
}

/**
 * A typed array filled in chunks and joined once, at the end: while reading, no copy of what is read (a doubling
 * array holds three times its values as it grows); when joined, one column at a time is held twice.
 */
class Column<T extends Float64Array | Uint16Array | Uint32Array> {
  private readonly full: T[] = [];
  private chunk: T;
  private at = 0;
  constructor(private readonly make: (size: number) => T) {
    this.chunk = make(CHUNK);
  }
  push(value: number): void {
    if (this.at === CHUNK) {
      this.full.push(this.chunk);
      this.chunk = this.make(CHUNK);
      this.at = 0;
    }
    this.chunk[this.at++] = value;
  }
  done(): T {
    const joined = this.make(this.full.length * CHUNK + this.at);
    this.full.forEach((chunk, index) => joined.set(chunk, index * CHUNK));
    joined.set(this.chunk.subarray(0, this.at), this.full.length * CHUNK);
    this.full.length = 0;
    return joined;
  }
}

const CHUNK = 65_536;
const float64 = (): Column<Float64Array> => new Column((size) => new Float64Array(size));

/** How a measure cell was read: missing, a whole number exact as a double, or only an exact rational. */
const MISSING = 0;
const WHOLE = 1;
const EXACT = 2;

export async function collectUnits(
  records: RecordSource,
  options: TableOptions,
  catalogue: Catalogue,
  ids: readonly string[] | undefined,
  weightId: string | undefined,
  by: { column: string; scheme: RegionScheme } | undefined,
  /** the command, for the message when the file names no units: `describe` */
  what: string,
  keep: CollectChoices = {},
): Promise<UnitSet> {
  const file = records.file;
  const excluded: string[] = [];
  const notes: Note[] = [];
  const plausibility = new PlausibilityCheck();
  let reader: RowReader | undefined;
  const plan = await scanCells(records, { ...options, groupColumns: by === undefined ? undefined : byParts(by.column) }, (cells, line, rowPlan) => {
    if (reader === undefined) {
      requireLabel(rowPlan, file, what);
      const present = new Set(rowPlan.measureColumns.map((column) => column.measure.id));
      const selection = selectTargets(catalogue, ids, present, file);
      notes.push(...selection.notes);
      const grouper = by === undefined ? undefined : makeGrouper(rowPlan, by.column, by.scheme, file, false);
      reader = new RowReader(rowPlan, file, selection.targets, grouper, weightId, plausibility, keep);
    }
    const label = rowLabel(cells, rowPlan, file, line);
    if (labelRole(label) !== 'part') {
      reader.check(cells, line);
      excluded.push(`${label} (line ${line})`);
      return;
    }
    reader.add(cells, line, label);
  });
  if (excluded.length > 0) notes.unshift({ kind: 'national/total and "of which" rows are not units here', where: file, item: excluded.join('; '), separator: '; ' });
  notes.unshift(...readingNotes(file, plan));
  if (reader === undefined) requireLabel(plan, file, what);
  reader ??= new RowReader(plan, file, [], undefined, weightId, plausibility, keep);
  return reader.finish(plan, notes, plausibility.warnings());
}

/** Reads the part rows of one plan into columns. */
class RowReader {
  private count = 0;
  private readonly columns: readonly MeasureColumn[];
  private readonly kinds: Uint8Array;
  private readonly wholes: Float64Array;
  private readonly exacts: (Rational | null)[];
  /** per target: the measure column of a measure target, or the input columns of an indicator (-1: absent) */
  private readonly sources: readonly (number | readonly number[])[];
  private readonly inputs: readonly Float64Array[];
  private readonly values: Column<Float64Array>[];
  private readonly weights: Column<Float64Array> | undefined;
  private readonly weightIndex: number;
  private readonly yearOf = new Column((size) => new Uint16Array(size));
  private readonly yearIndex = new Map<string, number>();
  private readonly groupOf: Column<Uint32Array> | undefined;
  private readonly groupIndex = new Map<string, number>();
  private readonly extremes = new Map<number, Extremes[]>();
  /** the bucket of the row before: consecutive rows of one group and year (every row without --by) look up none */
  private lastKey = -1;
  private lastBucket: Extremes[] | undefined;
  private readonly lacking: NamedUnit[] = [];
  private readonly firstNegative: (NamedUnit | undefined)[];
  private readonly firstTooLarge: (NamedUnit | undefined)[];
  private readonly firstTooSmall: (NamedUnit | undefined)[];
  /** set by measureValue when an exact non-zero value became 0 or a subnormal as a double */
  private underflow = false;
  private firstNegativeWeight: NamedUnit | undefined;
  private firstTooLargeWeight: NamedUnit | undefined;
  private readonly exact: ExactUnit[] | undefined;

  constructor(
    private readonly plan: HeaderPlan,
    private readonly file: string,
    private readonly targets: readonly Target[],
    private readonly grouper: Grouper | undefined,
    weightId: string | undefined,
    private readonly plausibility: PlausibilityCheck,
    private readonly keep: CollectChoices,
  ) {
    this.columns = plan.measureColumns;
    this.kinds = new Uint8Array(this.columns.length);
    this.wholes = new Float64Array(this.columns.length);
    this.exacts = this.columns.map(() => null);
    // the last column of a measure is its value, as when values were looked up by measure id
    const columnOf = (id: string): number => {
      let found = -1;
      this.columns.forEach((column, index) => {
        if (column.measure.id === id) found = index;
      });
      return found;
    };
    this.sources = targets.map((target) => (target.kind === 'measure' ? columnOf(target.id) : inputsOf(target.indicator).map(columnOf)));
    this.inputs = targets.map((target) => new Float64Array(target.kind === 'measure' ? 0 : inputsOf(target.indicator).length));
    this.values = targets.map(() => float64());
    this.weightIndex = weightId === undefined ? -1 : this.columns.findIndex((column) => column.measure.id === weightId);
    this.weights = this.weightIndex === -1 ? undefined : float64();
    this.groupOf = grouper === undefined ? undefined : new Column((size) => new Uint32Array(size));
    this.firstNegative = targets.map(() => undefined);
    this.firstTooLarge = targets.map(() => undefined);
    this.firstTooSmall = targets.map(() => undefined);
    this.exact = keep.exact === true ? [] : undefined;
  }

  /** A row that is not a unit: its cells are still read by their column's rules (a bad cell is an error). */
  check(cells: readonly string[], line: number): void {
    for (const column of this.columns) if (column.index !== ROWS_ARE_INDEX) readCell(cells[column.index]!, column, this.file, line);
  }

  add(cells: string[], line: number, label: string | undefined): void {
    const unit = this.count;
    this.count += 1;
    this.readMeasures(cells, line);
    const year = this.plan.yearIndex === undefined ? undefined : normaliseYear(cells[this.plan.yearIndex]!);
    const yearAt = year === undefined ? 0 : this.indexOf(this.yearIndex, year);
    this.yearOf.push(yearAt);
    let group = 0;
    if (this.groupOf !== undefined) {
      group = this.indexOf(this.groupIndex, this.grouper!.groupOfCells(cells, label, line));
      this.groupOf.push(group);
    }
    const key = bucketKey(group, yearAt);
    let bucket = key === this.lastKey ? this.lastBucket : this.extremes.get(key);
    if (bucket !== undefined) {
      this.lastKey = key;
      this.lastBucket = bucket;
    }
    const name = (): NamedUnit => ({ unit, label: label ?? `line ${line}` });
    let lacks = false;
    for (let index = 0; index < this.targets.length; index += 1) {
      this.underflow = false;
      const value = this.targetValue(index, line, label, year);
      this.values[index]!.push(value);
      if ((this.underflow || (value !== 0 && Math.abs(value) < DOUBLE_SMALLEST)) && this.firstTooSmall[index] === undefined) this.firstTooSmall[index] = name();
      if (Number.isNaN(value)) {
        lacks = true;
        continue;
      }
      if ((value < 0 || Object.is(value, -0)) && this.firstNegative[index] === undefined) this.firstNegative[index] = name();
      if (!(Math.abs(value) <= DOUBLE_LARGEST) && this.firstTooLarge[index] === undefined) this.firstTooLarge[index] = name();
      bucket ??= this.newBucket(key);
      const extremes = bucket[index]!;
      if (Number.isNaN(extremes.min)) {
        extremes.min = value;
        extremes.max = value;
        extremes.minUnit = extremes.maxUnit = name();
      } else if (value < extremes.min) {
        extremes.min = value;
        extremes.minUnit = name();
      } else if (value > extremes.max) {
        extremes.max = value;
        extremes.maxUnit = name();
      }
    }
    if (this.weights !== undefined) {
      const weight = this.measureValue(this.weightIndex);
      this.weights.push(weight);
      if (Number.isNaN(weight)) lacks = true;
      else {
        if ((weight < 0 || Object.is(weight, -0)) && this.firstNegativeWeight === undefined) this.firstNegativeWeight = name();
        if (!(Math.abs(weight) <= DOUBLE_LARGEST) && this.firstTooLargeWeight === undefined) this.firstTooLargeWeight = name();
      }
    }
    if (lacks && this.keep.lacking !== false) this.lacking.push(name());
    if (this.exact !== undefined) this.exact.push({ label: label ?? `line ${line}`, values: this.exactValues() });
  }

  private newBucket(key: number): Extremes[] {
    const none: NamedUnit = { unit: -1, label: '' };
    const bucket = this.targets.map(() => ({ min: NaN, minUnit: none, max: NaN, maxUnit: none }));
    this.extremes.set(key, bucket);
    this.lastKey = key;
    this.lastBucket = bucket;
    return bucket;
  }

  private indexOf(table: Map<string, number>, name: string): number {
    let index = table.get(name);
    if (index === undefined) {
      index = table.size;
      table.set(name, index);
    }
    return index;
  }

  /** Every measure cell of the row: a plain whole number as a double, anything else by readCell's exact rules. */
  private readMeasures(cells: readonly string[], line: number): void {
    const { columns, kinds, wholes, exacts } = this;
    for (let index = 0; index < columns.length; index += 1) {
      const column = columns[index]!;
      if (column.index === ROWS_ARE_INDEX) {
        kinds[index] = WHOLE;
        wholes[index] = 1;
        continue;
      }
      const cell = cells[column.index]!;
      if (column.power10 === 0 ? PLAIN_INTEGER.test(cell) : column.power10 > 0 && scaledInteger(cell, column.power10) !== -1) {
        kinds[index] = WHOLE;
        wholes[index] = column.power10 === 0 ? Number(cell) : scaledInteger(cell, column.power10);
        continue;
      }
      const value = readCell(cell, column, this.file, line);
      exacts[index] = value;
      if (value === null) kinds[index] = MISSING;
      else if (value.d === 1n && value.n <= 9007199254740991n && value.n >= -9007199254740991n) {
        kinds[index] = WHOLE;
        wholes[index] = Number(value.n);
      } else kinds[index] = EXACT;
    }
  }

  /** A measure column's value as a double, NaN when missing or absent. */
  private measureValue(index: number): number {
    if (index === -1) return NaN;
    const kind = this.kinds[index]!;
    if (kind === WHOLE) return this.wholes[index]!;
    if (kind === MISSING) return NaN;
    const exact = this.exacts[index]!;
    const value = toNumber(exact);
    if (exact.n !== 0n && Math.abs(value) < DOUBLE_SMALLEST) this.underflow = true;
    return value;
  }

  private exactOf(index: number): Rational | null {
    const kind = this.kinds[index]!;
    return kind === WHOLE ? { n: BigInt(this.wholes[index]!), d: 1n } : kind === MISSING ? null : this.exacts[index]!;
  }

  private targetValue(index: number, line: number, label: string | undefined, year: string | undefined): number {
    const source = this.sources[index]!;
    if (typeof source === 'number') return this.measureValue(source);
    const target = this.targets[index]!;
    if (target.kind !== 'indicator') return NaN;
    const inputs = this.inputs[index]!;
    let whole = true;
    for (let at = 0; at < source.length; at += 1) {
      const column = source[at]!;
      const kind = column === -1 ? MISSING : this.kinds[column]!;
      if (kind === MISSING) return NaN;
      if (kind === EXACT) whole = false;
      else inputs[at] = this.wholes[column]!;
    }
    let value = whole ? evaluateNumbers(target.indicator, inputs) : undefined;
    if (value === undefined) {
      const values = new Map<string, Rational | null>();
      this.columns.forEach((column, at) => values.set(column.measure.id, this.exactOf(at)));
      const outcome = evaluate(target.indicator, values);
      value = 'value' in outcome ? toNumber(outcome.value) : null;
      if (value !== null && 'value' in outcome && outcome.value.n !== 0n && Math.abs(value) < DOUBLE_SMALLEST) this.underflow = true;
    }
    if (value === null) return NaN;
    this.plausibility.checkNumber(target.indicator, value, () => `${label ?? ''}${year ? ` ${year}` : ''} (line ${line})`, this.plan, this.file);
    return value;
  }

  private exactValues(): (Rational | null)[] {
    const values = new Map<string, Rational | null>();
    this.columns.forEach((column, at) => values.set(column.measure.id, this.exactOf(at)));
    return this.targets.map((target) => {
      if (target.kind === 'measure') return values.get(target.id) ?? null;
      const outcome = evaluate(target.indicator, values);
      return 'value' in outcome ? outcome.value : null;
    });
  }

  finish(plan: HeaderPlan, notes: readonly Note[], warnings: readonly string[]): UnitSet {
    const yearNames = this.plan.yearIndex === undefined ? [''] : [...this.yearIndex.keys()];
    const years = this.plan.yearIndex === undefined ? [] : [...yearNames]
      .sort((a, b) => (/^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a.localeCompare(b)));
    return {
      file: this.file, plan, targets: this.targets, count: this.count,
      values: this.values.map((column) => column.done()),
      weights: this.weights?.done(),
      yearOf: this.yearOf.done(), yearNames: yearNames.length === 0 ? [''] : yearNames, years,
      groupOf: this.groupOf?.done(), groupNames: [...this.groupIndex.keys()], grouper: this.grouper,
      extremes: this.extremes, lacking: this.lacking,
      firstNegative: this.firstNegative, firstTooLarge: this.firstTooLarge, firstTooSmall: this.firstTooSmall,
      firstNegativeWeight: this.firstNegativeWeight, firstTooLargeWeight: this.firstTooLargeWeight,
      exact: this.exact, notes, warnings,
    };
  }
}
