/** The byte-level GB18030 check accepts exactly what the fatal TextDecoder accepts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGb18030 } from '../../src/io/sources/encoding.js';

const decoder = new TextDecoder('gb18030', { fatal: true });
const decodes = (bytes: Uint8Array): boolean => {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

// bytes from the ranges that matter: ASCII, digits (four-byte sequences), leads, trails, 0x80, 0xFF
const byte = fc.oneof(fc.integer({ min: 0x20, max: 0x7f }), fc.integer({ min: 0x30, max: 0x39 }), fc.integer({ min: 0x81, max: 0xfe }),
  fc.constantFrom(0x80, 0xff, 0x84, 0x31, 0xa4, 0xe3, 0x95, 0x90, 0x33, 0xfe, 0x39));

describe('isGb18030', () => {
  it('agrees with the fatal decoder on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 12 }).chain((seed) => fc.array(byte, { minLength: seed.length, maxLength: seed.length + 8 })), (values) => {
      const bytes = Uint8Array.from(values);
      expect(isGb18030(bytes)).toBe(decodes(bytes));
    }), { numRuns: 20_000 });
  });

  it('agrees on every two-byte sequence and on four-byte sequences around the ranges’ edges', () => {
    for (let lead = 0x80; lead <= 0xff; lead += 1) {
      for (let trail = 0; trail <= 0xff; trail += 1) expect(isGb18030(Uint8Array.of(lead, trail))).toBe(decodes(Uint8Array.of(lead, trail)));
    }
    // pointers 39419/39420, 188999/189000, 1237575/1237576
    for (const pointer of [0, 39419, 39420, 188999, 189000, 1237575, 1237576]) {
      const bytes = Uint8Array.of(0x81 + Math.floor(pointer / 12600), 0x30 + Math.floor(pointer / 1260) % 10, 0x81 + Math.floor(pointer / 10) % 126, 0x30 + pointer % 10);
      expect(isGb18030(bytes)).toBe(decodes(bytes));
    }
  });
});
