/**
 * `--by`: one pass over the input keeping only per-group sums of each measure, so memory does not grow with the
 * number of rows. National/total rows and "of which" rows are kept out of every group and reported.
 *
 * The hot loop reads raw cells: a plain integer cell is added as a double while the sum stays below 2^53 (exact),
 * anything else goes through readCell's exact rationals and checks. Large files without quotes are cut at line
 * ends into byte ranges summed in parallel on worker threads (see aggregate-worker.ts).
 */
import { availableParallelism } from 'node:os';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { SvcError } from '../errors.js';
import type { Rational } from '../exact/rational.js';
import { ZERO, add, fromBigInt } from '../exact/rational.js';
import type { HeaderPlan } from '../io/headers.js';
import { ROWS_ARE_INDEX } from '../io/headers.js';
import type { ByteRange, DataRow, ReadOptions } from '../io/reader.js';
import { displayName, readCell, rowLabel, scanCells } from '../io/reader.js';
import type { Encoding } from '../io/encoding.js';
import { detectEncoding } from '../io/encoding.js';
import type { Grouper } from './grouping.js';
import { labelRole, makeGrouper, rowRole } from './grouping.js';
import type { RegionScheme } from './regions.js';

/** The sums of one group; plain data, so that it crosses to and from worker threads. */
export interface GroupSums {
  readonly group: string;
  units: number;
  /** per measure column: the sum of plain integer cells, exact while below 2^53 */
  readonly small: number[];
  /** per measure column: the sum of every other value */
  readonly big: Rational[];
  /** per measure column: how many units lack a value, and the first few of them */
  readonly missingCount: number[];
  readonly missingSample: string[][];
}

export interface ExcludedRow {
  readonly label: string;
  readonly line: number;
  readonly role: 'total' | 'of-which';
}

export interface Aggregation {
  readonly file: string;
  readonly plan: HeaderPlan;
  /** groups in display order */
  readonly groups: readonly GroupSums[];
  /** every part row together, for --totals */
  readonly all: GroupSums;
  /** rows kept out: total and "of which" rows */
  readonly excluded: readonly ExcludedRow[];
}

const MISSING_SAMPLE = 5;
const PLAIN_INTEGER = /^\d{1,15}$/;

export function emptySums(group: string, measures: number): GroupSums {
  return {
    group,
    units: 0,
    small: new Array<number>(measures).fill(0),
    big: new Array<Rational>(measures).fill(ZERO),
    missingCount: new Array<number>(measures).fill(0),
    missingSample: Array.from({ length: measures }, () => []),
  };
}

export function addValue(target: GroupSums, index: number, value: Rational | null, label: string): void {
  if (value === null) {
    target.missingCount[index] = target.missingCount[index]! + 1;
    if (target.missingSample[index]!.length < MISSING_SAMPLE) target.missingSample[index]!.push(label);
  } else {
    target.big[index] = add(target.big[index]!, value);
  }
}

function addSmall(target: GroupSums, index: number, value: number): void {
  const sum = target.small[index]! + value;
  if (sum <= Number.MAX_SAFE_INTEGER) {
    target.small[index] = sum;
  } else {
    // beyond 2^53 a double is no longer exact: carry into the BigInt sum
    target.big[index] = add(target.big[index]!, fromBigInt(BigInt(target.small[index]!) + BigInt(value)));
    target.small[index] = 0;
  }
}

/** The exact total of a group's measure column. */
export function sumOf(sums: GroupSums, index: number): Rational {
  const small = sums.small[index]!;
  return small === 0 ? sums.big[index]! : add(sums.big[index]!, fromBigInt(BigInt(small)));
}

function mergeInto(target: GroupSums, source: GroupSums): void {
  target.units += source.units;
  source.small.forEach((value, index) => addSmall(target, index, value));
  source.big.forEach((value, index) => (target.big[index] = add(target.big[index]!, value)));
  source.missingCount.forEach((count, index) => (target.missingCount[index] = target.missingCount[index]! + count));
  source.missingSample.forEach((labels, index) => {
    const sample = target.missingSample[index]!;
    for (const label of labels) if (sample.length < MISSING_SAMPLE) sample.push(label);
  });
}

/** The sums of the part rows of a table read whole (total and "of which" rows left out), for --totals. */
export function sumParts(rows: readonly DataRow[], measureCount: number, group: string): GroupSums {
  const sums = emptySums(group, measureCount);
  for (const row of rows) {
    if (rowRole(row) !== 'part') continue;
    sums.units += 1;
    row.values.forEach((value, index) => addValue(sums, index, value, row.label ?? `line ${row.line}`));
  }
  return sums;
}

/** What a byte range of the input sums to: the groups in order of first appearance. */
export interface PartialAggregation {
  readonly plan: HeaderPlan;
  readonly groups: GroupSums[];
  readonly excluded: ExcludedRow[];
}

