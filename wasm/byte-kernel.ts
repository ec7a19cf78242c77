// The byte loops of the reader (AssemblyScript, built by scripts/build-kernel.mjs into src/io/byte-kernel-wasm.ts),
// each the exact counterpart of a JavaScript function it stands in for (src/io/byte-kernel.ts says which): the
// dropping of simple quotes, the check of GB18030, the lines of a GB18030 input that may be UTF-8.
//
// Memory: the bytes put in at inputAt(), what is written at outputAt(), each region 16 bytes longer than asked (a
// 16-byte load or store past the end stays inside); reserve() makes room for a longer piece.

let input: usize = 0;
let output: usize = 0;
let capacity: usize = 0;
const QUOTE = i8x16.splat(0x22);
const FEED = i8x16.splat(0x0a);
const RETURN = i8x16.splat(0x0d);

/** Room for `length` bytes in and out. */
export function reserve(length: i32): void {
  if (<usize>length <= capacity && input != 0) return;
  capacity = (<usize>length + 0xffff) & ~0xffff;
  input = ((__heap_base + 15) & ~15) + 2048; // after the table of makeKeep
  output = input + capacity + 16;
  const end = output + capacity + 16;
  const have = <usize>memory.size() << 16;
  if (end > have && memory.grow(<i32>((end - have + 0xffff) >> 16)) < 0) unreachable();
  if (keep == 0) makeKeep();
}

export function inputAt(): usize { return input; }
export function outputAt(): usize { return output; }

/** Per 8-bit mask of quotes: the indices of the other bytes of 8, in order, then 0x80 (a zero byte). */
let keep: usize = 0;

function makeKeep(): void {
  keep = (__heap_base + 15) & ~15;
  for (let mask: u32 = 0; mask < 256; mask++) {
    let kept: usize = 0;
    for (let bit: u32 = 0; bit < 8; bit++) {
      if (((mask >> bit) & 1) == 0) {
        store<u8>(keep + (<usize>mask << 3) + kept, <u8>bit);
        kept += 1;
      }
    }
    for (; kept < 8; kept++) store<u8>(keep + (<usize>mask << 3) + kept, 0x80);
  }
}

/** Each bit set where a bit at or below it in `bits` is set an odd number of times: inside quotes. */
@inline function prefixXor(bits: u32): u32 {
  let x = bits;
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  return x & 0xffff;
}

/**
 * dropSimpleQuotes of src/io/csv/records.ts: the bytes without the quotes of cells that are simply quoted (no
 * quote, delimiter or line break inside, the cell's end after the closing quote) written at outputAt(); their
 * length, or -1 when the bytes are not so simple. 16 bytes at a time: the quotes' bits give where the text is
 * quoted (a prefix XOR); an opening quote must follow a cell's end (a delimiter, a line break, the start), a
 * closing one precede it (or the end), and no delimiter or line break may be quoted; the other bytes are
 * packed by a shuffle, 8 at a time.
 */
export function dropSimpleQuotes(length: i32, delimiter: i32): i32 {
  const end = input + <usize>length;
  const separator = i8x16.splat(<i8>delimiter);
  let out = output;
  let inQuotes: u32 = 0; // the byte before the chunk was quoted
  let afterEnd: u32 = 1; // the byte before the chunk ended a cell (the start does)
  let closeAtEdge = false; // the chunk before ended in a closing quote: this one must start with a cell's end
  for (let at = input; at < end; at += 16) {
    const chunk = v128.load(at);
    const valid: u32 = end - at >= 16 ? 0xffff : (1 << <u32>(end - at)) - 1;
    const quotes = <u32>i8x16.bitmask(i8x16.eq(chunk, QUOTE)) & valid;
    const ends = <u32>i8x16.bitmask(v128.or(i8x16.eq(chunk, separator), v128.or(i8x16.eq(chunk, FEED), i8x16.eq(chunk, RETURN)))) & valid;
    if (closeAtEdge && (ends & 1) == 0) return -1;
    const quoted = prefixXor(quotes) ^ (inQuotes != 0 ? 0xffff : 0);
    if ((ends & quoted) != 0) return -1;
    const opening = quotes & quoted;
    if ((opening & ~(((ends << 1) | afterEnd) & 0xffff)) != 0) return -1;
    const closing = quotes & ~quoted & 0xffff;
    // the byte after a closing quote ends its cell, or is past the end of the bytes
    if ((closing & 0x7fff & ~((ends | ~valid) >> 1)) != 0) return -1;
    closeAtEdge = (closing & 0x8000) != 0;
    inQuotes = (quoted >> 15) & 1;
    afterEnd = (ends >> 15) & 1;
    // the bytes but the quotes, packed
    const low = quotes & 0xff;
    const high = (quotes >> 8) & 0xff;
    const lowIndices = i64x2.splat(load<u64>(keep + (<usize>low << 3)));
    const highIndices = i64x2.splat(load<u64>(keep + (<usize>high << 3)) + 0x0808080808080808);
    store<u64>(out, i64x2.extract_lane(i8x16.swizzle(chunk, lowIndices), 0));
    out += <usize>(8 - popcnt<u32>(low));
    store<u64>(out, i64x2.extract_lane(i8x16.swizzle(chunk, highIndices), 0));
    out += <usize>(8 - popcnt<u32>(high));
  }
  // a quote left open at the end; the bytes past the end were packed too: the length counts only the bytes
  if (inQuotes != 0) return -1;
  return <i32>(out - output) - paddingKept(length);
}

/** Bytes past the end that the last chunk packed (they are not quotes: masked out of `quotes`, so kept). */
function paddingKept(length: i32): i32 {
  const rest = length & 15;
  return rest == 0 ? 0 : 16 - rest;
}

