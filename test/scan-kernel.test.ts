/**
 * The scan kernel's module on its own (src/table/scan-kernel.ts over wasm/scan-kernel.ts): which lines it sums,
 * which it hands to JavaScript and why, and its sums exact where doubles would not be.
 */
import { describe, expect, it } from 'vitest';
import {
  SCAN_DONE, SCAN_FOLD, SCAN_FULL, SCAN_HANDED, SPAN_SKIPPED, SPAN_SUMMED, SPAN_UNDECIDED, ScanKernel,
} from '../src/table/scan-kernel.js';

/** province,city,code,count,万人 */
const shape = { width: 5, spanTo: 1, measures: [{ index: 3, power10: 0 }, { index: 4, power10: 4 }], unread: [2], delimiter: ',' };

/** Scans `text`, deciding every new span with `decide`; the lines handed over and the sums folded per span. */
function run(text: string, decide: (span: number, line: string) => number = () => SPAN_SUMMED) {
  const kernel = ScanKernel.of(shape)!;
  const handed: string[] = [];
  const decided = new Set<number>();
  expect(kernel.put(text)).toBe(true);
  let lines = 0;
  for (;;) {
    const status = kernel.scan();
    lines += kernel.takeLinesRead();
    if (status === SCAN_DONE) break;
    if (status === SCAN_FOLD || status === SCAN_FULL) throw new Error(`status ${status}`);
    expect(status).toBe(SCAN_HANDED);
    const line = text.slice(kernel.handedStart, kernel.handedEnd);
    handed.push(line);
    const span = kernel.handedSpan;
    if (span >= 0 && kernel.stateOf(span) === SPAN_UNDECIDED) {
      kernel.decide(span, decide(span, line));
      decided.add(span);
    }
    kernel.seek(kernel.handedEnd + 1);
  }
  const sums = new Map<number, { count: number; sums: readonly bigint[] }>();
  kernel.fold(decided, (span, count, values) => sums.set(span, { count, sums: values }));
  return { handed, sums, lines };
}

const bytes = (text: string): string => Buffer.from(text).toString('latin1');

describe('the scan kernel', () => {
  it('sums the rows of a decided span, the first handed over to decide it', () => {
    const text = bytes('广东,广州,C1,3,1.5\n广东,广州,C2,4,2\n广东,深圳,C3,5,0.0001\n广东,广州,C4,6,10.25');
    const { handed, sums, lines } = run(text);
    expect(handed).toEqual([bytes('广东,广州,C1,3,1.5'), bytes('广东,深圳,C3,5,0.0001')]);
    expect(lines).toBe(2);
    // 万人 scaled to persons: 2 → 20000, 10.25 → 102500
    expect([...sums.values()]).toEqual([{ count: 2, sums: [10n, 122_500n] }]);
  });

  it('hands over every line it does not read in place, and reads none of them', () => {
    const first = bytes('广东,广州,C1,1,1');
    const odd = [
      '广东,广州,C2,1', // another width
      '广东,广州,C3,1,1,1',
      '广东,广州,"C4",1,1', // a quote
      '广东,广州,C5,1,1\r', // a carriage return
      '广东,广州,C 6,1,1', // a code with a blank
      '广东,广州,,1,1', // an empty code
      '广东,广州,C7,,1', // an empty count
      '广东,广州,C8,1.5,1', // a count with decimals
      '广东,广州,C9,1,1.23456', // more decimals than 万 has places
      '广东,广州,C10,1,.5',
      '广东,广州,C11,1,5.',
      '广东,广州,C12,1234567890123456,1', // 16 digits
      '广东,广州,C13,1,123456789012.1', // 16 digits once scaled (15 is the limit)
      '广东,广州,C14,-1,1',
      '广东,广州,C15,１,1',
      '',
    ].map(bytes);
    const { handed, sums } = run([first, ...odd, bytes('广东,广州,C16,2,2')].join('\n'));
    expect(handed).toEqual([first, ...odd]);
    expect([...sums.values()]).toEqual([{ count: 1, sums: [2n, 20_000n] }]);
  });

  it('reads the rows of a skipped span without summing them, and hands over those of an undecided one', () => {
    const text = bytes('北京,东城,C1,1,1\n北京,东城,C2,1,1\n上海,黄浦,C3,1,1\n上海,黄浦,C4,1,1\n');
    const { handed, sums, lines } = run(text, (span, line) => (line.startsWith(bytes('北京')) ? SPAN_SKIPPED : SPAN_UNDECIDED));
    expect(handed).toEqual([bytes('北京,东城,C1,1,1'), bytes('上海,黄浦,C3,1,1'), bytes('上海,黄浦,C4,1,1')]);
    expect(lines).toBe(1);
    expect(sums.size).toBe(0);
  });

  it('keeps sums past 2^53 exact, and stops to have them folded before they could overflow', () => {
    const big = '999999999999999';
    const rows = Array.from({ length: 9300 }, (_, index) => `广东,广州,C${index},${big},1`);
    const kernel = ScanKernel.of(shape)!;
    kernel.put(bytes(rows.join('\n')));
    expect(kernel.scan()).toBe(SCAN_HANDED);
    kernel.decide(kernel.handedSpan, SPAN_SUMMED);
    kernel.seek(kernel.handedEnd + 1);
    let total = 0n;
    let count = 0;
    let folds = 0;
    for (let status = kernel.scan(); status !== SCAN_DONE; status = kernel.scan()) {
      expect(status).toBe(SCAN_FOLD);
      folds += 1;
      kernel.fold([0], (_, rows, values) => {
        count += rows;
        total += values[0]!;
      });
    }
    kernel.fold([0], (_, rows, values) => {
      count += rows;
      total += values[0]!;
    });
    expect(folds).toBeGreaterThan(0);
    expect(count).toBe(9299);
    expect(total).toBe(BigInt(big) * 9299n);
  });

  it('says when its table of spans is full, at the line it could not place', () => {
    const rows = Array.from({ length: 17_000 }, (_, index) => `广东,市${index},C${index},1,1`);
    const kernel = ScanKernel.of(shape)!;
    const text = bytes(rows.join('\n'));
    kernel.put(text);
    let spans = 0;
    for (;;) {
      const status = kernel.scan();
      if (status === SCAN_FULL) break;
      expect(status).toBe(SCAN_HANDED);
      spans += 1;
      kernel.seek(kernel.handedEnd + 1);
    }
    expect(spans).toBe(16_384);
    expect(text.slice(kernel.handedStart, kernel.handedEnd)).toBe(bytes(rows[16_384]!));
  });

  it('takes no table beyond it', () => {
    expect(ScanKernel.of({ ...shape, delimiter: '"' })).toBeUndefined();
    expect(ScanKernel.of({ ...shape, width: 65 })).toBeUndefined();
    expect(ScanKernel.of({ ...shape, measures: [] })).toBeUndefined();
    expect(ScanKernel.of({ ...shape, measures: [{ index: 1, power10: 0 }] })).toBeUndefined(); // inside the span
    expect(ScanKernel.of({ ...shape, measures: [{ index: 3, power10: -1 }] })).toBeUndefined();
    expect(ScanKernel.of({ ...shape, delimiter: '\t' })).toBeDefined();
  });
});
