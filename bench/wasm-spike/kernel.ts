// A scan kernel for `coverage --by` (issue 23 item 2), in AssemblyScript with SIMD: a spike, not the product.
//
// Bytes of CSV lines go in (read straight into this module's memory); for each line it finds the cells (16 bytes
// at a time), checks the width, interns the span of the text columns (the bytes from the first text column to the
// last: `北京,东部,北京3市`) as a span id, reads the measure cells as unsigned integers and adds them into the span's
// sums (i64). JavaScript decides everything about a span once, when it is new (the kernel stops and hands it
// over): its text (decoded there, so UTF-8 and GB18030 are alike here: no byte of `,` `"` or a line feed occurs
// inside a character of either), its group, whether its rows may be read in place (the rules of rows.ts), and
// its unit (spans that name one unit share a unit id). A line the kernel does not read (another width, a quote
// inside a cell, a carriage return, a measure cell that is not plain digits, a span whose rows go the way of
// records) is listed for JavaScript with its line number and bytes, untouched. A cell in double quotes with no
// quote or line feed inside is read as its inner text.
//
// The repeated-unit check (optional): each row's unit id and code cell (`C0000001`) as a key in an
// open-addressing table, exact (keys with equal hashes compared byte by byte).
//
// Memory: static regions from __heap_base, then the key arena and tables, bump-allocated by memory.grow.

const MAX_WIDTH: i32 = 64;
const MAX_MEASURES: i32 = 16;
const SPAN_CAP: i32 = 1 << 16;
const SPAN_SLOTS: i32 = SPAN_CAP * 2;
const SPAN_ARENA: i32 = 8 << 20;
const FALLBACK_CAP: i32 = 4096;
/** the largest block JavaScript may put in, plus the tail of a line carried over */
export const INPUT_CAP: i32 = 4 << 20;
/** a cell of more digits may not be exact in the sums' doubles downstream: the way of records */
const MAX_DIGITS: i32 = 15;

// ---- static layout (set by init)
let cellStart: usize = 0; // i32[MAX_WIDTH], offsets from `input`
let cellEnd: usize = 0;
let measureColumns: usize = 0; // i32[MAX_MEASURES]
let values: usize = 0; // i64[MAX_MEASURES], a row's values before they are added
let input: usize = 0; // INPUT_CAP + 64 bytes of padding
let spanTable: usize = 0; // i32[SPAN_SLOTS]: span id + 1, 0 empty
let spanHash: usize = 0; // u32[SPAN_CAP]
let spanOffset: usize = 0; // i32[SPAN_CAP] into spanBytes
let spanLength: usize = 0; // i32[SPAN_CAP]
let spanUnit: usize = 0; // i32[SPAN_CAP]: the unit id JavaScript gave, or -1: rows of the span go the way of records
let spanBytes: usize = 0; // SPAN_ARENA
let sums: usize = 0; // i64[SPAN_CAP * MAX_MEASURES]
let counts: usize = 0; // i64[SPAN_CAP]
let fallbacks: usize = 0; // i32[FALLBACK_CAP * 3]: line, start, end (offsets from `input`)
let scratch: usize = 0; // 256 bytes: a code cell from JavaScript

// ---- configuration
let width: i32 = 0;
let spanFrom: i32 = 0;
let spanTo: i32 = 0;
let measureCount: i32 = 0;
let codeColumn: i32 = -1;
let checkUnits: bool = false;

// ---- state
let spanCount: i32 = 0;
let spanUsed: i32 = 0;
let fallbackCount: i32 = 0;
let position: usize = 0; // the next line's first byte
let limit: usize = 0; // the end of the bytes put in
let lineNumber: i32 = 0; // of the last line read
let newSpan: i32 = -1;
let duplicateLine: i32 = 0;
let duplicateOf: i32 = 0;

