/**
 * The scan kernel (wasm/scan-kernel.ts, WebAssembly): the rows of a LineBlock whose texts were already read once
 * in place, summed in place without JavaScript touching them, one span of text columns at a time (see
 * table/rows.ts, kernelBlock). This is its JavaScript side: the module, compiled once a process, and one
 * instance a table. SVC_STATS_WASM=0 reads every line in JavaScript (the tests compare both ways).
 */
import { SCAN_KERNEL_WASM } from './scan-kernel-wasm.js';

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  readonly INPUT_CAP: WebAssembly.Global;
  layout(): number;
  init(width: number, spanTo: number, measures: number, unread: number, delimiter: number): void;
  measureColumnsAt(): number;
  measurePowersAt(): number;
  unreadColumnsAt(): number;
  inputAt(): number;
  spanStateAt(): number;
  sumsAt(): number;
  countsAt(): number;
  spanTotal(): number;
  handedLineStart(): number;
  handedLineEnd(): number;
  handedSpanId(): number;
  maxColumns(): number;
  maxWidth(): number;
  takeLastSpan(): number;
  takeLinesRead(): number;
  feed(length: number): void;
  seek(offset: number): void;
  scan(): number;
}

/** What scan stopped for (see wasm/scan-kernel.ts). */
export const SCAN_DONE = 0;
export const SCAN_HANDED = 1;
export const SCAN_FULL = 2;
export const SCAN_FOLD = 3;

/** How the kernel treats the rows of a span, as JavaScript decided on its first row. */
export const SPAN_UNDECIDED = 0;
export const SPAN_SUMMED = 1;
export const SPAN_SKIPPED = 2;
export const SPAN_HANDED = 3;

/** The columns of a table the kernel reads. */
export interface KernelShape {
  readonly width: number;
  /** the last text column: the span runs from the first cell to its end */
  readonly spanTo: number;
  /** the measure columns it reads, with the power of ten of each (scaledIntegerIn) */
  readonly measures: readonly { readonly index: number; readonly power10: number }[];
  /** code columns nothing reads, checked to be printable ASCII */
  readonly unread: readonly number[];
  readonly delimiter: string;
}

let compiled: WebAssembly.Module | undefined;
const MAX_SUM_COLUMNS = 16;
const MAX_WIDTH = 64;

export class ScanKernel {
  private readonly exports: KernelExports;
  private readonly capacity: number;
  private readonly measureCount: number;

  private constructor(shape: KernelShape) {
    compiled ??= new WebAssembly.Module(Buffer.from(SCAN_KERNEL_WASM, 'base64'));
    this.exports = new WebAssembly.Instance(compiled, {}).exports as unknown as KernelExports;
    const k = this.exports;
    // the limits `of` checks are the module's own (fold reads its sums with a stride of MAX_SUM_COLUMNS)
    if (k.maxColumns() !== MAX_SUM_COLUMNS || k.maxWidth() !== MAX_WIDTH) throw new Error('the scan kernel was built with other limits');
    k.layout();
    this.capacity = k.INPUT_CAP.value as number;
    const words = new Int32Array(k.memory.buffer);
    shape.measures.forEach((measure, at) => {
      words[(k.measureColumnsAt() >> 2) + at] = measure.index;
      words[(k.measurePowersAt() >> 2) + at] = measure.power10;
    });
    shape.unread.forEach((index, at) => (words[(k.unreadColumnsAt() >> 2) + at] = index));
    k.init(shape.width, shape.spanTo, shape.measures.length, shape.unread.length, shape.delimiter.charCodeAt(0));
    this.measureCount = shape.measures.length;
  }

  /** A kernel for tables of this shape, or undefined when the shape is beyond it (then JavaScript reads every line). */
  static of(shape: KernelShape): ScanKernel | undefined {
    if (process.env['SVC_STATS_WASM'] === '0') return undefined;
    const code = shape.delimiter.length === 1 ? shape.delimiter.charCodeAt(0) : -1;
    if (code < 0 || code >= 0x80 || code === 0x0a || code === 0x0d || code === 0x22) return undefined;
    if (shape.width > MAX_WIDTH || shape.measures.length === 0 || shape.measures.length > MAX_SUM_COLUMNS || shape.unread.length > MAX_SUM_COLUMNS) return undefined;
    if (shape.measures.some((measure) => measure.index <= shape.spanTo || !(measure.power10 >= 0 && measure.power10 <= 15))) return undefined;
    return new ScanKernel(shape);
  }

  /** A block's byte string put in (a line feed added after a last line without one); false when it is too long. */
  put(text: string): boolean {
    const k = this.exports;
    const length = text.length + (text.endsWith('\n') ? 0 : 1);
    if (length > this.capacity) return false;
    const bytes = Buffer.from(k.memory.buffer, k.inputAt(), length);
    bytes.write(text, 0, 'latin1');
    bytes[length - 1] = 0x0a;
    k.feed(length);
    return true;
  }

  scan(): number {
    return this.exports.scan();
  }

  /** The line handed over: its bounds in the block's text, and its span (or -1). */
  get handedStart(): number {
    return this.exports.handedLineStart();
  }

  get handedEnd(): number {
    return this.exports.handedLineEnd();
  }

  get handedSpan(): number {
    return this.exports.handedSpanId();
  }

  /** The scan goes on from this offset of the block's text (a line start). */
  seek(offset: number): void {
    this.exports.seek(offset);
  }

  /** The span of the last row the kernel read since the last call, or -1. */
  takeLastSpan(): number {
    return this.exports.takeLastSpan();
  }

  /** Lines the kernel read (summed or skipped) since the last call. */
  takeLinesRead(): number {
    return this.exports.takeLinesRead();
  }

  stateOf(span: number): number {
    return new Uint8Array(this.exports.memory.buffer, this.exports.spanStateAt() + span, 1)[0]!;
  }

  decide(span: number, state: number): void {
    new Uint8Array(this.exports.memory.buffer, this.exports.spanStateAt() + span, 1)[0] = state;
  }

  /**
   * The rows summed since the last call, for each span in `spans`: its row count and its sums (per measure the
   * kernel reads, exact), handed to `each`; the kernel's counts and sums zeroed.
   */
  fold(spans: Iterable<number>, each: (span: number, count: number, sums: readonly bigint[]) => void): void {
    const k = this.exports;
    const counts = new Int32Array(k.memory.buffer, k.countsAt(), k.spanTotal());
    const sums = new BigInt64Array(k.memory.buffer, k.sumsAt());
    for (const span of spans) {
      const count = counts[span]!;
      if (count === 0) continue;
      const base = span * MAX_SUM_COLUMNS;
      const values: bigint[] = [];
      for (let at = 0; at < this.measureCount; at += 1) {
        values.push(sums[base + at]!);
        sums[base + at] = 0n;
      }
      counts[span] = 0;
      each(span, count, values);
    }
  }
}
