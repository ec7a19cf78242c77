/**
 * Property-based fuzzing with fast-check: the reader on random bytes and random valid tables in random
 * encodings, and every output format. FUZZ_RUNS=N raises the number of cases (default 1000 a property).
 */
import { withoutInvisible } from '../src/catalogue/gazetteer.js';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { SvcError } from '../src/errors.js';
import { toDecimalString } from '../src/exact/rational.js';
import { BUILTIN_MEASURES } from '../src/catalogue/measures.js';
import type { EncodingChoice } from '../src/io/sources/encoding.js';
import { openRecords } from '../src/io/records.js';
import type { RecordOptions } from '../src/io/records.js';
import type { TableOptions } from '../src/table/rows.js';
import { readTable as readRows } from '../src/table/rows.js';
import { unitKey } from '../src/catalogue/row-labels.js';

/** A source read as every command reads it: its records, then its table. */
function readTable(source: string, options: RecordOptions & TableOptions) {
  return readRows(openRecords(source, options), options);
}
import { render } from '../src/render/format.js';
import type { Format, ReportTable } from '../src/render/model.js';
import { runCli } from './helpers.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1000);

function read(bytes: Uint8Array, encoding: EncodingChoice = 'auto') {
  return readTable('-', { encoding, measures: BUILTIN_MEASURES, stdin: Readable.from([Buffer.from(bytes)]) });
}