// ---- keys of the repeated-unit check: slots of (hash u32, entry u32); entries [hash u32][line i32][unit i32][length u8][bytes]
let keyTable: usize = 0;
let keySlots: i32 = 0;
let keyCount: i32 = 0;
let arena: usize = 0;
let arenaEnd: usize = 0;
let top: usize = 0; // the bump pointer

function allocate(bytes: usize): usize {
  const at = (top + 15) & ~15;
  const end = at + bytes;
  const have = <usize>memory.size() << 16;
  if (end > have) {
    const pages = <i32>((end - have + 0xffff) >> 16);
    if (memory.grow(pages) < 0) unreachable();
  }
  top = end;
  return at;
}

export function init(columns: i32, from: i32, to: i32, measures: i32, code: i32, check: i32): void {
  top = __heap_base;
  cellStart = allocate(MAX_WIDTH * 4);
  cellEnd = allocate(MAX_WIDTH * 4);
  measureColumns = allocate(MAX_MEASURES * 4);
  values = allocate(MAX_MEASURES * 8);
  input = allocate(INPUT_CAP + 64);
  spanTable = allocate(SPAN_SLOTS * 4);
  spanHash = allocate(SPAN_CAP * 4);
  spanOffset = allocate(SPAN_CAP * 4);
  spanLength = allocate(SPAN_CAP * 4);
  spanUnit = allocate(SPAN_CAP * 4);
  spanBytes = allocate(SPAN_ARENA);
  sums = allocate(SPAN_CAP * MAX_MEASURES * 8);
  counts = allocate(SPAN_CAP * 8);
  fallbacks = allocate(FALLBACK_CAP * 12);
  scratch = allocate(256);
  width = columns;
  spanFrom = from;
  spanTo = to;
  measureCount = measures;
  codeColumn = code;
  checkUnits = check !== 0;
  spanCount = 0;
  spanUsed = 0;
  fallbackCount = 0;
  lineNumber = 0;
  position = input;
  limit = input;
  newSpan = -1;
  keyCount = 0;
  keySlots = 1 << 16;
  keyTable = allocate(<usize>keySlots * 8);
  arena = allocate(1 << 20);
  arenaEnd = arena + (1 << 20);
}

export function inputAt(): usize { return input; }
/** The cells of the line being read (when scan stops at a new span): offsets from inputAt, i32 each. */
export function cellStartAt(): usize { return cellStart; }
export function cellEndAt(): usize { return cellEnd; }
export function measureColumnsAt(): usize { return measureColumns; }
export function sumsAt(): usize { return sums; }
export function countsAt(): usize { return counts; }
export function spanOffsetAt(): usize { return spanOffset; }
export function spanLengthAt(): usize { return spanLength; }
export function spanBytesAt(): usize { return spanBytes; }
export function spanUnitAt(): usize { return spanUnit; }
export function fallbacksAt(): usize { return fallbacks; }
export function scratchAt(): usize { return scratch; }
export function fallbackTotal(): i32 { return fallbackCount; }
export function clearFallbacks(): void { fallbackCount = 0; }
export function spanTotal(): i32 { return spanCount; }
export function newSpanId(): i32 { return newSpan; }
export function lineAt(): i32 { return lineNumber; }
export function duplicateLineOf(): i32 { return duplicateLine; }
export function duplicateFirstLine(): i32 { return duplicateOf; }
export function keyTotal(): i32 { return keyCount; }
export function memoryTop(): usize { return top; }
/** Lines above the first line put in (the header's). */
export function startLine(line: i32): void { lineNumber = line; }

/**
 * Bytes from `input + carried` to `input + carried + length` were put in after the `carried` bytes kept from the
 * last block (the start of an unfinished line, moved to `input` by `carry`). The lines are read from the first.
 */
export function feed(carried: i32, length: i32): void {
  position = input;
  limit = input + <usize>(carried + length);
}

