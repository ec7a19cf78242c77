// The scan kernel of `--by` (AssemblyScript, built by scripts/build-kernel.mjs into src/table/scan-kernel-wasm.ts).
//
// It reads the rows of a LineBlock (table/rows.ts) in place, as fastLine would, and only the rows JavaScript has
// already read once: the bytes of a block are put in, and for each line it finds the cells (16 bytes at a time),
// checks the width, interns the span of the text columns (the bytes from the first cell to the last text
// column: `北京,东部,北京3市`) as a span id, and when JavaScript has decided that span's rows are summed in place,
// checks the unread code columns and reads the measure cells as scaledIntegerIn does (engine/sums.ts), adding
// them into the span's sums. Any other line stops the scan and is handed to JavaScript, which reads it the way
// it reads every line (its rules and messages) and decides its span; the scan then goes on after it. So the
// lines are read in order, and nothing here decides a rule: a span the kernel sums is one whose first row
// JavaScript summed in place.
//
// Memory: fixed regions from __heap_base (set up by init), about 12 MiB, touched only as far as used.

const MAX_WIDTH: i32 = 64;
const MAX_COLUMNS: i32 = 16;
/** distinct spans kept; past them the scan stops for good (a register of unique names: JavaScript reads it) */
const SPAN_CAP: i32 = 16384;
const SPAN_SLOTS: i32 = SPAN_CAP * 2;
const SPAN_ARENA: i32 = 2 << 20;
/** the largest block put in (LineBlocks are about 1 MiB) */
export const INPUT_CAP: i32 = 8 << 20;
/** a span's sum of a measure past this is handed over before it could overflow (JavaScript folds the sums) */
const SUM_LIMIT: i64 = 1 << 62;

// span states, set by JavaScript
const UNDECIDED: u8 = 0;
const SUMMED: u8 = 1;
const SKIPPED: u8 = 2; // rows of another year than --year: read, not summed

// ---- regions (init)
let cellStart: usize = 0; // i32[MAX_WIDTH]
let cellEnd: usize = 0;
let measureColumns: usize = 0; // i32[MAX_COLUMNS]
let measurePowers: usize = 0; // i32[MAX_COLUMNS]
let unreadColumns: usize = 0; // i32[MAX_COLUMNS]
let values: usize = 0; // i64[MAX_COLUMNS]: a row's values before they are added
let input: usize = 0; // INPUT_CAP + 32 bytes of padding
let spanTable: usize = 0; // i32[SPAN_SLOTS]: span id + 1, 0 empty
let spanHash: usize = 0; // u32[SPAN_CAP]
let spanOffset: usize = 0; // i32[SPAN_CAP] into spanBytes
let spanLength: usize = 0; // i32[SPAN_CAP]
let spanState: usize = 0; // u8[SPAN_CAP]
let spanBytes: usize = 0; // SPAN_ARENA
let sums: usize = 0; // i64[SPAN_CAP * MAX_COLUMNS]
let counts: usize = 0; // i32[SPAN_CAP]: rows summed since the last fold

// ---- configuration
let width: i32 = 0;
let spanTo: i32 = 0;
let measureCount: i32 = 0;
let unreadCount: i32 = 0;
let delimiter: i32 = 0x2c;

// ---- state
let spanCount: i32 = 0;
let spanUsed: i32 = 0;
let position: usize = 0; // the next line's first byte
let limit: usize = 0; // the end of the bytes put in
let lineStart: usize = 0; // the line handed over
let lineEnd: usize = 0;
let handedSpan: i32 = -1;
let lastSpan: i32 = -1; // the span of the last row read here since JavaScript last asked
let linesRead: i32 = 0; // lines read here since JavaScript last asked (summed or skipped)

function place(at: usize, bytes: usize): usize {
  return (at + bytes + 15) & ~15;
}

/**
 * The configuration, once layout() has placed the regions and the columns' indices and powers are written there
 * (an instance reads one table: its memory starts zeroed).
 */
