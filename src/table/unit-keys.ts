/**
 * The unit-and-year keys seen so far, to find two rows of one unit: kept as UTF-8 bytes in one growing buffer
 * with an open-addressing table of their hashes instead of a string and a map entry each: about 50 bytes a
 * unit (the key's bytes, its start, line and hash, two table slots), and up to twice that while an array
 * doubles. Measured on a register of 5M units, 2 threads: 647 MiB peak for the whole run, against 109 MiB with
 * --rows-are (no check). Exact: keys with equal hashes are compared byte by byte. Plain typed arrays, so that a worker's keys cross to the main thread without copying.
 */

export interface PackedUnitKeys {
  readonly bytes: Uint8Array;
  /** where key i starts in `bytes` (it ends where key i + 1 starts); count + 1 entries */
  readonly starts: Int32Array;
  readonly lines: Float64Array;
  readonly count: number;
  /** a key was added twice (the second time not kept) */
  readonly repeated: boolean;
  /** the hash of each key, and the table of key index + 1 by hash (a power of two long; 0 for an empty slot) */
  readonly hashes: Int32Array;
  readonly table: Int32Array;
}

/**
 * Whether a key of any range is a key of an earlier range: each range's keys are looked up in the tables of the
 * ranges before it, with the hashes its worker has worked out, nothing copied.
 */
export function repeatsAcross(ranges: readonly PackedUnitKeys[]): boolean {
  for (let later = 1; later < ranges.length; later += 1) {
    const range = ranges[later]!;
    for (let index = 0; index < range.count; index += 1) {
      for (let earlier = 0; earlier < later; earlier += 1) {
        if (holds(ranges[earlier]!, range, index)) return true;
      }
    }
  }
  return false;
}

/** Whether `set` holds key `index` of `other`. */
function holds(set: PackedUnitKeys, other: PackedUnitKeys, index: number): boolean {
  const hash = other.hashes[index]!;
  const start = other.starts[index]!;
  const length = other.starts[index + 1]! - start;
  const mask = set.table.length - 1;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const entry = set.table[slot]!;
    if (entry === 0) return false;
    const candidate = entry - 1;
    if (set.hashes[candidate] !== hash) continue;
    const at = set.starts[candidate]!;
    if (set.starts[candidate + 1]! - at !== length) continue;
    let same = true;
    for (let offset = 0; offset < length && same; offset += 1) same = set.bytes[at + offset] === other.bytes[start + offset];
    if (same) return true;
  }
}

const encoder = new TextEncoder();

/** String#isWellFormed (Node 20; TypeScript's lib has it from ES2024). */
interface WellFormed {
  isWellFormed(): boolean;
}

export class UnitKeySet {
  // small at first (a yearbook table has some 40 rows; 160 KB zeroed at each start cost ~0.5 ms), doubled as needed
  private bytes = new Uint8Array(1 << 10);
  private used = 0;
  private starts = new Int32Array(1 << 6);
  private lines = new Float64Array(1 << 6);
  private hashes = new Int32Array(1 << 6);
  private count = 0;
  private repeated = false;
  /** key index + 1 per slot, 0 when empty; a power of two, at most half full */
  private table = new Int32Array(1 << 7);

  get size(): number {
    return this.count;
  }

  /** Adds the key of a row at `line`; returns the line of an earlier row with the same key instead, if any. */
  add(given: string, line: number): number | undefined {
    // UTF-8 has no lone surrogate (encodeInto writes U+FFFD for it): such a key is kept as its JSON escape, after a
    // control character no key of labels holds (they are refused in labels)
    const key = (given as unknown as WellFormed).isWellFormed() ? given : `\u0002${JSON.stringify(given)}`;
    // room for the key as UTF-8 (at most three bytes a UTF-16 unit)
    if (this.used + key.length * 3 > this.bytes.length) this.bytes = grow(this.bytes, this.used + key.length * 3);
    const length = encoder.encodeInto(key, this.bytes.subarray(this.used)).written;
    const earlier = this.insert(this.bytes, this.used, length, line);
    if (earlier !== undefined) this.repeated = true;
    return earlier;
  }

  /**
   * The keys as typed arrays: views of the set's own arrays, not copies (at 5M units a copy was another ~150 MiB
   * in each thread), so nothing is added after. A worker posts them with their buffers transferred
   * (transferables), which copies nothing either.
   */
  pack(): PackedUnitKeys {
    // append keeps room for one more start
    this.starts[this.count] = this.used;
    return {
      bytes: this.bytes.subarray(0, this.used), starts: this.starts.subarray(0, this.count + 1), lines: this.lines.subarray(0, this.count),
      count: this.count, repeated: this.repeated, hashes: this.hashes.subarray(0, this.count), table: this.table,
    };
  }

  /** The buffers under pack()'s arrays, to transfer with them. */
  static buffers(packed: PackedUnitKeys): ArrayBuffer[] {
    return [packed.bytes, packed.starts, packed.lines, packed.hashes, packed.table].map((array) => array.buffer as ArrayBuffer);
  }

  /** The key just written at `at` (length bytes): its earlier line if present, else it is kept. */
  private insert(bytes: Uint8Array, at: number, length: number, line: number): number | undefined {
    let hash = 0x811c9dc5 ^ length;
    for (let index = at; index < at + length; index += 1) hash = Math.imul(hash ^ bytes[index]!, 0x01000193);
    const mask = this.table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot]!;
      if (entry === 0) {
        this.append(slot, at, length, line, hash);
        return undefined;
      }
      const index = entry - 1;
      if (this.hashes[index] === hash && this.equal(index, at, length)) return this.lines[index]!;
    }
  }

  private equal(index: number, at: number, length: number): boolean {
    const start = this.starts[index]!;
    const end = index + 1 < this.count ? this.starts[index + 1]! : this.used;
    if (end - start !== length) return false;
    for (let offset = 0; offset < length; offset += 1) if (this.bytes[start + offset] !== this.bytes[at + offset]) return false;
    return true;
  }

  private append(slot: number, at: number, length: number, line: number, hash: number): void {
    if (this.count + 2 > this.starts.length) {
      this.starts = grow(this.starts, this.count + 2);
      this.lines = grow(this.lines, this.count + 2);
      this.hashes = grow(this.hashes, this.count + 2);
    }
    this.starts[this.count] = at;
    this.lines[this.count] = line;
    this.hashes[this.count] = hash;
    this.count += 1;
    this.used = at + length;
    this.table[slot] = this.count;
    if (this.count * 2 > this.table.length) this.rehash();
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let index = 0; index < this.count; index += 1) {
      let slot = this.hashes[index]! & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = index + 1;
    }
    this.table = table;
  }
}

function grow<T extends Uint8Array | Int32Array | Float64Array>(array: T, least: number): T {
  const grown = new (array.constructor as new (length: number) => T)(Math.max(least, array.length * 2));
  grown.set(array);
  return grown;
}