/** Bytes of the unfinished line to keep: moved to the start of `input`; their count. */
export function carry(): i32 {
  const kept = <i32>(limit - position);
  memory.copy(input, position, kept);
  position = input;
  limit = input + kept;
  return kept;
}

const COMMA = i8x16.splat(0x2c);
const FEED = i8x16.splat(0x0a);
const QUOTE = i8x16.splat(0x22);
const RETURN = i8x16.splat(0x0d);

/**
 * Status of scan: 0 all complete lines read; 1 a new span (newSpanId) waits for JavaScript; 2 the fallback list is
 * full; 3 a repeated unit (duplicateLineOf, duplicateFirstLine); 4 a quote not closed on its line.
 */
export function scan(): i32 {
  while (true) {
    if (fallbackCount >= FALLBACK_CAP) return 2;
    const start = position;
    // the cells' bounds, to the line feed; a cell in quotes is bounded by them
    let cell: i32 = 0;
    let quoted = false;
    let bad = false;
    let at = openCell(0, start);
    if (at == 1) return 0;
    if (at == 0) return 4;
    quoted = at != start;
    let end: usize = 0;
    let after: usize = 0;
    while (after == 0) {
      if (at >= limit) return 0; // an unfinished line: the next block finishes it
      const chunk = v128.load(at);
      let mask: i32 = i8x16.bitmask(i8x16.eq(chunk, COMMA)) | i8x16.bitmask(i8x16.eq(chunk, FEED))
        | i8x16.bitmask(i8x16.eq(chunk, QUOTE)) | i8x16.bitmask(i8x16.eq(chunk, RETURN));
      let next = at + 16;
      while (mask != 0) {
        const p = at + <usize>ctz(mask);
        mask &= mask - 1;
        if (p >= limit) return 0;
        const byte = load<u8>(p);
        if (byte == 0x2c) {
          if (!quoted && cell < MAX_WIDTH) store<i32>(cellEnd + (<usize>cell << 2), <i32>(p - input));
          cell += 1;
          const after = openCell(cell, p + 1);
          if (after == 1) return 0;
          if (after == 0) return 4;
          quoted = after != p + 1;
          if (quoted) {
            next = after;
            break;
          }
        } else if (byte == 0x0a) {
          if (!quoted && cell < MAX_WIDTH) store<i32>(cellEnd + (<usize>cell << 2), <i32>(p - input));
          end = p;
          after = p + 1;
          break;
        } else if (byte == 0x0d && p + 1 < limit && load<u8>(p + 1) == 0x0a) {
          // a line ending of CR LF: the line ends at the CR
          if (!quoted && cell < MAX_WIDTH) store<i32>(cellEnd + (<usize>cell << 2), <i32>(p - input));
          end = p;
          after = p + 2;
          break;
        } else if (byte == 0x0d && p + 1 >= limit) {
          return 0; // the LF may be in the next block
        } else bad = true; // a quote inside a cell, a carriage return alone
      }
      at = next;
    }
    const line = lineNumber + 1;
    if (bad || cell + 1 != width || end == start) {
      addFallback(line, start, end);
      lineNumber = line;
      position = after;
      continue;
    }
    // the span of the text columns
    const spanStart = input + <usize>load<i32>(cellStart + (<usize>spanFrom << 2));
    const spanEnd = input + <usize>load<i32>(cellEnd + (<usize>spanTo << 2));
    const id = findSpan(spanStart, <i32>(spanEnd - spanStart));
    if (id == -2) {
      addFallback(line, start, end); // too many distinct spans
      lineNumber = line;
      position = after;
      continue;
    }
    if (id < 0) return 1; // new: position stays at this line, read again once JavaScript has decided the span
    const unit = load<i32>(spanUnit + (<usize>id << 2));
    if (unit < 0 || !readMeasures() || !plainCode()) {
      addFallback(line, start, end);
      lineNumber = line;
      position = after;
      continue;
    }
    if (checkUnits && codeColumn >= 0) {
      const first = addKey(unit, line);
      if (first != 0) {
        duplicateLine = line;
        duplicateOf = first;
        return 3;
      }
    }
    const base = sums + (<usize>id * <usize>MAX_MEASURES << 3);
    for (let m: i32 = 0; m < measureCount; m++) {
      const slot = base + (<usize>m << 3);
      store<i64>(slot, load<i64>(slot) + load<i64>(values + (<usize>m << 3)));
    }
    const count = counts + (<usize>id << 3);
    store<i64>(count, load<i64>(count) + 1);
    lineNumber = line;
    position = after;
  }
  return 0; // not reached
}