export function init(columns: i32, to: i32, measures: i32, unread: i32, separator: i32): void {
  width = columns;
  spanTo = to;
  measureCount = measures;
  unreadCount = unread;
  delimiter = separator;
  spanCount = 0;
  spanUsed = 0;
  position = input;
  limit = input;
  handedSpan = -1;
  lastSpan = -1;
  linesRead = 0;
}

/** Lays out the regions (once, before init): the memory they need. */
export function layout(): usize {
  let at: usize = (__heap_base + 15) & ~15;
  cellStart = at; at = place(at, MAX_WIDTH * 4);
  cellEnd = at; at = place(at, MAX_WIDTH * 4);
  measureColumns = at; at = place(at, MAX_COLUMNS * 4);
  measurePowers = at; at = place(at, MAX_COLUMNS * 4);
  unreadColumns = at; at = place(at, MAX_COLUMNS * 4);
  values = at; at = place(at, MAX_COLUMNS * 8);
  spanTable = at; at = place(at, SPAN_SLOTS * 4);
  spanHash = at; at = place(at, SPAN_CAP * 4);
  spanOffset = at; at = place(at, SPAN_CAP * 4);
  spanLength = at; at = place(at, SPAN_CAP * 4);
  spanState = at; at = place(at, SPAN_CAP);
  counts = at; at = place(at, SPAN_CAP * 4);
  sums = at; at = place(at, SPAN_CAP * MAX_COLUMNS * 8);
  spanBytes = at; at = place(at, SPAN_ARENA);
  input = at; at = place(at, INPUT_CAP + 32);
  const have = <usize>memory.size() << 16;
  if (at > have && memory.grow(<i32>((at - have + 0xffff) >> 16)) < 0) unreachable();
  return at;
}

export function measureColumnsAt(): usize { return measureColumns; }
export function measurePowersAt(): usize { return measurePowers; }
export function unreadColumnsAt(): usize { return unreadColumns; }
export function inputAt(): usize { return input; }
export function spanStateAt(): usize { return spanState; }
export function sumsAt(): usize { return sums; }
export function countsAt(): usize { return counts; }
export function spanTotal(): i32 { return spanCount; }
export function handedLineStart(): i32 { return <i32>(lineStart - input); }
export function handedLineEnd(): i32 { return <i32>(lineEnd - input); }
export function handedSpanId(): i32 { return handedSpan; }
export function maxColumns(): i32 { return MAX_COLUMNS; }
export function maxWidth(): i32 { return MAX_WIDTH; }

/** The span of the last row read here since the last call, or -1; the count of lines read here; both reset. */
export function takeLastSpan(): i32 {
  const span = lastSpan;
  lastSpan = -1;
  return span;
}
export function takeLinesRead(): i32 {
  const lines = linesRead;
  linesRead = 0;
  return lines;
}

/** `length` bytes were put in at inputAt(), ending in a line feed: the lines are read from the first. */
export function feed(length: i32): void {
  position = input;
  limit = input + <usize>length;
}

/** The scan goes on from `offset` of the bytes put in (a line start): JavaScript has read the lines before it. */
export function seek(offset: i32): void {
  position = input + <usize>offset;
}

const FEED = i8x16.splat(0x0a);
const QUOTE = i8x16.splat(0x22);
const RETURN = i8x16.splat(0x0d);

/**
 * Reads lines until one is handed over. 0: all lines read; 1: the line from handedLineStart to handedLineEnd is
 * JavaScript's (handedSpanId its span, or -1), then seek past it; 2: the table of spans is full: JavaScript reads
 * the rest from handedLineStart, the kernel's part is over; 3: a span's sum would grow too large: JavaScript
 * folds the sums (counts zeroed) and calls scan again.
 */
