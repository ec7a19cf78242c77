import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OutputTable } from '../../src/render/model.js';
import { displayWidth, groupDigits, renderTable } from '../../src/render/table.js';

const plain = new Chalk({ level: 0 });
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);

const word = fc.stringMatching(/^[a-z地区社区服务中心城镇人口数每万拥有]{1,8}$/);
const label = fc.array(fc.oneof(word, word.map((text) => `（${text}）`), word.map((text) => `(${text})`)), { minLength: 1, maxLength: 4 })
  .map((pieces) => pieces.join(' ').replace(/ (?=[（(])/g, ''));
const numberCell = fc.oneof(fc.integer({ min: -1e9, max: 1e12 }).map(String), fc.integer({ min: 0, max: 99999 }).map((n) => (n / 100).toFixed(2)));

const tables = fc.integer({ min: 1, max: 14 }).chain((width) =>
  fc.record({
    labels: fc.array(label, { minLength: width, maxLength: width }),
    rows: fc.array(fc.tuple(word, fc.array(fc.option(numberCell, { nil: null }), { minLength: width - 1, maxLength: width - 1 })), { minLength: 0, maxLength: 9 }),
  }).map(({ labels, rows }): OutputTable => ({
    columns: labels.map((text, index) => ({ id: `c${index}`, label: text, kind: index === 0 ? 'text' : 'number' })),
    rows: rows.map(([unit, cells]) => [unit, ...cells]),
  })));

/** The narrowest a block of the label column and column j can be: each at its widest cell or unbreakable piece. */
function narrowest(table: OutputTable, column: number): number {
  const width = (index: number) => {
    const pieces = (table.columns[index]?.label ?? '').split(/\s+|(?=[（(])/).map(displayWidth);
    const cells = table.rows.map((row) => displayWidth(row[index] === null ? '—' : groupDigits(row[index] ?? '')));
    return Math.max(0, ...pieces, ...cells) + 3;
  };
  return 1 + width(0) + (column === 0 ? 0 : width(column));
}

describe('renderTable: properties', () => {
  it('every line fits whenever the label column and any one other column can fit; no cell lost', () => {
    fc.assert(fc.property(tables, fc.integer({ min: 30, max: 200 }), (table, width) => {
      const text = renderTable(table, plain, width);
      const feasible = table.columns.every((_, index) => narrowest(table, index) <= width);
      if (feasible) {
        for (const line of text.replace(/\n$/, '').split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      }
      // numbers and labels are never wrapped (a text cell too wide for any block is: see the example below)
      for (const row of table.rows) {
        row.forEach((cell, index) => {
          if (cell !== null && (index === 0 || table.columns[index]?.kind === 'number')) expect(text).toContain(groupDigits(cell));
        });
      }
    }), { numRuns: RUNS });
    // 300 layouts take about 8 s of one core: room for a loaded machine (a time-out, not a timing)
  }, 120_000);

  it('a text column too wide for any block is wrapped at blanks, every word kept, every line within the width', () => {
    const source = 'MCA 2009 report on community public services, Table 1 (7031 in 2005)';
    const table = {
      columns: [{ id: 'id', label: 'id', kind: 'text' as const }, { id: 'note', label: 'note', kind: 'text' as const }],
      rows: [['population_per_community', source], ['x', '每万城镇人口拥有社区服务中心数每万城镇人口拥有社区服务中心数']],
    };
    const text = renderTable(table, plain, 50);
    for (const line of text.replace(/\n$/, '').split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(50);
    const noteLines = text.split('\n').filter((line) => line.startsWith('│')).map((line) => line.split('│')[2]!.trim());
    expect(noteLines.join(' ').replace(/\s+/g, ' ')).toContain(source);
    expect(noteLines.join('')).toContain('每万城镇人口拥有社区服务中心数每万城镇人口拥有社区服务中心数');
  });
});
