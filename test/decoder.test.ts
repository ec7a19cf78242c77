/** The piece decoder and exact sums at the scale where they once went quadratic (issue 11). */
import { describe, expect, it } from 'vitest';
import { PieceDecoder } from '../src/io/sources/encoding.js';
import type { Rational } from '../src/exact/rational.js';
import { ZERO, add, subtract } from '../src/exact/rational.js';
import { maxMinRatio } from '../src/stats/equity.js';
import { describeValues } from '../src/stats/describe.js';

describe('PieceDecoder', () => {
  it('streams a CR-only input: each block gives its complete lines, not one string at the end', () => {
    const decoder = new PieceDecoder({ encoding: 'utf8', bomLength: 0 }, 'x.csv');
    expect(decoder.push(Buffer.from('a,b\r1,2\r3,'))).toBe('a,b\n1,2\n');
    expect(decoder.push(Buffer.from('4\r'))).toBe(''); // a final CR may start a CRLF: it waits
    expect(decoder.push(Buffer.from('\n5,6\r'))).toBe('3,4\n');
    expect(decoder.end()).toBe('5,6\n');
  });

  it('keeps a long line as blocks and refuses it past the limit, naming its line', () => {
    const decoder = new PieceDecoder({ encoding: 'utf8', bomLength: 0 }, 'x.csv', { lineLimit: 1 << 20 });
    expect(decoder.push(Buffer.from('a,b\n'))).toBe('a,b\n');
    const block = Buffer.alloc(64 << 10, 0x41);
    for (let index = 0; index < 16; index += 1) expect(decoder.push(block)).toBe('');
    expect(() => decoder.push(block)).toThrow(/a line longer than 1 MiB/);
  });

  it('joins a line that spans many blocks once', () => {
    const decoder = new PieceDecoder({ encoding: 'utf8', bomLength: 0 }, 'x.csv');
    for (let index = 0; index < 100; index += 1) expect(decoder.push(Buffer.from('x'))).toBe('');
    expect(decoder.push(Buffer.from('\ny'))).toBe(`${'x'.repeat(100)}\n`);
    expect(decoder.end()).toBe('y');
  });
});

describe('add and subtract keep denominators small', () => {
  it('a sum of 100,000 decimals with 1 to 4 places keeps a denominator of at most 10^4', () => {
    const values: Rational[] = [{ n: 125n, d: 100n }, { n: 15n, d: 10n }, { n: 125n, d: 1000n }, { n: 625n, d: 10000n }, { n: 7n, d: 1n }];
    let sum = ZERO;
    for (let index = 0; index < 100_000; index += 1) sum = add(sum, values[index % values.length]!);
    expect(sum.d <= 10_000n).toBe(true);
    // 20,000 × (1.25 + 1.5 + 0.125 + 0.0625 + 7) = 198,750
    expect(sum.n * 1n).toBe(198_750n * sum.d);
    expect(subtract(sum, sum).n).toBe(0n);
  });

  it('returns lowest terms when denominators differ', () => {
    expect(add({ n: 1n, d: 4n }, { n: 1n, d: 4n * 3n })).toEqual({ n: 1n, d: 3n });
    expect(add({ n: 1n, d: 10n }, { n: 9n, d: 100n })).toEqual({ n: 19n, d: 100n });
    expect(subtract({ n: 3n, d: 2n }, { n: 1n, d: 6n })).toEqual({ n: 4n, d: 3n });
  });
});

describe('statistics of data-sized arrays', () => {
  it('maxMinRatio and describeValues take 500,000 values (a spread overflowed the stack)', () => {
    const values = new Float64Array(500_000).map((_, index) => 1 + (index % 1000));
    expect(maxMinRatio(values)).toBe(1000);
    const description = describeValues(values, 'sample', 'linear');
    expect(description.min).toBe(1);
    expect(description.max).toBe(1000);
    expect(description.median).toBe(500.5);
  });
});

describe('scaledInteger: the fast path of 万/亿 cells', async () => {
  const { scaledInteger } = await import('../src/engine/sums.js');
  it.each<[string, number, number]>([
    ['1.25', 4, 12500], ['1.5', 4, 15000], ['0.0625', 4, 625], ['7', 4, 70000], ['12345678901', 4, 123456789010000],
    ['3.1', 8, 310000000],
  ])('%s × 10^%i = %i', (cell, power10, expected) => expect(scaledInteger(cell, power10)).toBe(expected));
  it.each<[string, number]>([
    ['1.23456', 4], ['', 4], [' 1.5', 4], ['1,234', 4], ['-1.5', 4], ['1.', 4], ['.5', 4], ['1e5', 4], ['…', 4], ['１.５', 4],
    ['123456789012', 4], ['12345678', 8],
  ])('%s × 10^%i goes the exact way', (cell, power10) => expect(scaledInteger(cell, power10)).toBe(-1));
});

describe('withoutSimpleQuotes: quoted text read as fast as unquoted', async () => {
  const { withoutSimpleQuotes } = await import('../src/io/csv/records.js');
  const strip = (text: string): string | undefined => {
    const out = withoutSimpleQuotes(Buffer.from(text), 0x2c);
    return out === undefined ? undefined : Buffer.from(out).toString();
  };
  it('drops the quotes of cells that hold no quote, delimiter or line break', () => {
    expect(strip('"广东","C1","12"\n"",x,"3"\r\n"a"')).toBe('广东,C1,12\n,x,3\r\na');
  });
  it.each(['"a,b",1\n', '"a""b",1\n', 'a"b,1\n', '"a"b,1\n', '"a" ,1\n', ' "a",1\n', '"a\nb",1\n', '"a', 'plain,1\n'])(
    'leaves %j to the full parser', (text) => expect(strip(text)).toBeUndefined());
});

describe('an input detected as GB18030 is checked for UTF-8 lines over all of it', async () => {
  const iconv = (await import('iconv-lite')).default;
  for (const lineEnd of ['\n', '\r', '\r\n']) {
    it(`names the first UTF-8 line (${JSON.stringify(lineEnd)} line ends)`, () => {
      const decoder = new PieceDecoder({ encoding: 'gb18030', bomLength: 0 }, 'x.csv', { autoDetected: true });
      const gb = iconv.encode(['地区,社区数', '广东,1', '广西,2', ''].join(lineEnd), 'gb18030');
      // a final CR waits for the next byte (it may begin a CRLF)
      expect(decoder.push(gb)).toMatch(/^地区,社区数\n广东,1\n/);
      expect(() => decoder.push(Buffer.from(['北京,3', '天津,4', ''].join(lineEnd)))).toThrow(/mixed encodings: the line is UTF-8/);
      try {
        new PieceDecoder({ encoding: 'gb18030', bomLength: 0 }, 'x.csv', { autoDetected: true }).push(Buffer.concat([gb, Buffer.from(`x,1${lineEnd}北京,3${lineEnd}`)]));
      } catch (error) {
        expect((error as { location: { line: number } }).location.line).toBe(5);
      }
    });
  }
  it('leaves a GB18030 input chosen with --encoding alone', () => {
    const decoder = new PieceDecoder({ encoding: 'gb18030', bomLength: 0 }, 'x.csv');
    expect(decoder.push(Buffer.from('北京,3\n'))).toBe('鍖椾含,3\n');
  });
});