export function scan(): i32 {
  const separator = i8x16.splat(<i8>delimiter);
  while (position < limit) {
    const start = position;
    let cell: i32 = 0;
    let bad = false;
    store<i32>(cellStart, <i32>(start - input));
    let end: usize = 0;
    let at = start;
    // the cells' bounds, to the line feed (a quote or a carriage return: not a line of a LineBlock, handed over)
    while (end == 0) {
      const chunk = v128.load(at);
      let mask: i32 = i8x16.bitmask(v128.or(v128.or(i8x16.eq(chunk, separator), i8x16.eq(chunk, FEED)),
        v128.or(i8x16.eq(chunk, QUOTE), i8x16.eq(chunk, RETURN))));
      while (mask != 0) {
        const p = at + <usize>ctz(mask);
        mask &= mask - 1;
        if (p >= limit) {
          end = limit; // the bytes put in end in a line feed; this is only for safety
          break;
        }
        const byte = <i32>load<u8>(p);
        if (byte == delimiter) {
          if (cell < MAX_WIDTH) store<i32>(cellEnd + (<usize>cell << 2), <i32>(p - input));
          cell += 1;
          if (cell < MAX_WIDTH) store<i32>(cellStart + (<usize>cell << 2), <i32>(p + 1 - input));
        } else if (byte == 0x0a) {
          end = p;
          break;
        } else bad = true;
      }
      at += 16;
      if (end == 0 && at >= limit) end = limit;
    }
    if (cell < MAX_WIDTH) store<i32>(cellEnd + (<usize>cell << 2), <i32>(end - input));
    lineStart = start;
    lineEnd = end;
    if (bad || cell + 1 != width || end == limit) return hand(-1);
    const spanEnd = input + <usize>load<i32>(cellEnd + (<usize>spanTo << 2));
    const id = findSpan(start, <i32>(spanEnd - start));
    if (id == -2) return 2;
    const state = load<u8>(spanState + <usize>id);
    if (state == UNDECIDED || !plainUnread()) return hand(id);
    // a skipped row is read as far as a summed one: its measure cells hold data (fastLine's hasData)
    if (!readMeasures()) return hand(id);
    if (state == SKIPPED) {
      lastSpan = id;
      linesRead += 1;
      position = end + 1;
      continue;
    }
    if (state != SUMMED) return hand(id);
    const base = sums + ((<usize>id * <usize>MAX_COLUMNS) << 3);
    for (let m: i32 = 0; m < measureCount; m++) {
      if (load<i64>(base + (<usize>m << 3)) >= SUM_LIMIT) return 3;
    }
    for (let m: i32 = 0; m < measureCount; m++) {
      const slot = base + (<usize>m << 3);
      store<i64>(slot, load<i64>(slot) + load<i64>(values + (<usize>m << 3)));
    }
    const count = counts + (<usize>id << 2);
    store<i32>(count, load<i32>(count) + 1);
    lastSpan = id;
    linesRead += 1;
    position = end + 1;
  }
  return 0;
}

function hand(span: i32): i32 {
  handedSpan = span;
  return 1;
}

/** 10^0 … 10^15 */
function powerOfTen(power: i32): i64 {
  let value: i64 = 1;
  for (let i: i32 = 0; i < power; i++) value *= 10;
  return value;
}

/** The measure cells into `values`, as scaledIntegerIn reads them (engine/sums.ts); false when one is not so. */
function readMeasures(): bool {
  for (let m: i32 = 0; m < measureCount; m++) {
    const column = <usize>load<i32>(measureColumns + (<usize>m << 2));
    const power = load<i32>(measurePowers + (<usize>m << 2));
    const from = input + <usize>load<i32>(cellStart + (column << 2));
    const to = input + <usize>load<i32>(cellEnd + (column << 2));
    const length = <i32>(to - from);
    if (length == 0 || length > 16) return false;
    let whole: i64 = 0;
    let p = from;
    let byte: u32 = 0;
    for (; p < to; p++) {
      byte = <u32>load<u8>(p);
      if (byte - 0x30 > 9) break;
      whole = whole * 10 + <i64>(byte - 0x30);
    }
    const digits = <i32>(p - from);
    if (digits == 0 || digits + power > 15) return false;
    if (p == to) {
      store<i64>(values + (<usize>m << 3), whole * powerOfTen(power));
      continue;
    }
    if (byte != 0x2e) return false; // '.'
    const decimals = <i32>(to - p) - 1;
    if (decimals == 0 || decimals > power) return false;
    let fraction: i64 = 0;
    for (p += 1; p < to; p++) {
      const digit = <u32>load<u8>(p) - 0x30;
      if (digit > 9) return false;
      fraction = fraction * 10 + <i64>digit;
    }
    store<i64>(values + (<usize>m << 3), whole * powerOfTen(power) + fraction * powerOfTen(power - decimals));
  }
  return true;
}

