/** Error lines stay short whatever the input (issue 12): a 3 MB label is not a 3 MB message. */
import { describe, expect, it } from 'vitest';
import { MESSAGE_LIMIT, SvcError, messageLine } from '../../src/errors.js';

describe('error lines', () => {
  it('a quoted cell is cut to 60 characters with …, the line to 300', () => {
    const label = '广'.repeat(3_000_000);
    const line = new SvcError('UNKNOWN_UNIT', `'${label}' is not a province`, { file: 'p.csv', line: 2, column: 1 }, 'use province names').describe();
    expect(line).toBe(`p.csv:2:1: '${'广'.repeat(59)}…' is not a province (use province names)`);
    const long = new SvcError('USAGE', 'x'.repeat(10_000), { file: 'f'.repeat(1000) }, 'h'.repeat(1000)).describe();
    expect([...long].length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(long).not.toMatch(/\n/);
  });

  it('short messages are untouched; any text becomes one line', () => {
    expect(new SvcError('USAGE', "unknown indicator 'x'", {}).describe()).toBe("unknown indicator 'x'");
    expect(messageLine('a\n  b')).toBe('a b');
  });
});

describe('json numbers', () => {
  it('number cells are always valid JSON', async () => {
    const { jsonNumber } = await import('../../src/render/json.js');
    const cases: [string, string][] = [['05', '5'], ['2005', '2005'], ['.5', '0.5'], ['+1', '1'], ['1.', '1'], ['-0.50', '-0.50'],
      ['007.10', '7.10'], ['12345678901234567890', '12345678901234567890'], ['abc', '"abc"'], ['.', '"."'], ['', '""']];
    for (const [text, json] of cases) {
      expect(jsonNumber(text), text).toBe(json);
      expect(() => JSON.parse(jsonNumber(text))).not.toThrow();
    }
  });
});
