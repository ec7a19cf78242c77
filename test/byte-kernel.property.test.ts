/**
 * The reader's byte loops in WebAssembly (wasm/byte-kernel.ts, src/io/byte-kernel.ts) against their JavaScript
 * (SVC_STATS_WASM=0), by differential properties on bytes dense in what the loops look at: quotes, delimiters,
 * line ends, GB18030 characters of two and four bytes, UTF-8 characters, stray high bytes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { withoutSimpleQuotes } from '../src/io/csv/records.js';
import { PieceDecoder, isGb18030 } from '../src/io/sources/encoding.js';
import { gb18030LinesWasm, isGb18030Wasm } from '../src/io/byte-kernel.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1000);
const parts = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', '1', '12', ',', ',', '\t', '"', '"', '\n', '\r', '\r\n', ' ').map((text) => Buffer.from(text)) },
  { weight: 3, arbitrary: fc.constantFrom('广东', '市', '內蒙古', '𠀀', '€').map((text) => iconv.encode(text, 'gb18030')) },
  { weight: 2, arbitrary: fc.constantFrom('广东', 'é', '𠀀').map((text) => Buffer.from(text)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }).map((byte) => Buffer.from([byte])) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 4 }).map((bytes) => Buffer.from(bytes)) },
);
const bytesArb = fc.array(parts, { maxLength: 80 }).map((list) => new Uint8Array(Buffer.concat(list)));

/** `action` with the kernel and without it. */
function bothWays<T>(action: () => T): { wasm: T | string; script: T | string } {
  const run = (): T | string => {
    try {
      return action();
    } catch (error) {
      return `error: ${(error as Error).message}`;
    }
  };
  delete process.env['SVC_STATS_WASM'];
  const wasm = run();
  process.env['SVC_STATS_WASM'] = '0';
  const script = run();
  delete process.env['SVC_STATS_WASM'];
  return { wasm, script };
}

afterEach(() => {
  delete process.env['SVC_STATS_WASM'];
});

describe('the byte kernel gives what the JavaScript gives', () => {
  it('drops simple quotes alike, or refuses alike', () => {
    // lines of cells, quoted or not, and now and then a byte that breaks the simple quoting
    const cell = fc.tuple(fc.array(parts.filter((part) => ![0x22, 0x2c, 0x09, 0x3b, 0x7c, 0x0a, 0x0d].some((byte) => part.includes(byte))), { maxLength: 3 }), fc.boolean())
      .map(([text, quoted]) => (quoted ? Buffer.concat([Buffer.from('"'), ...text, Buffer.from('"')]) : Buffer.concat(text)));
    const csv = fc.tuple(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 12 }), fc.constantFrom(0x2c, 0x09, 0x3b, 0x7c), fc.option(fc.tuple(fc.nat(), parts), { freq: 3 }))
      .map(([rows, delimiter, noise]) => {
        const bytes = Buffer.concat(rows.map((row) => Buffer.concat([...row.flatMap((part, at) => (at === 0 ? [part] : [Buffer.from([delimiter]), part])), Buffer.from('\n')])));
        if (noise === null || bytes.length === 0) return { bytes: new Uint8Array(bytes), delimiter };
        const at = noise[0] % bytes.length;
        return { bytes: new Uint8Array(Buffer.concat([bytes.subarray(0, at), noise[1], bytes.subarray(at)])), delimiter };
      });
    let dropped = 0;
    fc.assert(fc.property(fc.oneof(csv, fc.tuple(bytesArb, fc.constantFrom(0x2c, 0x09, 0x3b, 0x7c)).map(([bytes, delimiter]) => ({ bytes, delimiter }))), ({ bytes, delimiter }) => {
      const { wasm, script } = bothWays(() => withoutSimpleQuotes(bytes, delimiter));
      expect(wasm).toEqual(script);
      if (script !== undefined && typeof script !== 'string') dropped += 1;
    }), { numRuns: RUNS, seed: 31 });
    expect(dropped).toBeGreaterThan(RUNS / 20);
  });

  it('drops or refuses alike wherever a 16-byte chunk cuts a quoted cell', () => {
    const templates = ['"ab"c', '"a,b"', 'a"b', '"ab"', '""', '"ab', '"a\nb"', '"ab"\r\n', 'x,"y"', '"a"b"', '"a""b"'];
    let dropped = 0;
    for (const template of templates) {
      for (let shift = 0; shift < 40; shift += 1) {
        const bytes = new Uint8Array(Buffer.from(`${'a'.repeat(shift)},${template},z\n${'b'.repeat(40 - shift)}`));
        const { wasm, script } = bothWays(() => withoutSimpleQuotes(bytes, 0x2c));
        expect(wasm, `${JSON.stringify(template)} after ${shift} bytes`).toEqual(script);
        if (script !== undefined && typeof script !== 'string') dropped += 1;
      }
    }
    expect(dropped).toBeGreaterThan(100);
  });

  it('checks GB18030 alike, alone and in the pass that also lists lines', () => {
    let valid = 0;
    fc.assert(fc.property(bytesArb, (bytes) => {
      const wasm = isGb18030Wasm(bytes);
      expect(wasm).toBe(isGb18030(bytes));
      const lines = gb18030LinesWasm(bytes);
      if (lines !== undefined) expect(lines !== false).toBe(isGb18030(bytes));
      if (wasm === true) valid += 1;
    }), { numRuns: RUNS, seed: 32 });
    expect(valid).toBeGreaterThan(RUNS / 10);
  });

  it('finds a UTF-8 line in a GB18030 input alike (its line and offset in the message)', () => {
    const gb = (text: string): Buffer => iconv.encode(text, 'gb18030');
    const line = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('广东,1', '市,2', 'a,b', '', '內蒙古,3').map(gb) },
      { weight: 1, arbitrary: fc.constantFrom('广东,1', 'é,2', '广东市', 'שלום,1', 'д,3').map((text) => Buffer.from(text)) },
      // not GB18030: a lead byte with no second, 0xFF
      { weight: 1, arbitrary: fc.constantFrom([0x81, 0x2c, 0x31], [0xff, 0x31], [0x41, 0x84, 0x31, 0x20]).map((bytes) => Buffer.from(bytes)) },
    );
    let refused = 0;
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), fc.nat(40), (lines, cut) => {
      const bytes = Buffer.concat(lines.flatMap((part) => [part, Buffer.from('\n')]));
      const { wasm, script } = bothWays(() => {
        const decoder = new PieceDecoder({ encoding: 'gb18030', bomLength: 0 }, 'in.csv', { autoDetected: true });
        const at = Math.min(cut * 7, bytes.length);
        return decoder.push(bytes.subarray(0, at)) + decoder.push(bytes.subarray(at)) + decoder.end();
      });
      expect(wasm).toEqual(script);
      if (typeof script === 'string' && script.startsWith('error: mixed')) refused += 1;
    }), { numRuns: Math.min(RUNS, 300), seed: 33 });
    expect(refused).toBeGreaterThan(10);
  });
});