/** Sum one input (or one byte range of it) group by group. */
export async function aggregatePart(source: string, options: ReadOptions, by: string, scheme: RegionScheme): Promise<PartialAggregation> {
  const file = displayName(source);
  const groups = new Map<string, GroupSums>();
  const excluded: ExcludedRow[] = [];
  let grouper: Grouper | undefined;
  const { plan } = await scanCells(source, { ...options, groupColumn: by }, (cells, line, rowPlan) => {
    grouper ??= makeGrouper(rowPlan, by, scheme, file);
    const label = rowLabel(cells, rowPlan, file, line);
    const role = labelRole(label);
    if (role !== 'part') {
      excluded.push({ label: label ?? '', line, role });
      return;
    }
    const key = grouper.groupOfCells(cells, label, line);
    let sums = groups.get(key);
    if (sums === undefined) {
      sums = emptySums(key, rowPlan.measureColumns.length);
      groups.set(key, sums);
    }
    sums.units += 1;
    const columns = rowPlan.measureColumns;
    for (let index = 0; index < columns.length; index += 1) {
      const column = columns[index]!;
      if (column.index === ROWS_ARE_INDEX) {
        addSmall(sums, index, 1);
        continue;
      }
      const cell = cells[column.index]!;
      if (column.power10 === 0 && PLAIN_INTEGER.test(cell)) addSmall(sums, index, Number(cell));
      else addValue(sums, index, readCell(cell, column, file, line), label ?? `line ${line}`);
    }
  });
  return { plan, groups: [...groups.values()], excluded };
}

export async function aggregate(source: string, options: ReadOptions, by: string, scheme: RegionScheme): Promise<Aggregation> {
  const file = displayName(source);
  const parallel = parallelRanges(source, options);
  const parts = parallel === undefined
    ? [await aggregatePart(source, options, by, scheme)]
    : await aggregateInParallel(source, { ...options, encoding: parallel.encoding }, by, scheme, parallel.ranges);
  const plan = parts[0]!.plan;
  const merged = new Map<string, GroupSums>();
  for (const part of parts) {
    for (const group of part.groups) {
      const target = merged.get(group.group);
      if (target === undefined) merged.set(group.group, group);
      else mergeInto(target, group);
    }
  }
  const grouper = makeGrouper(plan, by, scheme, file);
  const groups = grouper.order(merged.keys()).map((key) => merged.get(key)!);
  const all = emptySums('', plan.measureColumns.length);
  for (const group of groups) mergeInto(all, group);
  return { file, plan, groups, all, excluded: parts.flatMap((part) => part.excluded) };
}

/** Below this size one thread is faster than starting workers. */
const PARALLEL_MIN_BYTES = 16 << 20;

/**
 * Byte ranges cut just after line feeds, one per thread, or undefined when the input must be read in one pass:
 * standard input, a small file, UTF-16, or any double quote in the file (a quoted cell may hold a line break,
 * so a cut could fall inside a record). One fast scan for the quote decides.
 */
function parallelRanges(source: string, options: ReadOptions): { ranges: ByteRange[]; encoding: Encoding } | undefined {
  const threads = Number(process.env['SVC_STATS_THREADS']) || Math.min(availableParallelism(), 8);
  if (source === '-' || threads < 2 || options.encoding === 'utf16le') return undefined;
  let size: number;
  try {
    size = statSync(source).size;
  } catch {
    return undefined; // the reader reports it
  }
  if (size < PARALLEL_MIN_BYTES) return undefined;
  const descriptor = openSync(source, 'r');
  try {
    const block = Buffer.allocUnsafe(1 << 20);
    const read = (position: number): Buffer => block.subarray(0, readSync(descriptor, block, 0, block.length, position));
    const head = read(0);
    // the encoding is decided once, here, as the reader would on the same first block, and given to every range
    let encoding: Encoding;
    try {
      encoding = detectEncoding(head, options.encoding).encoding;
    } catch {
      return undefined; // the reader reports it
    }
    if (encoding === 'utf16le') return undefined;
    const headerLineFeed = head.indexOf(0x0a);
    if (headerLineFeed === -1) return undefined;
    for (let position = 0; position < size; position += block.length) {
      if (read(position).indexOf(0x22) !== -1) return undefined;
    }
    const headerEnd = headerLineFeed + 1;
    const cuts = [headerEnd];
    for (let thread = 1; thread < threads; thread += 1) {
      const target = Math.max(cuts[cuts.length - 1]!, headerEnd + Math.floor(((size - headerEnd) * thread) / threads));
      const bytes = read(target);
      const lineFeed = bytes.indexOf(0x0a);
      if (lineFeed === -1) break; // a line longer than a block: fewer ranges
      cuts.push(target + lineFeed + 1);
    }
    cuts.push(size);
    const ranges: ByteRange[] = [];
    for (let index = 0; index + 1 < cuts.length; index += 1) {
      if (cuts[index + 1]! > cuts[index]!) ranges.push({ headerEnd, start: cuts[index]!, end: cuts[index + 1]! });
    }
    return ranges.length > 1 ? { ranges, encoding } : undefined;
  } finally {
    closeSync(descriptor);
  }
}

