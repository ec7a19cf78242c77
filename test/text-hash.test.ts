/**
 * The loader's text hash (wasm/text-hash.ts, built into dist/bin/text-hash.wasm): XXH64 with seed 0, on the
 * reference implementation's values (xxhsum 0.8.1 -H64 of the same bytes), for every length class of the
 * algorithm (the 32-byte stripes, then 8, 4 and single bytes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

interface TextHash { memory: WebAssembly.Memory; textAt(): number; room(length: number): number; hash(length: number): bigint }

const hasher = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(ROOT, 'dist', 'bin', 'text-hash.wasm'))), {}).exports as unknown as TextHash;

function xxh64(bytes: Uint8Array): string {
  expect(hasher.room(bytes.length)).toBeTruthy();
  new Uint8Array(hasher.memory.buffer, hasher.textAt(), bytes.length).set(bytes);
  return BigInt.asUintN(64, hasher.hash(bytes.length)).toString(16).padStart(16, '0');
}

/** n bytes of (i × 131 + 7) mod 256. */
const pattern = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) % 256);

describe('text hash (XXH64)', () => {
  it.each([
    [0, 'ef46db3751d8e999'], [1, 'a96c7f0ce858bbb7'], [3, 'bed43740ee6332bb'], [4, 'fa212ae44b3bb23d'],
    [7, '2744460dd675d2c0'], [8, '994b676b71ce94dd'], [15, '09e6451ed2ff8b1d'], [31, '6711d55e306b5d8f'],
    [32, '07f7b8e3bc5d6e25'], [33, '09f85eeb4e1cbe9f'], [63, 'b7c9968c066cb6a5'], [64, '50d4159a0411632e'],
    [100, '9ddada11d3dc2d8f'], [1000, '0bf0bdbcc82eb373'],
  ])('%i bytes: %s, as xxhsum gives', (length, expected) => {
    expect(xxh64(pattern(length))).toBe(expected);
  });

  it('of "abc" and "a", the specification\'s examples', () => {
    expect(xxh64(Buffer.from('a'))).toBe('d24ec4f1a98c6e5b');
    expect(xxh64(Buffer.from('abc'))).toBe('44bc2cf5ad770999');
  });

  it('grows its memory for a text longer than it has, and hashes all of it', () => {
    const long = pattern(3 << 20);
    const before = xxh64(long);
    long[long.length - 1] ^= 1;
    expect(xxh64(long)).not.toBe(before);
  });
});