/**
 * The closing quote of a cell opened before `from`, when a `,` or a line end follows it and no quote or line feed
 * is inside; else 0; 1 when the bytes put in end first (the next block finishes the line).
 */
function closingQuote(from: usize): usize {
  for (let p = from; p < limit; p++) {
    const byte = load<u8>(p);
    if (byte == 0x22) {
      if (p + 1 >= limit) return 1;
      const after = load<u8>(p + 1);
      if (after == 0x0d) {
        if (p + 2 >= limit) return 1;
        return load<u8>(p + 2) == 0x0a ? p : 0;
      }
      return after == 0x2c || after == 0x0a ? p : 0;
    }
    if (byte == 0x0a) return 0;
  }
  return 1;
}

/**
 * Cell `cell` opens at `at`: its start stored; when it opens with a quote, its end too (before the closing
 * quote), and the byte after that quote is returned; else `at`. 0: a quote that does not close on the line (a
 * line feed inside quotes), which this spike does not read; 1: the bytes put in end inside the quotes.
 */
function openCell(cell: i32, at: usize): usize {
  if (at >= limit || load<u8>(at) != 0x22) {
    if (cell < MAX_WIDTH) store<i32>(cellStart + (<usize>cell << 2), <i32>(at - input));
    return at;
  }
  const close = closingQuote(at + 1);
  if (close <= 1) return close;
  if (cell < MAX_WIDTH) {
    store<i32>(cellStart + (<usize>cell << 2), <i32>(at + 1 - input));
    store<i32>(cellEnd + (<usize>cell << 2), <i32>(close - input));
  }
  return close + 1;
}

function addFallback(line: i32, start: usize, end: usize): void {
  const at = fallbacks + <usize>fallbackCount * 12;
  store<i32>(at, line);
  store<i32>(at + 4, <i32>(start - input));
  store<i32>(at + 8, <i32>(end - input));
  fallbackCount += 1;
}

/** The measure cells as integers into `values`; false when one is not plain digits. */
function readMeasures(): bool {
  for (let m: i32 = 0; m < measureCount; m++) {
    const column = <usize>load<i32>(measureColumns + (<usize>m << 2));
    const from = input + <usize>load<i32>(cellStart + (column << 2));
    const to = input + <usize>load<i32>(cellEnd + (column << 2));
    const length = <i32>(to - from);
    if (length <= 0 || length > MAX_DIGITS) return false;
    let value: i64 = 0;
    for (let p = from; p < to; p++) {
      const digit = <u32>load<u8>(p) - 0x30;
      if (digit > 9) return false;
      value = value * 10 + <i64>digit;
    }
    store<i64>(values + (<usize>m << 3), value);
  }
  return true;
}

/** The code column, when there is one: printable ASCII without blanks (all the rules ask of a cell nothing reads). */
function plainCode(): bool {
  if (codeColumn < 0) return true;
  const from = input + <usize>load<i32>(cellStart + (<usize>codeColumn << 2));
  const to = input + <usize>load<i32>(cellEnd + (<usize>codeColumn << 2));
  if (to <= from || to - from > 255) return false;
  for (let p = from; p < to; p++) {
    const byte = load<u8>(p);
    if (byte <= 0x20 || byte >= 0x7f) return false;
  }
  return true;
}

