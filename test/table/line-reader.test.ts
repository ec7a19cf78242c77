/**
 * A LineReader is given the rows of unquoted text after the header (not only in large files): the property in
 * test/line-kernel.property.test.ts compares both ways, and would compare nothing if no row came this way.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { BUILTIN_MEASURES } from '../../src/catalogue/measures.js';
import { openRecords } from '../../src/io/records.js';
import type { LineCells } from '../../src/table/rows.js';
import { scanCells } from '../../src/table/rows.js';
import { scratchDir } from '../helpers.js';

async function split(text: Buffer): Promise<{ viaCells: number[]; viaLines: { line: number; province: string; count: string }[] }> {
  const path = join(scratchDir(), 'lines.csv');
  writeFileSync(path, text);
  const options = { encoding: 'auto' as const, measures: BUILTIN_MEASURES };
  const viaCells: number[] = [];
  const viaLines: { line: number; province: string; count: string }[] = [];
  await scanCells(openRecords(path, options), options, (_cells, line) => viaCells.push(line), {
    textColumns: () => [],
    onLine: (row: LineCells, line) => viaLines.push({ line, province: row.cells[0]!, count: row.decode(row.text.slice(row.starts.at(-1), row.ends.at(-1))) }),
  });
  return { viaCells, viaLines };
}

const rows = (count: number, end = '\n'): string =>
  ['省份,社区数', ...Array.from({ length: count }, (_, index) => `省${index},${index}`)].join(end) + end;

describe('LineReader', () => {
  it('reads all rows but the first few as lines, numbered as records are', async () => {
    const { viaCells, viaLines } = await split(Buffer.from(rows(100)));
    expect(viaCells.length + viaLines.length).toBe(100);
    expect(viaLines.length).toBeGreaterThan(80);
    expect(viaLines[0]).toEqual({ line: viaCells.at(-1)! + 1, province: `省${viaCells.length}`, count: String(viaCells.length) });
    expect(viaLines.at(-1)).toEqual({ line: 101, province: '省99', count: '99' });
  });

  it('decodes the text cells of GB18030 and of lone-CR files', async () => {
    const gb = await split(iconv.encode(rows(50), 'gb18030'));
    expect(gb.viaLines.at(-1)).toEqual({ line: 51, province: '省49', count: '49' });
    const cr = await split(Buffer.from(rows(50, '\r')));
    expect(cr.viaLines.at(-1)).toEqual({ line: 51, province: '省49', count: '49' });
  });

  it('gives a row that breaks a rule (a blank to fill, a footnote) the way of records', async () => {
    const text = ['省份,城市,社区数', ...Array.from({ length: 40 }, (_, index) => `省${index},市${index},${index}`), ',市40,7', '注：数据来自年鉴,,'].join('\n');
    const { viaCells, viaLines } = await split(Buffer.from(text));
    expect(viaLines.length).toBeGreaterThan(20);
    expect(viaLines.map((row) => row.line)).not.toContain(42);
    expect(viaCells).toContain(42); // the blank province, filled from the row above
    expect(viaLines.length + viaCells.length).toBe(41); // the footnote is no row
  });
});
