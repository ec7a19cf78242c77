/** The compact set of unit keys finds exactly the repeats a Map of strings finds, across packing and merging. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnitKeySet, repeatsAcross } from '../../src/table/unit-keys.js';

const key = fc.oneof(fc.constantFrom('广东', '广州', '2009\u0001北京', '', 'c0001', '全国'), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 }));

describe('UnitKeySet', () => {
  it('returns the line of the earlier equal key, as a Map would, through growth and rehashing', () => {
    fc.assert(fc.property(fc.array(key, { maxLength: 3000 }), (keys) => {
      const set = new UnitKeySet();
      const map = new Map<string, number>();
      keys.forEach((text, line) => {
        const earlier = map.get(text);
        expect(set.add(text, line)).toBe(earlier);
        if (earlier === undefined) map.set(text, line);
      });
      expect(set.size).toBe(map.size);
    }), { numRuns: 60 });
  });

  it('finds a key repeated within or across the packed keys of ranges, as one Map of every key would', () => {
    fc.assert(fc.property(fc.array(fc.array(key, { maxLength: 300 }), { maxLength: 4 }), (ranges) => {
      let line = 0;
      const packed = ranges.map((keys) => {
        const set = new UnitKeySet();
        for (const text of keys) set.add(text, (line += 1));
        return set.pack();
      });
      const all = ranges.flat();
      expect(packed.some((range) => range.repeated) || repeatsAcross(packed)).toBe(new Set(all).size < all.length);
    }), { numRuns: 100 });
  });
});
