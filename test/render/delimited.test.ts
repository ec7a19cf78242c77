/**
 * csv and tsv are written line by line (render/delimited.ts), so that a streamed report writes as it goes; the
 * bytes stay papaparse's unparse, which wrote them before: the two agree on random cells, quotes, delimiters,
 * line breaks, BOMs and blanks included, neutralised or raw.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DelimitedBytes, delimitedHeader, neutralise, renderDelimited } from '../../src/render/delimited.js';
import type { OutputTable } from '../../src/render/model.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1000);
const piece = fc.constantFrom('a', '北京', ',', '\t', '"', '\r', '\n', ' ', '\u3000', '\uFEFF', '=', '+', '-', '@', '1', '.', "'", '\uFF1D', '\uD800', '~', '\u007F');
const text = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(''));

describe('renderDelimited', () => {
  it('writes what papaparse unparse wrote, for any cells', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(text, fc.constantFrom('text' as const, 'number' as const)), { minLength: 1, maxLength: 4 }).chain((columns) => fc.tuple(
        fc.constant(columns),
        fc.array(fc.tuple(...columns.map(() => fc.option(text, { nil: null }))), { maxLength: 4 }),
      )),
      fc.constantFrom(',' as const, '\t' as const), fc.boolean(),
      ([columns, rows], delimiter, raw) => {
        const table: OutputTable = { columns: columns.map(([id, kind]) => ({ id, label: id, kind })), rows };
        const cells = rows.map((row) => row.map((cell, index) => (cell === null ? '' : raw || columns[index]![1] === 'number' ? cell : neutralise(cell))));
        const papa = `${Papa.unparse([columns.map(([id]) => id), ...cells], { delimiter, newline: '\n', quotes: false, escapeFormulae: false })}\n`;
        expect(renderDelimited(table, delimiter, raw)).toBe(papa);
      },
    ), { numRuns: RUNS });
  });

  it('gives the same bytes written straight into a buffer, row by row (DelimitedBytes)', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(text, fc.constantFrom('text' as const, 'number' as const)), { minLength: 1, maxLength: 4 }).chain((columns) => fc.tuple(
        fc.constant(columns),
        fc.array(fc.tuple(...columns.map(() => fc.option(text, { nil: null }))), { maxLength: 6 }),
        fc.integer({ min: 1, max: 3 }),
      )),
      fc.constantFrom(',' as const, '\t' as const), fc.boolean(),
      ([columns, rows, every], delimiter, raw) => {
        const table: OutputTable = { columns: columns.map(([id, kind]) => ({ id, label: id, kind })), rows };
        const bytes = new DelimitedBytes(table.columns, delimiter, raw);
        bytes.write(delimitedHeader(table.columns, delimiter));
        const taken: Uint8Array[] = [];
        rows.forEach((row, index) => {
          bytes.row(row);
          if (index % every === 0) taken.push(bytes.take());
        });
        taken.push(bytes.take());
        expect(Buffer.concat(taken).toString('hex')).toBe(Buffer.from(renderDelimited(table, delimiter, raw), 'utf8').toString('hex'));
      },
    ), { numRuns: RUNS });
  });
});
