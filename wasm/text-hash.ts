// XXH64 (seed 0) of the bundled CLI's text, for bin/load-cli.js: the code cache is used only for the text it was
// made from, and comparing a hash of 64 bits costs less at each start than keeping a copy of the text (~0.5 MB) in
// the cache file and comparing it byte for byte. Built by scripts/build.mjs into dist/bin/text-hash.wasm.
//
// Memory: the text is read in at textAt(); room() grows the memory for it. The algorithm is XXH64 as specified at
// https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md (test/text-hash.test.ts checks it on the
// reference implementation's values).

const P1: u64 = 0x9e3779b185ebca87;
const P2: u64 = 0xc2b2ae3d27d4eb4f;
const P3: u64 = 0x165667b19e3779f9;
const P4: u64 = 0x85ebca77c2b2ae63;
const P5: u64 = 0x27d4eb2f165667c5;

/** Where the text goes: past the module's own data, 8-byte aligned. */
export function textAt(): usize {
  return (__heap_base + 7) & ~7;
}

/** Grows the memory to hold `length` bytes at textAt(); false when it cannot. */
export function room(length: i32): bool {
  const end = textAt() + <usize>length;
  const have = <usize>memory.size() << 16;
  return end <= have || memory.grow(<i32>((end - have + 0xffff) >> 16)) >= 0;
}

@inline function round(acc: u64, input: u64): u64 {
  return rotl<u64>(acc + input * P2, 31) * P1;
}

@inline function merge(acc: u64, value: u64): u64 {
  return (acc ^ round(0, value)) * P1 + P4;
}

/** XXH64 of the `length` bytes at textAt(), seed 0. */
export function hash(length: i32): u64 {
  let at = textAt();
  const end = at + <usize>length;
  let h: u64;
  if (length >= 32) {
    let v1: u64 = P1 + P2;
    let v2: u64 = P2;
    let v3: u64 = 0;
    let v4: u64 = 0 - P1;
    const last = end - 32;
    while (at <= last) {
      v1 = round(v1, load<u64>(at));
      v2 = round(v2, load<u64>(at, 8));
      v3 = round(v3, load<u64>(at, 16));
      v4 = round(v4, load<u64>(at, 24));
      at += 32;
    }
    h = rotl<u64>(v1, 1) + rotl<u64>(v2, 7) + rotl<u64>(v3, 12) + rotl<u64>(v4, 18);
    h = merge(h, v1);
    h = merge(h, v2);
    h = merge(h, v3);
    h = merge(h, v4);
  } else {
    h = P5;
  }
  h += <u64>length;
  while (at + 8 <= end) {
    h ^= round(0, load<u64>(at));
    h = rotl<u64>(h, 27) * P1 + P4;
    at += 8;
  }
  if (at + 4 <= end) {
    h ^= <u64>load<u32>(at) * P1;
    h = rotl<u64>(h, 23) * P2 + P3;
    at += 4;
  }
  while (at < end) {
    h ^= <u64>load<u8>(at) * P5;
    h = rotl<u64>(h, 11) * P1;
    at += 1;
  }
  h ^= h >> 33;
  h *= P2;
  h ^= h >> 29;
  h *= P3;
  h ^= h >> 32;
  return h;
}