/** isGb18030 of src/io/sources/encoding.ts: whether the bytes are GB18030 (16 ASCII bytes skipped at a time). */
export function isGb18030(length: i32): bool {
  const end = input + <usize>length;
  let at = input;
  while (at < end) {
    if (at + 16 <= end) {
      // the ASCII bytes before the first byte beyond it, 16 at a time
      const high = i8x16.bitmask(v128.load(at));
      if (high == 0) {
        at += 16;
        continue;
      }
      at += <usize>ctz(high);
    }
    const size = gb18030Character(at, end);
    if (size == 0) return false;
    at += size;
  }
  return true;
}

/**
 * The length of the GB18030 character at `at` (1 for a byte below 0x81, 2, or 4), or 0 when the bytes there are
 * none: isGb18030 of src/io/sources/encoding.ts, one character at a time.
 */
@inline function gb18030Character(at: usize, end: usize): usize {
  const lead = <u32>load<u8>(at);
  if (lead < 0x81) return 1;
  if (lead == 0xff || at + 1 >= end) return 0;
  const second = <u32>load<u8>(at + 1);
  if ((second >= 0x40 && second <= 0x7e) || (second >= 0x80 && second <= 0xfe)) return 2;
  if (second < 0x30 || second > 0x39 || at + 3 >= end) return 0;
  const third = <u32>load<u8>(at + 2);
  const fourth = <u32>load<u8>(at + 3);
  if (third < 0x81 || third > 0xfe || fourth < 0x30 || fourth > 0x39) return 0;
  const pointer = (lead - 0x81) * 12600 + (second - 0x30) * 1260 + (third - 0x81) * 10 + (fourth - 0x30);
  return (pointer > 39419 && pointer < 189000) || pointer > 1237575 ? 0 : 4;
}

/**
 * The lines of LF-ended bytes whose first byte beyond ASCII starts a UTF-8 character of two to four bytes
 * (startsUtf8Character of src/io/sources/encoding.ts): those refuseUtf8Lines looks at closely. Their start and
 * end offsets and their index among the lines (i32 triples) are written at outputAt(); their count, or -1 when
 * there is no room for them (then JavaScript looks at every line).
 */
export function utf8LineCandidates(length: i32): i32 {
  const end = input + <usize>length;
  let count: i32 = 0;
  let line: i32 = 0;
  let start = input;
  for (; start < end; line++) {
    // the first byte beyond ASCII or the line feed, then the line feed, 16 bytes at a time
    let index = start;
    while (index < end) {
      const chunk = v128.load(index);
      const mask = i8x16.bitmask(chunk) | i8x16.bitmask(i8x16.eq(chunk, FEED));
      if (mask != 0) {
        index += <usize>ctz(mask);
        break;
      }
      index += 16;
    }
    if (index > end) index = end;
    let lineEnd = index;
    while (lineEnd < end) {
      const mask = i8x16.bitmask(i8x16.eq(v128.load(lineEnd), FEED));
      if (mask != 0) {
        lineEnd += <usize>ctz(mask);
        break;
      }
      lineEnd += 16;
    }
    if (lineEnd > end) lineEnd = end;
    if (index < lineEnd && startsUtf8Character(index, lineEnd)) {
      if (!putCandidate(count, start, lineEnd, line)) return -1;
      count += 1;
    }
    start = lineEnd + 1;
  }
  return count;
}

/** Writes candidate `count` (its line's start and end, as offsets of the input, and its number); false when full. */
@inline function putCandidate(count: i32, start: usize, end: usize, line: i32): bool {
  if (<usize>(count + 1) * 12 > capacity) return false;
  const slot = output + <usize>count * 12;
  store<i32>(slot, <i32>(start - input));
  store<i32>(slot + 4, <i32>(end - input));
  store<i32>(slot + 8, line);
  return true;
}

function startsUtf8Character(at: usize, end: usize): bool {
  const lead = <u32>load<u8>(at);
  const length: usize = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length == 0 || at + length > end) return false;
  for (let index: usize = 1; index < length; index++) {
    const byte = <u32>load<u8>(at + index);
    if (byte < 0x80 || byte > 0xbf) return false;
  }
  return true;
}

/**
 * isGb18030 and utf8LineCandidates in one pass, for an input detected as GB18030 (LF line ends): the candidates
 * written as utf8LineCandidates writes them; their count, -2 when the bytes are not GB18030 (then nothing is
 * said of the lines), or -1 when the candidates are too many to list.
 */
export function gb18030Lines(length: i32): i32 {
  const end = input + <usize>length;
  let count: i32 = 0;
  let line: i32 = 0;
  let lineStart = input;
  let seenHigh = false; // a byte beyond ASCII in this line already
  let at = input;
  while (at < end) {
    // the next byte beyond ASCII or line feed, 16 bytes at a time
    const chunk = v128.load(at);
    const mask = i8x16.bitmask(chunk) | i8x16.bitmask(i8x16.eq(chunk, FEED));
    if (mask == 0) {
      at += 16;
      continue;
    }
    at += <usize>ctz(mask);
    if (at >= end) break;
    const lead = <u32>load<u8>(at);
    if (lead == 0x0a) {
      at += 1;
      lineStart = at;
      line += 1;
      seenHigh = false;
      continue;
    }
    if (!seenHigh) {
      seenHigh = true;
      if (startsUtf8Character(at, end)) {
        let lineEnd = at;
        while (lineEnd < end && load<u8>(lineEnd) != 0x0a) lineEnd += 1;
        if (!putCandidate(count, lineStart, lineEnd, line)) return -1;
        count += 1;
      }
    }
    // a character of GB18030 (0x80 alone is one)
    const size = gb18030Character(at, end);
    if (size == 0) return -2;
    at += size;
  }
  return count;
}
