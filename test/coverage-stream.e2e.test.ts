/**
 * Per-row coverage streams (issue 11): through the real binary with a 64 MiB heap, an input far bigger than any
 * buffer (300,000 rows, 万人 cells with 1 to 4 decimals) gives the output computed here independently, in csv
 * and json; a human format above its row limit is refused; a failure half-way leaves no -o file behind.
 * Output and exit codes only: timing is in `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the bench, without types
import { generate } from '../bench/generate.mjs';
import { BIN, scratchDir } from './helpers.js';

const ROWS = 300_000;
const INDICATORS = 'population_per_community,centers_per_10k_residents,residents_per_center_10k';
let folder: string;
let input: string;

/** The CLI with a heap too small to hold the table (the held-table version dies at about 120,000 rows). */
function smallHeap(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--max-old-space-size=64', BIN, ...args], {
    env: { PATH: process.env['PATH'], LANG: 'C' }, encoding: 'utf8', maxBuffer: 1 << 30,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** n / d rounded half up to `places` (both ≥ 0, d > 0), as decimal text: BigInt, nothing shared with src/. */
function halfUp(n: bigint, d: bigint, places: number): string {
  const scaled = n * 10n ** BigInt(places);
  const digits = ((scaled * 2n + d) / (2n * d)).toString().padStart(places + 1, '0');
  return places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** The expected rows, from the generated file: persons = 万人 × 10^4 by moving the point. */
function expectedRows(text: string): string[][] {
  return text.trim().split('\n').slice(1).map((line) => {
    const [, , city, , population, , centers] = line.split(',');
    const [whole, fraction = ''] = population!.split('.');
    const persons = BigInt(whole! + fraction.padEnd(4, '0'));
    const centres = BigInt(centers!);
    return [city!, '1', persons.toString(), centres.toString(), persons.toString(), halfUp(centres * 10_000n, persons, 2),
      centres === 0n ? '' : halfUp(persons, centres * 10_000n, 2)];
  });
}

beforeAll(async () => {
  folder = scratchDir();
  input = join(folder, 'register.csv');
  await generate(ROWS, input, 7, 'mixed');
}, 60_000);

describe('per-row coverage streams', () => {
  it('writes csv row by row within a 64 MiB heap, every row as computed independently', () => {
    const run = smallHeap(['coverage', input, '--rows-are', 'communities', '-f', 'csv', '-i', INDICATORS]);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('unit,communities,urban_population,service_centers,population_per_community,centers_per_10k_residents,residents_per_center_10k');
    expect(lines.length).toBe(ROWS + 2); // and the final line feed
    const expected = expectedRows(readFileSync(input, 'utf8'));
    expect(lines.slice(1, -1)).toEqual(expected.map((row) => row.join(',')));
    // the zero denominators are counted over all rows: one line
    const zero = expected.filter((row) => row[6] === '').length;
    expect(run.stderr).toBe(`svc-stats: ${input}: column not read (no known measure, label or year): volunteers\nsvc-stats: values left missing because their denominator is zero: residents_per_center_10k (${
      expected.filter((row) => row[6] === '').slice(0, 5).map((row) => row[0]).join(', ')} and ${zero - 5} more)\n`);
  }, 120_000);

  it('writes json element by element, the same document as held whole', () => {
    const run = smallHeap(['coverage', input, '--rows-are', 'communities', '-f', 'json', '-i', INDICATORS, '-q']);
    expect(run.status).toBe(0);
    const ids = ['unit', 'communities', 'urban_population', 'service_centers', 'population_per_community', 'centers_per_10k_residents', 'residents_per_center_10k'];
    const objects = expectedRows(readFileSync(input, 'utf8')).map((row) =>
      `  {${row.map((cell, index) => `"${ids[index]}":${index === 0 ? JSON.stringify(cell) : cell === '' ? 'null' : cell}`).join(',')}}`);
    expect(run.stdout).toBe(`[\n${objects.join(',\n')}\n]\n`);
  }, 120_000);

  it('refuses a table, md or xlsx above the rows they hold: one line, exit 2, nothing written', () => {
    for (const format of ['table', 'md', 'xlsx']) {
      const output = join(folder, `refused.${format === 'table' ? 'txt' : format}`);
      const run = smallHeap(['coverage', input, '--rows-are', 'communities', '-f', format, '-o', output]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^svc-stats: more than 100,000 rows: the \w+ format lays out every row at once, and holds at most that many \(use -f csv or -f ndjson, which write rows as they come\)\n$/);
      expect(existsSync(output)).toBe(false);
    }
  }, 120_000);

  it('leaves no -o file, and no temporary one, when a row far down fails', () => {
    const text = readFileSync(input, 'utf8').split('\n');
    text[250_000] = text[250_000]!.replace(/,(\d+),(\d+),(\d+),(\d+)$/, ',$1,x,$3,$4');
    const bad = join(folder, 'bad.csv');
    writeFileSync(bad, text.join('\n'));
    const outFolder = scratchDir();
    const run = smallHeap(['coverage', bad, '--rows-are', 'communities', '-f', 'csv', '-i', INDICATORS, '-o', join(outFolder, 'out.csv')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(':250001:7: service_centers: \'x\' is not a number');
    expect(readdirSync(outFolder)).toEqual([]);
  }, 120_000);
});