/** The code columns nothing reads: printable ASCII without blanks (isPlainAscii of table/rows.ts). */
function plainUnread(): bool {
  for (let u: i32 = 0; u < unreadCount; u++) {
    const column = <usize>load<i32>(unreadColumns + (<usize>u << 2));
    const from = input + <usize>load<i32>(cellStart + (column << 2));
    const to = input + <usize>load<i32>(cellEnd + (column << 2));
    if (to <= from) return false;
    for (let p = from; p < to; p++) {
      const byte = load<u8>(p);
      if (byte <= 0x20 || byte >= 0x7f) return false;
    }
  }
  return true;
}

/** MurmurHash3 (x86, 32 bits). */
@inline function hashBytes(from: usize, length: i32): u32 {
  let hash: u32 = 0x2545f491;
  let p = from;
  const end = from + <usize>length;
  while (p + 4 <= end) {
    let word = load<u32>(p) * 0xcc9e2d51;
    word = rotl<u32>(word, 15) * 0x1b873593;
    hash = rotl<u32>(hash ^ word, 13) * 5 + 0xe6546b64;
    p += 4;
  }
  let tail: u32 = 0;
  let shift: u32 = 0;
  while (p < end) {
    tail |= <u32>load<u8>(p) << shift;
    shift += 8;
    p += 1;
  }
  if (shift != 0) hash ^= rotl<u32>(tail * 0xcc9e2d51, 15) * 0x1b873593;
  hash ^= <u32>length;
  hash ^= hash >> 16;
  hash *= 0x85ebca6b;
  hash ^= hash >> 13;
  hash *= 0xc2b2ae35;
  hash ^= hash >> 16;
  return hash;
}

/** The span's id (a new one UNDECIDED); -2 when no room is left. */
function findSpan(from: usize, length: i32): i32 {
  const hash = hashBytes(from, length);
  const mask = SPAN_SLOTS - 1;
  for (let slot = <i32>(hash & <u32>mask); ; slot = (slot + 1) & mask) {
    const entry = load<i32>(spanTable + (<usize>slot << 2));
    if (entry == 0) {
      if (spanCount >= SPAN_CAP || spanUsed + length > SPAN_ARENA) return -2;
      const id = spanCount;
      spanCount += 1;
      memory.copy(spanBytes + <usize>spanUsed, from, length);
      store<u32>(spanHash + (<usize>id << 2), hash);
      store<i32>(spanOffset + (<usize>id << 2), spanUsed);
      store<i32>(spanLength + (<usize>id << 2), length);
      store<u8>(spanState + <usize>id, UNDECIDED);
      spanUsed += length;
      store<i32>(spanTable + (<usize>slot << 2), id + 1);
      return id;
    }
    const id = entry - 1;
    if (load<u32>(spanHash + (<usize>id << 2)) != hash || load<i32>(spanLength + (<usize>id << 2)) != length) continue;
    if (same(spanBytes + <usize>load<i32>(spanOffset + (<usize>id << 2)), from, length)) return id;
  }
  return -2; // not reached
}

/** Whether `length` bytes at `a` and `b` are the same, 8 at a time. */
@inline function same(a: usize, b: usize, length: i32): bool {
  let at: usize = 0;
  const end = <usize>length;
  while (at + 8 <= end) {
    if (load<u64>(a + at) != load<u64>(b + at)) return false;
    at += 8;
  }
  while (at < end) {
    if (load<u8>(a + at) != load<u8>(b + at)) return false;
    at += 1;
  }
  return true;
}