/** Labels a reader keeps as they are: printable, no surrounding blanks, not a number-like marker. */
const label = fc
  .string({ unit: fc.oneof(fc.constantFrom('北', '京', '省', 'a', 'Z', ',', '"', ' ', '|', '=', '#', '\u00e9', '\u{20000}'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 12 })
  // no control characters (refused in labels); no private-use or vertical forms (U+E000–F8FF, U+FE10–FE19),
  // whose GB18030 bytes changed in GB18030-2022: iconv-lite encodes the 2005 mapping, WHATWG decodes the 2022 one
  .map((text) => text.replace(/[\u0000-\u001f\u007f\ue000-\uf8ff\ufe10-\ufe19]/g, '').trim())
  .filter((text) => text !== '' && !text.startsWith('\uFEFF'));
const count = fc.oneof(fc.constant(null), fc.bigInt(0n, 10n ** 25n));

// one row per unit: two rows of one unit are an error (issue 10), so labels are unique as the reader compares them
const table = fc.uniqueArray(fc.tuple(label, count, count), { minLength: 1, maxLength: 20, selector: ([unit]) => unitKey(readBack(unit)) });

/** A label as read: invisible characters (U+200B, U+2060 …) removed, with a note (issue 18). */
function readBack(unit: string): string {
  return withoutInvisible(unit).text.trim();
}

function csvText(rows: [string, bigint | null, bigint | null][]): string {
  const quote = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return ['地区,社区数（个）,城镇人口（人）', ...rows.map(([unit, communities, population]) =>
    [quote(unit), communities ?? '', population ?? '…'].join(','))].join('\n') + '\n';
}

describe('reader fuzzing', () => {
  it('random bytes: a table or an SvcError, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.constantFrom<EncodingChoice>('auto', 'utf8', 'gb18030', 'utf16le'), async (bytes, encoding) => {
        try {
          await read(bytes, encoding);
        } catch (error) {
          expect(error).toBeInstanceOf(SvcError);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('random bytes after a valid header: a table or an SvcError', async () => {
    const header = Buffer.from('地区,社区数,城镇人口\n');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        try {
          await read(Buffer.concat([header, bytes]));
        } catch (error) {
          expect(error).toBeInstanceOf(SvcError);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('valid tables in any encoding read back to the same labels and exact values', async () => {
    const encodings = fc.constantFrom('utf8', 'utf8-bom', 'utf16le-bom', 'gb18030');
    await fc.assert(
      fc.asyncProperty(table, encodings, async (rows, encoding) => {
        const text = csvText(rows);
        const bytes = encoding === 'utf8' ? Buffer.from(text)
          : encoding === 'utf8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
          : encoding === 'utf16le-bom' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
          : iconv.encode(text, 'gb18030');
        // GB18030 bytes may happen to be valid UTF-8, so that encoding is named, as a user would
        const result = await read(bytes, encoding === 'gb18030' ? 'gb18030' : 'auto');
        expect(result.rows.map((row) => row.label)).toEqual(rows.map(([unit]) => readBack(unit)));
        expect(result.rows.map((row) => row.values.map((value) => (value === null ? null : toDecimalString(value))))).toEqual(
          rows.map(([, communities, population]) => [communities?.toString() ?? null, population?.toString() ?? null]),
        );
      }),
      { numRuns: RUNS },
    );
  });
});

describe('writer fuzzing: every format', () => {
  const cell = fc.oneof(fc.constant(null), fc.string({ maxLength: 10 }));
  const number = fc.oneof(fc.constant(null), fc.bigInt(-(10n ** 20n), 10n ** 20n).map(String), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((x) => x.toFixed(3)));
  const outputTable = fc.array(fc.tuple(cell, number), { maxLength: 15 }).map((rows): ReportTable => ({
    columns: [{ id: 'unit', label: { zh: '地区', en: 'unit' }, kind: 'text' }, { id: 'value', label: { zh: '值', en: 'value' }, kind: 'number' }],
    rows,
  }));
  const options = (raw: boolean) => ({ format: undefined, output: undefined, bom: false, color: false, raw, lang: 'zh' as const });

  it('json and ndjson parse back to the same values', async () => {
    await fc.assert(
      fc.asyncProperty(outputTable, async (output) => {
        const expected = output.rows.map(([unit, value]) => ({ unit, value: value === null ? null : Number(value) }));
        expect(JSON.parse(await render(output, 'json', options(false), false))).toEqual(expected);
        const lines = (await render(output, 'ndjson', options(false), false)).split('\n').filter(Boolean);
        expect(lines.map((line) => JSON.parse(line))).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('csv and tsv (raw) parse back to the same cells; neutralised ones gain only a leading quote', async () => {
    await fc.assert(
      fc.asyncProperty(outputTable, fc.constantFrom<Format>('csv', 'tsv'), async (output, format) => {
        const delimiter = format === 'csv' ? ',' : '\t';
        const back = parse(await render(output, format, options(true), false), { delimiter, relax_column_count: false }) as string[][];
        expect(back.slice(1)).toEqual(output.rows.map((row) => row.map((value) => value ?? '')));
        const safe = parse(await render(output, format, options(false), false), { delimiter }) as string[][];
        safe.slice(1).forEach((row, index) => {
          const original = output.rows[index]![0] ?? '';
          expect([original, `'${original}`]).toContain(row[0]);
          expect(row[1]).toBe(output.rows[index]![1] ?? '');
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('md and table render one line per row', async () => {
    await fc.assert(
      fc.asyncProperty(outputTable.filter((output) => output.rows.every(([unit]) => unit === null || !/[\r\n\u2028\u2029\u0085\u000b\u000c]/.test(unit))), async (output) => {
        expect((await render(output, 'md', options(false), false)).trimEnd().split('\n')).toHaveLength(output.rows.length + 2);
        await expect(render(output, 'table', options(false), false)).resolves.toContain('┌');
      }),
      { numRuns: Math.min(RUNS, 300) },
    );
  });
});

describe('the real binary on random bytes', () => {
  it('exits 0 or 2, never with a stack trace', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => {
        const run = runCli(['coverage', '-', '-f', 'json'], { input: Buffer.from(bytes) });
        expect([0, 2]).toContain(run.status);
        expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
      }),
      { numRuns: Number(process.env['FUZZ_CLI_RUNS'] ?? 25) },
    );
  });
});