/** MurmurHash3 (x86, 32 bits) of the bytes: a weak mix put keys that differ only in their last digits in runs of slots. */
@inline function hashBytes(from: usize, length: i32, seed: u32): u32 {
  let hash: u32 = seed;
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

/** The span's id; -1 when it is new (added, its id in newSpan, spanUnit left for JavaScript); -2 when no room is left. */
function findSpan(from: usize, length: i32): i32 {
  const hash = hashBytes(from, length, 0x2545f491);
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
      store<i32>(spanUnit + (<usize>id << 2), -1);
      spanUsed += length;
      store<i32>(spanTable + (<usize>slot << 2), id + 1);
      newSpan = id;
      return -1;
    }
    const id = entry - 1;
    if (load<u32>(spanHash + (<usize>id << 2)) != hash || load<i32>(spanLength + (<usize>id << 2)) != length) continue;
    if (memory.compare(spanBytes + <usize>load<i32>(spanOffset + (<usize>id << 2)), from, length) == 0) return id;
  }
  return 0; // not reached
}

/** The row's unit key (unit id, code cell) added; the line of an earlier row with the same key, or 0. */
function addKey(unit: i32, line: i32): i32 {
  const from = input + <usize>load<i32>(cellStart + (<usize>codeColumn << 2));
  const length = <i32>(input + <usize>load<i32>(cellEnd + (<usize>codeColumn << 2)) - from);
  return insertKey(unit, line, from, length);
}

function insertKey(unit: i32, line: i32, from: usize, length: i32): i32 {
  const hash = hashBytes(from, length, <u32>unit * 0x27d4eb2f);
  if ((keyCount + 1) * 2 > keySlots) growKeys();
  const mask = keySlots - 1;
  for (let slot = <i32>(hash & <u32>mask); ; slot = (slot + 1) & mask) {
    const at = keyTable + (<usize>slot << 3);
    const entry = load<u32>(at + 4);
    if (entry == 0) {
      const size = <usize>(13 + length);
      if (arena + size > arenaEnd) {
        arena = allocate(4 << 20);
        arenaEnd = arena + (4 << 20);
      }
      store<u32>(arena, hash);
      store<i32>(arena + 4, line);
      store<i32>(arena + 8, unit);
      store<u8>(arena + 12, <u8>length);
      memory.copy(arena + 13, from, length);
      store<u32>(at, hash);
      store<u32>(at + 4, <u32>arena);
      arena += size;
      keyCount += 1;
      return 0;
    }
    if (load<u32>(at) != hash) continue;
    const key = <usize>entry;
    if (load<i32>(key + 8) != unit || <i32>load<u8>(key + 12) != length) continue;
    if (memory.compare(key + 13, from, length) == 0) return load<i32>(key + 4);
  }
  return 0; // not reached
}

/** For a line JavaScript read: its key (unit id, the code cell's bytes at scratchAt) added; the earlier line or 0. */
export function addLineKey(unit: i32, line: i32, length: i32): i32 {
  return insertKey(unit, line, scratch, length);
}

/** A table twice as large, the keys moved into it (the old one is left: a spike's bump allocator frees nothing). */
function growKeys(): void {
  const oldTable = keyTable;
  const oldSlots = keySlots;
  keySlots = oldSlots * 2;
  keyTable = allocate(<usize>keySlots * 8);
  const mask = keySlots - 1;
  for (let index: i32 = 0; index < oldSlots; index++) {
    const at = oldTable + (<usize>index << 3);
    const entry = load<u32>(at + 4);
    if (entry == 0) continue;
    const hash = load<u32>(at);
    let slot = <i32>(hash & <u32>mask);
    while (load<u32>(keyTable + (<usize>slot << 3) + 4) != 0) slot = (slot + 1) & mask;
    store<u32>(keyTable + (<usize>slot << 3), hash);
    store<u32>(keyTable + (<usize>slot << 3) + 4, entry);
  }
}