interface WorkerReply {
  readonly result?: PartialAggregation;
  readonly error?: { code: SvcError['code']; message: string; location: SvcError['location']; hint: string | undefined };
  readonly crash?: string;
}

/**
 * A small young generation for workers: their garbage is short-lived records, and V8's default lets each
 * thread's heap grow past what the whole run needs (peak RSS 189 MiB with defaults, 141 MiB with 4 MiB).
 */
const WORKER_YOUNG_GENERATION_MB = 4;

/** Every range on a worker (whose heap can be limited, unlike this thread's); errors placed at their line in the whole file. */
async function aggregateInParallel(
  source: string,
  options: ReadOptions,
  by: string,
  scheme: RegionScheme,
  ranges: readonly ByteRange[],
): Promise<PartialAggregation[]> {
  const { stdin: _stdin, ...plainOptions } = options;
  const { Worker } = await import('node:worker_threads');
  const started: InstanceType<typeof Worker>[] = [];
  const workers = ranges.map((range) => new Promise<PartialAggregation>((resolve, reject) => {
    const worker = new Worker(new URL('./aggregate-worker.js', import.meta.url), {
      workerData: { source, options: { ...plainOptions, range }, by, scheme },
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    started.push(worker);
    worker.once('message', (reply: WorkerReply) => {
      if (reply.result !== undefined) resolve(reply.result);
      else if (reply.error !== undefined) reject(shiftError(reply.error, source, range));
      else reject(new Error(reply.crash ?? 'a worker thread failed'));
    });
    worker.once('error', reject);
  }));
  try {
    const parts = await Promise.all(workers);
    // rows kept out were numbered within their range: number them in the whole file
    parts.forEach((part, index) => {
      const range = ranges[index]!;
      if (part.excluded.length === 0 || range.start === range.headerEnd) return;
      const shift = countLineFeedsBefore(source, range.start) - 1;
      part.excluded.forEach((row, at) => (part.excluded[at] = { ...row, line: row.line + shift }));
    });
    return parts;
  } finally {
    // on success they are done; on an error the others' work is moot
    for (const worker of started) void worker.terminate();
  }
}

/** A worker reads the header then its range: its line numbers past the header are shifted to the file's. */
function shiftError(error: NonNullable<WorkerReply['error']>, source: string, range: ByteRange): SvcError {
  const { line } = error.location;
  if (line === undefined || line <= 1) return new SvcError(error.code, error.message, error.location, error.hint);
  const linesBefore = countLineFeedsBefore(source, range.start);
  return new SvcError(error.code, error.message, { ...error.location, line: line - 1 + linesBefore }, error.hint);
}

function countLineFeedsBefore(source: string, end: number): number {
  const descriptor = openSync(source, 'r');
  try {
    const block = Buffer.allocUnsafe(1 << 20);
    let count = 0;
    for (let position = 0; position < end; position += block.length) {
      const bytes = block.subarray(0, readSync(descriptor, block, 0, Math.min(block.length, end - position), position));
      for (let index = bytes.indexOf(0x0a); index !== -1; index = bytes.indexOf(0x0a, index + 1)) count += 1;
    }
    return count;
  } finally {
    closeSync(descriptor);
  }
}

/** Measure id → group sum, or null when some unit of the group lacks the measure (a partial sum would mislead). */
export function groupValues(plan: HeaderPlan, sums: GroupSums): Map<string, Rational | null> {
  const values = new Map<string, Rational | null>();
  plan.measureColumns.forEach((column, index) => {
    values.set(column.measure.id, sums.missingCount[index]! > 0 ? null : sumOf(sums, index));
  });
  return values;
}

/** One line for stderr about the rows kept out of the groups, or undefined when there were none. */
export function describeExcluded(aggregation: Aggregation): string | undefined {
  if (aggregation.excluded.length === 0) return undefined;
  const shown = aggregation.excluded.slice(0, 10)
    .map((row) => `${row.label} (line ${row.line}, ${row.role === 'total' ? 'a national/total row' : 'an "of which" row'})`);
  const more = aggregation.excluded.length > 10 ? `; and ${aggregation.excluded.length - 10} more` : '';
  return `${aggregation.file}: kept out of the groups, not summed: ${shown.join('; ')}${more}`;
}

/** One line for stderr about group sums left missing, or undefined. */
export function describeIncomplete(plan: HeaderPlan, sums: readonly GroupSums[]): string | undefined {
  const parts: string[] = [];
  for (const group of sums) {
    plan.measureColumns.forEach((column, index) => {
      const count = group.missingCount[index]!;
      if (count === 0) return;
      const sample = group.missingSample[index]!;
      parts.push(`${group.group || 'total'} ${column.measure.id} (${sample.join(', ')}${count > sample.length ? `, … ${count} in all` : ''})`);
    });
  }
  return parts.length === 0 ? undefined : `group sums left missing because some units lack a value: ${parts.join('; ')}`;
}
